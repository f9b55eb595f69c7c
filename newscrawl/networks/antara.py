"""Antara's provincial bureaus: ``<bureau>.antaranews.com`` (``jabar``, ``sumut``, ...).

Evidence (public code and link lists, no saved page): article URLs are
``<bureau>.antaranews.com/berita/<id>/<slug>`` on every bureau seen (jabar, sumut, sumbar,
sumsel, jogja, mataram, papua) as on www.antaranews.com; long articles page by
``?page=N`` and show whole with ``?page=all``; home and index lists are
``article.simple-post`` entries whose date is in ``.simple-share span``; the body opens with
the dateline "Kota (ANTARA) - ".

Thin: no Antara page was saved, so the article is read by the generic extractor and the
page links are found by their ``?page=`` URLs, not by markup. The bureaus listed are those
seen in the evidence; the others (about 34) are one line each once checked. Public scrapers
disagree on the date form of ``/indeks`` (``/indeks/YYYY/MM/DD``, ``/indeks/YYYY-MM-DD``,
``/indeks/DD-MM-YYYY``), so no archive is walked: a backfill falls back to the listings.
"""

from __future__ import annotations

import re

from newscrawl.extract.generic import GenericExtractor
from newscrawl.networks.base import Examples
from newscrawl.networks.paged import QueryPaged
from newscrawl.normalize.boilerplate import Rules

ANTARA_RULES = Rules().extend(dateline=(r"[A-Z][\w.'’ ]{0,40}\s*\(ANTARA\)",))


class AntaraExtractor(GenericExtractor):
    """The generic extractor with Antara's dateline."""

    rules = ANTARA_RULES


class Antara(QueryPaged):
    """Crawl rules of Antara's bureaus."""

    name = "antara"
    extractor = AntaraExtractor()
    EXAMPLES = Examples(
        articles=(
            "https://jabar.antaranews.com/berita/472419/gubernur-tinjau-posyandu",
            "https://sumut.antaranews.com/berita/540975/aset-kereta-api-kembali",
            "https://www.antaranews.com/berita/4837297/kode-wilayah-administrasi",
        ),
        listings=(
            "https://jabar.antaranews.com/",
            "https://jabar.antaranews.com/terkini",
            "https://jabar.antaranews.com/indeks/2",
            "https://jabar.antaranews.com/bandung-raya",
        ),
        others=(
            "https://jabar.antaranews.com/tag/posyandu",
            "https://jabar.antaranews.com/foto/123456/galeri-posyandu",
            "https://jabar.antaranews.com/video/123457/liputan-posyandu",
            "https://www.antaranews.com/berita/ekonomi/cadangan-devisa",
        ),
        variants=(
            (
                "https://jabar.antaranews.com/berita/472419/gubernur-tinjau-posyandu?page=all",
                "https://jabar.antaranews.com/berita/472419/gubernur-tinjau-posyandu",
            ),
            (
                "https://jabar.antaranews.com/berita/472419/gubernur-tinjau-posyandu?page=2",
                "https://jabar.antaranews.com/berita/472419/gubernur-tinjau-posyandu",
            ),
        ),
    )
    ARTICLE_PATH = re.compile(r"^/berita/\d{5,}/[\w-]+/?$")
    SECTION_LINKS = "nav a, ul.nav a, .navbar a"
    LISTING_ENTRY = "article.simple-post"
    ENTRY_DATE = ".simple-share span"

"""Suara.com's regional sites: ``<region>.suara.com`` (``jabar``, ``jateng``, ``jogja``, ...).

Evidence (public code and link lists, no saved page): a regional article is
``<region>.suara.com/read/<yyyy>/<mm>/<dd>/<hhmmss>/<slug>`` (seen on jabar, jateng, jatim,
jogja, surakarta, lampung and kalbar), www.suara.com's is
``/<kanal>/<yyyy>/<mm>/<dd>/<hhmmss>/<slug>``; long articles page by ``?page=N`` and show
whole with ``?page=all``; www.suara.com's index is ``/indeks/terkini/<kanal>/<year>``.

Thin: no Suara page was saved, so the article is read by the generic extractor and the page
links are found by their ``?page=`` URLs, not by markup. The separately branded sites the
issue names (``suarajogja.id``, ``suarabali.id``) were not seen in any evidence and are not
listed; their URL shape is unverified. The index is by year, not by day: no archive is
walked, a backfill falls back to the listings.
"""

from __future__ import annotations

import re

from newscrawl.extract.generic import GenericExtractor
from newscrawl.networks.base import Examples
from newscrawl.networks.paged import QueryPaged
from newscrawl.normalize.boilerplate import Rules

SUARA_RULES = Rules().extend(dateline=(r"(?:[A-Z][\w.'’ ]{0,40},\s*)?Suara[\w]*\.(?i:com|id)",))


class SuaraExtractor(GenericExtractor):
    """The generic extractor with Suara's dateline ("Semarang, Suara.com - ")."""

    rules = SUARA_RULES


class Suara(QueryPaged):
    """Crawl rules of Suara's regional sites."""

    name = "suara"
    extractor = SuaraExtractor()
    EXAMPLES = Examples(
        articles=(
            "https://jabar.suara.com/read/2022/09/17/165514/harga-bbm-naik-pabrik-berhenti",
            "https://jateng.suara.com/read/2023/04/18/102554/kasus-stunting-ditangani",
            "https://www.suara.com/lifestyle/2022/09/18/165000/pola-makan-sehat",
        ),
        listings=(
            "https://jateng.suara.com/",
            "https://jateng.suara.com/news",
            "https://jateng.suara.com/news?page=2",
            "https://www.suara.com/indeks/terkini/news/2024",
        ),
        others=(
            "https://jateng.suara.com/tag/stunting",
            "https://jateng.suara.com/search?q=stunting",
            "https://www.suara.com/foto/2024/06/19/galeri",
        ),
        variants=(
            (
                "https://jateng.suara.com/read/2023/04/18/102554/kasus-stunting-ditangani?page=all",
                "https://jateng.suara.com/read/2023/04/18/102554/kasus-stunting-ditangani",
            ),
            (
                "https://jateng.suara.com/read/2023/04/18/102554/kasus-stunting-ditangani?page=2",
                "https://jateng.suara.com/read/2023/04/18/102554/kasus-stunting-ditangani",
            ),
        ),
    )
    ARTICLE_PATH = re.compile(r"^/[\w-]+/\d{4}/\d{2}/\d{2}/\d{6}/[\w-]+/?$")
    SECTION_LINKS = "nav a, ul.nav a, .menu a"

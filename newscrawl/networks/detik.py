"""detik's regional desks (detikJabar, detikJateng, ...): ``www.detik.com/<desk>/``.

Evidence, from the saved real pages in ``../shared/real-pages/detik`` (home 2017 and 2022,
news.detik.com/indeks of Oct 2024) and their notes (STRUCTURE.md):

* desks are paths of www.detik.com, linked from the 2022 and 2024 pages (``/jabar``,
  ``/jateng``, ``/jatim``, ``/jogja``, ``/bali``, ``/sulsel``, ``/sumut``, ``/sumbagsel``);
  a desk's article is ``/<desk>/<kanal>/d-<id>/<slug>``, as every detik article since 2017
  (``news.detik.com/berita/d-7572645/<slug>``); the 2017 page also links the older
  ``/read/<yyyy>/<mm>/<dd>/<hhmmss>/<id>/<kanal>/<slug>`` form;
* listings are ``article.list-content__item`` entries whose ``.media__date span`` carries the
  absolute time in ``title``; the indeks pages page by ``.pagination__item`` links and take a
  day as ``?date=MM/DD/YYYY`` (the indeks form ``#form_indeks``, field ``date``): that is the
  archive a backfill walks.

Thin: no detik article page was saved. The article selectors (``h1.detail__title``,
``div.detail__author``, ``div.detail__date``, ``div.detail__body-text``) and the multi-page
scheme (``.detail__long-nav a.detail__anchor-numb``, page N at ``<article URL>/N``) come
from public scrapers' code, not pages; a desk's own listing markup is assumed to be the
indeks template's. Photo (``foto-*``, ``*-galeri``) and video (``detiktv``, 20.detik.com)
pages carry a ``d-<id>`` too and are not read as articles.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newscrawl.extract.base import Page
from newscrawl.extract.generic import GenericExtractor
from newscrawl.networks.base import Examples
from newscrawl.networks.desks import DeskNetwork, on_desk
from newscrawl.normalize.boilerplate import Rules
from newscrawl.normalize.urls import without_query
from newscrawl.portals import Portal

DETIK_RULES = Rules().extend(
    # "Bandung - ...": detik's dateline is the place and a dash, no outlet name
    promo=(r"^advertisement$", r"^scroll to (?:continue|resume) (?:with )?content$",
           r"^simak video\b"),
)  # fmt: skip
D_ID = re.compile(r"^/(?:[\w-]+/){1,3}d-\d{6,}/[\w-]+/?$")
OLD_READ = re.compile(r"^/read/\d{4}/\d{2}/\d{2}/\d{6}/\d{6,}/\d+/[\w-]+/?$")
MEDIA = re.compile(r"/(?:detiktv|foto[\w-]*|[\w-]*galeri|infografis|readfoto)/")
BYLINE_DESK = re.compile(r"\s+-\s+detik\w*$", re.IGNORECASE)


class DetikExtractor(GenericExtractor):
    """detik's article template (``detail__*`` classes)."""

    rules = DETIK_RULES
    TITLE = "h1.detail__title"
    AUTHORS = "div.detail__author"
    DATE = "div.detail__date"
    BODY = "div.detail__body-text"
    TAGS = "div.detail__body-tag a"

    def authors(self, page: Page, portal: Portal | None) -> list[str]:
        """ "Nama Penulis - detikJabar": the desk after the dash is not an author."""
        names = [BYLINE_DESK.sub("", n) for n in self.css_names(page)]
        split = [part.strip() for n in names for part in re.split(r",|\bdan\b", n)]
        return [n for n in dict.fromkeys(split) if n] or super().authors(page, portal)


class Detik(DeskNetwork):
    """Crawl rules of detik's desks."""

    name = "detik"
    extractor = DetikExtractor()
    EXAMPLES = Examples(
        articles=(
            "https://www.detik.com/sumut/hukum-dan-kriminal/d-6383907/warga-medan-tangkap-pencuri",
            "https://www.detik.com/jabar/berita/d-7572645/jalan-provinsi-diperbaiki",
            "https://news.detik.com/berita/d-7572645/kabar-dari-jakarta",
            "https://sport.detik.com/sepakbola/liga-indonesia/d-6383383/persib-menang",
            "https://news.detik.com/read/2017/09/16/133915/3645867/10/kabar-lama-dari-jakarta",
        ),
        listings=(
            "https://www.detik.com/jabar",
            "https://www.detik.com/jabar/berita",
            "https://www.detik.com/jabar/indeks",
            "https://news.detik.com/indeks/2",
            "https://news.detik.com/indeks?date=10/04/2024",
        ),
        others=(
            "https://travel.detik.com/fototravel/d-6383383/foto-pantai",
            "https://news.detik.com/detiktv/d-6383384/video-banjir",
            "https://oto.detik.com/oto-galeri/d-3646831/galeri-mobil",
            "https://20.detik.com/detikflash/20221102-221102065/video-singkat",
            "https://news.detik.com/x/detail/spotlight/20221102/Laporan-Khusus/",
            "https://www.detik.com/search/searchall?query=jabar",
        ),
        variants=(
            (
                "https://www.detik.com/jabar/berita/d-7572645/jalan-provinsi-diperbaiki/2",
                "https://www.detik.com/jabar/berita/d-7572645/jalan-provinsi-diperbaiki",
            ),
            (
                "https://www.detik.com/jabar/berita/d-7572645/jalan-provinsi-diperbaiki?single=1",
                "https://www.detik.com/jabar/berita/d-7572645/jalan-provinsi-diperbaiki",
            ),
        ),
    )
    TEMPLATE_MARK = "div.detail__body-text"
    SECTION_LINKS = "nav a, ul.nav a"
    LISTING_ENTRY = "article.list-content__item"
    ENTRY_DATE = ".media__date span::attr(title)"
    ARTICLE_PAGING = "div.detail__long-nav a.detail__anchor-numb"
    ARCHIVE = "{home}indeks?date={day:%m/%d/%Y}"

    def is_article(self, url: str) -> bool:
        path = _page_one(urlsplit(url).path)
        return bool(D_ID.match(path) or OLD_READ.match(path)) and not MEDIA.search(path)

    def article_url(self, url: str) -> str:
        return _page_one_url(super().article_url(url))

    def next_page(self, page: Page) -> str | None:
        """The pagination link after the active one (``/indeks/2``, ``?page=2``)."""
        items = page.sel.css("div.pagination a.pagination__item")
        classes = [a.attrib.get("class", "") for a in items]
        for i, cls in enumerate(classes[:-1]):
            href = items[i + 1].attrib.get("href", "").strip()
            if "pagination__item--active" in cls and href:
                found = on_desk(page, [page.absolute(href)])
                return found[0] if found else None
        return None

    def page_urls(self, page: Page) -> list[str]:
        """Page N of a long article is ``<article URL>/N``; page 1 links them all."""
        first = self.article_url(page.url)
        hrefs = page.sel.css(self.ARTICLE_PAGING).xpath("@href").getall()
        numbers = {_page_of(page.absolute(h)) for h in hrefs if h.strip()}
        return [f"{first}/{n}" for n in sorted(numbers) if n > 1]


def _page_of(url: str) -> int:
    match = re.search(r"/d-\d+/[\w-]+/(\d{1,2})/?$", urlsplit(url).path)
    return int(match.group(1)) if match else 1


def _page_one(path: str) -> str:
    """``/kanal/d-1/slug/2`` -> ``/kanal/d-1/slug``: later pages are the article's."""
    return re.sub(r"(/d-\d+/[\w-]+)/\d{1,2}/?$", r"\1", path)


def _page_one_url(url: str) -> str:
    parts = urlsplit(without_query(url))
    return parts._replace(path=_page_one(parts.path)).geturl()

"""Kompas.com's regional news: ``regional.kompas.com`` and its province pages.

Evidence: the saved www.kompas.com home of 2017 (``../shared/real-pages/kompas``) links
articles of every channel host as ``<channel>.kompas.com/read/<yyyy>/<mm>/<dd>/<id>/<slug>``
(``regional.kompas.com/read/2017/09/17/14340381/...``), channel pages as
``<channel>.kompas.com/<section>``, and ``indeks.kompas.com`` for the index. Public scrapers
(code, not pages) add: province pages at ``regional.kompas.com/<province>``
(``/jawa-tengah``), a date listing per channel at ``<channel>.kompas.com/search/<yyyy-mm-dd>/<n>``
(the archive a backfill walks), ``indeks.kompas.com/?site=<channel>&date=<yyyy-mm-dd>``, and
the article template ``h1.read__title``, ``div.read__time`` ("Kompas.com - 19/06/2024,
10:15 WIB"), ``div.read__content``, ``.breadcrumb__item``, ``.tag__article__item``; long
articles split into ``?page=N`` pages (``?page=all`` shows them at once).

Thin: no Kompas article, province or search page was saved. A province page's articles are
``/read/...`` URLs of the shared host, not under the province's path, so they cannot be told
apart by URL: a province portal keeps its sections and listing pages on its path and takes
every article its pages list. The date archive is the whole regional channel's, so only the
channel portal (``regional``) backfills.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from newscrawl.extract.base import Page
from newscrawl.extract.generic import GenericExtractor
from newscrawl.networks.base import Examples
from newscrawl.networks.desks import DeskNetwork
from newscrawl.normalize.boilerplate import Rules
from newscrawl.normalize.urls import page_number, with_page, without_query

KOMPAS_RULES = Rules().extend(
    dateline=(r"KOMPAS\.(?i:com)",),  # "PURWOREJO, KOMPAS.com -"
    promo=(r"^dapatkan update berita pilihan\b", r"^simak breaking news\b"),
)
READ = re.compile(r"^/read/\d{4}/\d{2}/\d{2}/\d{6,}/[\w.-]+/?$")


class KompasExtractor(GenericExtractor):
    """Kompas.com's article template (``read__*`` classes in a ``div``)."""

    rules = KOMPAS_RULES
    TITLE = "h1.read__title"
    DATE = "div.read__time"
    BODY = "div.read__content"
    SECTION = "ul.breadcrumb a.breadcrumb__link, .breadcrumb__item a"
    TAGS = ".tag__article__item a, a.tag__article__link"
    RELATED_BLOCKS = "p.baca-juga, div.baca-juga"
    AUTHORS = "div.read__author a"
    LEAD_PHOTO = "div.photo"

    def published_raw(self, page: Page) -> str | None:
        """ "Kompas.com - 19/06/2024, 10:15 WIB": the outlet name is no part of the date."""
        found = super().published_raw(page)
        return re.sub(r"^Kompas\.com\s*-\s*", "", found, flags=re.I) if found else None


class Kompas(DeskNetwork):
    """Crawl rules of Kompas.com's regional channel."""

    name = "kompas"
    extractor = KompasExtractor()
    EXAMPLES = Examples(
        articles=(
            "https://regional.kompas.com/read/2017/09/17/14340381/sekilas-kabar-dari-solo",
            "https://regional.kompas.com/read/2024/06/19/101500478/jalan-desa-diperbaiki",
            "https://nasional.kompas.com/read/2017/09/17/15011901/kabar-dari-jakarta",
        ),
        listings=(
            "https://regional.kompas.com/",
            "https://regional.kompas.com/jawa-tengah",
            "https://regional.kompas.com/search/2024-06-19/1",
            "https://indeks.kompas.com/?site=regional&date=2024-06-19",
        ),
        others=(
            "https://inside.kompas.com/about-us",
            "https://regional.kompas.com/search",
            "https://www.kompas.com/tag/banjir",
            "https://sso.kompas.com/login/a29tcGFz",
        ),
        variants=(
            (
                "https://regional.kompas.com/read/2024/06/19/101500478/jalan-desa-diperbaiki?page=2",
                "https://regional.kompas.com/read/2024/06/19/101500478/jalan-desa-diperbaiki",
            ),
            (
                "https://regional.kompas.com/read/2024/06/19/101500478/jalan-desa-diperbaiki?page=all",
                "https://regional.kompas.com/read/2024/06/19/101500478/jalan-desa-diperbaiki",
            ),
        ),
    )
    ARTICLE_PATH = READ
    ARTICLES_ON_DESK = False
    TEMPLATE_MARK = "div.read__content"
    SECTION_LINKS = "nav a, ul.nav a, .nav__wrap a"
    LISTING_ENTRY = "div.articleItem, div.article__list"
    ENTRY_DATE = ".articlePost-date, .article__date, .article__time"
    NEXT_PAGE = "a.paging__link--next, a[rel=next]"
    ARTICLE_PAGING = "div.read__paging a.paging__link, div.paging--article a.paging__link"
    ARCHIVE = "{origin}/search/{day:%Y-%m-%d}/1"

    def next_page(self, page: Page) -> str | None:
        """``/search/<day>/<n>`` pages by path; other listings by their next link."""
        match = re.match(r"^(/search/\d{4}-\d{2}-\d{2}/)(\d+)/?$", urlsplit(page.url).path)
        if match is None:
            return super().next_page(page)
        wanted = f"{match.group(1)}{int(match.group(2)) + 1}"
        hrefs = page.sel.css("a.paging__link").xpath("@href").getall()
        links = [page.absolute(h) for h in hrefs if urlsplit(h).path.rstrip("/") == wanted]
        return links[0] if links else None

    def archive_url(self, home: str, day: date) -> str | None:
        """The channel's date listing; a province page has none of its own."""
        return super().archive_url(home, day) if urlsplit(home).path in ("", "/") else None

    def page_urls(self, page: Page) -> list[str]:
        """Kompas splits long articles into ``?page=N``; page 1 links the others."""
        first = without_query(page.url)
        hrefs = page.sel.css(self.ARTICLE_PAGING).xpath("@href").getall()
        numbers = {page_number(page.absolute(h)) for h in hrefs if h.strip()}
        return [with_page(first, n) for n in sorted(numbers) if n > 1]

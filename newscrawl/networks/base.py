"""The network contract: what a network knows besides extraction, and the evidence for it.

A network is one module in ``newscrawl/networks/`` defining a :class:`Network` subclass: its
name, its extractor, its URL rules, and ``EXAMPLES``: real-shaped URLs that must and must not
be articles. ``newscrawl.networks`` finds the module by itself; ``tests/test_network_contract``
checks every network against its examples, its portal table, its spider and its fixture.
Spiders ask a :class:`Network` to sort a page's links; they never parse HTML themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import ClassVar
from urllib.parse import urlsplit, urlunsplit

from newscrawl.extract.base import Extractor, Page
from newscrawl.normalize.boilerplate import Rules
from newscrawl.normalize.urls import is_followable, without_query

AMP_SEGMENT = re.compile(r"(?:^/amp/|/amp/?$)")


@dataclass(frozen=True)
class Examples:
    """URLs of a network's real pages, sorted as its rules must sort them (tested)."""

    articles: tuple[str, ...]
    """Article URLs: ``is_article`` is true and ``article_url`` leaves them as they are."""
    listings: tuple[str, ...]
    """Home, section and listing-page URLs: never articles."""
    others: tuple[str, ...] = ()
    """Anything else a page links to (tags, static pages, media): never articles."""
    variants: tuple[tuple[str, str], ...] = ()
    """(a variant URL of an article: later page, AMP, tracking query; the article's URL)."""


class Network:
    """Crawl rules of one template family; subclasses set the class constants."""

    name: ClassVar[str] = ""
    extractor: ClassVar[Extractor] = Extractor()
    EXAMPLES: ClassVar[Examples | None] = None  # required of every network (contract test)
    ARTICLE_PATH: ClassVar[re.Pattern[str]] = re.compile(r"$^")
    TEMPLATE_MARK: ClassVar[str | None] = None  # CSS that only this template's articles have
    SECTION_LINKS: ClassVar[str] = "nav a"
    LISTING_ENTRY: ClassVar[str | None] = None  # one dated entry of a listing
    ENTRY_DATE: ClassVar[str | None] = None  # the entry's date, inside LISTING_ENTRY
    NEXT_PAGE: ClassVar[str] = "a[rel=next]"
    ARTICLE_PAGING: ClassVar[str | None] = None  # page links of a multi-page article
    INLINE_RELATED: ClassVar[str | None] = None  # "Baca Juga" links inside the body
    # Sitemaps and feeds the network serves beyond robots.txt: ("sitemaps"|"feeds", path)
    DISCOVERY: ClassVar[tuple[tuple[str, str], ...]] = ()

    # A date-indexed archive page of a portal, formatted with its home URL ("{home}", ending
    # in "/"), its origin ("{origin}") and the day ("{day:%Y-%m-%d}"); None: the network
    # serves none (backfill: ``-a since=... -a until=...``).
    ARCHIVE: ClassVar[str | None] = None

    # Whether the template's article URLs end in "/" or not (PRMN, Tribun); None: as linked.
    TRAILING_SLASH: ClassVar[bool | None] = False

    @property
    def record_name(self) -> str | None:
        """The record's ``network`` field: the name, None for portals of no network."""
        return self.name

    @property
    def registry(self) -> str:
        """The portal table (``newscrawl/portals/<registry>.csv``)."""
        return self.name

    @property
    def rules(self) -> Rules:
        """The boilerplate phrases the template prints around its articles."""
        return self.extractor.rules

    def article_url(self, url: str) -> str:
        """The one URL of an article, whatever variant linked it: no query or fragment, no
        AMP segment, the template's own trailing-slash convention."""
        parts = urlsplit(without_query(url))
        path = AMP_SEGMENT.sub("/", parts.path)
        if self.TRAILING_SLASH is not None and path != "/":
            path = path.rstrip("/") + ("/" if self.TRAILING_SLASH else "")
        return urlunsplit((parts.scheme, parts.netloc, path, "", ""))

    def is_article(self, url: str) -> bool:
        path = url.split("//", 1)[-1].partition("/")[2].partition("?")[0]
        return bool(self.ARTICLE_PATH.match("/" + path))

    def is_template(self, page: Page) -> bool:
        return bool(self.TEMPLATE_MARK and page.sel.css(self.TEMPLATE_MARK))

    def _links(self, page: Page, css: str | None) -> list[str]:
        hrefs = page.sel.css(css).xpath("@href").getall() if css else []
        urls = (page.absolute(h) for h in hrefs if h.strip() and not h.startswith("#"))
        return list(dict.fromkeys(u for u in urls if is_followable(u)))

    def section_links(self, page: Page) -> list[str]:
        return [u for u in self._links(page, self.SECTION_LINKS) if not self.is_article(u)]

    def article_links(self, page: Page) -> list[str]:
        """Every article linked from a page, as its canonical (query-free) URL."""
        urls = (self.article_url(u) for u in self._links(page, "a[href]") if self.is_article(u))
        return list(dict.fromkeys(urls))

    def dated_entries(self, page: Page) -> dict[str, str]:
        """Listing entries that print a date: article URL -> date text."""
        if not (self.LISTING_ENTRY and self.ENTRY_DATE):
            return {}
        out: dict[str, str] = {}
        for entry in page.sel.css(self.LISTING_ENTRY):
            found = entry.css(self.ENTRY_DATE)
            texts = found.getall() if "::" in self.ENTRY_DATE else found.xpath("string()").getall()
            date = " ".join(texts).strip()
            for href in entry.css("a[href]").xpath("@href").getall():
                url = self.article_url(page.absolute(href))
                if date and self.is_article(url):
                    out.setdefault(url, date)
        return out

    def next_page(self, page: Page) -> str | None:
        links = self._links(page, self.NEXT_PAGE)
        return links[0] if links else None

    def related_links(self, page: Page) -> list[str]:
        """Articles a reader is pointed to from an article: the Terkait list, and links in
        the body ("Baca Juga", related-link boxes, inline links to other stories)."""
        blocks, _ = self.extractor.body(page)
        inline = [url for block in blocks for url in block["links"]]
        urls = self.extractor.related(page) + inline + self._links(page, self.INLINE_RELATED)
        return list(dict.fromkeys(self.article_url(u) for u in urls if self.is_article(u)))

    def page_urls(self, page: Page) -> list[str]:
        """The other pages of a multi-page article, in page order (page 1 excluded)."""
        return []

    def archive_url(self, home: str, day: date) -> str | None:
        """The first page of a portal's archive of ``day``, if the network has one."""
        if self.ARCHIVE is None:
            return None
        parts = urlsplit(home)
        origin = f"{parts.scheme}://{parts.netloc}"
        return self.ARCHIVE.format(home=home if home.endswith("/") else home + "/",
                                   origin=origin, day=day)  # fmt: skip

"""Crawl strategy shared by every network spider: walk a portal the way a reader does.

Home page -> section (kanal) links -> listing pages and their pagination -> articles ->
each article's Terkait and "Baca Juga" links. Requests carry their scope (the hosts they may
stay on), so a story's links to other portals and other sites are never followed. Spiders
sort links by kind with fixed priorities; extraction lives in the network, never here.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response, TextResponse
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from newscrawl.extract.base import Page
from newscrawl.items import Article
from newscrawl.networks import GENERIC, get_network, network_for
from newscrawl.networks.base import Network
from newscrawl.normalize.dates import parse_printed_date, zone_for
from newscrawl.normalize.urls import clean_url, host_of, page_number
from newscrawl.portals import Portal, load_network
from newscrawl.spiders import args as spider_args
from newscrawl.spiders import portable
from newscrawl.spiders.alarm import MarkupAlarm
from newscrawl.spiders.discover import Discoverer
from newscrawl.spiders.stitch import ArticleStitcher

logger = logging.getLogger(__name__)

# Finish what is started before opening more: article pages, listing pages, articles, ...
PRIORITY = {"article_page": 40, "next_page": 30, "article": 20, "discovery": 15, "section": 10,
            "related": 0}  # fmt: skip


class NetworkSpider(scrapy.Spider):
    """Base of ``scrapy crawl <network>``; a subclass only names its network.

    Arguments (``-a``): ``sites=id,id`` (default: every portal of the network),
    ``start_urls=URL,URL`` (any host serving the template), ``max_pages=N`` (listing pages
    per section), ``since=YYYY-MM-DD|today|yesterday|Nd`` (stop paging listings once entries
    are older),
    ``refresh=DAYS`` (re-check known articles published in the last DAYS), ``until=DATE``
    (sitemap and feed entries after it are skipped), ``discover=links,sitemaps,feeds``.
    All are checked by :mod:`newscrawl.spiders.args` (unknown names refused).
    """

    network_name: ClassVar[str] = "generic"
    registry: ClassVar[str | None] = None  # portal table for ``sites``; default: network_name

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        options = spider_args.parse(self.registry or self.network_name, kwargs)
        super().__init__(*args, **options.extra)
        self.options = options
        self.network: Network = get_network(self.network_name)
        self.seeds = list(options.start_urls)
        self.portals = list(options.portals)
        self.max_pages = options.max_pages
        self.since, self.until = options.since, options.until
        self.refresh_days = options.refresh
        self.discoverer = Discoverer(self, options.discover, self.until)
        self.stitcher = ArticleStitcher(self)
        self.alarm = MarkupAlarm(self)
        self.portal_of_host: dict[str, Portal | None] = {}
        self.portal_by_id = {p.id: p for p in load_network(self.registry or self.network_name)}

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        """Without ``-o``/``-O`` or ``FEEDS``, write the default feed ``output/<spider>/...``;
        in another project, bring newscrawl's components along (:mod:`.portable`)."""
        super().update_settings(settings)
        portable.carry(settings)
        default = settings.get("NEWSCRAWL_DEFAULT_FEED")
        if default and not settings.getdict("FEEDS"):
            feed = {"format": "jsonlines", "encoding": "utf8"}
            settings.set("FEEDS", {default: feed}, priority="spider")

    async def start(self) -> AsyncIterator[Any]:
        for portal in self.portals:
            meta: dict[str, Any] = {"scope": list(portal.hosts), "portal": portal.id}
            if "links" in self.discoverer.kinds:
                yield self.request(portal.home_url, "section", meta, self.parse_listing)
            for request in self.discoverer.seeds(portal.home_url, meta):
                yield request
        for url in self.seeds:
            meta = {"scope": [host_of(url)], "portal": None}
            if self.network.is_article(url):
                yield self.request(
                    self.network.article_url(url), "article", meta, self.parse_article
                )
            elif "links" in self.discoverer.kinds:
                yield self.request(url, "section", meta, self.parse_listing)
            for request in self.discoverer.seeds(url, meta):
                yield request

    def parse_robots(self, response: Response) -> Iterator[Any]:
        """robots.txt, read for its ``Sitemap:`` lines."""
        yield from self.discoverer.from_robots(response)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        """A sitemap index, a (news) sitemap, an RSS or Atom feed."""
        yield from self.discoverer.from_listing(response)

    # -- requests ---------------------------------------------------------------------------

    def request(self, url: str, kind: str, meta: dict[str, Any], callback: Any) -> Request:
        return Request(
            clean_url(url),
            callback=callback,
            errback=self.on_error,
            priority=PRIORITY[kind],
            meta={"scope": meta["scope"], "portal": meta["portal"], "kind": kind},
        )

    def follow(
        self, urls: list[str], kind: str, response: Response, callback: Any
    ) -> Iterator[Request]:
        """Requests for ``urls`` that stay within the response's scope."""
        scope = response.meta.get("scope", [])
        for url in urls:
            if host_of(url) in scope:
                yield self.request(url, kind, response.meta, callback)
            else:
                self.inc("offsite/skipped")

    def inc(self, key: str, count: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newscrawl/{key}", count)

    def page(self, response: TextResponse) -> Page:
        """The response as a page, with its portal: the request's, else the one its host was
        found to be (once per host: mirrors name themselves in ``og:site_name``)."""
        portal = self.portal_by_id.get(response.meta.get("portal") or "")
        date_header = response.headers.get("Date")
        http_date = date_header.decode("latin-1") if date_header else None
        page = Page(sel=response.selector, url=response.url, portal=portal, http_date=http_date)
        if portal is None:
            host = host_of(response.url)
            if host not in self.portal_of_host:
                self.portal_of_host[host] = self.network.extractor.portal_of(page)
            page.portal = self.portal_of_host[host]
        return page

    def portal_zone(self, portal: Portal | None) -> Any:
        return zone_for(portal.zone if portal else "WIB")

    # -- listings ---------------------------------------------------------------------------

    def parse_listing(self, response: Response) -> Iterator[Any]:
        """Home and section pages: articles, sections, and the next listing page."""
        if not isinstance(response, TextResponse):
            self.inc("listing/not_html")
            logger.warning(
                "Listing is not HTML (%s): %s", response.headers.get("Content-Type"), response.url
            )
            return
        page = self.page(response)
        self.inc("listing/pages")
        dated = self.network.dated_entries(page) if self.since else {}
        old = self.too_old(dated, page.portal)
        links = self.network.article_links(page)
        fresh = [u for u in links if u not in old]
        if old:
            self.inc("listing/skipped_old", len(old))
        yield from self.follow(fresh, "article", response, self.parse_article)
        yield from self.follow(
            self.network.section_links(page), "section", response, self.parse_listing
        )
        yield from self.discoverer.feeds_of(response)
        chain = set(response.meta.get("listing_seen", ()))
        stale = bool(links) and set(links) <= chain  # a trap repeats what it already listed
        next_url = self.network.next_page(page)
        if next_url and self.may_page(next_url, bool(old), stale):
            for request in self.follow([next_url], "next_page", response, self.parse_listing):
                request.meta["listing_seen"] = sorted(chain | set(links))
                yield request

    def too_old(self, dated: dict[str, str], portal: Portal | None) -> set[str]:
        """Entries published before ``since``."""
        if not self.since:
            return set()
        tz = self.portal_zone(portal)
        when = {url: parse_printed_date(text, tz) for url, text in dated.items()}
        return {url for url, dt in when.items() if dt is not None and dt.date() < self.since}

    def may_page(self, next_url: str, saw_old: bool, stale: bool) -> bool:
        """Whether to read the next listing page: not past ``since``, not past the page cap,
        and not when this page listed nothing its listing had not listed already."""
        if saw_old:
            self.inc("listing/stopped_since")
            return False
        if stale:
            self.inc("listing/stopped_no_new")
            logger.warning("Listing repeats itself (no new article), stopped paging: %s", next_url)
            return False
        limit = self.max_pages or self.settings.getint("NEWSCRAWL_MAX_LISTING_PAGES", 1000)
        if page_number(next_url) > limit:
            self.inc("listing/stopped_max_pages")
            return False
        return True

    # -- articles ---------------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[Any]:
        """An article's first page: extract, follow its related links, stitch its pages."""
        if not isinstance(response, TextResponse):
            self.inc("article/not_html")
            logger.warning("Article is not HTML: %s", response.url)
            return
        page = self.page(response)
        self.check_page(response, page)
        item = self.network_of(page).extractor.extract(page)
        item.url = self.network_of(page).article_url(response.url)
        yield from self.follow(
            self.network.related_links(page), "related", response, self.parse_article
        )
        yield from self.stitcher.start(item, self.network.page_urls(page), response)

    def parse_article_page(self, response: Response) -> Iterator[Any]:
        """Page 2..n of a multi-page article."""
        yield from self.stitcher.on_page(response)

    def network_of(self, page: Page) -> Network:
        """The network whose rules read ``page``: the spider's, or for the generic spider,
        whichever network the page's host or template belongs to."""
        return network_for(page) if self.network is GENERIC else self.network

    def check_page(self, response: TextResponse, page: Page) -> None:
        """Warn about what will make a record poorer: odd encodings, truncated markup."""
        encoding = response.encoding.lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8", "ascii"):
            self.inc(f"encoding/{encoding}")
            logger.warning("Page is not UTF-8 (decoded as %s): %s", encoding, response.url)
        if b"</html>" not in response.body[-4096:].lower():
            self.inc("extract/incomplete_html")
            logger.warning("Page markup is broken or truncated (no </html>): %s", response.url)
        missing = self.network_of(page).extractor.container(page) is None
        if missing:
            self.inc("extract/no_body_container")
            logger.warning("No article body container found: %s", response.url)
        self.alarm.observe(page.portal.id if page.portal else host_of(response.url), missing)

    def emit(self, item: Article) -> Article:
        self.inc("article/emitted_pages", item.pages)
        return item

    # -- errors -----------------------------------------------------------------------------

    def ignored(self, request: Request, reason: str) -> None:
        """A request a middleware dropped: counted by why; robots.txt refusals are routine."""
        if "redirect" in reason.lower():
            self.inc("redirect/too_many")
            logger.warning("Redirect loop or chain too long, gave up: %s", request.url)
        elif "DOWNLOAD_MAXSIZE" in reason:
            self.inc("oversize/decompressed")
            logger.warning("Refused a body that inflates past DOWNLOAD_MAXSIZE: %s", request.url)
        elif not reason.startswith("refused"):  # ScopeGuard refusals are logged where they happen
            self.inc("request/ignored")
            logger.info("Request ignored (%s): %s", reason, request.url)

    def on_error(self, failure: Failure) -> Iterator[Any]:
        """Every failed request: one warning with the URL and a counted stat; the crawl goes on."""
        request = failure.request  # type: ignore[attr-defined]
        response = getattr(failure.value, "response", None)
        if failure.check(IgnoreRequest) and response is None:  # type: ignore[no-untyped-call]
            self.ignored(request, str(failure.value))
        elif response is not None and request.meta.get("kind") == "discovery":
            self.inc(f"discovery/http_error/{response.status}")  # a guessed sitemap path
            logger.info("No sitemap or feed at %s (HTTP %s)", request.url, response.status)
        elif response is not None:
            self.inc(f"http_error/{response.status}")
            logger.warning("HTTP %s for %s", response.status, request.url)
        else:
            name = failure.type.__name__ if failure.type else "unknown"
            self.inc(f"download_error/{name}")
            logger.warning("Download failed (%s) for %s", name, request.url)
        yield from self.stitcher.on_failed_page(request)

"""Crawl strategy shared by every network spider: walk a portal the way a reader does.

Home page -> section (kanal) links -> listing pages and their pagination -> articles ->
each article's Terkait and "Baca Juga" links. The spider is a router: a response becomes a
page once (``newscrawl.resolve``), the page's network sorts its links, discovery and
stitching return :class:`~newscrawl.spiders.follow.Follow` decisions, and only here do they
become requests, each carrying its scope (the hosts it may stay on), so a story's links to
other portals and other sites are never followed.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar, Self

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Request, Response, TextResponse
from scrapy.settings import BaseSettings

from newscrawl import stats
from newscrawl.articles import add_page, first_page
from newscrawl.extract.base import Page
from newscrawl.items import Article
from newscrawl.networks import INDEPENDENT, get_network
from newscrawl.normalize.dates import parse_printed_date, zone_for
from newscrawl.normalize.urls import clean_url, host_of, page_number
from newscrawl.portals import Portal, load_network
from newscrawl.resolve import Resolver
from newscrawl.spiders import args as spider_args
from newscrawl.spiders import portable
from newscrawl.spiders.backfill import Backfiller, BackfillRouting
from newscrawl.spiders.discover import Discoverer
from newscrawl.spiders.errors import describe_failure
from newscrawl.spiders.follow import PRIORITY, Follow, follows
from newscrawl.spiders.stitch import ArticleStitcher

logger = logging.getLogger(__name__)
CALLBACKS = {"section": "parse_listing", "next_page": "parse_listing", "article": "parse_article",
             "related": "parse_article", "discovery": "parse_sitemap", "robots": "parse_robots",
             "article_page": "parse_article_page", "archive": "parse_archive"}  # fmt: skip


class NetworkSpider(BackfillRouting, scrapy.Spider):
    """Base of ``scrapy crawl <network>``; a subclass only names its network.

    Arguments (``-a``): ``sites=id,id`` (default: every portal of the network),
    ``start_urls=URL,URL`` (any host serving the template), ``max_pages=N`` (listing pages
    per section), ``since=YYYY-MM-DD|today|yesterday|Nd`` (stop paging listings once entries
    are older),
    ``refresh=DAYS`` (re-check known articles published in the last DAYS), ``until=DATE``
    (sitemap and feed entries after it are skipped), ``discover=links,sitemaps,feeds``.
    All are checked by :mod:`newscrawl.spiders.args` (unknown names refused).
    """

    network_name: ClassVar[str] = INDEPENDENT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.network = get_network(self.network_name)
        registry = self.network.registry
        options = spider_args.parse(registry, kwargs)  # every -a checked (UsageError)
        super().__init__(*args, **options.extra)
        self.options = options
        self.seeds = list(options.start_urls)
        self.portals = list(options.portals)
        self.max_pages = options.max_pages
        self.since, self.until = options.since, options.until
        self.refresh_days = options.refresh
        self.kinds = options.discover
        self.resolver = Resolver(self.network, load_network(registry))
        self.discoverer = Discoverer(self.kinds, self.since, self.until)
        self.stitcher = ArticleStitcher()
        self.backfill = Backfiller(self.since, self.until)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.count_into_stats, signal=signals.spider_opened)
        return spider

    def count_into_stats(self) -> None:
        """The crawl's stats exist from its start on: the helpers count into them."""
        self.discoverer.stats = self.stitcher.stats = self.backfill.stats = self.crawler.stats

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
            for request in self.seed(portal.home_url, [*portal.hosts], portal.id):
                yield request
        for url in self.seeds:
            for request in self.seed(url, [host_of(url)], None):
                yield request

    def seed(self, url: str, scope: list[str], portal: str | None) -> Iterator[Request]:
        """A start URL: an article is read as one, anything else as a listing to walk (a
        backfill walks the archive's days instead where the network has one)."""
        network = self.network_of(portal)
        decided = self.backfill.seeds(url, network)
        if not decided:
            if portal is None and network.is_article(url):
                decided.append(Follow(network.article_url(url), "article"))
            elif "links" in self.kinds:
                decided.append(Follow(url, "section"))
            decided += self.discoverer.seeds(url, network)
        yield from self.requests(decided, {"scope": scope, "portal": portal})

    # -- decisions to requests --------------------------------------------------------------

    def requests(self, decided: Iterable[Follow], meta: dict[str, Any]) -> Iterator[Request]:
        """Requests for the decisions that stay within the scope in ``meta``."""
        scope = meta.get("scope", [])
        for follow in decided:
            if host_of(follow.url) not in scope:
                self.inc("offsite/skipped")
                continue
            yield Request(
                clean_url(follow.url),
                callback=getattr(self, CALLBACKS[follow.kind]),
                errback=self.on_error,
                priority=PRIORITY.get(follow.kind, PRIORITY["discovery"]),
                dont_filter=follow.refetch,
                meta={"scope": scope, "portal": meta.get("portal"), "kind": follow.kind,
                      "backfill": meta.get("backfill", False), **follow.carry},
            )  # fmt: skip

    def inc(self, key: str, count: int = 1) -> None:
        stats.inc(self.crawler.stats, key, count)

    def page(self, response: TextResponse) -> Page:
        """The response as a page, its network and portal decided once."""
        date_header = response.headers.get("Date")
        return self.resolver.page(
            response.selector,
            response.url,
            portal_id=response.meta.get("portal"),
            http_date=date_header.decode("latin-1") if date_header else None,
            listed=response.meta.get("listed"),
        )

    def html(self, response: Response, what: str) -> TextResponse | None:
        if isinstance(response, TextResponse):
            return response
        self.inc(f"{what}/not_html")
        kind = response.headers.get("Content-Type")
        logger.warning("%s is not HTML (%s): %s", what.capitalize(), kind, response.url)
        return None

    # -- discovery documents ----------------------------------------------------------------

    def parse_robots(self, response: Response) -> Iterator[Request]:
        """robots.txt, read for its ``Sitemap:`` lines."""
        text = response.text if isinstance(response, TextResponse) else ""
        yield from self.requests(self.discoverer.from_robots(text), response.meta)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        """A sitemap index, a (news) sitemap, an RSS or Atom feed."""
        network = self.network_of(response.meta.get("portal"))
        found = self.discoverer.from_listing(response.body, network, response.url)
        yield from self.requests(found, response.meta)

    # -- listings ---------------------------------------------------------------------------

    def parse_listing(self, response: Response) -> Iterator[Request]:
        """Home and section pages: articles, sections, and the next listing page."""
        text = self.html(response, "listing")
        if text is None:
            return
        page = self.page(text)
        network = page.network
        self.inc("listing/pages")
        dated = network.dated_entries(page)
        old = self.too_old(dated, page.portal)
        links = network.article_links(page)
        fresh = [u for u in links if u not in old]
        if old:
            self.inc("listing/skipped_old", len(old))
        decided = [Follow(u, "article", {"listed": _listed(dated.get(u))}) for u in fresh]
        decided += follows(network.section_links(page), "section")
        decided += self.discoverer.feeds_of(page.sel, page.url)
        decided += self.next_listing(page, links, bool(old), response.meta)
        yield from self.requests(decided, response.meta)

    def next_listing(
        self, page: Page, links: list[str], saw_old: bool, meta: dict[str, Any]
    ) -> list[Follow]:
        """The next listing page, unless paging should stop here."""
        chain = set(meta.get("listing_seen", ()))
        stale = bool(links) and set(links) <= chain  # a trap repeats what it already listed
        next_url = page.network.next_page(page)
        if next_url is None or not self.may_page(next_url, saw_old, stale):
            return []
        return [Follow(next_url, "next_page", {"listing_seen": sorted(chain | set(links))})]

    def too_old(self, dated: dict[str, str], portal: Portal | None) -> set[str]:
        """Entries published before ``since``."""
        if not self.since:
            return set()
        tz = zone_for(portal.zone if portal else "WIB")
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
        limit = self.max_pages or self.settings.getint("NEWSCRAWL_MAX_LISTING_PAGES")
        if page_number(next_url) > limit:
            self.inc("listing/stopped_max_pages")
            return False
        return True

    # -- articles ---------------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[Any]:
        """An article's first page: extract, follow its related links, stitch its pages."""
        text = self.html(response, "article")
        if text is None:
            return
        self.check_markup(text)
        page = self.page(text)
        item, remaining = first_page(page, datetime.now(UTC).isoformat(timespec="seconds"))
        yield from self.requests(self.related(page, text.meta), text.meta)
        yield from self.route(self.stitcher.next(item, remaining), text.meta)

    def parse_article_page(self, response: Response) -> Iterator[Any]:
        """Page 2..n of a multi-page article."""
        item: Article = response.meta["article"]
        remaining: list[str] = response.meta["remaining"]
        text = self.html(response, "article_page")
        if text is None:
            yield from self.route(self.stitcher.missing(item, response.url, remaining), {})
            return
        page = self.page(text)
        add_page(item, page)
        yield from self.requests(self.related(page, text.meta), text.meta)
        yield from self.route(self.stitcher.next(item, remaining), text.meta)

    def route(self, decided: Article | Follow, meta: dict[str, Any]) -> Iterator[Any]:
        """A finished record is emitted; a next page is requested (within the same scope)."""
        if isinstance(decided, Article):
            yield decided
        else:
            yield from self.requests([decided], meta)

    def check_markup(self, response: TextResponse) -> None:
        """Warn about what will make a record poorer: odd encodings, truncated markup."""
        encoding = response.encoding.lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8", "ascii"):
            self.inc(f"encoding/{encoding}")
            logger.warning("Page is not UTF-8 (decoded as %s): %s", encoding, response.url)
        if b"</html>" not in response.body[-4096:].lower():
            self.inc("extract/incomplete_html")
            logger.warning("Page markup is broken or truncated (no </html>): %s", response.url)

    # -- errors -----------------------------------------------------------------------------

    def on_error(self, failure: Any) -> Iterator[Any]:
        """Every failed request: one log line and a counted stat (``spiders.errors``); a
        failed later page of an article is skipped and the record still comes out."""
        request: Request = failure.request
        level, key, message = describe_failure(failure)
        if key:
            self.inc(key)
        logger.log(level, message)
        item = request.meta.get("article")
        if item is not None:
            remaining = request.meta.get("remaining", [])
            yield from self.route(self.stitcher.missing(item, request.url, remaining), request.meta)


def _listed(text: str | None) -> tuple[str, str] | None:
    return (text, "listing") if text else None

"""Scrapy components that read the state, enabled by ``NEWSCRAWL_STATE`` (a path).

- :class:`KnownArticleFilter` (spider middleware): known article URLs are never requested,
  unless ``-a refresh=DAYS`` asks to re-check the recent ones.
- :class:`ChangedOnlyPipeline`: a re-checked article is emitted again only if its text changed.

Both ask the crawl's :class:`~newscrawl.state.keeper.StateKeeper`, the one owner of the store
and of the run, for the store; writing to the state is the keeper's alone.
``-s NEWSCRAWL_STATE=`` (empty) turns all of it off.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.http import Request, Response

from newscrawl.items import Article
from newscrawl.state.keeper import keeper_of
from newscrawl.state.store import Store
from newscrawl.stats import inc

ARTICLE_KINDS = frozenset({"article", "related"})


def store_of(crawler: Crawler) -> Store:
    """The keeper's store, or NotConfigured when the state is off."""
    store = keeper_of(crawler).store
    if store is None:
        raise NotConfigured("NEWSCRAWL_STATE is empty: no incremental state")
    return store


class KnownArticleFilter:
    """Spider middleware: requests for known articles are dropped before they are scheduled."""

    def __init__(self, crawler: Crawler, store: Store) -> None:
        self.crawler, self.store = crawler, store
        self.skipped: set[str] = set()  # counted already, or emitted by this run

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = cls(crawler, store_of(crawler))
        crawler.signals.connect(middleware.emitted, signal=signals.item_scraped)
        return middleware

    def emitted(self, item: Any) -> None:
        self.skipped.add(str(getattr(item, "url", "")))

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        for obj in result:
            yield from self.filter(obj)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for obj in result:
            for kept in self.filter(obj):
                yield kept

    def filter(self, obj: Any) -> Iterator[Any]:
        """``obj`` unless it requests a known article; then, in its place, requests for the
        article's remembered related links that are not known yet (a reader would have
        followed them from that page, so skipping it must not hide them)."""
        if not isinstance(obj, Request) or obj.meta.get("kind") not in ARTICLE_KINDS:
            yield obj
            return
        known = self.store.lookup(obj.url)
        if known is None:
            yield obj
        elif _recent(known.published_at, getattr(self.crawler.spider, "refresh_days", None)):
            obj.meta["refresh"] = True
            inc(self.crawler.stats, "state/refetched")
            yield obj
        else:
            self.count_skip(obj)
            for link in known.links:
                if self.store.lookup(link) is None:
                    yield obj.replace(url=link, meta={**obj.meta, "kind": "related"})

    def count_skip(self, obj: Request) -> None:
        """Known articles skipped, counted once per article and only when known before this
        run: another link to an article this run emitted is not a skip an operator wants."""
        if obj.url in self.skipped:
            return
        self.skipped.add(obj.url)
        inc(self.crawler.stats, "state/skipped_known")
        site = obj.meta.get("portal") or urlsplit(obj.url).netloc
        inc(self.crawler.stats, f"state/skipped_known/site/{site}")


def _recent(published_at: str | None, days: float | None) -> bool:
    if days is None or not published_at:
        return False
    try:
        when = datetime.fromisoformat(published_at)
    except ValueError:
        return False
    return datetime.now(UTC) - when <= timedelta(days=days)


def _later(value: str | None, than: str | None) -> bool:
    try:
        return bool(value and than and datetime.fromisoformat(value) > datetime.fromisoformat(than))
    except ValueError:
        return False


class ChangedOnlyPipeline:
    """A known article fetched again is emitted only when its text changed (``modified_at``)."""

    crawl_only = True  # about this crawl against earlier ones; ``scrapy extract`` skips it

    def __init__(self, crawler: Crawler, store: Store) -> None:
        self.crawler, self.store = crawler, store

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler, store_of(crawler))

    def process_item(self, item: Article) -> Article:
        known = self.store.lookup(item.url)
        if known is None:
            return item
        if known.content_hash == item.content_hash:
            inc(self.crawler.stats, "state/unchanged")
            raise DropItem(f"unchanged since the last crawl: {item.url}", log_level="DEBUG")
        inc(self.crawler.stats, "state/changed")
        if not _later(item.modified_at, known.last_seen):  # the page's own date predates it
            item.modified_at = item.crawled_at
        return item

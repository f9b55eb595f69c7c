"""Scrapy components around the state store, enabled by ``NEWSCRAWL_STATE`` (a path).

- :class:`StateKeeper` (extension): opens the store, takes its lock, reconciles killed runs,
  remembers every record once it is written to the feeds.
- :class:`KnownArticleFilter` (spider middleware): known article URLs are never requested,
  unless ``-a refresh=DAYS`` asks to re-check the recent ones.
- :class:`ChangedOnlyPipeline`: a re-checked article is emitted again only if its text changed.
- :class:`LineSafeFileStorage` (feed storage): one write per record, and the feed's path
  recorded in the state so a killed run's output can be reconciled.

``-s NEWSCRAWL_STATE=`` (empty) turns all of it off.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any, Self
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.extensions.feedexport import FileFeedStorage
from scrapy.http import Request, Response
from scrapy.utils.job import job_dir
from scrapy.utils.misc import load_object

from newscrawl.items import Article
from newscrawl.state.reconcile import records, repair_last_line
from newscrawl.state.store import StateLocked, StateStore, Store

logger = logging.getLogger(__name__)
_stores: WeakKeyDictionary[Crawler, Store] = WeakKeyDictionary()
_runs: WeakKeyDictionary[Crawler, int] = WeakKeyDictionary()
ARTICLE_KINDS = frozenset({"article", "related"})


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def state_path(crawler: Crawler) -> Path:
    """``NEWSCRAWL_STATE``, or NotConfigured when it is empty."""
    value = crawler.settings.get("NEWSCRAWL_STATE")
    if not value:
        raise NotConfigured("NEWSCRAWL_STATE is empty: no incremental state")
    return Path(value)


def state_for(crawler: Crawler) -> Store:
    """The crawl's one store, opened on first use: the SQLite file ``NEWSCRAWL_STATE``, or
    the class ``NEWSCRAWL_STATE_STORE`` names, built with ``from_crawler`` (the Redis add-on
    sets it, so that this module never imports Redis)."""
    if crawler not in _stores:
        path = state_path(crawler)
        custom = crawler.settings.get("NEWSCRAWL_STATE_STORE")
        _stores[crawler] = load_object(custom).from_crawler(crawler) if custom else StateStore(path)
    return _stores[crawler]


class StateKeeper:
    """Opens and locks the store for the crawl, reconciles killed runs, remembers records."""

    def __init__(self, crawler: Crawler, store: Store) -> None:
        self.crawler, self.store = crawler, store

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        store = state_for(crawler)
        try:
            store.lock()
        except StateLocked:
            message = (
                f"another crawl is using the state file {store.path} (lock {store.path}.lock); "
                "wait for it to finish, or give this crawl its own -s NEWSCRAWL_STATE=PATH"
            )
            logger.error("Not starting: %s", message)
            raise StateLocked(message) from None
        keeper = cls(crawler, store)
        keeper.distrust_killed_jobdir(job_dir(crawler.settings))
        crawler.signals.connect(keeper.opened, signal=signals.spider_opened)
        crawler.signals.connect(keeper.scraped, signal=signals.item_scraped)
        crawler.signals.connect(keeper.closed, signal=signals.spider_closed)
        _runs[crawler] = store.start_run(crawler.spidercls.name, _now())
        return keeper

    def distrust_killed_jobdir(self, jobdir: str | None) -> None:
        """After a kill, Scrapy's JOBDIR queue can be half-written; start from the seeds
        instead (the state skips what was delivered, so nothing comes out twice)."""
        queue = Path(jobdir, "requests.queue") if jobdir else None
        if queue is not None and queue.exists() and self.store.unfinished_runs():
            shutil.rmtree(queue)
            self.inc("state/jobdir_reset")
            logger.warning("The last run was killed: its JOBDIR queue %s cannot be trusted and "
                           "was reset; crawling again from the seeds", queue)  # fmt: skip

    def opened(self, spider: Spider) -> None:
        run_id = _runs[self.crawler]
        for old_run, feeds in self.store.unfinished_runs(but=run_id).items():
            self.reconcile(old_run, [Path(f) for f in feeds])
        logger.info("State %s: %d known articles", self.store.path, self.store.count())

    def reconcile(self, run_id: int, feeds: list[Path]) -> None:
        added = 0
        for feed in feeds:
            repair_last_line(feed)
            for record in records(feed):
                if record.get("url") and self.store.lookup(record["url"]) is None:
                    self.remember(record)
                    added += 1
        self.store.finish_run(run_id, _now())
        self.inc("state/reconciled", added)
        logger.warning(
            "Run %d had not finished; %d of its records added to the state", run_id, added
        )

    def scraped(self, item: Any) -> None:
        if isinstance(item, Article):
            self.remember(item.record())

    def remember(self, record: dict[str, Any]) -> None:
        self.store.remember(
            record["url"],
            record.get("content_hash"),
            record.get("published_at"),
            _now(),
            record.get("related_urls"),
        )

    def closed(self, spider: Spider) -> None:
        self.store.finish_run(_runs[self.crawler], _now())
        self.store.close()

    def inc(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None and count:
            self.crawler.stats.inc_value(f"newscrawl/{key}", count)


class KnownArticleFilter:
    """Spider middleware: requests for known articles are dropped before they are scheduled."""

    def __init__(self, crawler: Crawler, store: Store) -> None:
        self.crawler, self.store = crawler, store
        self.skipped: set[str] = set()  # counted already, or emitted by this run

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = cls(crawler, state_for(crawler))
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
            self.inc("state/refetched")
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
        self.inc("state/skipped_known")
        self.inc(f"state/skipped_known/site/{obj.meta.get('portal') or urlsplit(obj.url).netloc}")

    def inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"newscrawl/{key}")


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
        return cls(crawler, state_for(crawler))

    def process_item(self, item: Article) -> Article:
        known = self.store.lookup(item.url)
        if known is None:
            return item
        if known.content_hash == item.content_hash:
            self.inc("state/unchanged")
            raise DropItem(f"unchanged since the last crawl: {item.url}", log_level="DEBUG")
        self.inc("state/changed")
        if not _later(item.modified_at, known.last_seen):  # the page's own date predates it
            item.modified_at = item.crawled_at
        return item

    def inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"newscrawl/{key}")


class LineSafeFileStorage(FileFeedStorage):
    """Local feeds written one record per ``write()`` (unbuffered), so a kill never leaves
    half a buffer; the path is recorded in the state for reconciliation."""

    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None,
                 crawler: Crawler | None = None) -> None:  # fmt: skip
        super().__init__(uri, feed_options=feed_options)
        self.crawler = crawler

    @classmethod
    def from_crawler(
        cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None
    ) -> Self:
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def open(self, spider: Spider) -> IO[bytes]:
        dirname = Path(self.path).parent
        dirname.mkdir(parents=True, exist_ok=True)
        if self.crawler is not None and self.crawler in _runs:
            _stores[self.crawler].add_feed(_runs[self.crawler], str(Path(self.path).resolve()))
        return open(self.path, self.write_mode, buffering=0)

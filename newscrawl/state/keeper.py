"""The one owner of the crawl's state and of the current run's output.

Why one owner: the store, the run it records and the question "was this article written?"
belong together. Other components ask the crawler for the keeper
(``crawler.get_extension(StateKeeper)``) instead of sharing module globals.

An article counts as delivered, and enters the state, only once every output took it: the
feeds (:mod:`newscrawl.state.outputs`) and partitions report a failed write to the keeper, which
then counts the article in ``newscrawl/output/lost`` and does not remember it, so the next
run fetches it again. Delivered articles are announced with :data:`item_delivered`, which is
what a count of emitted articles should listen to. The keeper runs without a state too
(``NEWSCRAWL_STATE`` empty): it then only accounts for the output.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.utils.misc import load_object

from newscrawl.errors import ConfigError
from newscrawl.items import Article
from newscrawl.state.reconcile import records, repair
from newscrawl.state.store import StateLocked, StateStore, Store
from newscrawl.stats import inc

logger = logging.getLogger(__name__)
item_delivered = object()  # signal (item=): an Article every output wrote


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_store(crawler: Crawler) -> Store | None:
    """The SQLite file ``NEWSCRAWL_STATE``, or the class ``NEWSCRAWL_STATE_STORE`` names
    (the Redis add-on sets it, so this module never imports Redis); None when state is off."""
    path = crawler.settings.get("NEWSCRAWL_STATE")
    if not path:
        return None
    custom = crawler.settings.get("NEWSCRAWL_STATE_STORE")
    return load_object(custom).from_crawler(crawler) if custom else StateStore(Path(path))


def keeper_of(crawler: Crawler) -> StateKeeper:
    """The crawl's keeper; a keeper without a store when the extension is not enabled."""
    try:
        keeper = crawler.get_extension(StateKeeper)
    except RuntimeError:  # extensions not built yet
        keeper = None
    return keeper if keeper is not None else StateKeeper(crawler, None)


class StateKeeper:
    """Extension: opens and locks the store, records the run, reconciles killed runs, and
    remembers each article once every output has written it."""

    def __init__(self, crawler: Crawler, store: Store | None) -> None:
        self.crawler, self.store = crawler, store
        self.run_id: int | None = None
        self.failed = False  # an output write failed since the last article
        self.failed_paths: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        try:
            keeper = cls(crawler, open_store(crawler))
        except ConfigError as exc:
            logger.error("Not starting: %s", exc)
            raise
        if keeper.store is not None:
            keeper.start(keeper.store)
        crawler.signals.connect(keeper.opened, signal=signals.spider_opened)
        crawler.signals.connect(keeper.stopped, signal=signals.engine_stopped)
        return keeper

    def start(self, store: Store) -> None:
        try:
            store.lock()
        except StateLocked:
            message = (
                f"another crawl is using the state file {store.path} (lock {store.path}.lock); "
                "wait for it to finish, or give this crawl its own -s NEWSCRAWL_STATE=PATH"
            )
            logger.error("Not starting: %s", message)
            raise StateLocked(message) from None
        self.run_id = store.start_run(self.crawler.spidercls.name, now())

    def opened(self, spider: Spider) -> None:
        """Connected here, after every output's own ``item_scraped`` handler, so that
        :meth:`scraped` sees whether they all wrote the item."""
        self.crawler.signals.connect(self.scraped, signal=signals.item_scraped)
        if self.store is None:
            return
        for old_run, feeds in self.store.unfinished_runs(but=self.run_id).items():
            self.reconcile(old_run, [Path(f) for f in feeds])
        logger.info("State %s: %d known articles", self.store.path, self.store.count())

    def reconcile(self, run_id: int, feeds: list[Path]) -> None:
        """A killed run's complete records enter the state (see :mod:`.reconcile`)."""
        assert self.store is not None
        added = 0
        for feed in feeds:
            repair(feed)
            for record in records(feed):
                if record.get("url") and self.store.lookup(record["url"]) is None:
                    self.remember(record)
                    added += 1
        self.store.finish_run(run_id, now())
        inc(self.crawler.stats, "state/reconciled", added)
        logger.warning(
            "Run %d had not finished; %d of its records added to the state", run_id, added
        )

    def add_output(self, path: Path) -> None:
        """An output file of this run, read back by the next run if this one is killed."""
        if self.store is not None and self.run_id is not None:
            self.store.add_feed(self.run_id, str(path.resolve()))

    def output_failed(self, path: Path, error: OSError) -> None:
        """A write to ``path`` failed: the article being written is lost (one ERROR line
        per file; the articles are counted in :meth:`scraped`)."""
        self.failed = True
        if str(path) not in self.failed_paths:
            self.failed_paths.add(str(path))
            inc(self.crawler.stats, "output/failed_files")
            reason = error.strerror or error
            logger.error("Cannot write to %s (%s): articles not written there are counted as "
                         "lost and left for the next run", path, reason)  # fmt: skip

    def scraped(self, item: Any) -> None:
        if not isinstance(item, Article):
            return
        if self.failed:
            self.failed = False
            inc(self.crawler.stats, "output/lost")
            return
        self.remember(item.record())
        inc(self.crawler.stats, "output/delivered")
        self.crawler.signals.send_catch_log(item_delivered, item=item)

    def remember(self, record: dict[str, Any]) -> None:
        """Into the state; a failed state write (its disk full) is counted and logged once:
        that article comes out again in the next run (a duplicate, never a loss)."""
        if self.store is None:
            return
        get = record.get
        try:
            self.store.remember(
                record["url"], get("content_hash"), get("published_at"), now(), get("related_urls")
            )
        except sqlite3.Error as exc:
            inc(self.crawler.stats, "state/write_failed")
            if "state" not in self.failed_paths:
                self.failed_paths.add("state")
                logger.error("Cannot write to the state %s (%s): the articles it could not "
                             "remember will be emitted again", self.store.path, exc)  # fmt: skip

    def stopped(self) -> None:
        """After every feed is closed (an empty run's feed is created at its close)."""
        if self.store is not None and self.run_id is not None:
            self.store.finish_run(self.run_id, now())
            self.store.close()

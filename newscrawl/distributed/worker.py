"""One worker of the fleet: seed once, wait for the others, emit each article once, stop on an
outage.

- :class:`RedisWorker` (extension): heartbeat; on ``spider_idle`` keeps the worker open while
  the shared queue has requests or another worker is active, for at most
  ``NEWSCRAWL_REDIS_IDLE_SECONDS``; ends the run when it is the last; on a Redis outage logs
  one ERROR line, closes the spider (reason ``redis_unavailable``) and makes the process exit
  with code 5 (Scrapy itself exits 0 for any closed spider).
- :class:`SeedOnce` (spider middleware): only the worker that starts a run yields the start
  requests; the others join the shared queue.
- :class:`ClaimPipeline`: a record is emitted by the first worker to claim its URL or text in
  this run (the in-process DedupPipeline cannot see other workers).
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import sys
import time
from collections.abc import AsyncIterator
from typing import Any, Self

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, IgnoreRequest, NotConfigured
from scrapy.utils.asyncio import create_looping_call
from scrapy.utils.defer import deferred_from_coro

from newscrawl import stats
from newscrawl.distributed.fleet import OUTAGE, Fleet, OtherArguments, fleet_for
from newscrawl.distributed.switch import redacted, redis_url
from newscrawl.drops import ArticleDropped, DropReason
from newscrawl.exitcodes import ExitCode
from newscrawl.items import Article
from newscrawl.normalize.urls import without_query

logger = logging.getLogger(__name__)
TICK = 0.25  # seconds between heartbeats, and between looks at the queue while idle
OUTAGE_EXIT_CODE = int(ExitCode.REDIS_UNAVAILABLE)  # newscrawl.exitcodes
WAKE = "newscrawl_wake"  # meta flag of the placeholder request that wakes the engine


def _fleet(crawler: Crawler) -> Fleet:
    if not redis_url(crawler.settings):
        raise NotConfigured("NEWSCRAWL_REDIS_URL is not set: a single-process crawl")
    return fleet_for(crawler)


def _exit_with(code: int) -> None:
    """Registered with atexit after an outage, so it runs first at interpreter exit, once
    Scrapy is done: flush logs and streams, then end the process with ``code``."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(code)


class RedisWorker:
    """Heartbeat, idle waiting, end of run and outage handling of one worker."""

    def __init__(self, crawler: Crawler, fleet: Fleet, bound: float) -> None:
        self.crawler, self.fleet, self.bound = crawler, fleet, bound
        self.idle_since: float | None = None
        self.waiting = self.drained = self.failed = False
        self.loop: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        worker = cls(crawler, _fleet(crawler), crawler.settings.getfloat(
            "NEWSCRAWL_REDIS_IDLE_SECONDS", 10.0))  # fmt: skip
        worker.fleet.join()  # before the state registers this worker's run
        worker.loop = create_looping_call(worker.tick)
        worker.loop.start(TICK, now=False)
        crawler.signals.connect(worker.opened, signal=signals.spider_opened)
        crawler.signals.connect(worker.idle, signal=signals.spider_idle)
        crawler.signals.connect(worker.scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(worker.closed, signal=signals.spider_closed)
        crawler.signals.connect(worker.stopped, signal=signals.engine_stopped)
        return worker

    def opened(self, spider: Spider) -> None:
        logger.info(
            "Worker %s joined the fleet at %s (keys %s:*)",
            self.fleet.worker, redacted(redis_url(self.crawler.settings)), self.fleet.keys.prefix,
        )  # fmt: skip
        for uri in self.crawler.settings.getdict("FEEDS"):
            if "%(worker)s" not in str(uri):
                logger.warning("Feed %s has no %%(worker)s: two workers on one machine would "
                               "write the same file", uri)  # fmt: skip

    def tick(self) -> None:
        """Keep the heartbeat fresh; while idle, let the engine look at the queue again."""
        if self.failed:
            return
        engine = self.crawler.engine
        try:
            self.fleet.beat()
            running = engine is not None and engine.spider is not None
            idle = running and (self.waiting or engine.spider_is_idle())
        except OUTAGE as exc:
            self.outage(exc)
            return
        except RuntimeError:  # no engine slot: opening or closing
            return
        if idle and engine is not None:
            # An idle engine re-reads the scheduler (and notices it is idle) only every 5 s;
            # asking it to crawl a placeholder, dropped in ``scheduled``, makes it do so now:
            # work another worker queued is taken at once, and a worker that found nothing
            # to do says so at once instead of holding the fleet up. Public API only.
            engine.crawl(Request("data:,", dont_filter=True, meta={WAKE: True}))

    def scheduled(self, request: Request, spider: Spider) -> None:
        if request.meta.get(WAKE):
            raise IgnoreRequest("wake-up placeholder")

    def idle(self, spider: Spider) -> None:
        """Stay open while there is shared work (queued, or in another worker's hands), at most
        ``NEWSCRAWL_REDIS_IDLE_SECONDS`` at a time; then let the spider close."""
        if self.failed:
            raise DontCloseSpider  # the outage is closing the spider with its own reason
        now = time.monotonic()
        if self.idle_since is None or self.fleet.state != "idle":
            self.idle_since, self.waiting = now, False  # a new idle spell (work came between)
        try:
            self.fleet.beat("idle")
            queued, active = self.fleet.queued(), self.fleet.active_peers()
        except OUTAGE as exc:
            self.outage(exc)
            raise DontCloseSpider from None
        if (queued or active) and now - self.idle_since < self.bound:
            if not self.waiting:
                logger.info("Idle; waiting for the fleet (%d requests queued, active: %s)",
                            queued, ", ".join(active) or "none")  # fmt: skip
                self.inc("fleet/idle_waits")
            self.waiting = True
            raise DontCloseSpider
        self.waiting = False
        self.drained = not (queued or active)
        if not self.drained:
            self.inc("fleet/gave_up_waiting")
            logger.warning(
                "Idle for %.0f s (NEWSCRAWL_REDIS_IDLE_SECONDS) with %d requests queued and "
                "workers still active (%s): this worker stops, the others go on",
                now - self.idle_since, queued, ", ".join(active) or "none",
            )  # fmt: skip

    def closed(self, spider: Spider, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.failed:
            return
        try:
            if reason == "finished" and self.drained and self.fleet.end_run():
                self.inc("fleet/run_ended")
                logger.info("The fleet's run is over (queue empty, no worker active): "
                            "the next run starts again from the seeds")  # fmt: skip
            self.fleet.leave()
        except OUTAGE as exc:
            self.outage(exc)

    def outage(self, exc: Exception) -> None:
        """Redis is gone: one clear line, close the spider, exit non-zero when Scrapy is done."""
        if self.failed:
            return
        self.failed = True
        self.inc("fleet/redis_unavailable")
        logger.error(
            "Redis at %s is unavailable (%s): stopping worker %s (close reason "
            "redis_unavailable, exit code %d); its requests in flight are re-found by the "
            "next run", redacted(redis_url(self.crawler.settings)), exc, self.fleet.worker,
            OUTAGE_EXIT_CODE,
        )  # fmt: skip
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            closing = deferred_from_coro(engine.close_spider_async(reason="redis_unavailable"))
            closing.addErrback(lambda failure: logger.debug("Close after outage: %s", failure))

    def stopped(self) -> None:
        if self.failed:
            atexit.register(_exit_with, OUTAGE_EXIT_CODE)

    def inc(self, key: str) -> None:
        stats.inc(self.crawler.stats, key)


RUN_ARGUMENTS = ("seeds", "portals", "max_pages", "since", "until", "refresh_days")


def run_arguments(spider: Spider | None) -> str:
    """What decides a run's work, as stable JSON: the seeds, portals and bounds the spider's
    ``-a`` arguments gave it (a worker with other ones would crawl another run)."""
    values = {name: getattr(spider, name, None) for name in RUN_ARGUMENTS}
    values["portals"] = sorted(str(getattr(p, "id", p)) for p in values["portals"] or [])
    values["seeds"] = sorted(values["seeds"] or [])
    discoverer = getattr(spider, "discoverer", None)
    values["discover"] = sorted(str(kind) for kind in getattr(discoverer, "kinds", None) or ())
    return json.dumps(values, default=str, sort_keys=True)


class SeedOnce:
    """Spider middleware: the worker that starts a run yields the spider's start requests into
    the shared queue (recording its arguments); a worker joining a run in progress yields none,
    and one started with other arguments is refused before it takes any request."""

    def __init__(self, crawler: Crawler, fleet: Fleet) -> None:
        self.crawler, self.fleet = crawler, fleet
        self.arguments = run_arguments(crawler.spider)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = cls(crawler, _fleet(crawler))
        try:
            middleware.fleet.check_arguments(middleware.arguments)
        except OtherArguments as exc:
            logger.error("Not starting: %s", exc)
            raise
        return middleware

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        self.fleet.join()
        taken = self.fleet.take_seeding(self.arguments)
        stats = self.crawler.stats
        if taken is None:
            logger.info("Joining the run in progress (%d requests queued): not seeding",
                        self.fleet.queued())  # fmt: skip
            if stats is not None:
                stats.set_value("newscrawl/fleet/joined", 1)
            return
        logger.info("Seeding the run%s", " (taking over a run no worker was finishing)"
                    if taken == "stale" else "")  # fmt: skip
        if stats is not None:
            stats.set_value("newscrawl/fleet/seeded", 1)
        async for obj in start:
            yield obj


class ClaimPipeline:
    """A record is emitted once across the fleet: by the first worker to claim its canonical
    URL and content hash in this run (claims are forgotten when the run ends)."""

    crawl_only = True  # ``scrapy extract`` has no fleet

    def __init__(self, crawler: Crawler, fleet: Fleet) -> None:
        self.crawler, self.fleet = crawler, fleet

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler, _fleet(crawler))

    def process_item(self, item: Article) -> Article:
        # Text is claimed per portal: the same text on another portal is a syndicated copy,
        # kept and marked by NearDuplicatePipeline (newscrawl.corpus).
        text = f"{item.site}:{item.content_hash}" if item.content_hash else None
        taken = self.fleet.claim(without_query(item.canonical_url or item.url), text)
        if taken:
            what = "duplicate_url" if taken == 1 else "duplicate_content"
            stats.inc(self.crawler.stats, f"fleet/{what}")
            raise ArticleDropped(DropReason.CLAIMED, item.url)
        return item

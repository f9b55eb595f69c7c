"""The run report an operator reads in ten seconds: per portal, what came out and what did not.

Per portal: pages fetched, articles emitted, known articles skipped, drops by typed reason
(:class:`newscrawl.drops.DropReason`), errors by kind (``dns``, ``timeout``, ``refused``,
``http_<status>``), field coverage; portals that yielded nothing come first, including those
that failed entirely. Around them: duration, finish reason, exit code, arguments, version and
output paths. Logged at the end and written as JSON (``NEWSCRAWL_SUMMARY``; empty: no file),
with a progress line per active portal every ``NEWSCRAWL_PROGRESS_INTERVAL`` seconds.

A run in which no portal answered (every request failed) closes with the finish reason
``no_portal_reachable``, so Scrapy's stats, this summary and the exit code say the same.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.http import Request, Response
from twisted.internet import task

from newscrawl.drops import ArticleDropped
from newscrawl.exitcodes import for_run
from newscrawl.items import RECORD_FIELDS, Article
from newscrawl.normalize.urls import host_of
from newscrawl.runinfo import ERROR_PREFIX, facts, is_robots, outputs, portal_of
from newscrawl.state.keeper import item_delivered

logger = logging.getLogger(__name__)
SKIPPED_PREFIX = "newscrawl/state/skipped_known/site/"


def drop_reason(exception: BaseException) -> str:
    """The typed reason of a drop; ``other`` for a ``DropItem`` without one."""
    return exception.reason.value if isinstance(exception, ArticleDropped) else "other"


class RunSummary:
    """Extension: counts per portal through the run, reported at its end."""

    def __init__(self, crawler: Crawler, path_template: str, interval: float) -> None:
        self.crawler, self.path_template, self.interval = crawler, path_template, interval
        self.started = datetime.now(UTC)
        self.count: defaultdict[str, Counter[str]] = defaultdict(Counter)  # pages, emitted
        self.dropped: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.errors: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.filled: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.hosts: dict[str, str] = {}  # host -> site id, learned from records (mirrors)
        self.expected: list[str] = []  # the portals the spider set out to crawl
        self.answered = 0  # responses below 500, robots.txt aside: someone is there
        self.spider: Spider | None = None
        self.progress: task.LoopingCall | None = None
        self.shown: dict[str, tuple[int, ...]] = {}
        self.span: dict[str, tuple[float, float]] = {}  # site -> first, last response (monotonic)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        ext = cls(crawler, settings.get("NEWSCRAWL_SUMMARY", ""),
                  settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL", 0))  # fmt: skip
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.scraped, signal=item_delivered)  # written, not only scraped
        crawler.signals.connect(ext.dropped_item, signal=signals.item_dropped)
        crawler.signals.connect(ext.received, signal=signals.response_received)
        crawler.signals.connect(ext.idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.stopped, signal=signals.engine_stopped)
        return ext

    # -- counting ---------------------------------------------------------------------------

    def opened(self, spider: Spider) -> None:
        self.spider = spider
        ids = [p.id for p in getattr(spider, "portals", [])]
        self.expected = ids + [host_of(url) for url in getattr(spider, "seeds", [])]
        if self.interval > 0:
            self.progress = task.LoopingCall(self.log_progress)
            self.progress.start(self.interval, now=False)

    def scraped(self, item: Any) -> None:
        if isinstance(item, Article):
            site = item.site or "unknown"
            self.hosts[host_of(item.url)] = site
            self.count[site]["emitted"] += 1
            record = item.record()
            self.filled[site].update(k for k in RECORD_FIELDS if record[k] not in (None, [], ""))

    def dropped_item(self, item: Any, exception: BaseException) -> None:
        site = getattr(item, "site", None) or "unknown"
        self.dropped[site][drop_reason(exception)] += 1

    def received(self, response: Response, request: Request) -> None:
        if is_robots(request):
            return
        site = portal_of(request)
        now = time.monotonic()
        self.span[site] = (self.span.get(site, (now, now))[0], now)
        if response.status < 500:
            self.answered += 1
        if response.status >= 400:
            self.errors[site][f"http_{response.status}"] += 1
        else:
            self.count[site]["pages"] += 1

    def idle(self, spider: Spider) -> None:
        """Nothing left to do and nobody answered: say so in the finish reason."""
        if self.answered == 0 and self.attempted() and not self.in_fleet():
            raise CloseSpider("no_portal_reachable")

    def attempted(self) -> bool:
        stats = self.stats()
        return any(k.startswith(ERROR_PREFIX) for k in stats) or bool(self.errors)

    def in_fleet(self) -> bool:
        from newscrawl.distributed.switch import redis_url

        return bool(redis_url(self.crawler.settings))  # an idle worker waits for the others

    def stats(self) -> dict[str, Any]:
        return self.crawler.stats.get_stats() if self.crawler.stats else {}

    # -- the report -------------------------------------------------------------------------

    def site(self, name: str) -> str:
        """A mirror's host counted as the site its records named."""
        return self.hosts.get(name, name)

    def per_site(self, prefix: str, stats: dict[str, Any]) -> defaultdict[str, Counter[str]]:
        """``<prefix><site>[/<kind>]`` stats as counters per site."""
        found: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for key, value in stats.items():
            if key.startswith(prefix):
                name, _, kind = key.removeprefix(prefix).partition("/")
                found[self.site(name)][kind or "count"] += int(value)
        return found

    def portals(self, stats: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """Every portal's row; those that yielded nothing first, then by id."""
        skipped = self.per_site(SKIPPED_PREFIX, stats)
        errors = self.per_site(ERROR_PREFIX, stats)
        for name, counts in self.errors.items():
            errors[self.site(name)].update(counts)
        count: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for name, counts in self.count.items():
            count[self.site(name)].update(counts)
        for name, (first, last) in self.span.items():
            count[self.site(name)]["ms"] += round((last - first) * 1000)
        sites = {self.site(s) for s in self.expected} | set(count) | set(self.dropped)
        sites |= set(errors) | set(skipped)
        rows = {s: self.row(s, count[s], skipped[s]["count"], errors[s]) for s in sites}
        return dict(sorted(rows.items(), key=lambda kv: (kv[1]["emitted"] > 0, kv[0])))

    def row(
        self, site: str, count: Counter[str], skipped: int, errors: Counter[str]
    ) -> dict[str, Any]:
        emitted = count["emitted"]
        filled = self.filled[site]
        coverage = {f: round(filled[f] / emitted, 3) for f in RECORD_FIELDS} if emitted else {}
        return {
            "pages_fetched": count["pages"],
            "active_seconds": round(count["ms"] / 1000, 1),  # first to last response
            "emitted": emitted,
            "skipped_known": skipped,
            "dropped": dict(sorted(self.dropped[site].items())),
            "errors": dict(sorted(errors.items())),
            "field_coverage": coverage,
        }

    def summary(self, spider: Spider) -> dict[str, Any]:
        stats = self.stats()
        finished = datetime.now(UTC)
        code = for_run(stats)
        return {
            "spider": spider.name,
            **facts(self.crawler, spider),
            "started": self.started.isoformat(timespec="seconds"),
            "finished": finished.isoformat(timespec="seconds"),
            "duration_seconds": round((finished - self.started).total_seconds(), 1),
            "finish_reason": stats.get("finish_reason"),
            "exit_code": int(code),
            "exit": code.name,
            "outputs": outputs(self.crawler),
            "totals": {
                k.removeprefix("newscrawl/"): v
                for k, v in sorted(stats.items())
                if k.startswith("newscrawl/") and "/site/" not in k
            },
            "portals": self.portals(stats),
        }

    # -- progress and end -------------------------------------------------------------------

    def log_progress(self) -> None:
        """One line per portal whose counts moved since the last line."""
        for site, row in self.portals(self.stats()).items():
            now = (row["pages_fetched"], row["emitted"], sum(row["dropped"].values()),
                   sum(row["errors"].values()))  # fmt: skip
            if now != self.shown.get(site, (0, 0, 0, 0)):
                self.shown[site] = now
                logger.info("Progress %s: %d pages fetched, %d emitted, %d dropped, %d errors",
                            site, *now)  # fmt: skip

    def closed(self, spider: Spider) -> None:
        if self.progress is not None and self.progress.running:
            self.progress.stop()

    def stopped(self) -> None:
        """After the feeds closed (a failed write is known by now): log and write the report."""
        if self.spider is None:
            return
        report = self.summary(self.spider)
        for site, row in report["portals"].items():
            logger.info("Summary %s: %d pages, emitted %d, skipped as known %d, dropped %s, "
                        "errors %s", site, row["pages_fetched"], row["emitted"],
                        row["skipped_known"], row["dropped"] or "none",
                        row["errors"] or "none")  # fmt: skip
        logger.info("Run %s after %.1f s: exit code %d (%s)", report["finish_reason"],
                    report["duration_seconds"], report["exit_code"], report["exit"])  # fmt: skip
        if self.path_template:
            self.write(report)

    def write(self, report: dict[str, Any]) -> None:
        stamp = self.started.replace(microsecond=0).isoformat().replace(":", "-")
        assert self.spider is not None
        path = Path(self.path_template % {"name": self.spider.name, "time": stamp})
        report["outputs"].append(str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report, indent=1, ensure_ascii=False), "utf-8")
        logger.info("Summary written to %s", path)

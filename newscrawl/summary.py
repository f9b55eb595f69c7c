"""The end-of-run summary an operator reads: per portal, what came out and what did not.

Per portal: records emitted, articles skipped as already known, records dropped by reason,
HTTP errors, and how often each record field was filled. Logged at close and written as JSON
(``NEWSCRAWL_SUMMARY``, default beside the default feed; empty turns the file off).
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Request, Response

from newscrawl.items import RECORD_FIELDS, Article
from newscrawl.normalize.urls import host_of
from newscrawl.state.keeper import item_delivered

logger = logging.getLogger(__name__)
_REASON = re.compile(r"[^a-z0-9]+")


def portal_of(request: Request) -> str:
    """The portal a request belongs to: its registry id, else its host."""
    return str(request.meta.get("portal") or host_of(request.url) or "unknown")


def drop_reason(exception: BaseException) -> str:
    """``"no_body: https://..."`` -> ``no_body``; ``"duplicate URL: ..."`` -> ``duplicate_url``."""
    head = str(exception).split(":", 1)[0].lower()
    return _REASON.sub("_", head).strip("_")[:40] or "unknown"


class RunSummary:
    """Extension: counts per portal through the run, reported at its end."""

    def __init__(self, crawler: Crawler, path_template: str) -> None:
        self.crawler, self.path_template = crawler, path_template
        self.started = datetime.now(UTC)
        self.emitted: Counter[str] = Counter()
        self.dropped: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.errors: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.filled: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.hosts: dict[str, str] = {}  # host -> site id, learned from records (mirrors)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        ext = cls(crawler, crawler.settings.get("NEWSCRAWL_SUMMARY", ""))
        crawler.signals.connect(ext.scraped, signal=item_delivered)  # written, not only scraped
        crawler.signals.connect(ext.dropped_item, signal=signals.item_dropped)
        crawler.signals.connect(ext.received, signal=signals.response_received)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def scraped(self, item: Any) -> None:
        if isinstance(item, Article):
            site = item.site or "unknown"
            self.hosts[host_of(item.url)] = site
            self.emitted[site] += 1
            record = item.record()
            self.filled[site].update(k for k in RECORD_FIELDS if record[k] not in (None, [], ""))

    def dropped_item(self, item: Any, exception: BaseException) -> None:
        site = getattr(item, "site", None) or "unknown"
        self.dropped[site][drop_reason(exception)] += 1

    def received(self, response: Response, request: Request) -> None:
        if response.status >= 400:
            self.errors[portal_of(request)][str(response.status)] += 1

    def summary(self, spider: Spider) -> dict[str, Any]:
        for host in [h for h in self.errors if h in self.hosts]:  # a mirror's errors: its site
            self.errors[self.hosts[host]].update(self.errors.pop(host))
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        sites = sorted(
            set(self.emitted) | set(self.dropped) | set(self.errors) | self._skipped(stats)
        )
        return {
            "spider": spider.name,
            "started": self.started.isoformat(timespec="seconds"),
            "finished": datetime.now(UTC).isoformat(timespec="seconds"),
            "totals": {
                k.removeprefix("newscrawl/"): v
                for k, v in sorted(stats.items())
                if k.startswith("newscrawl/") and "/site/" not in k
            },
            "portals": {site: self.portal(site, stats) for site in sites},
        }

    def _skipped(self, stats: dict[str, Any]) -> set[str]:
        return set(self.skipped(stats))

    def skipped(self, stats: dict[str, Any]) -> Counter[str]:
        """Known articles not requested, per site (a mirror's host counted as its site)."""
        prefix = "newscrawl/state/skipped_known/site/"
        found: Counter[str] = Counter()
        for key, value in stats.items():
            if key.startswith(prefix):
                name = key.removeprefix(prefix)
                found[self.hosts.get(name, name)] += value
        return found

    def portal(self, site: str, stats: dict[str, Any]) -> dict[str, Any]:
        emitted = self.emitted[site]
        coverage = (
            {f: round(self.filled[site][f] / emitted, 3) for f in RECORD_FIELDS} if emitted else {}
        )
        return {
            "emitted": emitted,
            "skipped_known": self.skipped(stats)[site],
            "dropped": dict(sorted(self.dropped[site].items())),
            "http_errors": dict(sorted(self.errors[site].items())),
            "field_coverage": coverage,
        }

    def closed(self, spider: Spider) -> None:
        report = self.summary(spider)
        for site, row in report["portals"].items():
            logger.info("Summary %s: emitted %d, skipped as known %d, dropped %s, HTTP errors %s",
                        site, row["emitted"], row["skipped_known"], row["dropped"] or "none",
                        row["http_errors"] or "none")  # fmt: skip
        if self.path_template:
            stamp = self.started.replace(microsecond=0).isoformat().replace(":", "-")
            path = Path(self.path_template % {"name": spider.name, "time": stamp})
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(report, indent=1, ensure_ascii=False), "utf-8")
            logger.info("Summary written to %s", path)

"""Downloader middleware: each portal gets a time budget, not only each request.

``DOWNLOAD_TIMEOUT`` bounds one attempt as a whole (headers and body: a page trickling one
byte a second is cut at 30 s), but a portal of such pages, each tried ``RETRY_TIMES`` + 1
times, would hold the crawl for hours. A portal's time is the time it has a request in the
downloader (queued in its slot or transferring; overlapping requests count once); once it has
used ``NEWSCRAWL_PORTAL_TIME_BUDGET`` seconds, its later requests are dropped: one warning,
``newscrawl/budget/portal_spent``, and ``newscrawl/budget/dropped`` per request. 0: no budget.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from time import monotonic
from typing import Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request

from newscrawl.guards.caps import portal_key
from newscrawl.stats import inc

logger = logging.getLogger(__name__)


class PortalClock:
    """Per portal: seconds with at least one request in the downloader."""

    def __init__(self) -> None:
        self.in_flight: Counter[str] = Counter()
        self.since: dict[str, float] = {}
        self.spent: defaultdict[str, float] = defaultdict(float)

    def started(self, portal: str, now: float) -> None:
        if self.in_flight[portal] == 0:
            self.since[portal] = now
        self.in_flight[portal] += 1

    def ended(self, portal: str, now: float) -> None:
        self.in_flight[portal] = max(0, self.in_flight[portal] - 1)
        if self.in_flight[portal] == 0 and portal in self.since:
            self.spent[portal] += now - self.since.pop(portal)

    def used(self, portal: str, now: float) -> float:
        running = now - self.since[portal] if portal in self.since else 0.0
        return self.spent[portal] + running


class PortalBudget:
    """Drops the requests of a portal that has used its time budget."""

    def __init__(self, crawler: Crawler) -> None:
        self.budget = crawler.settings.getfloat("NEWSCRAWL_PORTAL_TIME_BUDGET")
        if self.budget <= 0:
            raise NotConfigured("NEWSCRAWL_PORTAL_TIME_BUDGET is 0")
        self.crawler, self.clock, self.spent = crawler, PortalClock(), set[str]()
        crawler.signals.connect(self.reached, signal=signals.request_reached_downloader)
        crawler.signals.connect(self.left, signal=signals.request_left_downloader)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def reached(self, request: Request, spider: Spider) -> None:
        self.clock.started(portal_key(request), monotonic())

    def left(self, request: Request, spider: Spider) -> None:
        self.clock.ended(portal_key(request), monotonic())

    def process_request(self, request: Request) -> None:
        portal = portal_key(request)
        if self.clock.used(portal, monotonic()) < self.budget:
            return
        inc(self.crawler.stats, "budget/dropped")
        if portal not in self.spent:
            self.spent.add(portal)
            inc(self.crawler.stats, "budget/portal_spent")
            logger.warning("Portal %s spent its time budget (%g s); its remaining requests are "
                           "dropped (first: %s)", portal, self.budget, request.url)  # fmt: skip
        raise IgnoreRequest(f"refused (time_budget): {request.url}")

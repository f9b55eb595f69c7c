"""scrapy-redis's scheduler and dupefilter, each with one thing added for the fleet.

- :class:`FleetScheduler`: taking a request from the shared queue marks this worker active at
  once, so no other worker concludes from an empty queue that the run is over while this one
  still holds work (its links may refill the queue). Its methods are scrapy-redis's, minus
  what Scrapy 2.19 deprecates (``spider`` arguments to stats, ``Spider.log()``).
- :class:`RedisDupeFilter`: a redirect to a page already requested is logged and counted, as
  :class:`newscrawl.dupefilter.StateAwareDupeFilter` does in a single process (that is how
  redirect loops end); scrapy-redis only logs at DEBUG.
"""

from __future__ import annotations

import logging
import warnings
from typing import Any, Self

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from newscrawl import stats
from newscrawl.distributed.fleet import Fleet, fleet_for

logger = logging.getLogger(__name__)


class FleetScheduler(Scheduler):  # type: ignore[misc]  # scrapy-redis has no type hints
    """Requests and seen-set in Redis (scrapy-redis), telling the fleet when work is taken."""

    fleet: Fleet

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        scheduler: Self = super().from_crawler(crawler)
        scheduler.fleet = fleet_for(crawler)
        return scheduler

    def open(self, spider: Spider) -> None:
        """scrapy-redis's; its "Resuming crawl" line uses ``Spider.log()``, deprecated."""
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", r"Spider\.log\(\)", ScrapyDeprecationWarning)
            super().open(spider)

    def enqueue_request(self, request: Request) -> bool:
        """scrapy-redis's, without the ``spider`` argument to stats Scrapy 2.19 deprecates."""
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.queue.push(request)
        if self.stats is not None:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        request: Request | None = self.queue.pop(self.idle_before_close)
        if request is not None:
            self.fleet.busy()
            if self.stats is not None:
                self.stats.inc_value("scheduler/dequeued/redis")
        return request


class RedisDupeFilter(RFPDupeFilter):  # type: ignore[misc]
    """scrapy-redis's seen-set; redirects cut because their target was seen are reported."""

    def log(self, request: Request, spider: Spider) -> None:
        previous: Any = request.meta.get("redirect_urls")
        if not previous:
            super().log(request, spider)
            return
        stats.inc(spider.crawler.stats, "redirect/to_seen")
        logger.warning(
            "Redirect to a page already requested (a loop or a URL variant), not followed: "
            "%s (from %s)", request.url, previous[-1],
        )  # fmt: skip

"""Request dedup that survives ``kill -9`` with ``JOBDIR``.

Scrapy's dupefilter writes every scheduled request's fingerprint to ``JOBDIR/requests.seen``
at once, while the disk queue is only consistent after a clean stop: after ``kill -9`` a
request can be "seen" yet gone from the queue, and what only it led to is lost on resume.
With the incremental state on, the state already guarantees exactly-once delivery (known
articles are never fetched again), so this filter keeps its fingerprints in memory: a resumed
crawl starts again from its seeds and re-reads listings, and loses nothing. With the state
off it persists like Scrapy's. Redirects cut because their target was already requested
(redirect loops) are logged and counted.
"""

from __future__ import annotations

import logging
from typing import Self

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.dupefilters import RFPDupeFilter
from scrapy.utils.job import job_dir


class StateAwareDupeFilter(RFPDupeFilter):
    """Scrapy's ``RFPDupeFilter``, persisted under ``JOBDIR`` only when state is off."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        path = None if settings.get("NEWSCRAWL_STATE") else job_dir(settings)
        return cls(
            path,
            settings.getbool("DUPEFILTER_DEBUG"),
            fingerprinter=crawler.request_fingerprinter,
        )

    def log(self, request: Request, spider: Spider) -> None:
        """A redirect to a page already requested is how redirect loops end: say so."""
        previous = request.meta.get("redirect_urls")
        if not previous:
            super().log(request, spider)
            return
        if spider.crawler.stats is not None:
            spider.crawler.stats.inc_value("newscrawl/redirect/to_seen")
        logging.getLogger(__name__).warning(
            "Redirect to a page already requested (a loop or a URL variant), not followed: "
            "%s (from %s)", request.url, previous[-1],
        )  # fmt: skip

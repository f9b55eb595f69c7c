"""Request dedup that survives ``kill -9`` with ``JOBDIR``.

Scrapy's dupefilter writes every scheduled request's fingerprint to ``JOBDIR/requests.seen``
at once, while the disk queue is only consistent after a clean stop: after ``kill -9`` a
request can be "seen" yet gone from the queue, and what only it led to is lost on resume.
With the incremental state on, the state already guarantees exactly-once delivery (known
articles are never fetched again), so this filter keeps its fingerprints in memory: a resumed
crawl starts again from its seeds and re-reads listings, and loses nothing. With the state
off it behaves exactly like Scrapy's.
"""

from __future__ import annotations

from typing import Self

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

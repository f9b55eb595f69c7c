"""Request dedup that survives ``kill -9`` with ``JOBDIR``; all of our ``JOBDIR`` handling.

Scrapy's dupefilter writes every scheduled request's fingerprint to ``JOBDIR/requests.seen``
at once, while the disk queue is only consistent after a clean stop (:mod:`newscrawl.jobdir`).
With the incremental state on, the state already guarantees exactly-once delivery (known
articles are never fetched again), so this filter keeps its fingerprints in memory, and a
killed run's queue is reset before the scheduler opens it: the resumed crawl starts again from
its seeds and re-reads listings, and loses nothing. With the state off it persists like
Scrapy's, and a killed ``JOBDIR`` is refused. Redirects cut because their target was already
requested (redirect loops) are logged and counted.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Self

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.dupefilters import RFPDupeFilter
from scrapy.utils.job import job_dir
from twisted.internet.defer import Deferred

from newscrawl import jobdir
from newscrawl.stats import inc


class StateAwareDupeFilter(RFPDupeFilter):
    """Scrapy's ``RFPDupeFilter``, persisted under ``JOBDIR`` only when state is off."""

    jobdir: Path | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        folder, with_state = job_dir(settings), bool(settings.get("NEWSCRAWL_STATE"))
        try:
            if folder and jobdir.recover(Path(folder), with_state):
                inc(crawler.stats, "state/jobdir_reset")
        except jobdir.KilledJob as exc:
            logging.getLogger(__name__).error("Not starting: %s", exc)
            raise
        dupefilter = cls(
            None if with_state else folder,
            settings.getbool("DUPEFILTER_DEBUG"),
            fingerprinter=crawler.request_fingerprinter,
        )
        dupefilter.jobdir = Path(folder) if folder else None
        return dupefilter

    def open(self) -> Deferred[None] | None:
        if self.jobdir is not None:
            jobdir.mark_running(self.jobdir)
        return super().open()

    def close(self, reason: str) -> None:
        super().close(reason)
        if self.jobdir is not None:
            jobdir.mark_stopped(self.jobdir)

    def log(self, request: Request, spider: Spider) -> None:
        """A redirect to a page already requested is how redirect loops end: say so."""
        previous = request.meta.get("redirect_urls")
        if not previous:
            super().log(request, spider)
            return
        inc(spider.crawler.stats, "redirect/to_seen")
        logging.getLogger(__name__).warning(
            "Redirect to a page already requested (a loop or a URL variant), not followed: "
            "%s (from %s)", request.url, previous[-1],
        )  # fmt: skip

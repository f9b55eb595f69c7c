"""An extension for ``benchmarks/corpus.py``: the CPU a crawl spent, split by process.

At ``spider_closed`` (after the item pipelines closed, so the corpus worker has exited and
been waited for) it stores ``bench/crawl_cpu_us`` (the crawl's own process, all its threads)
and ``bench/children_cpu_us`` (its child processes: the corpus worker).
"""

from __future__ import annotations

import resource
from typing import Self

from scrapy import signals
from scrapy.crawler import Crawler


def _cpu_us(who: int) -> int:
    usage = resource.getrusage(who)
    return int((usage.ru_utime + usage.ru_stime) * 1e6)


class CrawlCpu:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def closed(self) -> None:
        assert self.stats is not None
        self.stats.set_value("bench/crawl_cpu_us", _cpu_us(resource.RUSAGE_SELF))
        self.stats.set_value("bench/children_cpu_us", _cpu_us(resource.RUSAGE_CHILDREN))

"""Extensions that make a crawl end the way a real fault would, for the exit-code tests."""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider


class LoseOutput:
    """A feed write that failed: what the feed storage counts as ``newscrawl/output/lost``."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        ext = cls()
        crawler.signals.connect(lambda: crawler.stats.inc_value("newscrawl/output/lost", 3),  # type: ignore[union-attr]
                                signal=signals.spider_closed, weak=False)  # fmt: skip
        return ext


class ShutDown:
    """Closes the run as Ctrl-C / SIGTERM does (finish reason ``shutdown``) once idle."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        ext = cls()
        crawler.signals.connect(ext.idle, signal=signals.spider_idle)
        return ext

    def idle(self) -> None:
        raise CloseSpider("shutdown")

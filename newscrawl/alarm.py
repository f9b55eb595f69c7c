"""Extension: a per-portal alarm for markup changes, so a redesign does not pass as a quiet day.

When a portal changes its template, article pages still answer 200 but the extractor finds no
body or headline, and every such record is dropped (``no_body``, ``no_title``). Once the share
of a portal's article records dropped that way crosses ``NEWSCRAWL_ALARM_SHARE`` (after
``NEWSCRAWL_ALARM_MIN_PAGES`` of them), one warning names the portal and
``newscrawl/alarm/markup/<portal>`` counts it.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from newscrawl import stats
from newscrawl.drops import ArticleDropped, DropReason
from newscrawl.items import Article

logger = logging.getLogger(__name__)
LOST_TO_MARKUP = frozenset({DropReason.NO_BODY, DropReason.NO_TITLE})


class MarkupAlarm:
    """Counts each portal's article records, and those that lost their body."""

    def __init__(self, minimum: int, share: float, collector: StatsCollector | None) -> None:
        self.minimum, self.share, self.stats = minimum, share, collector
        self.pages: Counter[str] = Counter()
        self.lost: Counter[str] = Counter()
        self.raised: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        alarm = cls(
            settings.getint("NEWSCRAWL_ALARM_MIN_PAGES"),
            settings.getfloat("NEWSCRAWL_ALARM_SHARE"),
            crawler.stats,
        )
        crawler.signals.connect(alarm.scraped, signal=signals.item_scraped)
        crawler.signals.connect(alarm.dropped, signal=signals.item_dropped)
        return alarm

    def scraped(self, item: Any) -> None:
        if isinstance(item, Article):
            self.observe(item.site or "unknown", lost=False)

    def dropped(self, item: Any, exception: BaseException) -> None:
        if isinstance(item, Article) and isinstance(exception, ArticleDropped):
            self.observe(item.site or "unknown", lost=exception.reason in LOST_TO_MARKUP)

    def observe(self, portal: str, lost: bool) -> None:
        self.pages[portal] += 1
        self.lost[portal] += lost
        seen, lost_count = self.pages[portal], self.lost[portal]
        if portal in self.raised or seen < self.minimum or lost_count < self.share * seen:
            return
        self.raised.add(portal)
        stats.inc(self.stats, f"alarm/markup/{portal}")
        logger.warning(
            "Markup change on %s? %d of %d article pages had no article body: "
            "check the network's selectors", portal, lost_count, seen,
        )  # fmt: skip

"""A per-portal alarm for markup changes: a redesign must not pass as a quiet day.

When a portal changes its template, pages still answer 200 but the extractor finds no
article body; every such record is dropped. Once the share of article pages without a body
crosses a threshold for a portal, one warning says so and a stat records it.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newscrawl.spiders.base import NetworkSpider

logger = logging.getLogger(__name__)


class MarkupAlarm:
    """Counts article pages with and without a body container, per portal."""

    def __init__(self, spider: NetworkSpider) -> None:
        self.spider = spider
        self.pages: Counter[str] = Counter()
        self.lost: Counter[str] = Counter()
        self.raised: set[str] = set()

    def observe(self, portal: str, missing: bool) -> None:
        self.pages[portal] += 1
        self.lost[portal] += missing
        settings = self.spider.settings
        minimum = settings.getint("NEWSCRAWL_ALARM_MIN_PAGES", 5)
        share = settings.getfloat("NEWSCRAWL_ALARM_SHARE", 0.5)
        seen, lost = self.pages[portal], self.lost[portal]
        if portal not in self.raised and seen >= minimum and lost >= share * seen:
            self.raised.add(portal)
            self.spider.inc(f"alarm/markup/{portal}")
            logger.warning(
                "Markup change on %s? %d of %d article pages had no article body: "
                "check the network's selectors", portal, lost, seen,
            )  # fmt: skip

"""Why a record is not emitted, as a type: stats, logs and the run summary share one vocabulary.

A pipeline raises :class:`ArticleDropped` with a :class:`DropReason`; the stat is
``newscrawl/dropped/<reason>`` and the summary groups by the reason, never by parsing text.
"""

from __future__ import annotations

from enum import StrEnum

from scrapy.exceptions import DropItem


class DropReason(StrEnum):
    """Every reason a record is dropped."""

    NO_BODY = "no_body"
    NO_TITLE = "no_title"
    NO_DATE = "no_date"
    NOT_ARTICLE = "not_article"
    SOFT_404 = "soft_404"
    IMPOSSIBLE_DATE = "impossible_date"
    OUTSIDE_WINDOW = "outside_window"
    DUPLICATE_URL = "duplicate_url"
    DUPLICATE_CONTENT = "duplicate_content"
    NEAR_DUPLICATE = "near_duplicate"
    UNCHANGED = "unchanged"
    CLAIMED = "claimed"  # another worker of a distributed run emitted it


class ArticleDropped(DropItem):
    """A record not emitted, with its typed reason and the URL it came from."""

    def __init__(self, reason: DropReason, url: str | None, log_level: str = "WARNING") -> None:
        super().__init__(f"{reason.value}: {url}", log_level)
        self.reason = reason
        self.url = url

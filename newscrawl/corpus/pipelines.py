"""Item pipelines of the corpus layer: language measured, syndicated copies marked.

Both run after validation and deduplication (``settings.ITEM_PIPELINES``), so they spend
nothing on records that are dropped anyway. Both also run without a crawler (``scrapy
extract``): then the near-duplicate index lives in memory, in ``mark`` mode.
"""

from __future__ import annotations

import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

from newscrawl.corpus.index import MemoryIndex, NearDupIndex, index_for
from newscrawl.corpus.language import identify, warm_up
from newscrawl.corpus.neardup import THRESHOLD, NearDuplicates
from newscrawl.drops import ArticleDropped, DropReason
from newscrawl.items import Article
from newscrawl.stats import inc

logger = logging.getLogger(__name__)
MODES = ("mark", "drop", "off")


class LanguagePipeline:
    """``language`` from the body, with ``<html lang>`` as a hint (see ``corpus.language``)."""

    def __init__(self, stats: StatsCollector | None = None) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.stats)

    def open_spider(self) -> None:
        warm_up()

    def process_item(self, item: Article) -> Article:
        item.language = identify(item.body, item.html_lang)
        inc(self.stats, f"language/{item.language or 'unknown'}")
        return item


def near_duplicate_mode(value: object) -> str:
    """``NEWSCRAWL_NEAR_DUPLICATES`` checked: a typo stops the crawl before it starts."""
    mode = str(value or "off").strip().lower()
    if mode not in MODES:
        raise ValueError(f"NEWSCRAWL_NEAR_DUPLICATES must be one of {', '.join(MODES)}, "
                         f"not {value!r}")  # fmt: skip
    return mode


class NearDuplicatePipeline:
    """``duplicate_of``: a copy of a story seen before (on another portal, or in an earlier
    run) is marked with the earliest copy's URL, or dropped (``NEWSCRAWL_NEAR_DUPLICATES``)."""

    def __init__(
        self,
        index: NearDupIndex | None = None,
        mode: str = "mark",
        threshold: float = THRESHOLD,
        stats: StatsCollector | None = None,
    ) -> None:
        self.index = index if index is not None else MemoryIndex()
        self.finder = NearDuplicates(self.index, threshold)
        self.mode, self.stats = mode, stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        mode = near_duplicate_mode(crawler.settings.get("NEWSCRAWL_NEAR_DUPLICATES"))
        if mode == "off":
            raise NotConfigured("NEWSCRAWL_NEAR_DUPLICATES is off")
        threshold = crawler.settings.getfloat("NEWSCRAWL_NEAR_DUPLICATES_THRESHOLD", THRESHOLD)
        return cls(index_for(crawler), mode, threshold, crawler.stats)

    def process_item(self, item: Article) -> Article:
        original = self.finder.original_of(item.url, item.site, item.body)
        if original is None:
            return item
        if self.mode == "drop":
            inc(self.stats, f"dropped/{DropReason.NEAR_DUPLICATE}")
            raise ArticleDropped(DropReason.NEAR_DUPLICATE, item.url, "INFO")
        inc(self.stats, "near_duplicates/marked")
        item.duplicate_of = original
        return item

    def close_spider(self) -> None:
        self.index.close()

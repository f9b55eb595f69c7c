"""Stitch a multi-page article (``?page=2``, ``?page=3`` ...) into one record, in page order.

The record travels in the request chain: page 1 decides the later pages, each later page is
appended when it arrives (``newscrawl.articles.add_page``). A page that fails is a warning and
a stat, never a lost article: the record comes out with the pages that arrived (``pages``
counts them). Returns decisions; the spider makes the requests.
"""

from __future__ import annotations

from scrapy.statscollectors import StatsCollector

from newscrawl import stats
from newscrawl.articles import missing_page
from newscrawl.items import Article
from newscrawl.spiders.follow import Follow


class ArticleStitcher:
    """Decides, page by page, whether a record is complete or which page comes next."""

    def __init__(self, collector: StatsCollector | None = None) -> None:
        self.stats = collector

    def next(self, item: Article, remaining: list[str]) -> Article | Follow:
        """The finished record, or the request for its next page (carrying it along)."""
        if not remaining:
            stats.inc(self.stats, "article/emitted_pages", item.pages)
            return item
        carry = {"article": item, "remaining": remaining[1:]}
        return Follow(remaining[0], "article_page", carry, refetch=True)

    def missing(self, item: Article, url: str, remaining: list[str]) -> Article | Follow:
        """A later page failed or is not HTML: go on without it."""
        stats.inc(self.stats, "article/missing_page")
        missing_page(item, url)
        return self.next(item, remaining)

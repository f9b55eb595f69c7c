"""Stitch a multi-page article (``?page=2``, ``?page=3`` ...) into one record.

Page 1 carries the partial record in the request chain; each later page appends its body
blocks and photos. A page that fails is a warning and a stat, never a lost article: the
record is emitted with the pages that arrived (``pages`` counts them).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from scrapy.http import Request, Response, TextResponse

from newscrawl.items import Article

if TYPE_CHECKING:
    from newscrawl.spiders.base import NetworkSpider

logger = logging.getLogger(__name__)


class ArticleStitcher:
    """Requests an article's remaining pages one after another, in page order."""

    def __init__(self, spider: NetworkSpider) -> None:
        self.spider = spider

    def start(self, item: Article, page_urls: list[str], response: Response) -> Iterator[Any]:
        """Emit ``item`` now, or request its next page carrying it along."""
        yield from self._next(item, page_urls, response.meta)

    def _next(self, item: Article, remaining: list[str], meta: dict[str, Any]) -> Iterator[Any]:
        if not remaining:
            yield self.spider.emit(item)
            return
        yield Request(
            remaining[0],
            callback=self.spider.parse_article_page,  # a spider method, so JOBDIR can store it
            errback=self.spider.on_error,
            priority=40,
            dont_filter=True,  # a listing may have linked the page already
            meta={
                "scope": meta.get("scope", []),
                "portal": meta.get("portal"),
                "kind": "article_page",
                "article": item,
                "remaining": remaining[1:],
            },
        )

    def on_page(self, response: Response) -> Iterator[Any]:
        """A later page arrived: append what it adds, then go on."""
        item: Article = response.meta["article"]
        if isinstance(response, TextResponse):
            page = self.spider.page(response)
            self.spider.network_of(page).extractor.add_page(item, page)
            yield from self.spider.follow(
                self.spider.network.related_links(page),
                "related",
                response,
                self.spider.parse_article,
            )
        else:
            self.spider.inc("article/missing_page")
            logger.warning("Page of %s is not HTML, skipped: %s", item.url, response.url)
        yield from self._next(item, response.meta["remaining"], response.meta)

    def on_failed_page(self, request: Request) -> Iterator[Any]:
        """The errback's share: a failed later page is skipped, the record still emitted."""
        item = request.meta.get("article")
        if item is None:
            return
        self.spider.inc("article/missing_page")
        logger.warning("Missing page %s of article %s; emitting without it", request.url, item.url)
        yield from self._next(item, request.meta.get("remaining", []), request.meta)

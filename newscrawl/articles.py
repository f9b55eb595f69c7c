"""An article from its pages: the one reading path the crawl and offline re-extraction share.

A record is its first page, extracted by the page's network, plus the network's later pages
(``?page=2`` …) appended in order. The crawl fetches those pages one request at a time
(``spiders.stitch``), ``scrapy extract`` and WARC re-extraction look them up
(:func:`read_article`): both go through :func:`first_page` and :func:`add_page`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from newscrawl.extract.base import Page
from newscrawl.items import Article
from newscrawl.normalize.urls import page_number

logger = logging.getLogger(__name__)


def first_page(page: Page, crawled_at: str) -> tuple[Article, list[str]]:
    """The raw record of an article's first page, and the URLs of its later pages.

    A later page read on its own (a saved ``?page=2``) is a record of its own: it keeps its
    URL and is not stitched.
    """
    network = page.network
    item = network.extractor.extract(page)
    item.crawled_at = crawled_at
    if page_number(page.url) > 1:
        return item, []
    item.url = network.article_url(page.url)
    return item, network.page_urls(page)


def add_page(item: Article, page: Page) -> None:
    """Append a later page: its body, photos and related links."""
    page.network.extractor.add_page(item, page)


def missing_page(item: Article, url: str, source: str = "") -> None:
    """A later page that could not be had: the record goes on without it."""
    where = f" in {source}" if source else ""
    logger.warning("Missing page %s of article %s%s; emitting without it", url, item.url, where)


def read_article(
    page: Page, crawled_at: str, later: Callable[[str], Page | None], source: str = ""
) -> Article:
    """The whole raw record of the article whose first page is ``page``; ``later`` finds a
    later page by URL (None when it is not to be had in ``source``)."""
    item, remaining = first_page(page, crawled_at)
    for url in remaining:
        found = later(url)
        if found is None:
            missing_page(item, url, source)
        else:
            add_page(item, found)
    return item

"""The articles of a WARC archive, read the way the crawl reads them (for ``scrapy extract``).

Why not just every HTML page: an archive of a crawl also holds home pages, listings and the
later pages of multi-page articles. Only pages their network calls articles give records, and
a first page gets its ``?page=2..n`` (as the network's ``page_urls`` lists them) stitched in
from the same archive, in order, as ``spiders/stitch.py`` does during a crawl.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from scrapy.http import HtmlResponse

from newscrawl.archive.reader import (
    ArchivedResponse,
    Location,
    index_responses,
    read_response,
    url_key,
)
from newscrawl.extract.base import Extractor, Page
from newscrawl.items import Article
from newscrawl.networks import network_for
from newscrawl.normalize.urls import page_number, without_query

logger = logging.getLogger(__name__)


def archived_page(archived: ArchivedResponse) -> Page:
    """An archived HTML response (body decoded) as a page; its charset from its headers."""
    response = HtmlResponse(url=archived.url, body=archived.body, headers=dict(archived.headers))
    return Page(sel=response.selector, url=response.url, http_date=archived.header("Date"))


class ArchiveArticles:
    """Iterates the raw (pre-pipeline) articles of one archive, in archive order."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.index = index_responses([path])

    def __iter__(self) -> Iterator[Article]:
        for where in self.index.values():
            item = self.article(where)
            if item is not None:
                yield item

    def html_page(self, where: Location) -> tuple[Page, ArchivedResponse] | None:
        """The page at ``where`` when it is a 200 HTML response, else None."""
        archived = read_response(where, decode=True)
        if archived.status != 200 or not archived.is_html():
            return None
        return archived_page(archived), archived

    def article(self, where: Location) -> Article | None:
        found = self.html_page(where)
        if found is None:
            return None
        page, archived = found
        network = network_for(page)
        if not network.is_article(page.url) or self.is_later_page(page.url):
            return None
        item = network.extractor.extract(page)
        item.crawled_at = archived.fetched_at
        if page_number(page.url) == 1:  # a later page read on its own keeps its ?page=N
            item.url = without_query(page.url)
            for url in network.page_urls(page):
                self.stitch(item, url, network.extractor)
        return item

    def is_later_page(self, url: str) -> bool:
        """Page 2..n whose first page is archived too: it is read with its first page (a
        later page without its first is read on its own, like a saved page 2)."""
        return page_number(url) > 1 and url_key(without_query(url)) in self.index

    def stitch(self, item: Article, url: str, extractor: Extractor) -> None:
        where = self.index.get(url_key(url))
        found = self.html_page(where) if where is not None else None
        if found is None:
            logger.warning("%s: missing page %s of article %s", self.path, url, item.url)
            return
        extractor.add_page(item, found[0])

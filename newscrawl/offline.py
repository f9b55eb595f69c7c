"""Re-extraction without a crawl: saved pages and WARC archives, read as the crawl reads them.

``scrapy extract`` and the benchmarks come through here. A page becomes a ``Page`` through the
same resolver as in a crawl, an article is read through ``newscrawl.articles`` (later pages
stitched from the same archive), and records go through the crawl's item pipelines.
Only ``newscrawl.archive`` touches WARC files: this module asks it for responses by URL.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse
from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object

from newscrawl.archive.reader import (
    ArchivedResponse,
    Location,
    index_responses,
    read_response,
    url_key,
)
from newscrawl.articles import read_article
from newscrawl.extract.base import Page
from newscrawl.extract.metadata import canonical
from newscrawl.items import Article
from newscrawl.normalize.urls import page_number, without_query
from newscrawl.resolve import Resolver

logger = logging.getLogger(__name__)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def saved_page(path: Path, url: str | None, resolver: Resolver) -> Page:
    """A saved HTML file as a page; its URL from ``url``, else from its own canonical link."""
    response = HtmlResponse(url=url or path.resolve().as_uri(), body=path.read_bytes())
    if url is None:
        found = canonical(response.selector)
        if found and found.startswith(("http://", "https://")):
            response = response.replace(url=found)
    return resolver.page(response.selector, response.url)


def saved_article(path: Path, url: str | None) -> Article:
    """The raw record of one saved page (a later page of its own is not stitched)."""
    page = saved_page(path, url, Resolver())
    return read_article(page, now(), lambda _url: None)


class ArchiveArticles:
    """The raw (pre-pipeline) articles of one WARC archive, in archive order.

    Only pages their network calls articles give records; home pages, listings and later
    pages (read with their first page) do not.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.index = index_responses([path])
        self.resolver = Resolver()

    def __iter__(self) -> Iterator[Article]:
        for where in self.index.values():
            item = self.article(where)
            if item is not None:
                yield item

    def page(self, where: Location) -> tuple[Page, ArchivedResponse] | None:
        """The page at ``where`` when it is a 200 HTML response, else None."""
        archived = read_response(where, decode=True)
        if archived.status != 200 or not archived.is_html():
            return None
        response = HtmlResponse(archived.url, body=archived.body, headers=dict(archived.headers))
        page = self.resolver.page(
            response.selector, archived.url, http_date=archived.header("Date")
        )
        return page, archived

    def later(self, url: str) -> Page | None:
        where = self.index.get(url_key(url))
        found = self.page(where) if where is not None else None
        return found[0] if found else None

    def article(self, where: Location) -> Article | None:
        found = self.page(where)
        if found is None:
            return None
        page, archived = found
        if not page.network.is_article(page.url) or self.is_later_page(page.url):
            return None
        return read_article(page, archived.fetched_at, self.later, str(self.path))

    def is_later_page(self, url: str) -> bool:
        """Page 2..n whose first page is archived too: it is read with its first page (a
        later page without its first is read on its own, like a saved page 2)."""
        return page_number(url) > 1 and url_key(without_query(url)) in self.index


def pipelines(settings: BaseSettings) -> list[Any]:
    """The crawl's item pipelines in their configured order, without a crawler; those marked
    ``crawl_only`` (the incremental state) do not apply to re-extraction."""
    configured = settings.getwithbase("ITEM_PIPELINES")
    ordered = sorted((order, path) for path, order in configured.items() if order is not None)
    classes = [load_object(path) for _, path in ordered]
    return [cls() for cls in classes if not getattr(cls, "crawl_only", False)]


def is_archive(path: Path) -> bool:
    return path.name.endswith((".warc", ".warc.gz"))


def cleaned(item: Article, chain: list[Any], source: object) -> Article | None:
    """``item`` through the pipelines; a dropped one is logged (naming ``source``), not raised."""
    try:
        for pipeline in chain:
            item = pipeline.process_item(item)
    except DropItem as reason:
        logger.warning("%s: dropped (%s)", source, reason)
        return None
    return item


def extract_files(
    paths: list[Path], url: str | None, chain: list[Any], failed: list[str] | None = None
) -> Iterator[Article]:
    """Extracted and cleaned records of ``paths``; dropped ones are logged, not raised; a page
    that breaks the extractor is one ERROR line naming it (and listed in ``failed``), and the
    batch goes on."""
    for path in paths:
        try:
            item = cleaned(saved_article(path, url), chain, path)
        except Exception as error:  # one bad page never stops a batch
            unreadable(str(path), error, failed)
            continue
        if item is not None:
            yield item


def unreadable(source: str, error: Exception, failed: list[str] | None) -> None:
    logger.error("%s: could not be read (%s: %s)", source, type(error).__name__, error)
    if failed is not None:
        failed.append(source)


def extract_archive(
    path: Path, chain: list[Any], failed: list[str] | None = None
) -> Iterator[Article]:
    """Cleaned records of the articles archived in the WARC file ``path``; an article that
    breaks the extractor is logged and listed in ``failed``, and the archive goes on."""
    articles = ArchiveArticles(path)
    for where in articles.index.values():
        try:
            raw = articles.article(where)
            item = cleaned(raw, chain, raw.url) if raw is not None else None
        except Exception as error:  # one bad record never stops an archive
            unreadable(f"{path} at offset {where.offset}", error, failed)
            continue
        if item is not None:
            yield item


def extract_paths(
    paths: list[Path], url: str | None, chain: list[Any], failed: list[str] | None = None
) -> Iterator[Article]:
    """Records of saved pages and archives, in argument order; what could not be read is
    listed in ``failed``."""
    for path in paths:
        if is_archive(path):
            yield from extract_archive(path, chain, failed)
        else:
            yield from extract_files([path], url, chain, failed)

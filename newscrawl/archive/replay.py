"""``NEWSCRAWL_REPLAY=a.warc.gz,b*.warc.gz``: answer every request from WARC archives.

Why: to re-run a crawl (a fixed bug, a new field) on exactly the pages an earlier crawl saw,
offline and as fast as the disk. The middleware sits next to the downloader (order 960) and
returns the archived response from ``process_request``, so nothing reaches the network while
every ``process_response`` (decompression, redirects, retries) still runs on the raw body as
it would have on the wire. A URL the archives do not hold is a 404 with an empty body.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from scrapy.http.headers import Headers
from scrapy.responsetypes import responsetypes
from scrapy.statscollectors import StatsCollector

from newscrawl import stats
from newscrawl.archive import REPLAY_FLAG
from newscrawl.archive.reader import (
    ArchivedResponse,
    Location,
    archive_paths,
    index_responses,
    read_response,
    url_key,
)

logger = logging.getLogger(__name__)


def replayed(archived: ArchivedResponse, request: Request) -> Response:
    """The archived response as Scrapy's downloader would have built it."""
    headers = Headers()
    for name, value in archived.headers:
        headers.appendlist(name, value)
    cls = responsetypes.from_args(headers=headers, url=request.url, body=archived.body)
    return cls(
        url=request.url,
        status=archived.status,
        headers=headers,
        body=archived.body,
        flags=[REPLAY_FLAG],
        request=request,
        protocol="HTTP/1.1",
    )


class ReplayMiddleware:
    """Serves requests from the archives' response records, indexed at spider open."""

    def __init__(self, paths: list[Path], stats: StatsCollector | None = None) -> None:
        self.paths = paths
        self.stats = stats
        self.index: dict[str, Location] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        spec = crawler.settings.get("NEWSCRAWL_REPLAY")
        if not spec:
            raise NotConfigured  # no message: Scrapy would warn on every crawl without it
        middleware = cls(archive_paths(spec), crawler.stats)
        crawler.signals.connect(middleware.open, signal=signals.spider_opened)
        return middleware

    def open(self) -> None:
        """Index every response record of the archives (URL -> file and offset)."""
        self.index = index_responses(self.paths)
        logger.info("Replaying %d URLs from %d archive(s)", len(self.index), len(self.paths))

    def process_request(self, request: Request) -> Response:
        where = self.index.get(url_key(request.url))
        if where is None:
            return self.missing(request)
        self.inc("served")
        return replayed(read_response(where), request)

    def missing(self, request: Request) -> Response:
        self.inc("missing")
        logger.info("Not in the replayed archives, answering 404: %s", request.url)
        return Response(request.url, status=404, flags=[REPLAY_FLAG], request=request)

    def inc(self, event: str) -> None:
        stats.inc(self.stats, f"replay/{event}")

"""``NEWSCRAWL_ARCHIVE=path.warc.gz``: keep every downloaded response as WARC records.

Why a downloader middleware next to the downloader (order 950, past HttpCompression at 590):
there it sees each response as the server sent it, compressed body and all, including
robots.txt and error statuses, before any middleware rewrites or retries it. Responses that
did not come from the network (replayed, cached) are not archived again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from scrapy.http.headers import Headers
from scrapy.statscollectors import StatsCollector

from newscrawl.archive import NOT_DOWNLOADED_FLAGS
from newscrawl.archive.records import Pairs, request_record, response_record
from newscrawl.archive.warcfile import RotatingWarc
from newscrawl.normalize.urls import host_of

DEFAULT_MAX_BYTES = 1024**3


def header_pairs(headers: Headers) -> Pairs:
    """Scrapy headers as (name, value) pairs; a de-chunked body's ``Transfer-Encoding`` is
    kept under ``X-Archive-Orig-`` (the pywb convention) so readers do not de-chunk again."""
    pairs: Pairs = []
    for name, values in headers.items():
        text = name.decode("latin-1")
        if text.lower() == "transfer-encoding":
            text = f"X-Archive-Orig-{text}"
        pairs.extend((text, value.decode("latin-1")) for value in values)
    return pairs


def sent_headers(request: Request) -> Pairs:
    """The request's headers, with the ``Host`` the download handler adds."""
    pairs = header_pairs(request.headers)
    if not any(name.lower() == "host" for name, _ in pairs):
        pairs.insert(0, ("Host", host_of(request.url)))
    return pairs


class ArchiveMiddleware:
    """Writes a request and a response record per downloaded response; rotates by size."""

    def __init__(
        self,
        path: str | Path,
        max_bytes: int = DEFAULT_MAX_BYTES,
        stats: StatsCollector | None = None,
    ) -> None:
        self.warc = RotatingWarc(Path(path), max_bytes)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        path = crawler.settings.get("NEWSCRAWL_ARCHIVE")
        if not path:
            raise NotConfigured  # no message: Scrapy would warn on every crawl without it
        max_bytes = crawler.settings.getint("NEWSCRAWL_ARCHIVE_MAX_BYTES")
        middleware = cls(path, max_bytes, crawler.stats)
        crawler.signals.connect(middleware.close, signal=signals.spider_closed)
        return middleware

    def process_response(self, request: Request, response: Response) -> Response:
        if not NOT_DOWNLOADED_FLAGS.intersection(response.flags):
            self.archive(request, response)
        return response

    def archive(self, request: Request, response: Response) -> None:
        sent = request_record(request.url, request.method, sent_headers(request), request.body)
        got = response_record(
            response.url, response.status, header_pairs(response.headers), response.body
        )
        self.warc.write_pair(sent, got)
        if self.stats is not None:
            self.stats.set_value("newscrawl/archive/records", self.warc.records)
            self.stats.set_value("newscrawl/archive/files", len(self.warc.files))

    def close(self) -> None:
        """At spider close: flush and close the current file."""
        self.warc.close()

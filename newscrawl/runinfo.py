"""Facts about a run the summary reports beside its counts: what ran, with which arguments and
settings, where its output went, and download failures named by kind.

Kept apart from :mod:`newscrawl.summary` so the counting there stays short; nothing here holds
state across a run except the stats :class:`DownloadErrors` writes.
"""

from __future__ import annotations

import json
from importlib import metadata
from typing import Any, Self

import scrapy
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.extensions.feedexport import FeedExporter
from scrapy.http import Request
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from twisted.internet import defer, error
from twisted.web._newclient import ResponseFailed

from newscrawl.normalize.urls import host_of
from newscrawl.stats import inc

# Download failures by what an operator does about them (names are the summary's keys).
# Scrapy 2.13+ raises its own types; Twisted's are kept for handlers that pass them through.
KINDS: tuple[tuple[str, tuple[type[BaseException], ...]], ...] = (
    ("dns", (CannotResolveHostError, error.DNSLookupError)),
    ("timeout", (DownloadTimeoutError, error.TimeoutError, error.TCPTimedOutError,
                 defer.TimeoutError)),
    ("refused", (DownloadConnectionRefusedError, error.ConnectionRefusedError)),
    ("connection_lost", (ResponseDataLossError, DownloadFailedError, error.ConnectionLost,
                         error.ConnectionDone, ResponseFailed)),
    ("oversize", (DownloadCancelledError,)),
)  # fmt: skip
ERROR_PREFIX = "newscrawl/errors/site/"


def version() -> str:
    """The installed newscrawl version; ``unknown`` when run from a checkout not installed."""
    try:
        return metadata.version("newscrawl")
    except metadata.PackageNotFoundError:
        return "unknown"


def error_kind(exc: BaseException) -> str:
    """``dns``, ``timeout``, ``refused``, ``connection_lost``, ``oversize``, else the
    exception's name."""
    for kind, types in KINDS:
        if isinstance(exc, types):
            return kind
    return type(exc).__name__


def portal_of(request: Request) -> str:
    """The portal a request belongs to: its registry id, else its host."""
    return str(request.meta.get("portal") or host_of(request.url) or "unknown")


def is_robots(request: Request) -> bool:
    return request.url.endswith("/robots.txt")


def arguments(spider: Spider) -> dict[str, str]:
    """The spider's ``-a`` arguments as given (network spiders keep them on ``options``)."""
    options = getattr(spider, "options", None)
    return dict(getattr(options, "given", {}))


def overridden(settings: BaseSettings) -> dict[str, str]:
    """Settings given on the command line (``-s``, ``-o``), as text."""
    cmdline = SETTINGS_PRIORITIES["cmdline"]
    return {k: text(settings[k]) for k in sorted(settings) if settings.getpriority(k) == cmdline}


def text(value: Any) -> str:
    """A setting's value as text; nested settings (``FEEDS`` from ``-o``) as JSON."""
    if isinstance(value, BaseSettings):
        return json.dumps(value.copy_to_dict(), default=str, sort_keys=True)
    return str(value)


def outputs(crawler: Crawler) -> list[str]:
    """The feeds this run writes (placeholders resolved), then the log file."""
    exporter = crawler.get_extension(FeedExporter) if crawler.engine else None
    feeds = [slot.uri for slot in getattr(exporter, "slots", [])]
    log = crawler.settings.get("LOG_FILE")
    return feeds + ([str(log)] if log else [])


def facts(crawler: Crawler, spider: Spider) -> dict[str, Any]:
    """What ran: versions, arguments, command-line settings."""
    return {
        "version": version(),
        "scrapy": scrapy.__version__,
        "arguments": arguments(spider),
        "settings": overridden(crawler.settings),
    }


class DownloadErrors:
    """Downloader middleware: a request that failed for good (after retries), counted per
    portal and kind as ``newscrawl/errors/site/<portal>/<kind>``. Placed before the retry
    middleware in the chain so a retried failure is not counted."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_exception(self, request: Request, exception: BaseException) -> None:
        if isinstance(exception, IgnoreRequest) or is_robots(request):
            return
        name = f"errors/site/{portal_of(request)}/{error_kind(exception)}"
        inc(self.crawler.stats, name)

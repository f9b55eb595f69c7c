"""Downloader middlewares that keep an unattended crawl safe and honest on hostile input.

- :class:`BackoffRetry` replaces Scrapy's retry middleware: same codes and limits, but waits
  before each retry, as long as ``Retry-After`` asks (capped) or exponentially longer.
- :class:`ScopeGuard` refuses any request outside the crawl's scope, after redirects too:
  another host, a non-http(s) scheme, or a loopback, private or link-local address that was
  not given as a start URL (a crawl's scope is its portals' hosts, or its start URLs' hosts).
- :class:`EncodingGuard` corrects a declared charset the bytes contradict (UTF-8 bytes
  labelled ISO-8859-1, or bytes that are not UTF-8 labelled UTF-8).
Each event is one log line with the URL and a stat under ``newscrawl/``.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response, TextResponse

logger = logging.getLogger(__name__)


def _inc(crawler: Crawler, key: str) -> None:
    if crawler.stats is not None:
        crawler.stats.inc_value(f"newscrawl/{key}")


def retry_after(value: bytes | None, now: datetime, cap: float) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date), capped."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    try:
        seconds = (
            float(text)
            if text.replace(".", "", 1).isdigit()
            else (parsedate_to_datetime(text) - now).total_seconds()
        )
    except (TypeError, ValueError):
        return None
    return min(max(seconds, 0.0), cap)


class BackoffRetry(RetryMiddleware):
    """Retries 5xx, 429 and timeouts like Scrapy, waiting before each retry."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF", 1.0)
        self.cap = settings.getfloat("NEWSCRAWL_RETRY_MAX_DELAY", 60.0)

    def delay(self, request: Request, response: Response | None) -> float:
        asked = (
            retry_after(response.headers.get("Retry-After"), datetime.now(UTC), self.cap)
            if response
            else None
        )
        tries = request.meta.get("retry_times", 0)
        return asked if asked is not None else min(self.base * 2**tries, self.cap)

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, f"HTTP {response.status}")
        if retry is None:
            return response
        wait = self.delay(request, response)
        _inc(self.crawler, f"retry/http_{response.status}")
        logger.warning("HTTP %s for %s: retry %d in %.1f s", response.status, request.url,
                       retry.meta.get("retry_times", 0), wait)  # fmt: skip
        await asyncio.sleep(wait)
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Request | None:  # type: ignore[override]
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry(request, exception)
        if retry is None:
            return None
        wait = self.delay(request, None)
        _inc(self.crawler, f"retry/{type(exception).__name__}")
        logger.warning("%s for %s: retry %d in %.1f s", type(exception).__name__, request.url,
                       retry.meta.get("retry_times", 0), wait)  # fmt: skip
        await asyncio.sleep(wait)
        return retry


def _private(host: str) -> bool:
    """Loopback, private, link-local or reserved: addresses no public portal links to."""
    if host.startswith("["):  # [IPv6]:port
        name = host[1 : host.find("]")]
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    name = name.lower()
    if name in ("localhost", "localhost.localdomain") or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local or address.is_reserved


class ScopeGuard:
    """Refuses requests that leave the crawl's scope, whatever led to them (links, redirects)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        parts = urlsplit(request.url)
        scope = request.meta.get("scope")
        if parts.scheme not in ("http", "https"):
            self.refuse(request, "scheme", f"scheme {parts.scheme!r}")
        host = parts.netloc.lower()
        if scope is not None and host not in scope:
            self.refuse(request, "offsite", f"outside the crawl's hosts {sorted(scope)}")
        # Unscoped requests come from Scrapy's own components: robots.txt of a host the crawl
        # already reached is fine; anything else must not reach a private address.
        if scope is None and parts.path != "/robots.txt" and _private(host):
            self.refuse(request, "private_address", "a loopback or private address")

    def refuse(self, request: Request, reason: str, why: str) -> None:
        _inc(self.crawler, f"guard/{reason}")
        logger.warning("Refused %s: %s", request.url, why)
        raise IgnoreRequest(f"refused ({reason}): {request.url}")


class EncodingGuard:
    """Decodes pages by what their bytes are when the declared charset contradicts them."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse) or not response.body:
            return response
        declared = response.encoding.lower().replace("_", "-")
        actual = self.actual(response.body, declared)
        if actual is None:
            return response
        _inc(self.crawler, f"encoding/corrected/{declared}")
        logger.warning("Page declared %s but its bytes are %s; decoded as %s: %s",
                       declared, actual, actual, response.url)  # fmt: skip
        return response.replace(encoding=actual)

    @staticmethod
    def actual(body: bytes, declared: str) -> str | None:
        """The encoding the bytes are in, when it is not the declared one; else None."""
        utf8 = declared in ("utf-8", "utf8")
        if not utf8 and max(body) >= 0x80:
            try:
                body.decode("utf-8")
            except UnicodeDecodeError:
                return None
            return "utf-8"
        if utf8:
            try:
                body.decode("utf-8")
            except UnicodeDecodeError:
                return "cp1252"
        return None

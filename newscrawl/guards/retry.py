"""Retries that wait: Scrapy's retry middleware, waiting before each retry as long as
``Retry-After`` asks (capped) or exponentially longer."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response

from newscrawl.guards.resolver import POLICY
from newscrawl.stats import inc

logger = logging.getLogger(__name__)


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
        self.base = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF")
        self.cap = settings.getfloat("NEWSCRAWL_RETRY_MAX_DELAY")

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
        inc(self.crawler.stats, f"retry/http_{response.status}")
        logger.warning("HTTP %s for %s: retry %d in %.1f s", response.status, request.url,
                       retry.meta.get("retry_times", 0), wait)  # fmt: skip
        await asyncio.sleep(wait)
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Request | None:  # type: ignore[override]
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        if urlsplit(request.url).hostname in POLICY.refused:
            return None  # resolves to an internal address: it will again
        retry = self._retry(request, exception)
        if retry is None:
            return None
        wait = self.delay(request, None)
        inc(self.crawler.stats, f"retry/{type(exception).__name__}")
        logger.warning("%s for %s: retry %d in %.1f s", type(exception).__name__, request.url,
                       retry.meta.get("retry_times", 0), wait)  # fmt: skip
        await asyncio.sleep(wait)
        return retry

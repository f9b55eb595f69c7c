"""Why a request failed, as one log line and one stat key: the crawl goes on either way.

Robots.txt refusals and scope-guard refusals are routine (logged where they happen); a
guessed sitemap path that answers 404 is information, not a warning.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.exceptions import IgnoreRequest


def describe_failure(failure: Any) -> tuple[int, str | None, str]:
    """(log level, stat key or None, message) for a failed request."""
    request = failure.request
    response = getattr(failure.value, "response", None)
    if failure.check(IgnoreRequest) and response is None:
        return ignored(request.url, str(failure.value))
    if response is not None and request.meta.get("kind") in ("discovery", "robots"):
        status = response.status
        return (
            logging.INFO,
            f"discovery/http_error/{status}",
            f"No sitemap or feed at {request.url} (HTTP {status})",
        )
    if response is not None:
        status = response.status
        return logging.WARNING, f"http_error/{status}", f"HTTP {status} for {request.url}"
    name = failure.type.__name__ if failure.type else "unknown"
    return logging.WARNING, f"download_error/{name}", f"Download failed ({name}) for {request.url}"


def ignored(url: str, reason: str) -> tuple[int, str | None, str]:
    """A request a middleware dropped: counted by why."""
    if "redirect" in reason.lower():
        return (
            logging.WARNING,
            "redirect/too_many",
            f"Redirect loop or chain too long, gave up: {url}",
        )
    if "DOWNLOAD_MAXSIZE" in reason:
        return (
            logging.WARNING,
            "oversize/decompressed",
            f"Refused a body that inflates past DOWNLOAD_MAXSIZE: {url}",
        )
    if reason.startswith("refused"):  # ScopeGuard refusals are logged where they happen
        return logging.DEBUG, None, f"Refused: {url}"
    return logging.INFO, "request/ignored", f"Request ignored ({reason}): {url}"

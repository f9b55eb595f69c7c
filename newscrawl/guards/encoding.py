"""Charsets: decode a page by what its bytes are when the declared charset contradicts them."""

from __future__ import annotations

import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.http import Request, Response, TextResponse

from newscrawl.stats import inc

logger = logging.getLogger(__name__)


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
        inc(self.crawler.stats, f"encoding/corrected/{declared}")
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

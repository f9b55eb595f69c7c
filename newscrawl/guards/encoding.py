"""Charsets: decode a page by what its bytes are when the declared charset contradicts them."""

from __future__ import annotations

import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.http import Request, Response, TextResponse

from newscrawl.stats import inc

logger = logging.getLogger(__name__)
UTF8 = ("utf-8", "utf8")


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
        if actual is not None:
            inc(self.crawler.stats, f"encoding/corrected/{declared}")
            logger.warning("Page declared %s but its bytes are %s; decoded as %s: %s",
                           declared, actual, actual, response.url)  # fmt: skip
            response = response.replace(encoding=actual)
        if (actual or declared) in UTF8 and (bad := utf8_damage(response.body)):
            inc(self.crawler.stats, "encoding/invalid_utf8")
            logger.warning("Page is UTF-8 with %d invalid byte(s), replaced: %s", bad, response.url)
        return response

    @staticmethod
    def actual(body: bytes, declared: str) -> str | None:
        """The encoding the bytes are in, when it is not the declared one; else None.

        A page whose valid UTF-8 characters outnumber its invalid bytes is UTF-8 with a few
        damaged bytes (each replaced by U+FFFD), not a page in a legacy charset."""
        damage = utf8_damage(body)
        if declared in UTF8:
            return "cp1252" if damage is None else None
        if damage is not None and not body.isascii():
            return "utf-8"
        return None


def utf8_damage(body: bytes) -> int | None:
    """Invalid bytes in ``body`` when it is otherwise UTF-8 (0: valid); None when it is not
    UTF-8 at all (its invalid bytes are as many as its valid non-ASCII characters, or more)."""
    try:
        body.decode("utf-8")
        return 0
    except UnicodeDecodeError:
        pass
    text = body.decode("utf-8", "replace")
    bad = text.count("\ufffd") - body.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return bad if non_ascii - bad > bad else None

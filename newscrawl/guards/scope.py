"""Scope: no request leaves the crawl's hosts, whatever led to it (links, redirects, robots.txt).

A crawl's scope is its portals' hosts, or its start URLs' hosts; a loopback, private or
link-local address is only reachable when the user named it as a start URL.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Self
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request

from newscrawl.stats import inc

logger = logging.getLogger(__name__)


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
        inc(self.crawler.stats, f"guard/{reason}")
        logger.warning("Refused %s: %s", request.url, why)
        raise IgnoreRequest(f"refused ({reason}): {request.url}")

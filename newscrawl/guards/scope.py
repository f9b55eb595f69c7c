"""Scope: no request leaves the crawl's hosts, whatever led to it (links, redirects, robots.txt).

A crawl's scope is its portals' hosts, or its start URLs' hosts; a loopback, private or
link-local address is only reachable when the user named it as a start URL.
"""

from __future__ import annotations

import logging
from typing import Self
from urllib.parse import urlsplit

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request

from newscrawl.guards.addresses import internal_host
from newscrawl.guards.resolver import POLICY
from newscrawl.stats import inc

logger = logging.getLogger(__name__)


class ScopeGuard:
    """Refuses requests that leave the crawl's scope, whatever led to them (links, redirects,
    robots.txt), and requests to internal addresses the user did not name."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def opened(self, spider: Spider) -> None:
        """The start URLs' hosts may be internal (a test server, an intranet portal)."""
        seeds = getattr(spider, "seeds", None) or getattr(spider, "start_urls", None) or []
        POLICY.allow((urlsplit(url).hostname or "" for url in seeds), self.crawler.stats)

    def process_request(self, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("http", "https"):
            self.refuse(request, "scheme", f"scheme {parts.scheme!r}")
        host, name = parts.netloc.lower(), parts.hostname or ""
        if request.meta.get("scope") is None and _robots(request, parts.path):
            request.meta["scope"] = [host]  # Scrapy's own: it stays on the host it is for
        scope = request.meta.get("scope")
        if scope is not None and host not in scope:
            self.refuse(request, "offsite", f"outside the crawl's hosts {sorted(scope)}")
        if name in POLICY.refused:
            self.refuse(request, "private_address", "it resolves to an internal address")
        if name not in POLICY.allowed and internal_host(name):
            self.refuse(request, "private_address", "a loopback, private or link-local address")

    def refuse(self, request: Request, reason: str, why: str) -> None:
        inc(self.crawler.stats, f"guard/{reason}")
        logger.warning("Refused %s: %s", request.url, why)
        raise IgnoreRequest(f"refused ({reason}): {request.url}")


def _robots(request: Request, path: str) -> bool:
    """Scrapy's robots.txt request (RobotsTxtMiddleware), or a redirect of one."""
    return path == "/robots.txt" and bool(request.meta.get("dont_obey_robotstxt"))

"""Discovery beyond navigation, for every network spider: robots.txt ``Sitemap:`` lines,
sitemap indexes, (news) sitemaps, RSS and Atom feeds, bounded by ``since``/``until``.

Which of these a network has, and where, is data on the network (``Network.DISCOVERY``);
feeds a page announces with ``<link rel=alternate>`` are found on any portal.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from scrapy.http import Request, Response

from newscrawl.discovery import Entry, parse, sitemaps_in_robots
from newscrawl.normalize.urls import host_of

if TYPE_CHECKING:
    from newscrawl.spiders.base import NetworkSpider

logger = logging.getLogger(__name__)
KINDS = frozenset({"links", "sitemaps", "feeds"})
FEED_LINKS = (
    "link[rel=alternate][type='application/rss+xml']::attr(href), "
    "link[rel=alternate][type='application/atom+xml']::attr(href)"
)


def discovery_kinds(value: str | None) -> frozenset[str]:
    """``-a discover=links,sitemaps,feeds`` (default: all three)."""
    kinds = frozenset(v.strip() for v in (value or ",".join(KINDS)).split(",") if v.strip())
    unknown = kinds - KINDS
    if unknown:
        raise ValueError(f"unknown discover kind(s) {sorted(unknown)}; known: {sorted(KINDS)}")
    return kinds


class Discoverer:
    """The spider's sitemap and feed reading; requests stay within each seed's scope."""

    def __init__(self, spider: NetworkSpider, kinds: frozenset[str], until: date | None) -> None:
        self.spider, self.kinds, self.until = spider, kinds, until

    def seeds(self, home: str, meta: dict[str, Any]) -> Iterator[Request]:
        """robots.txt and the network's known sitemap and feed paths of one portal."""
        if not self.kinds & {"sitemaps", "feeds"}:
            return
        yield self.request(urljoin(home, "/robots.txt"), meta, self.spider.parse_robots)
        for kind, path in self.spider.network.DISCOVERY:
            if kind in self.kinds:
                yield self.request(urljoin(home, path), meta, self.spider.parse_sitemap)

    def request(self, url: str, meta: dict[str, Any], callback: Any) -> Request:
        return self.spider.request(url, "discovery", meta, callback)

    def from_robots(self, response: Response) -> Iterator[Request]:
        if "sitemaps" not in self.kinds:
            return
        for url in sitemaps_in_robots(response.text if hasattr(response, "text") else ""):
            yield from self.spider.follow([url], "discovery", response, self.spider.parse_sitemap)

    def feeds_of(self, response: Response) -> Iterator[Request]:
        """Feeds a page announces in its head."""
        if "feeds" not in self.kinds:
            return
        hrefs = response.css(FEED_LINKS).getall() if hasattr(response, "css") else []
        urls = [response.urljoin(h) for h in hrefs]
        yield from self.spider.follow(urls, "discovery", response, self.spider.parse_sitemap)

    def from_listing(self, response: Response) -> Iterator[Request]:
        """A sitemap index, sitemap or feed: more sitemaps, and articles within the window."""
        listing = parse(response.body, self.spider.crawler.stats, response.url)
        self.spider.inc("discovery/documents")
        yield from self.spider.follow(
            listing.sitemaps, "discovery", response, self.spider.parse_sitemap
        )
        network = self.spider.network
        fresh = [network.article_url(e.url) for e in listing.entries if self.wanted(e, response)]
        yield from self.spider.follow(fresh, "article", response, self.spider.parse_article)

    def wanted(self, entry: Entry, response: Response) -> bool:
        if host_of(entry.url) not in response.meta.get("scope", []):
            return False
        if not self.spider.network.is_article(entry.url):
            self.spider.inc("discovery/not_article")
            return False
        day = entry.day
        since, until = self.spider.since, self.until
        if day and ((since and day < since) or (until and day > until)):
            self.spider.inc("discovery/outside_window")
            return False
        self.spider.inc("discovery/articles")
        return True

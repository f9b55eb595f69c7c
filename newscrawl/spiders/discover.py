"""Discovery beyond navigation: robots.txt ``Sitemap:`` lines, sitemap indexes, (news)
sitemaps, RSS and Atom feeds, bounded by ``since``/``until``.

Which of these a network has, and where, is data on the network (``Network.DISCOVERY``);
feeds a page announces with ``<link rel=alternate>`` are found on any portal. Returns
decisions; an article found here carries the date its sitemap or feed printed (``listed``).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urljoin

from parsel import Selector
from scrapy.statscollectors import StatsCollector

from newscrawl import stats
from newscrawl.discovery import Entry, parse, sitemaps_in_robots
from newscrawl.networks import Network
from newscrawl.spiders.follow import Follow, follows

KINDS = frozenset({"links", "sitemaps", "feeds"})  # -a discover= (checked in spiders/args.py)
FEED_LINKS = (
    "link[rel=alternate][type='application/rss+xml']::attr(href), "
    "link[rel=alternate][type='application/atom+xml']::attr(href)"
)


class Discoverer:
    """Sitemap and feed reading for one crawl's window."""

    def __init__(
        self,
        kinds: frozenset[str],
        since: date | None = None,
        until: date | None = None,
        collector: StatsCollector | None = None,
    ) -> None:
        self.kinds, self.since, self.until, self.stats = kinds, since, until, collector

    def seeds(self, home: str, network: Network) -> list[Follow]:
        """robots.txt and the network's known sitemap and feed paths of one portal."""
        if not self.kinds & {"sitemaps", "feeds"}:
            return []
        found = [Follow(urljoin(home, "/robots.txt"), "robots")]
        paths = [path for kind, path in network.DISCOVERY if kind in self.kinds]
        return found + follows([urljoin(home, p) for p in paths], "discovery")

    def from_robots(self, text: str) -> list[Follow]:
        return follows(sitemaps_in_robots(text), "discovery") if "sitemaps" in self.kinds else []

    def feeds_of(self, sel: Selector, base: str) -> list[Follow]:
        """Feeds a page announces in its head."""
        if "feeds" not in self.kinds:
            return []
        return follows([urljoin(base, h) for h in sel.css(FEED_LINKS).getall()], "discovery")

    def from_listing(self, body: bytes, network: Network, url: str = "") -> list[Follow]:
        """A sitemap index, sitemap or feed: more sitemaps, and articles within the window."""
        listing = parse(body, self.stats, url)
        stats.inc(self.stats, "discovery/documents")
        found = follows(listing.sitemaps, "discovery")
        for entry in listing.entries:
            if self.wanted(entry, network):
                listed = (entry.published, "sitemap") if entry.published else None
                found.append(Follow(network.article_url(entry.url), "article", {"listed": listed}))
        return found

    def wanted(self, entry: Entry, network: Network) -> bool:
        if not network.is_article(entry.url):
            stats.inc(self.stats, "discovery/not_article")
            return False
        day = entry.day
        if day and ((self.since and day < self.since) or (self.until and day > self.until)):
            stats.inc(self.stats, "discovery/outside_window")
            return False
        stats.inc(self.stats, "discovery/articles")
        return True

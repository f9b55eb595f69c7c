"""Spider middleware: listing crawls end, whatever a portal's listing URLs look like.

A listing can page forever (``?page=N``, WordPress ``/page/N/``, calendars) and every page can
link sections no page linked before. Counting from the URL misses every shape it does not
know, so this counts what was followed, by the request's ``kind``:

- depth: each ``next_page`` request carries its listing depth (the section page is 1); past
  ``-a max_pages`` (else ``NEWSCRAWL_MAX_LISTING_PAGES``) it is dropped;
- sections: at most ``NEWSCRAWL_MAX_SECTIONS_PER_PORTAL`` distinct section URLs per portal;
- safety: at most ``NEWSCRAWL_MAX_LISTING_PAGES_PER_PORTAL`` listing requests per portal.

Each drop is a stat ``newscrawl/listing/stopped_<cap>``; the first of each cap and portal is
one log line.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.http import Request, Response

from newscrawl.stats import inc

logger = logging.getLogger(__name__)
DEPTH = "listing_depth"  # request meta: the listing page's place in its section (1: the first)
LISTING_KINDS = frozenset({"section", "next_page"})


def portal_key(request: Request) -> str:
    """The portal a request belongs to: its ``portal`` meta, else its first scope host."""
    scope = request.meta.get("scope") or [urlsplit(request.url).netloc]
    return str(request.meta.get("portal") or scope[0])


class ListingCaps:
    """Drops listing requests past a section's depth, a portal's sections or listing pages."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.max_depth = settings.getint("NEWSCRAWL_MAX_LISTING_PAGES")
        self.max_sections = settings.getint("NEWSCRAWL_MAX_SECTIONS_PER_PORTAL")
        self.max_listing = settings.getint("NEWSCRAWL_MAX_LISTING_PAGES_PER_PORTAL")
        self.sections: defaultdict[str, set[str]] = defaultdict(set)
        self.listed: Counter[str] = Counter()
        self.told: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for obj in start:
            if self.keep(obj, None):
                yield obj

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        return (obj for obj in result if self.keep(obj, response))

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for obj in result:
            if self.keep(obj, response):
                yield obj

    def keep(self, obj: Any, response: Response | None) -> bool:
        """Whether ``obj`` goes on: anything but a listing request past a cap."""
        if not isinstance(obj, Request) or obj.meta.get("kind") not in LISTING_KINDS:
            return True
        portal = portal_key(obj)
        if obj.meta["kind"] == "section":
            obj.meta[DEPTH] = 1
            if obj.url in self.sections[portal]:
                return True  # already counted; the dupefilter drops the repeat
            if len(self.sections[portal]) >= self.max_sections:
                return self.stop(portal, "max_sections", self.max_sections, obj)
            self.sections[portal].add(obj.url)
        else:
            obj.meta[DEPTH] = (response.meta.get(DEPTH, 1) if response else 1) + 1
            if obj.meta[DEPTH] > self.depth_limit():
                return self.stop(portal, "max_pages", self.depth_limit(), obj)
        if self.listed[portal] >= self.max_listing:
            return self.stop(portal, "portal_cap", self.max_listing, obj)
        self.listed[portal] += 1
        return True

    def depth_limit(self) -> int:
        """``-a max_pages`` when given, else the safety default."""
        return getattr(self.crawler.spider, "max_pages", None) or self.max_depth

    def stop(self, portal: str, cap: str, limit: int, request: Request) -> bool:
        """Count a dropped listing request; say so once per portal and cap."""
        inc(self.crawler.stats, f"listing/stopped_{cap}")
        if (portal, cap) not in self.told:
            self.told.add((portal, cap))
            level = logging.INFO if cap == "max_pages" else logging.WARNING
            logger.log(level, "Listing of %s stopped at %s=%d (first: %s); later stops are "
                       "counted in newscrawl/listing/stopped_%s", portal, cap, limit,
                       request.url, cap)  # fmt: skip
        return False

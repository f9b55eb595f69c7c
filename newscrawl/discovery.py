"""Sitemaps and feeds: where portals list their articles besides their pages.

Parses sitemap indexes, plain sitemaps (``lastmod``), Google News sitemaps (keeping
``news:publication_date`` and ``news:title``, which Scrapy's sitemap parser drops), RSS 2.0
and Atom feeds, into one entry shape. XML is parsed with entity resolution and network
access off.
"""

from __future__ import annotations

import logging
import re
import zlib
from dataclasses import dataclass
from datetime import date

from lxml import etree
from scrapy.statscollectors import StatsCollector

from newscrawl.normalize.dates import WIB, parse_metadata_date
from newscrawl.normalize.text import clean_space
from newscrawl.stats import inc

logger = logging.getLogger(__name__)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
_SITEMAP_LINE = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)
MAX_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed


@dataclass(frozen=True)
class Entry:
    """One URL a sitemap or feed lists, with what it says about it."""

    url: str
    published: str | None = None  # news:publication_date, pubDate, published
    modified: str | None = None  # lastmod, updated
    title: str | None = None

    @property
    def day(self) -> date | None:
        """The local day of the entry's date, for ``since``/``until`` windows."""
        when = parse_metadata_date(self.published or self.modified or "", WIB)
        return when.date() if when else None


@dataclass(frozen=True)
class Listing:
    """A parsed document: more sitemaps to read, and article entries."""

    sitemaps: list[str]
    entries: list[Entry]


def sitemaps_in_robots(text: str) -> list[str]:
    """``Sitemap:`` lines of a robots.txt."""
    return _SITEMAP_LINE.findall(text)


def _local(tag: object) -> str:
    name = tag if isinstance(tag, str) else ""
    return name.rsplit("}", 1)[-1].lower()


def _child_text(node: etree._Element, *names: str) -> str | None:
    for child in node.iter():
        if _local(child.tag) in names and child.text and child.text.strip():
            return clean_space(child.text)
    return None


def _href(node: etree._Element) -> str | None:
    for child in node:
        if _local(child.tag) == "link":
            href = child.get("href") or (child.text or "").strip()
            if href and child.get("rel", "alternate") == "alternate":
                return href
    return None


def inflate(body: bytes, limit: int) -> tuple[bytes, bool]:
    """A gzip body inflated to at most ``limit`` bytes, and whether it was cut there.

    Streams member by member and never holds more than ``limit`` inflated bytes: a small
    ``.xml.gz`` can inflate to gigabytes (a bomb), and a sitemap is never over 50 MB."""
    out, rest = bytearray(), body
    while rest[:2] == b"\x1f\x8b" and len(out) < limit:
        member = zlib.decompressobj(wbits=31)
        try:
            out += member.decompress(rest, limit - len(out))
        except zlib.error:
            break  # a damaged or cut member: keep what inflated before it
        if member.unconsumed_tail:
            return bytes(out), True
        rest = member.unused_data
    return bytes(out), len(out) >= limit and bool(rest)


def parse(body: bytes, stats: StatsCollector | None = None, url: str = "") -> Listing:
    """A sitemap index, sitemap, RSS or Atom document (gzip allowed) as a :class:`Listing`.

    A gzip body that inflates past :data:`MAX_BYTES` is read up to there (the entries before
    the cut are kept), with a warning and ``newscrawl/discovery/inflated_too_big``."""
    if body[:2] == b"\x1f\x8b":
        body, cut = inflate(body, MAX_BYTES)
        if cut:
            inc(stats, "discovery/inflated_too_big")
            logger.warning("Sitemap inflates past %d bytes, read the first %d: %s",
                           MAX_BYTES, MAX_BYTES, url)  # fmt: skip
    root = etree.fromstring(body, _PARSER) if body.strip() else None
    if root is None:
        return Listing([], [])
    kind = _local(root.tag)
    if kind == "sitemapindex":
        return Listing([u for n in root if (u := _child_text(n, "loc"))], [])
    if kind == "urlset":
        return Listing([], [e for n in root if (e := _sitemap_entry(n))])
    items = [n for n in root.iter() if _local(n.tag) in ("item", "entry")]
    return Listing([], [e for n in items if (e := _feed_entry(n))])


def _sitemap_entry(node: etree._Element) -> Entry | None:
    url = _child_text(node, "loc")
    if not url:
        return None
    return Entry(
        url=url,
        published=_child_text(node, "publication_date"),
        modified=_child_text(node, "lastmod"),
        title=_child_text(node, "title"),
    )


def _feed_entry(node: etree._Element) -> Entry | None:
    url = _href(node) or _child_text(node, "link", "guid")
    if not url:
        return None
    return Entry(
        url=url,
        published=_child_text(node, "pubdate", "published", "date", "issued"),
        modified=_child_text(node, "updated", "modified"),
        title=_child_text(node, "title"),
    )

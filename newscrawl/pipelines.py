"""Item pipelines: thin Scrapy wrappers over ``newscrawl.normalize``, one job each.

Each pipeline works on a plain :class:`~newscrawl.items.Article` with no HTTP, so the same
chain runs in ``scrapy crawl`` and ``scrapy extract``. Enabled in ``settings.ITEM_PIPELINES``.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import UTC, datetime, timedelta, tzinfo
from email.utils import parsedate_to_datetime
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from newscrawl import stats
from newscrawl.drops import ArticleDropped, DropReason
from newscrawl.items import Article
from newscrawl.networks import rules_for
from newscrawl.normalize.boilerplate import clean_blocks
from newscrawl.normalize.dates import (
    WIB,
    WIT,
    WITA,
    parse_metadata_date,
    parse_printed_date,
    to_iso,
    zone_for,
)
from newscrawl.normalize.text import clean_space, word_count
from newscrawl.normalize.urls import without_query

logger = logging.getLogger(__name__)
_LEADING_SEPARATOR = re.compile(r"^[\s\-–—|•·:]+")
_PRINTED_ZONE = re.compile(r"\b(?:WIB|WITA|WIT)\b", re.IGNORECASE)
_OFFSET = re.compile(r"([+-]\d{2}):?\d{2}$")
_INDONESIAN_OFFSETS = {"+07": WIB, "+08": WITA, "+09": WIT}


class _Pipeline:
    """Holds the stats collector; ``stats=None`` runs a pipeline outside a crawl."""

    def __init__(self, stats: StatsCollector | None = None) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.stats)

    def inc(self, key: str, count: int = 1) -> None:
        stats.inc(self.stats, key, count)

    def drop(self, reason: DropReason, item: Article, log_level: str = "WARNING") -> None:
        """Count and raise a typed drop."""
        self.inc(f"dropped/{reason.value}")
        raise ArticleDropped(reason, item.url, log_level)


def _http_now(value: str | None) -> Any:
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None


EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)  # before any Indonesian news portal
FUTURE_SLACK = timedelta(days=1)  # zones and clocks: a day past the fetch is still possible


def _fetched(item: Article) -> datetime | None:
    """When the page was fetched: the response's ``Date`` header, else ``crawled_at``."""
    when: datetime | None = _http_now(item.http_date)
    if when is None and item.crawled_at:
        try:
            when = datetime.fromisoformat(item.crawled_at)
        except ValueError:
            return None
    return when if when is None or when.utcoffset() is not None else when.replace(tzinfo=UTC)


def _possible(when: datetime, fetched: datetime | None) -> bool:
    """Not before 1990 and not more than a day after the fetch (no limit when unknown)."""
    return when >= EARLIEST and (fetched is None or when <= fetched + FUTURE_SLACK)


class DatesPipeline(_Pipeline):
    """``published_raw`` -> ``published_at`` in the printed zone, from the strongest source
    that gives a possible date, recorded in ``published_source``.

    A printed zone wins. A date printed without a zone yields to metadata that agrees with it
    on the day (metadata carries seconds and an offset); stale metadata (another day) loses.
    Without either, the URL's day, then the listing's or sitemap's date: weaker evidence the
    portal printed, never the crawl time. A date before 1990 or more than a day after the
    fetch is impossible (templates' ``1900-01-01``, ``9999-12-31``): the next source is used,
    and a record whose every date is impossible is dropped (``impossible_date``).
    """

    def process_item(self, item: Article) -> Article:
        raw = _LEADING_SEPARATOR.sub("", clean_space(item.published_raw)) or None
        local = zone_for(item.zone) if item.zone else self.page_zone(raw, item.published_meta)
        item.published_raw = raw
        found = [(s, w) for s, w in self.candidates(item, raw, local) if w is not None]
        possible = [(s, w) for s, w in found if _possible(w, _fetched(item))]
        if impossible := [to_iso(w) for s, w in found if (s, w) not in possible]:
            self.inc("dates/impossible")
            logger.warning("Impossible date(s) %s on %s", ", ".join(impossible), item.url)
        if found and not possible:
            self.drop(DropReason.IMPOSSIBLE_DATE, item)
        source, when = possible[0] if possible else (None, None)
        if source not in (None, "byline"):
            self.inc(f"dates/from_{source}")
            if raw is None:
                logger.warning("No printed date on %s; %s gives %s", item.url, source,
                               to_iso(when))  # type: ignore[arg-type]  # fmt: skip
        item.published_at = to_iso(when) if when else None
        item.published_source = source
        modified = self.metadata(item.modified_meta, local)
        item.modified_at = to_iso(modified) if modified else None
        return item

    def candidates(
        self, item: Article, raw: str | None, local: tzinfo | None
    ) -> list[tuple[str, datetime | None]]:
        """Every source's date, strongest first (byline and metadata ordered as above). A
        zone-less byline confirmed by metadata on the day takes metadata's seconds and offset
        and still counts as the byline's."""
        printed = self.printed(item, raw, local or WIB)
        meta = self.metadata(item.published_meta, local)
        first = [("byline", printed), ("metadata", meta)]
        zoned = bool(_PRINTED_ZONE.search(raw or ""))
        if (
            printed
            and meta
            and not zoned
            and printed.date() == meta.astimezone(printed.tzinfo).date()
        ):
            first = [("byline", meta), ("byline", printed)]  # the byline's day, metadata's clock
        weak = [("url", self.day(item.url_date, local))]
        if item.listed:
            text, kind = item.listed
            weak.append((kind, self.listed_date(item, text, local or WIB)))
        return first + weak

    def day(self, value: str | None, local: tzinfo | None) -> datetime | None:
        """A ``YYYY-MM-DD`` from the URL as the start of that day in the portal's zone."""
        return parse_metadata_date(value, local or WIB) if value else None

    def listed_date(self, item: Article, text: str, tz: tzinfo) -> datetime | None:
        """The listing's or sitemap's date text: printed (relative to the fetch) or ISO."""
        now = _http_now(item.http_date)
        return parse_printed_date(text, tz, now=now) or parse_metadata_date(text, tz)

    def page_zone(self, raw: str | None, meta: str | None) -> tzinfo | None:
        """For a portal no registry knows, the zone its own page shows: printed, else the
        Indonesian offset of its metadata. None when the page shows neither."""
        printed = _PRINTED_ZONE.search(raw or "")
        if printed:
            return zone_for(printed.group(0))
        offset = _OFFSET.search(meta or "")
        return _INDONESIAN_OFFSETS.get(offset.group(1)) if offset else None

    def printed(self, item: Article, raw: str | None, tz: tzinfo) -> datetime | None:
        when = parse_printed_date(raw, tz, now=_http_now(item.http_date)) if raw else None
        if raw and when is None:
            self.inc("dates/unparsed")
            logger.warning("Unparsed date %r on %s; using metadata", raw, item.url)
        return when

    def metadata(self, value: str | None, local: tzinfo | None) -> datetime | None:
        """A metadata date in the portal's zone; for an unknown portal, in its own Indonesian
        offset when it has one (``+08:00`` stays WITA), else in WIB."""
        if not value:
            return None
        if local is None:
            offset = _OFFSET.search(value)
            local = _INDONESIAN_OFFSETS.get(offset.group(1) if offset else "", WIB)
        when = parse_metadata_date(value, local)
        if when is None:
            self.inc("dates/bad_metadata")
        return when


class BoilerplatePipeline(_Pipeline):
    """Body blocks -> clean ``body``; "Baca Juga", "Editor:", "Sumber:" become fields."""

    def process_item(self, item: Article) -> Article:
        cleaned = clean_blocks(item.body_blocks, rules_for(item.network))
        for reason, count in cleaned.dropped.items():
            self.inc(f"boilerplate/{reason}", count)
        item.title = clean_space(item.title) or None
        item.body = "\n\n".join(cleaned.paragraphs) or None
        if cleaned.paywalled:
            logger.warning("Article behind a login wall, body is only a teaser: %s", item.url)
            item.body = None
        item.word_count = word_count(item.body or "")
        item.related_urls = list(dict.fromkeys(cleaned.related_urls + item.related_urls))
        item.editor = item.editor or cleaned.editor
        item.sources = list(dict.fromkeys(item.sources + cleaned.sources))
        item.authors = item.authors or cleaned.authors
        item.content_hash = hashlib.sha256(item.body.encode()).hexdigest() if item.body else None
        item.body_blocks = []
        return item


SOFT_404 = re.compile(
    r"\b(?:halaman\s+(?:tidak|tak)\s+ditemukan|page\s+not\s+found|404\s+not\s+found"
    r"|halaman\s+yang\s+anda\s+cari\s+tidak)",
    re.IGNORECASE,
)


class ValidatePipeline(_Pipeline):
    """Drop records a corpus cannot use: a "not found" page served as 200 (soft 404), no
    title, no body, a home or listing page rather than an article, or no publication date."""

    REQUIRED = (("title", DropReason.NO_TITLE), ("body", DropReason.NO_BODY))

    def process_item(self, item: Article) -> Article:
        short_body = item.body if item.body and len(item.body) < 300 else ""
        if SOFT_404.search(item.title or "") or SOFT_404.search(short_body):
            logger.warning("Dropped a 'not found' page served as 200 (soft 404): %s", item.url)
            self.drop(DropReason.SOFT_404, item)
        for name, reason in self.REQUIRED:
            if not getattr(item, name):
                logger.warning("Dropped article without %s: %s", name, item.url)
                self.drop(reason, item)
        if item.not_article:
            logger.warning("Dropped a page that is not an article (%s): %s", item.not_article,
                           item.url)  # fmt: skip
            self.drop(DropReason.NOT_ARTICLE, item)
        if not item.published_at:
            logger.warning("Dropped article without a date from any source: %s", item.url)
            self.drop(DropReason.NO_DATE, item)
        return item


class DedupPipeline(_Pipeline):
    """One record per article in a crawl: by canonical URL, then by content hash on the same
    portal (URL variants of one article). The same text on another portal is a syndicated
    copy, kept for ``NearDuplicatePipeline`` to mark (``newscrawl.corpus``)."""

    def __init__(self, stats: StatsCollector | None = None) -> None:
        super().__init__(stats)
        self.urls: set[str] = set()
        self.hashes: set[tuple[str | None, str]] = set()

    def process_item(self, item: Article) -> Article:
        key = without_query(item.canonical_url or item.url)
        if key in self.urls:
            self.drop(DropReason.DUPLICATE_URL, item)
        if item.content_hash and (item.site, item.content_hash) in self.hashes:
            self.drop(DropReason.DUPLICATE_CONTENT, item)
        self.urls.add(key)
        if item.content_hash:
            self.hashes.add((item.site, item.content_hash))
        return item


class WindowPipeline(_Pipeline):
    """``-a since=``/``-a until=``: records published outside the window are not emitted
    (related links can lead a bounded crawl to older stories)."""

    def __init__(self, stats: StatsCollector | None = None, crawler: Crawler | None = None) -> None:
        super().__init__(stats)
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.stats, crawler)

    def process_item(self, item: Article) -> Article:
        spider = self.crawler.spider if self.crawler else None
        since, until = getattr(spider, "since", None), getattr(spider, "until", None)
        day = datetime.fromisoformat(item.published_at).date() if item.published_at else None
        if day and ((since and day < since) or (until and day > until)):
            self.drop(DropReason.OUTSIDE_WINDOW, item, "DEBUG")
        return item

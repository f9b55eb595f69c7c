"""Where near-duplicate signatures live: the index's interface, memory, and the choice.

The index holds, for every body seen, its URL, portal, the URL of the earliest copy it was
found to repeat (itself when it was first) and its MinHash signature, with one LSH band key
per band for lookups. It lives in its own file next to the state (``state.neardup.sqlite``)
so that a daily job recognises yesterday's copies, and so that it can be deleted on its own
(:mod:`newscrawl.corpus.sqlite_index`). The Redis twin for distributed crawls is
:mod:`newscrawl.corpus.redis_index`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object

from newscrawl.corpus.minhash import Signature

logger = logging.getLogger(__name__)
# Candidates compared per body, the earliest first. A story copied hundreds of times (daily
# price pages, prayer times) would otherwise make every new copy cost hundreds of comparisons;
# the earliest copies are the ones whose original a new copy must point to.
MAX_CANDIDATES = 64


@dataclass(frozen=True)
class Seen:
    """One body in the index."""

    url: str
    site: str | None
    original: str  # the earliest copy's URL; ``url`` itself for a first copy
    signature: Signature


class NearDupIndex(Protocol):
    """What :class:`~newscrawl.corpus.neardup.NearDuplicates` needs of an index."""

    def get(self, url: str) -> Seen | None: ...
    def candidates(self, keys: list[int]) -> list[Seen]: ...
    def add(self, seen: Seen, keys: list[int]) -> None: ...
    def count(self) -> int: ...
    def close(self) -> None: ...


class MemoryIndex:
    """An index for one process: ``scrapy extract``, tests, and crawls without a state."""

    def __init__(self) -> None:
        self.docs: dict[str, Seen] = {}
        self.order: dict[str, int] = {}
        self.bands: dict[int, list[str]] = {}
        self.keys: dict[str, list[int]] = {}  # for SqliteIndex's writer

    def get(self, url: str) -> Seen | None:
        return self.docs.get(url)

    def candidates(self, keys: list[int]) -> list[Seen]:
        urls = {url for key in keys for url in self.bands.get(key, ())}
        earliest = sorted(urls, key=self.order.__getitem__)[:MAX_CANDIDATES]
        return [self.docs[url] for url in earliest]

    def add(self, seen: Seen, keys: list[int]) -> None:
        if seen.url in self.docs:
            return
        self.docs[seen.url] = seen
        self.order[seen.url] = len(self.order)
        self.keys[seen.url] = keys
        for key in keys:
            self.bands.setdefault(key, []).append(seen.url)

    def count(self) -> int:
        return len(self.docs)

    def close(self) -> None:
        """Nothing to close."""


def index_path(settings: BaseSettings) -> Path | None:
    """``NEWSCRAWL_NEAR_DUPLICATES_INDEX``, else ``<state>.neardup.sqlite`` next to
    ``NEWSCRAWL_STATE``; None (memory only) when both are empty."""
    explicit = settings.get("NEWSCRAWL_NEAR_DUPLICATES_INDEX")
    if explicit:
        return Path(explicit)
    state = settings.get("NEWSCRAWL_STATE")
    return Path(state).with_suffix(".neardup.sqlite") if state else None


def index_for(crawler: Crawler) -> NearDupIndex:
    """The crawl's index: the class ``NEWSCRAWL_NEAR_DUPLICATES_STORE`` names (the Redis
    add-on sets it), else the SQLite file of :func:`index_path`, else memory."""
    custom = crawler.settings.get("NEWSCRAWL_NEAR_DUPLICATES_STORE")
    if custom:
        return cast(NearDupIndex, load_object(custom).from_crawler(crawler))
    path = index_path(crawler.settings)
    if path is None:
        logger.info("No state: near-duplicates are found within this run only")
        return MemoryIndex()
    from newscrawl.corpus.sqlite_index import SqliteIndex

    return SqliteIndex(path)

"""Where near-duplicate signatures live: the index's interface, and memory.

The index holds, for every body seen, its URL, portal, the URL of the earliest copy it was
found to repeat (itself when it was first) and its MinHash signature, with one LSH band key
per band for lookups. It lives in its own file next to the state (``state.neardup.sqlite``)
so that a daily job recognises yesterday's copies, and so that it can be deleted on its own
(:mod:`newscrawl.corpus.sqlite_index`). The Redis twin for distributed crawls is
:mod:`newscrawl.corpus.redis_index`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from newscrawl.corpus.minhash import Signature

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


IndexRecipe = Callable[[], NearDupIndex]  # picklable: the index is opened where it is used


class MemoryIndex:
    """An index for one process: ``scrapy extract``, tests, crawls without a state, and the
    bodies an :class:`~newscrawl.corpus.sqlite_index.SqliteIndex` has not committed yet."""

    def __init__(self) -> None:
        self.docs: dict[str, Seen] = {}
        self.order: dict[str, int] = {}
        self.bands: dict[int, list[str]] = {}
        self.keys: dict[str, list[int]] = {}  # for SqliteIndex's writer
        self.added = 0  # order numbers keep rising when bodies are discarded

    def get(self, url: str) -> Seen | None:
        return self.docs.get(url)

    def candidates(self, keys: list[int]) -> list[Seen]:
        bands = self.bands
        urls = {url for key in keys if key in bands for url in bands[key]}
        earliest = sorted(urls, key=self.order.__getitem__)[:MAX_CANDIDATES]
        return [self.docs[url] for url in earliest]

    def add(self, seen: Seen, keys: list[int]) -> None:
        if seen.url in self.docs:
            return
        self.docs[seen.url] = seen
        self.order[seen.url] = self.added
        self.added += 1
        self.keys[seen.url] = keys
        for key in keys:
            self.bands.setdefault(key, []).append(seen.url)

    def discard(self, urls: list[str]) -> None:
        """Forget ``urls`` (committed to a file that now answers for them)."""
        for url in urls:
            if self.docs.pop(url, None) is None:
                continue
            del self.order[url]
            for key in self.keys.pop(url):
                holders = self.bands[key]
                holders.remove(url)
                if not holders:
                    del self.bands[key]

    def count(self) -> int:
        return len(self.docs)

    def close(self) -> None:
        """Nothing to close."""

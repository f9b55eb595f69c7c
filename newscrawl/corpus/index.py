"""Where near-duplicate signatures live between runs: an SQLite file, or memory.

The index holds, for every body seen, its URL, portal, the URL of the earliest copy it was
found to repeat (itself when it was first) and its MinHash signature, with one LSH band key
per band for lookups. It lives in its own file next to the state (``state.neardup.sqlite``)
so that a daily job recognises yesterday's copies, and so that it can be deleted on its own.
The Redis twin for distributed crawls is :mod:`newscrawl.corpus.redis_index`.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object

from newscrawl.corpus.minhash import PARAMS, Signature, pack, unpack

logger = logging.getLogger(__name__)
# Candidates compared per body, the earliest first. A story copied hundreds of times (daily
# price pages, prayer times) would otherwise make every new copy cost hundreds of comparisons;
# the earliest copies are the ones whose original a new copy must point to.
MAX_CANDIDATES = 64
COMMIT_EVERY = 200  # SQLite: bodies added per transaction (one commit each cost 0.2 ms)


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
        for key in keys:
            self.bands.setdefault(key, []).append(seen.url)

    def count(self) -> int:
        return len(self.docs)

    def close(self) -> None:
        """Nothing to close."""


SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, site TEXT, original TEXT NOT NULL,
    signature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS bands (
    key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (key, doc)
) WITHOUT ROWID;
"""


class SqliteIndex:
    """The index in one SQLite file (WAL; a transaction per :data:`COMMIT_EVERY` bodies)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA cache_size=-65536")  # 64 MB: band inserts are random-access
        self.db.executescript(SCHEMA)
        self.pending = 0
        self.check_params()

    def check_params(self) -> None:
        """Signatures made with other parameters cannot be compared: such an index is
        emptied (one warning) rather than silently matching nothing."""
        row = self.db.execute("SELECT value FROM meta WHERE name = 'params'").fetchone()
        if row and row[0] != PARAMS:
            logger.warning("Near-duplicate index %s was built with %s, not %s: starting it "
                           "afresh", self.path, row[0], PARAMS)  # fmt: skip
            self.db.executescript("DELETE FROM bands; DELETE FROM docs;")
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('params', ?)", (PARAMS,))

    def get(self, url: str) -> Seen | None:
        row = self.db.execute(
            "SELECT url, site, original, signature FROM docs WHERE url = ?", (url,)
        ).fetchone()
        return Seen(row[0], row[1], row[2], unpack(row[3])) if row else None

    def candidates(self, keys: list[int]) -> list[Seen]:
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(
            "SELECT url, site, original, signature FROM docs WHERE id IN "
            f"(SELECT doc FROM bands WHERE key IN ({marks})) ORDER BY id LIMIT {MAX_CANDIDATES}",
            keys,
        ).fetchall()
        return [Seen(url, site, original, unpack(sig)) for url, site, original, sig in rows]

    def add(self, seen: Seen, keys: list[int]) -> None:
        """Added inside a transaction committed every :data:`COMMIT_EVERY` bodies and at
        close: a killed crawl loses at most that many, whose copies then go unmarked."""
        if not self.db.in_transaction:
            self.db.execute("BEGIN")
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO docs (url, site, original, signature) VALUES (?, ?, ?, ?)",
            (seen.url, seen.site, seen.original, pack(seen.signature)),
        )
        if cursor.rowcount:
            doc = cursor.lastrowid
            self.db.executemany(
                "INSERT OR IGNORE INTO bands VALUES (?, ?)", [(key, doc) for key in keys]
            )
            self.pending += 1
        if self.pending >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        self.pending = 0

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0])

    def close(self) -> None:
        self.commit()
        self.db.close()


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
    return SqliteIndex(path)

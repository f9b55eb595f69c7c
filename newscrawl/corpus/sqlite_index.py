"""The near-duplicate index in an SQLite file, written by a thread of its own.

Reads (a URL, the candidates of a body) run on the crawl's thread; writes go in batches of
:data:`COMMIT_EVERY` bodies to one writer thread with its own connection (WAL: readers never
wait for it), because inserting a body's 42 band rows costs ~0.2 ms that the crawl's thread
need not spend. Until a body is committed it is answered from one in-memory overlay (one
overlay, however far the writer lags: each lookup pays for one). A killed crawl loses at
most the batches not yet committed; copies of those bodies then go unmarked.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from newscrawl.corpus.index import MAX_CANDIDATES, MemoryIndex, Seen
from newscrawl.corpus.minhash import PARAMS, pack, unpack
from newscrawl.errors import ConfigError
from newscrawl.state.store import quick_check

logger = logging.getLogger(__name__)
COMMIT_EVERY = 200
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


def connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, timeout=30)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA cache_size=-65536")  # 64 MB: band rows land at random places
    return db


class DamagedIndex(ConfigError):
    """The index file exists but cannot be read (exit code 2: nothing was crawled)."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(
            f"the near-duplicate index {path} is damaged ({problem}); nothing was crawled. "
            "Move it away to start a new index (copies of earlier runs' stories then go "
            "unmarked; `scrapy corpus dedup` over the old feeds marks them again)"
        )


def connect_checked(path: Path) -> sqlite3.Connection:
    """A connection to the index at ``path``, its schema and parameters checked."""
    try:
        db = connect(path)
    except sqlite3.DatabaseError as exc:
        raise DamagedIndex(path, str(exc)) from None
    try:
        quick_check(db)
        db.executescript(SCHEMA)
        check_params(db, path)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise DamagedIndex(path, str(exc)) from None
    return db


def check_params(db: sqlite3.Connection, path: Path) -> None:
    """Signatures made with other parameters cannot be compared: such an index is emptied
    (one warning) rather than silently matching nothing."""
    row = db.execute("SELECT value FROM meta WHERE name = 'params'").fetchone()
    if row and row[0] != PARAMS:
        logger.warning("Near-duplicate index %s was built with %s, not %s: starting it "
                       "afresh", path, row[0], PARAMS)  # fmt: skip
        db.executescript("DELETE FROM bands; DELETE FROM docs;")
    db.execute("INSERT OR REPLACE INTO meta VALUES ('params', ?)", (PARAMS,))


class SqliteIndex:
    """:class:`~newscrawl.corpus.index.NearDupIndex` in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = connect_checked(path)
        self.pending = MemoryIndex()  # added and not committed yet, in flight or not
        self.unsent: list[tuple[Seen, list[int]]] = []  # not handed to the writer yet
        self.lock = threading.Lock()  # the writer discards from pending once committed
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="neardup-index")
        self.writes: list[Future[None]] = []
        self.local = threading.local()

    def get(self, url: str) -> Seen | None:
        with self.lock:
            seen = self.pending.get(url)
        if seen is not None:
            return seen
        row = self.db.execute(
            "SELECT url, site, original, signature FROM docs WHERE url = ?", (url,)
        ).fetchone()
        return Seen(row[0], row[1], row[2], unpack(row[3])) if row else None

    def candidates(self, keys: list[int]) -> list[Seen]:
        """Committed bodies first (they are older), then those still in memory. Memory is
        read before the file: a body committed in between is then found in the file."""
        with self.lock:
            pending = self.pending.candidates(keys)
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(
            "SELECT url, site, original, signature FROM docs WHERE id IN "
            f"(SELECT doc FROM bands WHERE key IN ({marks})) ORDER BY id LIMIT {MAX_CANDIDATES}",
            keys,
        ).fetchall()
        found = {url: Seen(url, site, original, unpack(sig)) for url, site, original, sig in rows}
        for seen in pending:
            found.setdefault(seen.url, seen)
        return list(found.values())[:MAX_CANDIDATES]

    def add(self, seen: Seen, keys: list[int]) -> None:
        with self.lock:
            if self.pending.get(seen.url) is not None:
                return
            self.pending.add(seen, keys)
        self.unsent.append((seen, keys))
        if len(self.unsent) >= COMMIT_EVERY:
            self.hand_over()

    def hand_over(self) -> None:
        """The bodies not sent yet to the writer thread."""
        if not self.unsent:
            return
        batch, self.unsent = self.unsent, []
        self.writes = [w for w in self.writes if not self.done(w)]
        self.writes.append(self.writer.submit(self.write, batch))

    def done(self, write: Future[None]) -> bool:
        """True when ``write`` finished; a failed write is logged once (its copies go
        unmarked), never raised into the crawl."""
        if not write.done():
            return False
        if (error := write.exception()) is not None:
            logger.error("Near-duplicate index %s: a batch was not written (%s)", self.path, error)
        return True

    def write(self, batch: list[tuple[Seen, list[int]]]) -> None:
        """In the writer thread: one transaction for the batch, then it leaves memory."""
        db = getattr(self.local, "db", None) or connect(self.path)
        self.local.db = db
        try:
            db.execute("BEGIN")
            rows: list[tuple[int, int | None]] = []
            for seen, keys in batch:
                cursor = db.execute(
                    "INSERT OR IGNORE INTO docs (url, site, original, signature) "
                    "VALUES (?, ?, ?, ?)",
                    (seen.url, seen.site, seen.original, pack(seen.signature)),
                )
                if cursor.rowcount:
                    rows.extend((key, cursor.lastrowid) for key in keys)
            db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", rows)
            db.execute("COMMIT")
        finally:
            if db.in_transaction:
                db.execute("ROLLBACK")
            with self.lock:
                self.pending.discard([seen.url for seen, _ in batch])

    def sync(self) -> None:
        """Everything added so far committed."""
        self.hand_over()
        for write in self.writes:
            write.exception()  # waits
            self.done(write)
        self.writes = []

    def count(self) -> int:
        self.sync()
        return int(self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0])

    def close(self) -> None:
        self.sync()
        self.writer.submit(self.close_writer).result()
        self.writer.shutdown(wait=True)
        self.db.close()

    def close_writer(self) -> None:
        db = getattr(self.local, "db", None)
        if db is not None:
            db.close()

"""The seen-article store: an SQLite file, safe to kill at any moment.

Every emitted article's URL, content hash, publication date, first and last sighting. SQLite
commits are atomic, so a killed run leaves the file as of its last commit. Runs are recorded
with their feed files: a run that never finished is reconciled by the next one (see
:mod:`newscrawl.state.reconcile`). One crawl at a time holds the file's lock, taken on the
resolved path so that a symlink to the same file cannot bypass it.

A damaged file (a bad page, or an existing file of 0 bytes, which SQLite would silently treat
as a new empty state and so re-emit everything) is refused with :class:`DamagedState` before
anything is crawled: the state is what prevents duplicates, it is never guessed.
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from newscrawl.errors import ConfigError

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    url TEXT PRIMARY KEY,
    content_hash TEXT,
    published_at TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    links TEXT
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    spider TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT
);
CREATE TABLE IF NOT EXISTS run_feeds (run_id INTEGER NOT NULL, path TEXT NOT NULL);
"""


class StateLocked(RuntimeError):
    """Another crawl holds the state file."""


class DamagedState(ConfigError):
    """The state file exists but cannot be trusted (exit code 2, like any bad configuration)."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(
            f"the state file {path} is damaged ({problem}); nothing was crawled. Recover: keep "
            f"a copy, then try `sqlite3 {path} .recover | sqlite3 recovered.sqlite` and use "
            "-s NEWSCRAWL_STATE=recovered.sqlite, or move the file away to start a new state "
            "(every article is then emitted again)"
        )


def quick_check(db: sqlite3.Connection) -> None:
    """``PRAGMA quick_check``: raises on a damaged file (a few ms per MB). Shared with the
    near-duplicate index, which opens its file the same careful way."""
    problems = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        raise sqlite3.DatabaseError("; ".join(problems[:3]))


@dataclass(frozen=True)
class Known:
    """What the store remembers of an article."""

    content_hash: str | None
    published_at: str | None
    last_seen: str | None = None
    links: tuple[str, ...] = ()  # the article's related links: followed when it is skipped


class Store(Protocol):
    """What the state components need of a store: :class:`StateStore` below, or the class
    ``NEWSCRAWL_STATE_STORE`` names (the Redis add-on's ``RedisStateStore``)."""

    @property
    def path(self) -> object: ...  # where the state lives, for log lines
    def lock(self) -> None: ...
    def close(self) -> None: ...
    def lookup(self, url: str) -> Known | None: ...
    def remember(
        self,
        url: str,
        content_hash: str | None,
        published_at: str | None,
        now: str,
        links: list[str] | None = None,
    ) -> None: ...
    def count(self) -> int: ...
    def start_run(self, spider: str, now: str) -> int: ...
    def add_feed(self, run_id: int, path: str) -> None: ...
    def finish_run(self, run_id: int, now: str) -> None: ...
    def unfinished_runs(self, but: int | None = None) -> dict[int, list[str]]: ...


class StateStore:
    """Seen articles and runs in one SQLite file (WAL journal: readers never block)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size == 0:
            raise DamagedState(path, "an empty file of 0 bytes, not a state")
        self.db = sqlite3.connect(path, isolation_level=None)
        self._lock: IO[str] | None = None
        try:
            quick_check(self.db)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise DamagedState(path, str(exc)) from None

    def lock(self) -> None:
        """Take the crawl lock (``<resolved state path>.lock``), or raise :class:`StateLocked`."""
        handle = open(f"{self.path.resolve()}.lock", "w")  # noqa: SIM115 - held until unlock()
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise StateLocked(str(self.path)) from None
        self._lock = handle

    def unlock(self) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None

    def close(self) -> None:
        self.unlock()
        self.db.close()

    # -- articles --------------------------------------------------------------------------

    def lookup(self, url: str) -> Known | None:
        row = self.db.execute(
            "SELECT content_hash, published_at, last_seen, links FROM articles WHERE url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return None
        return Known(row[0], row[1], row[2], tuple(json.loads(row[3] or "[]")))

    def remember(
        self,
        url: str,
        content_hash: str | None,
        published_at: str | None,
        now: str,
        links: list[str] | None = None,
    ) -> None:
        """Record an emitted article (insert, or update its hash, links and last sighting)."""
        self.db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
            "content_hash = excluded.content_hash, published_at = excluded.published_at, "
            "last_seen = excluded.last_seen, links = excluded.links",
            (url, content_hash, published_at, now, now, json.dumps(links or [])),
        )

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    # -- runs ------------------------------------------------------------------------------

    def start_run(self, spider: str, now: str) -> int:
        cursor = self.db.execute("INSERT INTO runs (spider, started) VALUES (?, ?)", (spider, now))
        return int(cursor.lastrowid or 0)

    def add_feed(self, run_id: int, path: str) -> None:
        self.db.execute("INSERT INTO run_feeds VALUES (?, ?)", (run_id, path))

    def finish_run(self, run_id: int, now: str) -> None:
        self.db.execute("UPDATE runs SET finished = ? WHERE id = ?", (now, run_id))

    def unfinished_runs(self, but: int | None = None) -> dict[int, list[str]]:
        """Runs that never finished (killed), with their feed files."""
        rows = self.db.execute(
            "SELECT runs.id, run_feeds.path FROM runs LEFT JOIN run_feeds "
            "ON run_feeds.run_id = runs.id WHERE runs.finished IS NULL AND runs.id != ?",
            (but or -1,),
        ).fetchall()
        found: dict[int, list[str]] = {}
        for run_id, path in rows:
            found.setdefault(run_id, []).extend([path] if path else [])
        return found

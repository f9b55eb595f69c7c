"""The incremental state in Redis: the SQLite store's interface, shared by every worker.

Keys under ``<prefix>:state:``: ``articles`` (hash: URL -> JSON of content hash, publication
date, last sighting and related links), ``first_seen`` (hash: URL -> first sighting),
``run:next`` (counter), ``run:<id>`` (hash: spider, worker, token, host, started, finished),
``run:<id>:feeds`` (list of feed paths), ``runs:open`` (set of unfinished run ids).

There is no lock: sharing the state is the point. What the SQLite lock prevents (two crawls
emitting the same article) is prevented across workers by the shared seen-set and the run's
claims (:mod:`newscrawl.distributed.fleet`). Reconciliation of killed runs is per worker
feed: a run that never finished is reconciled once its worker's heartbeat has expired, by
the next worker that can read its feeds (same host, or a shared output folder); the feeds of
a run on another machine wait for a worker there.
"""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Self

import redis
from scrapy.crawler import Crawler

from newscrawl.distributed.fleet import Fleet, fleet_for, text
from newscrawl.distributed.switch import redacted, redis_url
from newscrawl.state.store import Known


class RedisStateStore:
    """Seen articles and runs in Redis (see the module's docstring for the keys)."""

    def __init__(self, client: redis.Redis, prefix: str, fleet: Fleet, where: str) -> None:
        self.client, self.fleet = client, fleet
        self.prefix = f"{prefix}:state"
        self.path = f"{where} ({self.prefix}:*)"  # what log lines call the state

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        fleet = fleet_for(crawler)
        where = redacted(redis_url(crawler.settings))
        return cls(fleet.client, fleet.keys.prefix, fleet, where)

    def key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    def lock(self) -> None:
        """Nothing to lock: workers share the state (see the module's docstring)."""

    def unlock(self) -> None:
        """Nothing to unlock."""

    def close(self) -> None:
        """The Redis client belongs to the fleet and outlives the store."""

    # -- articles --------------------------------------------------------------------------

    def lookup(self, url: str) -> Known | None:
        raw = self.client.hget(self.key("articles"), url)
        if raw is None:
            return None
        data = json.loads(raw)
        return Known(
            data.get("content_hash"),
            data.get("published_at"),
            data.get("last_seen"),
            tuple(data.get("links") or ()),
        )

    def remember(
        self,
        url: str,
        content_hash: str | None,
        published_at: str | None,
        now: str,
        links: list[str] | None = None,
    ) -> None:
        """Record an emitted article (insert, or update its hash, links and last sighting)."""
        value = {"content_hash": content_hash, "published_at": published_at, "last_seen": now,
                 "links": links or []}  # fmt: skip
        pipe = self.client.pipeline(transaction=True)
        pipe.hsetnx(self.key("first_seen"), url, now)
        pipe.hset(self.key("articles"), url, json.dumps(value, ensure_ascii=False))
        pipe.execute()

    def count(self) -> int:
        return int(self.client.hlen(self.key("articles")))

    # -- runs ------------------------------------------------------------------------------

    def start_run(self, spider: str, now: str) -> int:
        self.fleet.join()  # the run is alive while this worker's heartbeat is
        run_id = int(self.client.incr(self.key("run:next")))
        info: dict[Any, str] = {"spider": spider, "started": now, "worker": self.fleet.worker,
                "token": self.fleet.token, "host": socket.gethostname()}  # fmt: skip
        pipe = self.client.pipeline(transaction=True)
        pipe.hset(self.key(f"run:{run_id}"), mapping=info)
        pipe.sadd(self.key("runs:open"), run_id)
        pipe.execute()
        return run_id

    def add_feed(self, run_id: int, path: str) -> None:
        self.client.rpush(self.key(f"run:{run_id}:feeds"), path)

    def finish_run(self, run_id: int, now: str) -> None:
        pipe = self.client.pipeline(transaction=True)
        pipe.hset(self.key(f"run:{run_id}"), "finished", now)
        pipe.srem(self.key("runs:open"), run_id)
        pipe.execute()

    def young(self, started: str | None) -> bool:
        """Started too recently to judge by its heartbeat (a worker registers its run a moment
        before its first heartbeat can be counted on)."""
        try:
            age = datetime.now(UTC) - datetime.fromisoformat(started or "")
        except ValueError:
            return False
        return age < timedelta(milliseconds=2 * self.fleet.ttl_ms + 1000)  # stamps are in s

    def unfinished_runs(self, but: int | None = None) -> dict[int, list[str]]:
        """Runs that never finished and whose worker is gone (heartbeat expired), with their
        feed files; a run of another host only when its feeds are readable here."""
        found: dict[int, list[str]] = {}
        here = socket.gethostname()
        for raw in sorted(self.client.smembers(self.key("runs:open")), key=int):
            run_id = int(raw)
            if run_id == but:
                continue
            run = self.client.hgetall(self.key(f"run:{run_id}"))
            info = {text(k): text(v) for k, v in run.items()}
            if self.fleet.running(info.get("token", "")) or self.young(info.get("started")):
                continue
            listed = self.client.lrange(self.key(f"run:{run_id}:feeds"), 0, -1)
            feeds = [text(f) for f in listed]
            if info.get("host") != here and not all(Path(f).exists() for f in feeds):
                continue
            found[run_id] = feeds
        return found

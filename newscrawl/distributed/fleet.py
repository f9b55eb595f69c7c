"""The fleet: the workers of one spider sharing a Redis frontier, and what they tell each other.

Keys (prefix ``NEWSCRAWL_REDIS_PREFIX``, default the project's ``BOT_NAME``):

- ``<prefix>:<spider>:requests``, ``<prefix>:<spider>:dupefilter``: scrapy-redis's queue and
  seen-set;
- ``<prefix>:<spider>:seeded``: set by the worker that seeded the current run (``SET NX``);
  while it exists, starting workers join the shared queue instead of seeding again;
- ``<prefix>:<spider>:arguments``: the seeding worker's spider arguments; a worker started with
  other ones is refused while the run goes on (its portals would never be crawled);
- ``<prefix>:<spider>:claims``: the URLs and content hashes emitted in the current run, so
  two workers never emit the same article;
- ``<prefix>:<spider>:workers`` (a set) and ``<prefix>:worker:<token>``: one heartbeat per
  worker process, refreshed several times a second with a TTL
  (``NEWSCRAWL_REDIS_HEARTBEAT_SECONDS``), saying ``active`` (requests in flight) or ``idle``.

A run ends when a worker finds the queue empty and no other worker active: it deletes the
seeded flag, the seen-set and the claims, so the next run starts again from the seeds (the
incremental state keeps known articles from being fetched again). A run whose workers all
died (killed, never cleaned up) is noticed by the next worker: seeded, nothing queued, nobody
active; it takes the run over (compare-and-set on the seeded flag) and seeds afresh.
One Redis server (not Redis Cluster): the scripts below touch several keys.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

import redis
from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings
from scrapy_redis.connection import get_redis_from_settings

from newscrawl.distributed.switch import redacted, redis_url, worker_id
from newscrawl.errors import ConfigError

logger = logging.getLogger(__name__)
# Connection lost, timeouts, and errors such as OOM or READONLY (a failed-over replica): the
# fleet cannot coordinate through a Redis in any of these states.
OUTAGE = (redis.RedisError,)
_fleets: WeakKeyDictionary[Crawler, Fleet] = WeakKeyDictionary()

# Set the seeded flag to ARGV[1] only if it still holds ARGV[2] ('' = absent); a new run also
# forgets the last run's seen-set and claims.
TAKE_SEEDING = """
if (redis.call('GET', KEYS[1]) or '') ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[4], ARGV[3])
redis.call('DEL', KEYS[2], KEYS[3])
return 1
"""
# Claim a record's URL and content hash for this run: 0 = new, 1 = URL taken, 2 = hash taken.
CLAIM = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
if ARGV[2] ~= '' and redis.call('SISMEMBER', KEYS[1], ARGV[2]) == 1 then return 2 end
redis.call('SADD', KEYS[1], ARGV[1])
if ARGV[2] ~= '' then redis.call('SADD', KEYS[1], ARGV[2]) end
return 0
"""


class RedisUnavailable(RuntimeError):
    """Redis cannot be reached when the worker starts: it does not start (exit code 5)."""


class OtherArguments(ConfigError):
    """A run in progress was started with other spider arguments (exit code 2)."""

    def __init__(self, spider: str, theirs: str, mine: str) -> None:
        super().__init__(
            f"a run of {spider} is in progress in this fleet with other arguments ({theirs}; "
            f"this worker has {mine}): start the worker with the same -a arguments, or wait "
            "for the run to end, or use another NEWSCRAWL_REDIS_PREFIX"
        )


@dataclass(frozen=True)
class Keys:
    """The Redis keys of one spider's fleet."""

    prefix: str
    spider: str

    def of(self, name: str) -> str:
        return f"{self.prefix}:{self.spider}:{name}"

    def worker(self, token: str) -> str:
        return f"{self.prefix}:worker:{token}"


def text(value: bytes | str) -> str:
    """A Redis reply as text (scrapy-redis's client returns bytes)."""
    return value.decode() if isinstance(value, bytes) else value


def connect(settings: BaseSettings) -> redis.Redis:
    """A client for ``REDIS_URL`` (as scrapy-redis builds it), checked with a PING: an
    unreachable server stops the worker at once with one clear line."""
    client: redis.Redis = get_redis_from_settings(settings)
    try:
        client.ping()
    except OUTAGE as exc:
        url = redacted(redis_url(settings))
        logger.error(
            "Not starting: Redis at %s is unreachable (%s); start it or fix NEWSCRAWL_REDIS_URL",
            url,
            exc,
        )
        raise RedisUnavailable(f"Redis at {url} is unreachable: {exc}") from None
    return client


def fleet_for(crawler: Crawler) -> Fleet:
    """The crawl's one fleet membership (and Redis client), made on first use."""
    if crawler not in _fleets:
        settings = crawler.settings
        prefix = str(settings.get("NEWSCRAWL_REDIS_PREFIX") or settings.get("BOT_NAME"))
        _fleets[crawler] = Fleet(
            connect(settings),
            Keys(prefix, str(crawler.spidercls.name)),
            worker_id(settings),
            settings.getfloat("NEWSCRAWL_REDIS_HEARTBEAT_SECONDS"),
        )
    return _fleets[crawler]


class Fleet:
    """This worker's membership: heartbeat, seeding, end of run, claims."""

    def __init__(self, client: redis.Redis, keys: Keys, worker: str, ttl: float) -> None:
        self.client, self.keys, self.worker = client, keys, worker
        self.ttl_ms = max(int(ttl * 1000), 100)
        self.token = f"{worker}.{secrets.token_hex(3)}"  # unique even if worker ids repeat
        self.state = "active"
        self.joined = False
        self._take_seeding = client.register_script(TAKE_SEEDING)
        self._claim = client.register_script(CLAIM)

    # -- heartbeat ---------------------------------------------------------------------------

    def join(self) -> None:
        """Announce this worker (active: it is about to seed or to take requests)."""
        if not self.joined:
            self.client.sadd(self.keys.of("workers"), self.token)
            self.joined = True
        self.beat()

    def beat(self, state: str | None = None) -> None:
        """Refresh the heartbeat (TTL), optionally with a new state."""
        self.state = state or self.state
        info = {"state": self.state, "worker": self.worker, "host": socket.gethostname(),
                "pid": os.getpid()}  # fmt: skip
        self.client.set(self.keys.worker(self.token), json.dumps(info), px=self.ttl_ms)

    def busy(self) -> None:
        """This worker took a request: say so at once, before anyone decides the run is over."""
        if self.state != "active":
            self.beat("active")

    def leave(self) -> None:
        self.client.delete(self.keys.worker(self.token))
        self.client.srem(self.keys.of("workers"), self.token)

    def peers(self) -> dict[str, dict[str, Any]]:
        """Other workers whose heartbeat is fresh; expired ones are forgotten."""
        tokens = sorted(text(t) for t in self.client.smembers(self.keys.of("workers")))
        tokens = [t for t in tokens if t != self.token]
        if not tokens:
            return {}
        found: dict[str, dict[str, Any]] = {}
        values = self.client.mget([self.keys.worker(t) for t in tokens])
        for token, value in zip(tokens, values, strict=True):
            if value is None:
                self.client.srem(self.keys.of("workers"), token)
            else:
                found[token] = json.loads(value)
        return found

    def active_peers(self) -> list[str]:
        return sorted(info["worker"] for info in self.peers().values() if info["state"] == "active")

    def running(self, token: str) -> bool:
        """Whether the worker process ``token`` still beats (a killed one stops within TTL)."""
        return bool(self.client.exists(self.keys.worker(token)))

    def queued(self) -> int:
        return int(self.client.zcard(self.keys.of("requests")))

    # -- runs --------------------------------------------------------------------------------

    def take_seeding(self, arguments: str = "") -> str | None:
        """``"new"`` when this worker starts a run (it seeds, and records its ``arguments``),
        ``"stale"`` when it takes over a run nobody is working on, None when it joins a run in
        progress."""
        seeded = self.keys.of("seeded")
        keys = [
            seeded,
            self.keys.of("dupefilter"),
            self.keys.of("claims"),
            self.keys.of("arguments"),
        ]
        current = self.client.get(seeded)
        if current is None:
            taken = self._take_seeding(keys=keys, args=[self.token, "", arguments])
            return "new" if taken else None
        if self.queued() or self.active_peers():
            return None
        taken = self._take_seeding(keys=keys, args=[self.token, current, arguments])
        return "stale" if taken else None

    def check_arguments(self, arguments: str) -> None:
        """Refuse to join a live run seeded with other arguments (:class:`OtherArguments`)."""
        theirs = self.client.get(self.keys.of("arguments"))
        live = self.client.exists(self.keys.of("seeded")) and (self.queued() or self.active_peers())
        if live and theirs is not None and text(theirs) != arguments:
            raise OtherArguments(self.keys.spider, text(theirs), arguments)

    def end_run(self) -> bool:
        """Forget the run (seeded flag, seen-set, claims) if it is over: nothing queued and no
        other worker active. True when it was."""
        if self.queued() or self.active_peers():
            return False
        names = ("seeded", "dupefilter", "claims", "arguments")
        self.client.delete(*(self.keys.of(name) for name in names))
        return True

    def claim(self, url: str, content_hash: str | None) -> int:
        """Claim a record for this run: 0 = this worker emits it, 1 = another worker emitted
        its URL, 2 = another worker emitted its text."""
        text = f"hash:{content_hash}" if content_hash else ""
        return int(self._claim(keys=[self.keys.of("claims")], args=[f"url:{url}", text]))

"""The near-duplicate index in Redis, shared by every worker of a distributed crawl.

Set as ``NEWSCRAWL_NEAR_DUPLICATES_STORE`` by the Redis add-on, so only a crawl with
``NEWSCRAWL_REDIS_URL`` imports it. Keys under ``<prefix>:neardup:``: ``docs`` (hash: URL ->
JSON of portal, original URL and signature), ``band:<key>`` (set of URLs per LSH band key),
``params`` (the signature parameters; another value empties the index, as in SQLite).
The first worker to add a URL wins (``HSETNX``); two workers meeting two copies of one story
at the same instant may both call theirs the original, which a later ``scrapy corpus dedup``
settles.
"""

from __future__ import annotations

import json
import logging
from functools import partial
from typing import Any, Self

import redis
from scrapy.crawler import Crawler
from scrapy.settings import Settings

from newscrawl.corpus.index import MAX_CANDIDATES, Seen
from newscrawl.corpus.minhash import PARAMS
from newscrawl.distributed.fleet import connect, fleet_for, text

logger = logging.getLogger(__name__)


def _seen(url: str, raw: bytes | str) -> Seen:
    data = json.loads(raw)
    return Seen(url, data["site"], data["original"], tuple(data["signature"]))


class RedisIndex:
    """:class:`~newscrawl.corpus.index.NearDupIndex` over one Redis database."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self.client, self.prefix = client, f"{prefix}:neardup"
        stored = client.get(self.key("params"))
        if stored is not None and text(stored) != PARAMS:
            logger.warning("Near-duplicate index in Redis was built with %s, not %s: "
                           "starting it afresh", text(stored), PARAMS)  # fmt: skip
            self.clear()
        client.set(self.key("params"), PARAMS)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        fleet = fleet_for(crawler)
        return cls(fleet.client, fleet.keys.prefix)

    @classmethod
    def recipe(cls, crawler: Crawler) -> partial[RedisIndex]:
        """How the corpus worker opens the index: its own client, the fleet's server and
        prefix (only the ``REDIS_*`` settings cross to the worker)."""
        fleet = fleet_for(crawler)
        redis_settings = {k: v for k, v in crawler.settings.items() if k.startswith("REDIS_")}
        return partial(cls.open, redis_settings, fleet.keys.prefix)

    @classmethod
    def open(cls, redis_settings: dict[str, Any], prefix: str) -> Self:
        return cls(connect(Settings(redis_settings)), prefix)

    def key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    def clear(self) -> None:
        for name in self.client.scan_iter(match=f"{self.prefix}:*", count=1000):
            self.client.delete(name)

    def get(self, url: str) -> Seen | None:
        raw = self.client.hget(self.key("docs"), url)
        return _seen(url, raw) if raw is not None else None

    def candidates(self, keys: list[int]) -> list[Seen]:
        members: Any = self.client.sunion([self.key(f"band:{key}") for key in keys])
        urls = sorted(text(m) for m in members)[:MAX_CANDIDATES]
        if not urls:
            return []
        raws = self.client.hmget(self.key("docs"), urls)
        return [_seen(url, raw) for url, raw in zip(urls, raws, strict=True) if raw is not None]

    def add(self, seen: Seen, keys: list[int]) -> None:
        value = {"site": seen.site, "original": seen.original, "signature": list(seen.signature)}
        if not self.client.hsetnx(self.key("docs"), seen.url, json.dumps(value)):
            return
        pipe = self.client.pipeline(transaction=False)
        for key in keys:
            pipe.sadd(self.key(f"band:{key}"), seen.url)
        pipe.execute()

    def count(self) -> int:
        return int(self.client.hlen(self.key("docs")))

    def close(self) -> None:
        """The client belongs to the fleet."""

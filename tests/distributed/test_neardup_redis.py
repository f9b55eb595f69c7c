"""The near-duplicate index in a real Redis: shared by workers, kept across runs."""

from __future__ import annotations

import pickle

import redis
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from newscrawl.corpus.neardup import NearDuplicates
from newscrawl.corpus.placement import index_recipe
from newscrawl.corpus.redis_index import RedisIndex
from newscrawl.distributed.addon import RedisAddon
from tests.corpus.pairs import desk_copy, original
from tests.distributed.conftest import RedisServer


def test_two_workers_share_the_index(redis_server: RedisServer, prefix: str) -> None:
    one = RedisIndex(redis.Redis.from_url(redis_server.url), prefix)
    two = RedisIndex(redis.Redis.from_url(redis_server.url), prefix)
    assert NearDuplicates(one).original_of("https://a.example/1", "a", original("flood_a")) is None
    found = NearDuplicates(two).original_of("https://b.example/1", "b", desk_copy("flood_a"))
    assert found == "https://a.example/1"
    assert NearDuplicates(two).original_of("https://c.example/1", "c", original("road_a")) is None
    assert one.count() == 3
    assert two.get("https://b.example/1").original == "https://a.example/1"  # type: ignore[union-attr]


def test_other_parameters_empty_the_index(redis_server: RedisServer, prefix: str) -> None:
    client = redis.Redis.from_url(redis_server.url)
    NearDuplicates(RedisIndex(client, prefix)).original_of("u", "a", original("market_b"))
    client.set(f"{prefix}:neardup:params", "rensa-64-1-5-16x4")
    assert RedisIndex(client, prefix).count() == 0


def test_the_addon_switches_the_index_to_redis() -> None:
    settings = Settings({"NEWSCRAWL_REDIS_URL": "redis://127.0.0.1:1/0"})
    RedisAddon().update_settings(settings)
    assert settings["NEWSCRAWL_NEAR_DUPLICATES_STORE"] == "newscrawl.corpus.redis_index.RedisIndex"


def test_the_corpus_worker_opens_the_same_redis_index(
    redis_server: RedisServer, prefix: str
) -> None:
    # The recipe crosses to the worker process pickled, and opens a client of its own there.
    settings = Settings({"NEWSCRAWL_REDIS_URL": redis_server.url, "NEWSCRAWL_REDIS_PREFIX": prefix})
    RedisAddon().update_settings(settings)
    ours = {k: v for k, v in settings.copy_to_dict().items() if k.startswith(("NEWS", "REDIS"))}
    crawler = get_crawler(settings_dict=ours)
    recipe = pickle.loads(pickle.dumps(index_recipe(crawler)))
    mine = NearDuplicates(recipe())
    assert mine.original_of("https://a.example/1", "a", original("flood_b")) is None
    client = redis.Redis.from_url(redis_server.url)
    found = NearDuplicates(RedisIndex(client, prefix)).original_of(
        "https://b.example/1", "b", desk_copy("flood_b")
    )
    assert found == "https://a.example/1"

"""The Redis state store and fleet bookkeeping, against a real Redis."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis

from newscrawl.distributed.fleet import Fleet, Keys, OtherArguments
from newscrawl.distributed.store import RedisStateStore
from newscrawl.state.store import Known
from tests.distributed.conftest import RedisServer

NOW = "2024-06-19T06:00:00+00:00"


def fleet(server: RedisServer, prefix: str, worker: str = "w1", ttl: float = 0.5) -> Fleet:
    return Fleet(redis.Redis.from_url(server.url), Keys(prefix, "prmn"), worker, ttl)


def store_of(member: Fleet, judge_young: bool = True) -> RedisStateStore:
    store = RedisStateStore(member.client, member.keys.prefix, member, "test")
    if not judge_young:  # these tests register runs and judge them at once
        store.young = lambda started: False  # type: ignore[method-assign]
    return store


def test_articles_like_the_sqlite_store(redis_server: RedisServer, prefix: str) -> None:
    store = store_of(fleet(redis_server, prefix))
    assert store.lookup("https://a/1") is None
    store.remember("https://a/1", "h1", "2024-06-18T10:00:00+07:00", NOW, ["https://a/2"])
    expected = Known("h1", "2024-06-18T10:00:00+07:00", NOW, ("https://a/2",))
    assert store.lookup("https://a/1") == expected
    store.remember("https://a/1", "h2", None, "2024-06-20T06:00:00+00:00")
    known = store.lookup("https://a/1")
    assert known is not None and known.content_hash == "h2" and known.links == ()
    assert store.count() == 1
    first_seen = store.client.hget(f"{prefix}:state:first_seen", "https://a/1")
    assert first_seen == NOW.encode()  # the first sighting is kept


def test_killed_runs_are_reconciled_once_their_worker_is_gone(
    redis_server: RedisServer, prefix: str, tmp_path: Path
) -> None:
    old = fleet(redis_server, prefix, "old")
    old_store = store_of(old, judge_young=False)
    run = old_store.start_run("prmn", NOW)
    old_store.add_feed(run, str(tmp_path / "old.jsonl"))
    new = fleet(redis_server, prefix, "new")
    new_store = store_of(new, judge_young=False)
    mine = new_store.start_run("prmn", NOW)
    assert new_store.unfinished_runs(but=mine) == {}  # its worker still beats
    time.sleep(0.6)  # the old worker stops beating (killed)
    new.beat()
    assert new_store.unfinished_runs(but=mine) == {run: [str(tmp_path / "old.jsonl")]}
    new_store.finish_run(run, NOW)
    assert new_store.unfinished_runs(but=mine) == {}


def test_runs_of_another_host_wait_for_their_feeds(
    redis_server: RedisServer, prefix: str, tmp_path: Path
) -> None:
    member = fleet(redis_server, prefix, ttl=0.1)
    store = store_of(member, judge_young=False)
    run = store.start_run("prmn", NOW)
    store.client.hset(f"{prefix}:state:run:{run}", "host", "elsewhere")
    store.add_feed(run, str(tmp_path / "theirs.jsonl"))
    member.leave()
    assert store.unfinished_runs() == {}
    (tmp_path / "theirs.jsonl").write_text("", "utf-8")  # e.g. a shared output folder
    assert list(store.unfinished_runs()) == [run]


def test_a_just_started_run_is_not_judged_by_its_heartbeat(
    redis_server: RedisServer, prefix: str
) -> None:
    member = fleet(redis_server, prefix, ttl=0.1)
    store = store_of(member)
    run = store.start_run("prmn", datetime.now(UTC).isoformat(timespec="seconds"))
    member.leave()  # no heartbeat yet, but started a moment ago
    assert run not in store.unfinished_runs()


def test_seeding_once_per_run(redis_server: RedisServer, prefix: str) -> None:
    first, second = fleet(redis_server, prefix, "a"), fleet(redis_server, prefix, "b")
    first.join()
    second.join()
    assert first.take_seeding() == "new"
    assert second.take_seeding() is None  # a run in progress: join it
    assert first.end_run() is False  # b is active
    second.beat("idle")
    assert first.end_run() is True
    assert second.take_seeding() == "new"  # the next run


def test_a_run_nobody_works_on_is_taken_over(redis_server: RedisServer, prefix: str) -> None:
    dead, late = fleet(redis_server, prefix, "dead", ttl=0.1), fleet(redis_server, prefix, "late")
    dead.join()
    assert dead.take_seeding() == "new"
    dead.client.sadd(f"{prefix}:prmn:dupefilter", "fingerprint")
    time.sleep(0.2)  # killed: its heartbeat expires
    late.join()
    assert late.take_seeding() == "stale"
    assert not late.client.exists(f"{prefix}:prmn:dupefilter")  # the new run starts afresh


CLAIMS = [("u2", "h3", 0), ("u1", "h9", 1), ("u3", "h1", 2), ("u4", None, 0)]


@pytest.mark.parametrize(("url", "digest", "expected"), CLAIMS)
def test_claims(
    redis_server: RedisServer, prefix: str, url: str, digest: str | None, expected: int
) -> None:
    member = fleet(redis_server, prefix)
    assert member.claim("u1", "h1") == 0
    assert member.claim(url, digest) == expected


def test_a_worker_with_other_arguments_is_refused_while_the_run_goes_on(
    redis_server: RedisServer, prefix: str
) -> None:
    seeder, joiner = fleet(redis_server, prefix, "a"), fleet(redis_server, prefix, "b")
    seeder.join()
    assert seeder.take_seeding('{"portals": ["x"]}') == "new"
    joiner.check_arguments('{"portals": ["x"]}')  # the same arguments: it joins
    with pytest.raises(
        OtherArguments,
        match=r"in progress in this fleet with other arguments "
        r'\(\{"portals": \["x"\]\}; this worker has \{"portals": \["y"\]\}\)',
    ):
        joiner.check_arguments('{"portals": ["y"]}')  # fmt: skip
    seeder.beat("idle")
    assert seeder.end_run() is True
    joiner.check_arguments('{"portals": ["y"]}')  # the run is over: it may start the next
    assert not joiner.client.exists(f"{prefix}:prmn:arguments")

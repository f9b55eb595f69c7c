"""Several workers, one Redis frontier: each article exactly once across the fleet, and the
faults of README "Running on several machines" (a killed worker, a Redis outage)."""

from __future__ import annotations

import shutil
import signal
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixtures.server import start
from newscrawl.exitcodes import ExitCode
from tests.conftest import FIXTURES, expected_records
from tests.distributed.conftest import RedisServer, free_port
from tests.distributed.workers import (
    expected_paths,
    paths,
    run_fleet,
    start_worker,
    wait_for_log,
    wait_for_records,
)
from tests.e2e.test_incremental import NEW_PATH, add_article

SLOW = ["-s", "DOWNLOAD_DELAY=1", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False"]


@pytest.fixture
def portals(tmp_path: Path) -> Iterator[tuple[Any, Path]]:
    """The PRMN fixture portals copied where a test may change them, and their server."""
    root = tmp_path / "portals"
    for site in expected_records("prmn"):
        shutil.copytree(FIXTURES / "portals" / site, root / site)
    with start(root=root) as server:
        yield server, root


def test_two_workers_emit_every_article_once_then_only_new_ones(
    portals: tuple[Any, Path], redis_server: RedisServer, prefix: str, tmp_path: Path
) -> None:
    server, root = portals
    before = len(server.requests)
    first = run_fleet(server, tmp_path / "run1", redis_server.url, prefix, "w1", "w2")
    assert sorted(paths([r for w in first for r in w.records()])) == expected_paths()
    stats = [w.stats() for w in first]
    assert all(s["downloader/response_count"] > 0 for s in stats)  # both fetched pages
    assert all(s.get("item_scraped_count", 0) > 0 for s in stats)  # and both emitted
    assert sum(s.get("newscrawl/fleet/seeded", 0) for s in stats) == 1  # seeded once
    fetched = Counter(path for _, path in server.requests[before:] if "/pr-" in path)
    assert max(fetched.values()) == 1  # the shared seen-set: no page fetched twice
    assert "The fleet's run is over" in first[0].log + first[1].log

    add_article(root)
    second = run_fleet(server, tmp_path / "run2", redis_server.url, prefix, "w1", "w2")
    assert paths([r for w in second for r in w.records()]) == [NEW_PATH.strip("/")]
    assert sum(w.stats().get("newscrawl/state/skipped_known", 0) for w in second) >= 40


def test_a_killed_worker_loses_only_what_the_next_run_completes(
    portals: tuple[Any, Path], redis_server: RedisServer, prefix: str, tmp_path: Path
) -> None:
    """Ordered by what the workers say, not by how fast they are: the victim seeds alone and
    is slow (a page a second per portal, so it still runs when the survivor has joined,
    however busy the machine); it is killed once the survivor has joined the run."""
    server, _ = portals
    folder = tmp_path / "run1"
    victim = start_worker(server, folder, "victim", redis_server.url, prefix, *SLOW)
    wait_for_records(victim, 1)
    survivor = start_worker(server, folder, "survivor", redis_server.url, prefix)
    wait_for_log(survivor, "Joining the run in progress")
    assert victim.proc.poll() is None, victim.log[-3000:]
    victim.proc.send_signal(signal.SIGKILL)
    victim.wait()
    assert survivor.wait(timeout=300) == 0, survivor.log[-3000:]  # it finishes without the victim
    follow_up = run_fleet(server, tmp_path / "run2", redis_server.url, prefix, "next")
    delivered = victim.records() + survivor.records() + follow_up[0].records()
    assert sorted(paths(delivered)) == expected_paths()  # every article, exactly once


def test_a_worker_with_other_arguments_is_refused(
    portals: tuple[Any, Path], redis_server: RedisServer, prefix: str, tmp_path: Path
) -> None:
    server, _ = portals
    seeder = start_worker(server, tmp_path, "seeder", redis_server.url, prefix, *SLOW)
    wait_for_records(seeder, 1)
    other = start_worker(server, tmp_path, "other", redis_server.url, prefix, "-a", "max_pages=1")
    assert other.wait(timeout=300) == ExitCode.USAGE  # bad configuration
    refusal = [line for line in other.log.splitlines() if "ERROR: Not starting" in line]
    assert len(refusal) == 1
    assert "a run of prmn is in progress in this fleet with other arguments" in refusal[0]
    assert '"max_pages": 1' in refusal[0]
    assert "downloader/request_count" not in other.log
    seeder.proc.send_signal(signal.SIGKILL)
    seeder.wait()


def test_redis_down_at_start_stops_the_worker(portals: tuple[Any, Path], tmp_path: Path) -> None:
    server, _ = portals
    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    worker = start_worker(server, tmp_path, "w1", nowhere, "outage")
    assert worker.wait() == ExitCode.REDIS_UNAVAILABLE
    assert f"Not starting: Redis at {nowhere} is unreachable" in worker.log
    assert not worker.lines()


def test_redis_outage_mid_crawl_stops_the_worker_non_zero(
    portals: tuple[Any, Path], own_redis: RedisServer, tmp_path: Path
) -> None:
    server, _ = portals
    worker = start_worker(server, tmp_path, "w1", own_redis.url, "outage")
    wait_for_records(worker, 3)
    own_redis.stop()
    assert worker.wait(timeout=30) == ExitCode.REDIS_UNAVAILABLE
    assert f"Redis at {own_redis.url} is unavailable" in worker.log
    assert "Spider closed (redis_unavailable)" in worker.log
    emitted = paths(worker.records())
    assert len(emitted) == len(set(emitted)) < 40  # no duplicates; the rest is for the next run

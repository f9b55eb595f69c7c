"""Stopped crawls lose nothing: a paused crawl resumes from JOBDIR, a killed one is reconciled.

Across the interrupted run and the run after it, every fixture article is delivered exactly
once and every feed line is valid JSON.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, expected_records

SLOW = ["-s", "DOWNLOAD_DELAY=0.05", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False",
        "-s", "CONCURRENT_REQUESTS=2", "-s", "AUTOTHROTTLE_ENABLED=False"]  # fmt: skip


def command(server: Any, feed: Path, tmp: Path, *extra: str) -> list[str]:
    start_urls = ",".join(f"{server.origins[site]}/" for site in expected_records("prmn"))
    return [sys.executable, "-m", "scrapy", "crawl", "prmn", "-a", f"start_urls={start_urls}",
            "-o", str(feed), "-s", f"NEWSCRAWL_STATE={tmp / 'state.sqlite'}",
            "-s", f"NEWSCRAWL_ARCHIVE={tmp / 'archive.warc.gz'}",
            "-s", f"LOG_FILE={feed.with_suffix('.log')}", *SLOW, *extra]  # fmt: skip


def lines(feed: Path) -> list[str]:
    return feed.read_text("utf-8").splitlines() if feed.exists() else []


def interrupt(cmd: list[str], feed: Path, sig: int, after_records: int, delay: float) -> None:
    """Start a crawl and send it ``sig`` once it has written ``after_records`` records."""
    proc = subprocess.Popen(cmd, cwd=ROOT)
    deadline = time.monotonic() + 120
    while len(lines(feed)) < after_records and proc.poll() is None:
        assert time.monotonic() < deadline, "crawl too slow to interrupt"
        time.sleep(0.02)
    time.sleep(delay)
    proc.send_signal(sig)
    proc.wait(timeout=120)


def delivered(*feeds: Path) -> list[str]:
    """Article URLs across feeds; every line must be a whole JSON record."""
    urls = []
    for feed in feeds:
        for line in lines(feed):
            urls.append(json.loads(line)["url"])
    return urls


def expected_paths() -> set[str]:
    return {r["url"].split("/", 3)[3] for p in expected_records("prmn").values() for r in p}


def paths(urls: list[str]) -> list[str]:
    return [u.split("/", 3)[3] for u in urls]


def test_paused_crawl_resumes_from_jobdir(fixture_server: Any, tmp_path: Path) -> None:
    jobdir = ["-s", f"JOBDIR={tmp_path / 'job'}"]
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    interrupt(command(fixture_server, first, tmp_path, *jobdir), first, signal.SIGINT, 8, 0)
    assert 8 <= len(lines(first)) < 40
    subprocess.run(command(fixture_server, second, tmp_path, *jobdir), cwd=ROOT, check=True)
    got = paths(delivered(first, second))
    assert sorted(got) == sorted(expected_paths())  # every article, each exactly once


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_killed_crawl_is_completed_by_the_next_run(
    fixture_server: Any, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    at = rng.randint(1, 30)
    interrupt(command(fixture_server, first, tmp_path), first, signal.SIGKILL, at, rng.random() / 5)
    subprocess.run(command(fixture_server, second, tmp_path), cwd=ROOT, check=True)
    got = paths(delivered(first, second))
    assert sorted(got) == sorted(expected_paths())


@pytest.mark.parametrize("seed", [4, 5])
def test_killed_crawl_resumes_from_jobdir(fixture_server: Any, tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    jobdir = ["-s", f"JOBDIR={tmp_path / 'job'}"]
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    at = rng.randint(1, 30)
    cmd = command(fixture_server, first, tmp_path, *jobdir)
    interrupt(cmd, first, signal.SIGKILL, at, rng.random() / 5)
    subprocess.run(command(fixture_server, second, tmp_path, *jobdir), cwd=ROOT, check=True)
    got = paths(delivered(first, second))
    assert sorted(got) == sorted(expected_paths())

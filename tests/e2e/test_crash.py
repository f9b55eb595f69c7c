"""The kill -9 matrix: a crawl killed at a random record, then run again, over every output.

Across the killed run and the next one: every article exactly once in the JSONL feeds, in the
partitioned gzip feeds and in the state; every output file readable to its end (feeds, each
partition, each WARC file, the SQLite state). ``JOBDIR`` without a state cannot know what was
delivered, so the next run refuses it with a clear message instead of guessing.
"""

from __future__ import annotations

import gzip
import json
import random
import signal
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from newscrawl.archive.reader import archive_paths, index_responses
from newscrawl.corpus.parquet import is_complete, read_records
from newscrawl.exitcodes import ExitCode
from tests.conftest import ROOT
from tests.e2e.test_interrupt import command, delivered, expected_paths, interrupt, paths


def partition_urls(root: Path) -> list[str]:
    """Article URLs across every partition; each file must read to its end."""
    urls = []
    for part in sorted(root.rglob("*.jsonl.gz")):
        with gzip.open(part, "rb") as handle:
            urls.extend(json.loads(line)["url"] for line in handle)
    return urls


def state_urls(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA quick_check").fetchone() == ("ok",)
    return [row[0] for row in db.execute("SELECT url FROM articles")]


@pytest.mark.parametrize("seed", [11, 12])
def test_every_output_holds_each_article_once_across_a_kill(
    fixture_server: Any, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    outputs = ["-s", f"NEWSCRAWL_PARTITION={tmp_path}/parts/%(site)s/%(day)s.jsonl.gz",
               "-s", f"JOBDIR={tmp_path / 'job'}"]  # fmt: skip
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    cmd = command(fixture_server, first, tmp_path, *outputs)
    interrupt(cmd, first, signal.SIGKILL, rng.randint(1, 30), rng.random() / 5)
    subprocess.run(command(fixture_server, second, tmp_path, *outputs), cwd=ROOT, check=True)
    expected = sorted(expected_paths())
    assert sorted(paths(delivered(first, second))) == expected
    assert sorted(paths(partition_urls(tmp_path / "parts"))) == expected
    assert sorted(paths(state_urls(tmp_path / "state.sqlite"))) == expected
    warcs = archive_paths(f"{tmp_path}/archive*.warc.gz")
    assert len(warcs) == 2  # the next run never overwrites the killed run's archive
    assert len(index_responses(warcs)) > 40


def test_a_killed_jobdir_without_state_is_refused(fixture_server: Any, tmp_path: Path) -> None:
    no_state = ["-s", "NEWSCRAWL_STATE=", "-s", f"JOBDIR={tmp_path / 'job'}"]
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    interrupt(command(fixture_server, first, tmp_path, *no_state), first, signal.SIGKILL, 5, 0)
    result = subprocess.run(command(fixture_server, second, tmp_path, *no_state), cwd=ROOT,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == ExitCode.USAGE  # bad configuration
    log = second.with_suffix(".log").read_text("utf-8")
    refusal = [line for line in log.splitlines() if "ERROR: Not starting" in line]
    assert len(refusal) == 1
    assert f"the last crawl in JOBDIR {tmp_path / 'job'} was killed" in refusal[0]
    assert "downloader/request_count" not in log
    assert len(set(delivered(first))) == len(delivered(first))  # the killed feed reads whole


def test_a_killed_parquet_feed_is_rebuilt_by_the_next_run(
    fixture_server: Any, tmp_path: Path
) -> None:
    # Parquet is readable only once closed: the killed run's file is rebuilt from its journal
    # when the next run reconciles, so across the two Parquet files each article is there once.
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    parquet = ["-o", str(tmp_path / "first.parquet")]
    interrupt(command(fixture_server, first, tmp_path, *parquet), first, signal.SIGKILL, 12, 0.05)
    killed = tmp_path / "first.parquet"
    assert (tmp_path / "first.parquet.journal").exists()
    assert not is_complete(killed)
    again = ["-o", str(tmp_path / "second.parquet")]
    subprocess.run(command(fixture_server, second, tmp_path, *again), cwd=ROOT, check=True)
    assert is_complete(killed) and not (tmp_path / "first.parquet.journal").exists()
    assert "first.parquet: rebuilt from its journal" in second.with_suffix(".log").read_text()
    rebuilt = [r["url"] for r in read_records(killed)]
    assert rebuilt == delivered(first)  # the same records, in the same order
    got = rebuilt + [r["url"] for r in read_records(tmp_path / "second.parquet")]
    assert sorted(paths(got)) == sorted(expected_paths())

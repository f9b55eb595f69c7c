"""Run ``scrapy crawl prmn`` workers against a Redis, as subprocesses, and read what they left."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, expected_records
from tests.e2e.crawling import read_stats

# Slow enough that two workers overlap, fast enough for a few seconds a run. A worker takes
# up to CONCURRENT_REQUESTS requests from the shared queue at once: 2 leaves work for others.
FAST = ["-s", "DOWNLOAD_DELAY=0.03", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CONCURRENT_REQUESTS=2", "-s", "NEWSCRAWL_REDIS_IDLE_SECONDS=5",
        "-s", "NEWSCRAWL_REDIS_HEARTBEAT_SECONDS=2"]  # fmt: skip


@dataclass
class Worker:
    """One worker process; its feed and log are ``<folder>/<name>.jsonl`` and ``.log``."""

    name: str
    folder: Path
    proc: subprocess.Popen[bytes]

    @property
    def feed(self) -> Path:
        return self.folder / f"{self.name}.jsonl"

    @property
    def log(self) -> str:
        path = self.folder / f"{self.name}.log"
        return path.read_text("utf-8") if path.exists() else ""

    def lines(self) -> list[str]:
        return self.feed.read_text("utf-8").splitlines() if self.feed.exists() else []

    def records(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.lines()]

    def stats(self) -> dict[str, Any]:
        return read_stats(self.log)

    def wait(self, timeout: float = 60) -> int:
        return self.proc.wait(timeout=timeout)


def start_worker(server: Any, folder: Path, name: str, redis_url: str, prefix: str,
                 *extra: str) -> Worker:  # fmt: skip
    """A worker crawling every PRMN fixture portal; ``name`` is its NEWSCRAWL_WORKER_ID (from
    the environment) and its feed is ``-O <folder>/%(worker)s.jsonl``."""
    folder.mkdir(parents=True, exist_ok=True)
    start_urls = ",".join(f"{server.origins[site]}/" for site in expected_records("prmn"))
    command = [sys.executable, "-m", "scrapy", "crawl", "prmn", "-a", f"start_urls={start_urls}",
               "-s", f"NEWSCRAWL_REDIS_URL={redis_url}", "-s", f"NEWSCRAWL_REDIS_PREFIX={prefix}",
               "-s", f"NEWSCRAWL_STATE={folder / 'unused.sqlite'}", "-s", "NEWSCRAWL_SUMMARY=",
               "-O", str(folder / "%(worker)s.jsonl"), "-s", f"LOG_FILE={folder / name}.log",
               *FAST, *extra]  # fmt: skip
    env = {**os.environ, "NEWSCRAWL_WORKER_ID": name}
    env.pop("NEWSCRAWL_REDIS_URL", None)
    return Worker(name, folder, subprocess.Popen(command, cwd=ROOT, env=env))


def run_fleet(server: Any, folder: Path, redis_url: str, prefix: str, *names: str) -> list[Worker]:
    """Start the workers together and wait for all of them (each must exit 0)."""
    workers = [start_worker(server, folder, name, redis_url, prefix) for name in names]
    for worker in workers:
        assert worker.wait() == 0, worker.log[-3000:]
    return workers


def wait_for_records(worker: Worker, count: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while len(worker.lines()) < count:
        assert worker.proc.poll() is None, f"{worker.name} ended early:\n{worker.log[-3000:]}"
        assert time.monotonic() < deadline, f"{worker.name} too slow"
        time.sleep(0.02)


def wait_for_log(worker: Worker, text: str, timeout: float = 120) -> None:
    """Until ``worker`` logs ``text`` (the timeout only guards against a hang)."""
    deadline = time.monotonic() + timeout
    while text not in worker.log:
        assert worker.proc.poll() is None, f"{worker.name} ended early:\n{worker.log[-3000:]}"
        assert time.monotonic() < deadline, f"{worker.name} never logged {text!r}"
        time.sleep(0.05)


def paths(records: list[dict[str, Any]]) -> list[str]:
    """Article URLs without their (local) origin."""
    return [r["url"].split("/", 3)[3] for r in records]


def expected_paths() -> list[str]:
    return sorted(paths([r for p in expected_records("prmn").values() for r in p]))

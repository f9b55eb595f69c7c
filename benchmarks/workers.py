"""A fleet of workers: ``python benchmarks/workers.py [--workers 2,4] [--delay 0]``.

Starts a redis-server of its own (free 127.0.0.1 port, no persistence) and the fixture
portals, then for each fleet size runs that many ``scrapy crawl prmn`` workers together over
the PRMN fixture portals (a fresh key prefix per run, so each starts from nothing) and prints
pages fetched per second (wall clock, from the first start to the last exit, so process start
is included; and over the slowest worker's crawl, from its spider's opening to its closing,
idle waiting included) and the duplicate count across the workers' feeds, which must be 0. Run by
hand; needs ``redis-server`` on PATH.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fixtures.server import start  # noqa: E402
from tests.conftest import expected_records  # noqa: E402
from tests.e2e.crawling import read_stats  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def redis_server(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("redis-server not found (apt-get install redis-server)")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
         "no", "--dir", str(folder)], stdout=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, f"redis://127.0.0.1:{port}/0"
        except OSError:
            if time.monotonic() > deadline:
                sys.exit("redis-server did not start")
            time.sleep(0.05)


def fleet(servers: Any, url: str, size: int, folder: Path, delay: float) -> dict[str, Any]:
    """Run ``size`` workers together; their pages, records and wall-clock seconds."""
    start_urls = ",".join(f"{servers.origins[site]}/" for site in expected_records("prmn"))
    prefix = f"bench-{size}-{time.time_ns()}"
    began = time.perf_counter()
    procs = []
    for n in range(size):
        name = f"w{n + 1}"
        command = [sys.executable, "-m", "scrapy", "crawl", "prmn",
                   "-a", f"start_urls={start_urls}", "-s", f"NEWSCRAWL_REDIS_URL={url}",
                   "-s", f"NEWSCRAWL_REDIS_PREFIX={prefix}",
                   "-s", "NEWSCRAWL_SUMMARY=", "-O", str(folder / "%(worker)s.jsonl"),
                   "-s", f"LOG_FILE={folder / name}.log", "-s", f"DOWNLOAD_DELAY={delay}",
                   "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=4",
                   "-s", "NEWSCRAWL_REDIS_IDLE_SECONDS=5"]  # fmt: skip
        env = {**os.environ, "NEWSCRAWL_WORKER_ID": name}
        procs.append((name, subprocess.Popen(command, cwd=ROOT, env=env)))
    for name, proc in procs:
        if proc.wait() != 0:
            sys.exit(f"worker {name} failed: see {folder / name}.log")
    seconds = time.perf_counter() - began
    pages: dict[str, int] = {}
    urls: list[str] = []
    crawling = 0.0
    for name, _ in procs:
        stats = read_stats((folder / f"{name}.log").read_text("utf-8"))
        pages[name] = int(stats.get("downloader/response_count", 0))
        crawling = max(crawling, float(stats.get("elapsed_time_seconds", 0.0)))
        feed = folder / f"{name}.jsonl"
        lines = feed.read_text("utf-8").splitlines() if feed.exists() else []
        urls += [json.loads(line)["url"] for line in lines]
    duplicates = sum(count - 1 for count in Counter(urls).values())
    return {"pages": pages, "records": len(urls), "duplicates": duplicates, "seconds": seconds,
            "crawling": crawling}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default="2,4", help="fleet sizes, comma-separated")
    parser.add_argument("--delay", type=float, default=0.0, help="DOWNLOAD_DELAY per worker")
    parser.add_argument("--keep", type=Path, help="keep the workers' feeds and logs here")
    args = parser.parse_args()
    expected = sum(len(records) for records in expected_records("prmn").values())
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = redis_server(Path(tmp))
        try:
            with start() as servers:
                for size in (int(n) for n in args.workers.split(",")):
                    folder = Path(args.keep or tmp, f"fleet-{size}")
                    folder.mkdir(parents=True)
                    run = fleet(servers, url, size, folder, args.delay)
                    total = sum(run["pages"].values())
                    print(
                        f"{size} workers: {total} pages in {run['seconds']:.2f} s = "
                        f"{total / run['seconds']:.1f} pages/s (slowest worker crawling "
                        f"{run['crawling']:.2f} s: {total / run['crawling']:.1f} pages/s; "
                        f"per worker {run['pages']}); "
                        f"{run['records']}/{expected} records, {run['duplicates']} duplicates"
                    )
        finally:
            proc.terminate()
            proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())

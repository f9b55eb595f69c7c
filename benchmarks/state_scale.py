"""State at scale: ``python benchmarks/state_scale.py [--known 1000000]``.

Builds a state file that knows N article URLs, times lookups of known and unknown URLs, then
runs ``scrapy crawl prmn`` over the fixture portals with that state and prints the crawl's
peak RSS. Run by hand; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fixtures.server import start  # noqa: E402
from newscrawl.state.store import StateStore  # noqa: E402


def fill(store: StateStore, count: int) -> float:
    """Insert ``count`` known articles in one transaction; seconds taken."""
    began = time.perf_counter()
    store.db.execute("BEGIN")
    store.db.executemany(
        "INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?, ?)",
        (
            (f"https://portal{i % 200}.example/kanal/pr-{i}/judul-{i}", f"{i:064x}",
             "2024-06-19T07:57:00+07:00", "2024-06-19T00:00:00+00:00",
             "2024-06-19T00:00:00+00:00", "[]")
            for i in range(count)
        ),
    )  # fmt: skip
    store.db.execute("COMMIT")
    return time.perf_counter() - began


def lookups(store: StateStore, count: int, known: bool) -> float:
    """Microseconds per lookup over ``count`` URLs, known or not."""
    urls = [
        f"https://portal{i % 200}.example/kanal/pr-{i}/judul-{i}" for i in range(0, count * 97, 97)
    ]
    if not known:
        urls = [u + "-baru" for u in urls]
    began = time.perf_counter()
    for url in urls:
        store.lookup(url)
    return (time.perf_counter() - began) / len(urls) * 1e6


def rss_kb(pid: int) -> int:
    """Resident memory of process ``pid`` (0 once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((x for x in status.splitlines() if x.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1])


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in task.read_text().split()]
    return found


def crawl_rss(state: Path, workdir: Path) -> tuple[float, int, int]:
    """Seconds, and peak RSS (MB) of the crawl's process and of it with its children (the
    corpus worker) together, sampled every 20 ms, of a fixture crawl that uses ``state``."""
    with start() as servers:
        urls = ",".join(f"{servers.origins[s]}/" for s in ("wartabulukumba", "zonapriangan"))
        began = time.perf_counter()
        crawl = subprocess.Popen(
            [sys.executable, "-m", "scrapy", "crawl", "prmn", "-a", f"start_urls={urls}",
             "-O", str(workdir / "out.jsonl"), "-s", f"NEWSCRAWL_STATE={state}",
             "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=ERROR",
             "-s", f"NEWSCRAWL_SUMMARY={workdir / 'summary.json'}"],
            cwd=ROOT,
        )  # fmt: skip
        alone = together = 0
        while crawl.poll() is None:
            own = rss_kb(crawl.pid)
            alone = max(alone, own)
            together = max(together, own + sum(rss_kb(c) for c in children(crawl.pid)))
            time.sleep(0.02)
        assert crawl.returncode == 0, f"the crawl failed: exit code {crawl.returncode}"
        seconds = time.perf_counter() - began
    return seconds, alone // 1024, together // 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--known", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "state.sqlite"
        store = StateStore(path)
        took = fill(store, args.known)
        size = path.stat().st_size / 1e6
        print(f"state: {args.known:,} known URLs inserted in {took:.1f} s, file {size:.0f} MB")
        print(f"lookup, known URL:   {lookups(store, 20_000, True):.1f} µs")
        print(f"lookup, unknown URL: {lookups(store, 20_000, False):.1f} µs")
        store.close()
        empty = Path(tmp) / "empty.sqlite"
        for name, state in (("empty state", empty), (f"{args.known:,} known", path)):
            seconds, alone, together = crawl_rss(state, Path(tmp))
            print(f"crawl of the fixture portals, {name}: {seconds:.1f} s, peak RSS {alone} MB "
                  f"(with the corpus worker: {together} MB)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

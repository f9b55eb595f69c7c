"""State at scale: ``python benchmarks/state_scale.py [--known 1000000]``.

Builds a state file that knows N article URLs, times lookups of known and unknown URLs, then
runs ``scrapy crawl prmn`` over the fixture portals with that state and prints the crawl's
peak RSS. Run by hand; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
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


def crawl_rss(state: Path, workdir: Path) -> tuple[float, int]:
    """Seconds and peak RSS (MB) of a fixture crawl that uses ``state``."""
    with start() as servers:
        urls = ",".join(f"{servers.origins[s]}/" for s in ("wartabulukumba", "zonapriangan"))
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "prmn", "-a", f"start_urls={urls}",
             "-O", str(workdir / "out.jsonl"), "-s", f"NEWSCRAWL_STATE={state}",
             "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=ERROR",
             "-s", f"NEWSCRAWL_SUMMARY={workdir / 'summary.json'}"],
            cwd=ROOT, check=True,
        )  # fmt: skip
        seconds = time.perf_counter() - began
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # largest child so far
    return seconds, peak_kb // 1024


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
        seconds, peak = crawl_rss(empty, Path(tmp))
        print(
            f"crawl of the fixture portals, empty state:      {seconds:.1f} s, peak RSS {peak} MB"
        )
        seconds, peak = crawl_rss(path, Path(tmp))
        known = f"{args.known:,} known"
        print(f"crawl of the fixture portals, {known}: {seconds:.1f} s, peak RSS {peak} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

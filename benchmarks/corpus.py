"""What the corpus layer costs a crawl: ``python benchmarks/corpus.py [--repeat 3]``.

Language identification and near-duplicate marking run on every record, so they must stay a
small share of crawl time (the issue's bound: 10% of crawl speed). Two measurements:

1. In one process: ms per record of language identification and of near-duplicate marking
   (an SQLite index on disk already holding ``--indexed`` bodies, as after months of daily
   runs): what the corpus worker spends per record.
2. ``scrapy crawl prmn`` over the generated portal of ``benchmarks/crawl.py`` (its article
   bodies made unique, one in ten a desk copy of an earlier article), three ways, alternating,
   ``--repeat`` times each: without the corpus layer (``NEWSCRAWL_LANGUAGE=False``,
   ``NEWSCRAWL_NEAR_DUPLICATES=off``), with it (the default: a worker process), and with it in
   the crawl's process (``NEWSCRAWL_CORPUS_PROCESS=False``). Prints, per run, pages/s, the
   crawl process's CPU per page and its children's (the worker); then the cost of each way
   from the best run of each (on a shared machine other jobs only ever slow a run down).

Run by hand; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import crawl  # type: ignore[import-not-found]  # benchmarks/crawl.py

from newscrawl.corpus.language import identify
from newscrawl.corpus.neardup import NearDuplicates
from newscrawl.corpus.sqlite_index import SqliteIndex
from newscrawl.settings import EXTENSIONS, ITEM_PIPELINES

CORPUS = "newscrawl.corpus.pipelines.CorpusPipeline"
TIMED = {k: v for k, v in ITEM_PIPELINES.items() if k != CORPUS}
TIMED["corpus_timed.TimedCorpus"] = ITEM_PIPELINES[CORPUS]
WAYS = {
    "without corpus": ["-s", "NEWSCRAWL_LANGUAGE=False", "-s", "NEWSCRAWL_NEAR_DUPLICATES=off"],
    "corpus worker": [],
    "corpus in-crawl": ["-s", "NEWSCRAWL_CORPUS_PROCESS=False"],
}


def body(n: int) -> str:
    """Article ``n``'s text: eight paragraphs of its own; one in ten copies article n - 7."""
    source = n - 7 if n % 10 == 9 and n >= 7 else n
    rng = random.Random(source)
    paragraphs = [" ".join(rng.choices(crawl.WORDS, k=45)).capitalize() + "." for _ in range(8)]
    if source != n:
        paragraphs[0] = f"Berita salinan nomor {n}. " + paragraphs[0]
        paragraphs.append(f"Artikel ini telah tayang di portal lain dengan judul berita {source}")
    return "\n\n".join(paragraphs)


class CorpusPortal(crawl.Portal):  # type: ignore[misc]
    """The crawl benchmark's portal with bodies a corpus would hold (see :func:`body`)."""

    def article(self, n: int) -> bytes:
        page: bytes = super().article(n)
        start, end = page.index(b'<article class="read__content">'), page.index(b"</article>")
        paragraphs = "".join(f"<p>{p}</p>" for p in body(n).split("\n\n"))
        return page[: start + 31] + paragraphs.encode() + page[end:]


def per_record(records: int, indexed: int) -> None:
    began = time.process_time()
    identify("Model dimuat sekali per proses, lalu dipakai untuk setiap artikel.")
    print(f"language models loaded once per process: {time.process_time() - began:.2f} s CPU")
    with tempfile.TemporaryDirectory() as tmp:
        index = SqliteIndex(Path(tmp) / "neardup.sqlite")
        finder = NearDuplicates(index)
        began = time.perf_counter()
        for n in range(indexed):
            finder.original_of(f"https://old.example/{n}", "old", body(n))
        index.sync()
        print(f"index filled with {indexed:,} bodies in {time.perf_counter() - began:.1f} s")
        bodies = [body(n + indexed) for n in range(records)]
        marked = 0

        def near(n: int, text: str) -> None:
            nonlocal marked
            marked += finder.original_of(f"https://new.example/{n}", "new", text) is not None

        steps = (("language", lambda n, text: identify(text, "id")), ("near-duplicates", near))
        for name, step in steps:
            began, thread = time.process_time(), time.thread_time()
            for n, text in enumerate(bodies):
                step(n, text)
            index.sync()
            ms = (time.thread_time() - thread) / records * 1000
            total = (time.process_time() - began) / records * 1000
            print(f"{name:16} {ms:.3f} ms CPU per record on the calling thread "
                  f"({total:.3f} ms in all threads)")  # fmt: skip
        print(f"marked duplicate_of: {marked} of {records} (one in ten is a copy)")
        index.close()


def stat(log: str, name: str) -> int:
    """An integer stat from the stats a crawl dumps at the end of its log (0 if absent)."""
    found = log.split(f"'{name}': ", 1)
    return int(found[1].split(",", 1)[0].split("}", 1)[0]) if len(found) == 2 else 0


def crawl_cpu(command: list[str], log: Path) -> tuple[float, int, float, float, float]:
    """Wall seconds, responses, and the CPU seconds of the crawl's process, of its children
    (``crawl_cpu.CrawlCpu``) and of the corpus pipeline inside the crawl's process
    (``corpus_timed.TimedCorpus``) of a crawl run in its own process."""
    began = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    subprocess.run([*command, "-s", f"LOG_FILE={log}"], cwd=crawl.ROOT, check=True, env=env)
    wall = time.perf_counter() - began
    text = log.read_text("utf-8")
    cpu = stat(text, "bench/crawl_cpu_us") / 1e6
    children = stat(text, "bench/children_cpu_us") / 1e6
    ours = (stat(text, "bench/corpus_main_us") + stat(text, "bench/corpus_threads_us")) / 1e6
    return wall, stat(text, "downloader/response_count"), cpu, children, ours


def crawls(articles: int, repeat: int) -> None:
    """Each way ``repeat`` times, alternating, each with a fresh index."""
    crawl.Portal = CorpusPortal
    server, portal = crawl.serve(articles)
    extensions = json.dumps({**EXTENSIONS, "crawl_cpu.CrawlCpu": 999})
    best: dict[str, float] = {}  # way: pages/s
    shares: dict[str, list[float]] = {name: [] for name in WAYS}
    with tempfile.TemporaryDirectory() as tmp:
        base = [sys.executable, "-m", "scrapy", "crawl", "prmn", "-a",
                f"start_urls={portal.origin}/", "-s", "NEWSCRAWL_STATE=",
                "-s", "NEWSCRAWL_SUMMARY=", "-s", "DOWNLOAD_MAXSIZE=0",
                "-s", f"EXTENSIONS={extensions}", "-s", f"ITEM_PIPELINES={json.dumps(TIMED)}",
                *crawl.SETTINGS]  # fmt: skip
        for attempt in range(repeat):
            for n, (name, way) in enumerate(WAYS.items()):
                index = f"NEWSCRAWL_NEAR_DUPLICATES_INDEX={tmp}/neardup-{attempt}-{n}.sqlite"
                command = [*base, "-O", f"{tmp}/{n}.jsonl", "-s", index, *way]
                log = Path(tmp) / f"{n}-{attempt}.log"
                wall, pages, cpu, children, ours = crawl_cpu(command, log)
                rate = pages / wall
                share = ours / (cpu - ours)
                print(f"{name:15} {pages:6,} pages in {wall:6.1f} s = {rate:6.1f} pages/s; "
                      f"CPU per page: {cpu / pages * 1000:.2f} ms in the crawl's process, of "
                      f"which the corpus pipeline {ours / pages * 1000:.2f} ({share:.1%} of "
                      f"the rest); {children / pages * 1000:.2f} ms in the worker")  # fmt: skip
                best[name] = max(best.get(name, 0.0), rate)
                shares[name].append(share)
        lines = Path(f"{tmp}/1.jsonl").read_text("utf-8").splitlines()
        marked = sum(bool(json.loads(line)["duplicate_of"]) for line in lines)
        print(f"records marked duplicate_of by the corpus worker crawl: {marked}")
    server.shutdown()
    for name in list(WAYS)[1:]:
        low, high = min(shares[name]), max(shares[name])
        print(f"{name}: the pipeline adds {low:.1%}-{high:.1%} to the crawl's CPU; best "
              f"pages/s {best[name]:.1f} against {best['without corpus']:.1f} without "
              f"({best[name] / best['without corpus'] - 1:+.1%})")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--indexed", type=int, default=20_000)
    args = parser.parse_args()
    per_record(args.records, args.indexed)
    crawls(args.articles, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())

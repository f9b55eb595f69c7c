"""What the corpus pipelines cost a crawl: ``python benchmarks/corpus.py [--repeat 3]``.

Language identification and near-duplicate marking run on every record, so they must stay a
small share of crawl time (the issue's bound: 10% of crawl speed). Two measurements:

1. In one process: ms per record of ``LanguagePipeline`` and ``NearDuplicatePipeline`` (an
   SQLite index on disk already holding ``--indexed`` bodies, as after months of daily runs).
2. ``scrapy crawl prmn`` over the generated portal of ``benchmarks/crawl.py`` (its article
   bodies made unique, one in ten a desk copy of an earlier article), twice: with the corpus
   pipelines and without (``NEWSCRAWL_NEAR_DUPLICATES=off``, no LanguagePipeline), alternating,
   ``--repeat`` times each. Prints pages/s and CPU per page of every run, and the cost from
   the best run of each (on a shared machine other jobs only ever slow a run down).

Run by hand; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import crawl  # type: ignore[import-not-found]  # benchmarks/crawl.py

from newscrawl.corpus.language import identify
from newscrawl.corpus.pipelines import LanguagePipeline, NearDuplicatePipeline
from newscrawl.corpus.sqlite_index import SqliteIndex
from newscrawl.items import Article
from newscrawl.settings import ITEM_PIPELINES

CORPUS = ("newscrawl.corpus.pipelines.LanguagePipeline",
          "newscrawl.corpus.pipelines.NearDuplicatePipeline")  # fmt: skip


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
    print(f"language models loaded once per crawl: {time.process_time() - began:.2f} s CPU")
    with tempfile.TemporaryDirectory() as tmp:
        index = SqliteIndex(Path(tmp) / "neardup.sqlite")
        near, language = NearDuplicatePipeline(index), LanguagePipeline()
        began = time.perf_counter()
        for n in range(indexed):
            near.process_item(Article(url=f"https://old.example/{n}", site="old", body=body(n)))
        index.sync()
        print(f"index filled with {indexed:,} bodies in {time.perf_counter() - began:.1f} s")
        items = [Article(url=f"https://new.example/{n}", site="new", body=body(n + indexed),
                         html_lang="id") for n in range(records)]  # fmt: skip
        for name, pipeline in (("language", language), ("near-duplicates", near)):
            began, thread = time.process_time(), time.thread_time()
            for item in items:
                pipeline.process_item(item)
            index.sync()
            ms = (time.thread_time() - thread) / records * 1000
            total = (time.process_time() - began) / records * 1000
            print(f"{name:16} {ms:.3f} ms CPU per record on the crawl's thread "
                  f"({total:.3f} ms in all threads)")  # fmt: skip
        marked = sum(item.duplicate_of is not None for item in items)
        print(f"marked duplicate_of: {marked} of {records} (one in ten is a copy)")
        index.close()


def crawl_cpu(command: list[str], log: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and responses of a crawl run in its own process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run([*command, "-s", f"LOG_FILE={log}"], cwd=crawl.ROOT, check=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    text = log.read_text("utf-8")
    responses = int(text.split("'downloader/response_count': ", 1)[1].split(",", 1)[0])
    return wall, cpu, responses


def crawls(articles: int, repeat: int) -> None:
    """Each variant ``repeat`` times, alternating, each with a fresh index; the best run of
    each counts (other jobs on the machine only ever make a run slower)."""
    crawl.Portal = CorpusPortal
    server, portal = crawl.serve(articles)
    without = {k: v for k, v in ITEM_PIPELINES.items() if k not in CORPUS}
    best: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = [sys.executable, "-m", "scrapy", "crawl", "prmn", "-a",
                f"start_urls={portal.origin}/", "-s", "NEWSCRAWL_STATE=",
                "-s", "NEWSCRAWL_SUMMARY=", "-s", "DOWNLOAD_MAXSIZE=0",
                *crawl.SETTINGS]  # fmt: skip
        for attempt in range(repeat):
            runs = {
                "without corpus": [*base, "-O", f"{tmp}/a.jsonl",
                                   "-s", "NEWSCRAWL_NEAR_DUPLICATES=off",
                                   "-s", f"ITEM_PIPELINES={json.dumps(without)}"],
                "with corpus": [*base, "-O", f"{tmp}/b.jsonl", "-s",
                                f"NEWSCRAWL_NEAR_DUPLICATES_INDEX={tmp}/neardup-{attempt}.sqlite"],
            }  # fmt: skip
            for name, command in runs.items():
                wall, cpu, pages = crawl_cpu(command, Path(tmp) / f"{name[:4]}.log")
                print(f"{name:15} {pages:6,} pages in {wall:6.1f} s = {pages / wall:6.1f} "
                      f"pages/s, {cpu / pages * 1000:.2f} ms CPU per page")  # fmt: skip
                row = (pages / wall, cpu / pages * 1000)
                best[name] = max(best.get(name, row), row, key=lambda r: r[0])
        lines = Path(f"{tmp}/b.jsonl").read_text("utf-8").splitlines()
        marked = sum(bool(json.loads(line)["duplicate_of"]) for line in lines)
        print(f"records marked duplicate_of in the corpus crawl: {marked}")
    server.shutdown()
    speed = 1 - best["with corpus"][0] / best["without corpus"][0]
    cpu = best["with corpus"][1] / best["without corpus"][1] - 1
    print(f"best of {repeat}: without {best['without corpus'][0]:.1f} pages/s, with "
          f"{best['with corpus'][0]:.1f} pages/s: the corpus pipelines cost {speed:.1%} of "
          f"pages/s ({cpu:.1%} more CPU per page, all threads, model load included)")  # fmt: skip


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

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
import os
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
TIMED = ("language", "near_duplicates", "index_writer", "model_load")  # corpus_timed's stats


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


def stat(log: str, name: str) -> int:
    """An integer stat from the stats a crawl dumps at the end of its log (0 if absent)."""
    found = log.split(f"'{name}': ", 1)
    return int(found[1].split(",", 1)[0].split("}", 1)[0]) if len(found) == 2 else 0


def crawl_cpu(command: list[str], log: Path) -> tuple[float, float, int, dict[str, float]]:
    """Wall seconds, CPU seconds, responses and the corpus pipelines' own CPU seconds
    (``corpus_timed``) of a crawl run in its own process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    subprocess.run([*command, "-s", f"LOG_FILE={log}"], cwd=crawl.ROOT, check=True, env=env)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    text = log.read_text("utf-8")
    parts = {name: stat(text, f"bench/{name}_us") / 1e6 for name in TIMED}
    return wall, cpu, stat(text, "downloader/response_count"), parts


def crawls(articles: int, repeat: int) -> None:
    """Each variant ``repeat`` times, alternating, each with a fresh index. The cost is the
    CPU the corpus pipelines spend inside the crawls that run them, against the rest of those
    crawls' CPU (immune to the machine's drift); pages/s of the best run of each variant are
    printed too (other jobs only ever slow a run down, but by more than the pipelines cost)."""
    crawl.Portal = CorpusPortal
    server, portal = crawl.serve(articles)
    timed = {**ITEM_PIPELINES, CORPUS[0]: None, CORPUS[1]: None,
             "corpus_timed.TimedLanguage": ITEM_PIPELINES[CORPUS[0]],
             "corpus_timed.TimedNearDuplicates": ITEM_PIPELINES[CORPUS[1]]}  # fmt: skip
    without = {k: v for k, v in ITEM_PIPELINES.items() if k not in CORPUS}
    best: dict[str, float] = {}
    shares = []
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
                "with corpus": [*base, "-O", f"{tmp}/b.jsonl",
                                "-s", f"ITEM_PIPELINES={json.dumps(timed)}", "-s",
                                f"NEWSCRAWL_NEAR_DUPLICATES_INDEX={tmp}/neardup-{attempt}.sqlite"],
            }  # fmt: skip
            for name, command in runs.items():
                log = Path(tmp) / f"{name.replace(' ', '-')}-{attempt}.log"
                wall, cpu, pages, parts = crawl_cpu(command, log)
                ours = sum(parts.values())
                detail = ", ".join(f"{k} {v / pages * 1000:.2f}" for k, v in parts.items())
                print(f"{name:15} {pages:6,} pages in {wall:6.1f} s = {pages / wall:6.1f} "
                      f"pages/s, {cpu / pages * 1000:.2f} ms CPU per page"
                      + (f" (corpus: {detail} ms)" if ours else ""))  # fmt: skip
                best[name] = max(best.get(name, 0.0), pages / wall)
                if ours:
                    shares.append(ours / (cpu - ours))
        lines = Path(f"{tmp}/b.jsonl").read_text("utf-8").splitlines()
        marked = sum(bool(json.loads(line)["duplicate_of"]) for line in lines)
        print(f"records marked duplicate_of in the corpus crawl: {marked}")
    server.shutdown()
    print(f"the corpus pipelines add {min(shares):.1%}-{max(shares):.1%} to a crawl's CPU "
          f"(all threads); best pages/s: without {best['without corpus']:.1f}, with "
          f"{best['with corpus']:.1f}")  # fmt: skip


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

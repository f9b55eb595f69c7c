"""The corpus pipeline counting the CPU it costs the crawl's process: ``benchmarks/corpus.py``
crawls with it instead of ``CorpusPipeline``.

A crawl-to-crawl comparison drifts on a shared machine by more than the pipeline costs; the
CPU it spends inside one crawl, against that crawl's whole CPU, does not. Stats
(microseconds): ``bench/corpus_main_us``, the crawl's thread inside ``process_item`` and the
callback that applies a verdict; ``bench/corpus_threads_us``, every other thread of the
crawl's process alive at close (the worker's queue feeder and result threads, the log relay;
in the crawl's process, the index writer), read from ``/proc`` before they stop. What runs in
the worker process is counted by ``crawl_cpu.CrawlCpu`` (its children).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

from twisted.internet.defer import Deferred

from newscrawl.corpus.measure import Verdict
from newscrawl.corpus.pipelines import CorpusPipeline
from newscrawl.items import Article

TICKS = os.sysconf("SC_CLK_TCK")


def _add(stats: Any, key: str, began: float) -> None:
    stats.inc_value(key, int((time.thread_time() - began) * 1e6))


def other_threads_us() -> int:
    """CPU of this process's threads other than the calling one (utime + stime)."""
    total, me = 0, threading.get_native_id()
    for task in Path("/proc/self/task").iterdir():
        if int(task.name) == me:
            continue
        fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total * 1_000_000 // TICKS


class TimedCorpus(CorpusPipeline):
    def process_item(self, item: Article) -> Article | Deferred[Article]:
        began = time.thread_time()
        try:
            return super().process_item(item)
        finally:
            _add(self.stats, "bench/corpus_main_us", began)

    def apply(self, verdict: Verdict, item: Article) -> Article:
        began = time.thread_time()
        try:
            return super().apply(verdict, item)
        finally:
            _add(self.stats, "bench/corpus_main_us", began)

    def close_spider(self) -> Deferred[None] | None:
        assert self.stats is not None
        self.stats.set_value("bench/corpus_threads_us", other_threads_us())
        return super().close_spider()

"""Corpus pipelines that count their own CPU time: ``benchmarks/corpus.py`` crawls with these.

A crawl-to-crawl comparison of pages/s on a shared machine drifts by more than the pipelines
cost; the CPU a pipeline spends inside one crawl, against the crawl's whole CPU, does not.
Stats (microseconds): ``bench/language_us``, ``bench/near_duplicates_us`` (the crawl's thread)
and ``bench/index_writer_us`` (the SQLite index's writer thread); ``bench/model_load_us``
(the language models' one-time load, on a thread of its own).
"""

from __future__ import annotations

import threading
import time
from typing import Any, Self

from scrapy.crawler import Crawler

from newscrawl.corpus.language import models
from newscrawl.corpus.pipelines import LanguagePipeline, NearDuplicatePipeline
from newscrawl.corpus.sqlite_index import SqliteIndex
from newscrawl.items import Article


def _add(stats: Any, key: str, began: float) -> None:
    stats.inc_value(key, int((time.thread_time() - began) * 1e6))


class TimedLanguage(LanguagePipeline):
    def open_spider(self) -> None:
        """The models' load, on its own thread as in the pipeline, its CPU counted."""
        threading.Thread(target=self.load, daemon=True).start()

    def load(self) -> None:
        began = time.thread_time()
        models()
        _add(self.stats, "bench/model_load_us", began)

    def process_item(self, item: Article) -> Article:
        began = time.thread_time()
        try:
            return super().process_item(item)
        finally:
            _add(self.stats, "bench/language_us", began)


class TimedNearDuplicates(NearDuplicatePipeline):
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        pipeline = super().from_crawler(crawler)
        index = pipeline.index
        if isinstance(index, SqliteIndex):
            write = index.write

            def timed_write(batch: Any) -> None:
                began = time.thread_time()
                try:
                    write(batch)
                finally:
                    _add(crawler.stats, "bench/index_writer_us", began)

            index.write = timed_write  # type: ignore[method-assign]
        return pipeline

    def process_item(self, item: Article) -> Article:
        began = time.thread_time()
        try:
            return super().process_item(item)
        finally:
            _add(self.stats, "bench/near_duplicates_us", began)

"""The corpus layer's item pipeline: ``language`` measured, syndicated copies marked.

It runs last (``settings.ITEM_PIPELINES``), so it spends nothing on records that are dropped
anyway. During a crawl the measuring happens in the corpus worker process
(:mod:`newscrawl.corpus.worker`, ``NEWSCRAWL_CORPUS_PROCESS``); without a crawler (``scrapy
extract``, tests) it happens here, with the near-duplicate index in memory, in ``mark`` mode.
Stats, marks and drops are always counted here, in the crawl's process.
"""

from __future__ import annotations

import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from newscrawl.corpus.language import warm_up
from newscrawl.corpus.measure import Job, Measurer, Plan, Verdict
from newscrawl.corpus.neardup import THRESHOLD
from newscrawl.corpus.placement import index_recipe
from newscrawl.corpus.worker import CorpusWorker, WorkerLost
from newscrawl.drops import ArticleDropped, DropReason
from newscrawl.items import Article
from newscrawl.stats import inc

logger = logging.getLogger(__name__)
MODES = ("mark", "drop", "off")


def near_duplicate_mode(value: object) -> str:
    """``NEWSCRAWL_NEAR_DUPLICATES`` checked: a typo stops the crawl before it starts."""
    mode = str(value or "off").strip().lower()
    if mode not in MODES:
        raise ValueError(f"NEWSCRAWL_NEAR_DUPLICATES must be one of {', '.join(MODES)}, "
                         f"not {value!r}")  # fmt: skip
    return mode


class CorpusPipeline:
    """``language`` from the body (``<html lang>`` a hint: see ``corpus.language``), and
    ``duplicate_of``: a copy of a story seen before (on another portal, or in an earlier run)
    is marked with the earliest copy's URL, or dropped (``NEWSCRAWL_NEAR_DUPLICATES``)."""

    def __init__(
        self,
        plan: Plan | None = None,
        mode: str = "mark",
        stats: StatsCollector | None = None,
        in_worker: bool = False,
    ) -> None:
        self.plan = plan if plan is not None else Plan()
        self.mode, self.stats, self.in_worker = mode, stats, in_worker
        self.worker: CorpusWorker | None = None
        self.local: Measurer | None = None if in_worker else Measurer(self.plan)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        mode = near_duplicate_mode(settings.get("NEWSCRAWL_NEAR_DUPLICATES"))
        language = settings.getbool("NEWSCRAWL_LANGUAGE")
        if mode == "off" and not language:
            raise NotConfigured("NEWSCRAWL_LANGUAGE and NEWSCRAWL_NEAR_DUPLICATES are off")
        recipe = index_recipe(crawler) if mode != "off" else None
        if recipe is not None:
            recipe().close()  # a bad index stops the crawl here, in one line, not in the worker
        threshold = settings.getfloat("NEWSCRAWL_NEAR_DUPLICATES_THRESHOLD", THRESHOLD)
        plan = Plan(language, recipe, threshold)
        return cls(plan, mode, crawler.stats, settings.getbool("NEWSCRAWL_CORPUS_PROCESS"))

    def open_spider(self) -> None:
        if self.in_worker:
            try:
                self.worker = CorpusWorker(self.plan)
                return
            except OSError as error:  # no process to be had (ulimit, memory)
                logger.error("Cannot start the corpus worker process (%s): measuring language "
                             "and near-duplicates in the crawl's process", error)  # fmt: skip
                inc(self.stats, "corpus/worker_lost")
        if self.plan.language:
            warm_up()  # the models load while the crawl fetches its first pages

    def process_item(self, item: Article) -> Article | Deferred[Article]:
        if self.worker is None:
            return self.measured_here(item)
        try:
            measured = self.worker.measure(Job(item.url, item.site, item.body, item.html_lang))
        except WorkerLost as error:  # found dead when handing over
            self.worker_lost(error)
            return self.measured_here(item)
        return measured.addCallbacks(
            self.apply, self.rescue, callbackArgs=(item,), errbackArgs=(item,)
        )

    def measured_here(self, item: Article) -> Article:
        """``item`` measured in this process (``scrapy extract``, a lost worker, tests)."""
        job = Job(item.url, item.site, item.body, item.html_lang)
        return self.apply(self.measurer().measure(job), item)

    def measurer(self) -> Measurer:
        """The measurer of this process (made when the worker is lost)."""
        if self.local is None:
            self.local = Measurer(self.plan)
        return self.local

    def rescue(self, failure: Failure, item: Article) -> Article | Failure:
        """A dead worker: the record is measured here (none is lost)."""
        if not isinstance(failure.value, WorkerLost):
            return failure  # this record broke the measuring: Scrapy logs it as an item error
        self.worker_lost(failure.value)
        return self.measured_here(item)

    def worker_lost(self, error: BaseException) -> None:
        """One ERROR line and a stat, then every record is measured in this process. Copies
        the worker had added to the index but not committed go unmarked, as after a kill."""
        if self.worker is None:
            return
        logger.error("The corpus worker process died (%s): measuring language and "
                     "near-duplicates in the crawl's process from now on", error)  # fmt: skip
        inc(self.stats, "corpus/worker_lost")
        self.worker.stop()
        self.worker = None

    def apply(self, verdict: Verdict, item: Article) -> Article:
        if self.plan.language:
            item.language = verdict.language
            inc(self.stats, f"language/{item.language or 'unknown'}")
        if verdict.original is None:
            return item
        if self.mode == "drop":
            inc(self.stats, f"dropped/{DropReason.NEAR_DUPLICATE}")
            raise ArticleDropped(DropReason.NEAR_DUPLICATE, item.url, "INFO")
        inc(self.stats, "near_duplicates/marked")
        item.duplicate_of = verdict.original
        return item

    def close_spider(self) -> Deferred[None] | None:
        if self.worker is not None:
            return self.worker.close()
        if self.local is not None:
            self.local.close()
        return None

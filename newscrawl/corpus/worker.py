"""The corpus worker: one process that measures records while the crawl goes on.

Why a process: language identification and MinHash are CPU work that holds the GIL, and
Scrapy parses, extracts and cleans on one thread; in a crawl bound by CPU they cost it ~14% of
its speed (``benchmarks/corpus.py``). In a process of their own, on another core, the crawl's
thread only hands over the body and reads back two strings. The worker loads the language
models and opens the near-duplicate index itself; records are measured one at a time, in the
order they arrive, so the earliest copy is still the one seen first.

Its log lines come back through a queue into the crawl's log. It ignores SIGINT (Ctrl-C reaches
the whole process group): the crawl shuts down gracefully and then closes it, which commits the
index. If the crawl is killed, the worker notices within a second and exits.
"""

from __future__ import annotations

import logging
import logging.handlers
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from twisted.internet.defer import Deferred, fail
from twisted.python.failure import Failure

from newscrawl.corpus.measure import Job, Plan, Verdict
from newscrawl.corpus.worker_process import close, measure, ready, start

logger = logging.getLogger(__name__)
T = TypeVar("T")


class _Relay(logging.Handler):
    """A record from the worker, handed to the logger of the same name in the crawl."""

    def emit(self, record: logging.LogRecord) -> None:
        logging.getLogger(record.name).handle(record)


def as_deferred(future: Future[T]) -> Deferred[T]:
    """``future``'s outcome, delivered on the reactor's thread."""
    from twisted.internet import reactor  # the crawl's, installed by then (never ours)

    deferred: Deferred[T] = Deferred()

    def fire(done: Future[T]) -> None:
        error = done.exception()
        if error is not None:
            deferred.errback(error)
        else:
            deferred.callback(done.result())

    future.add_done_callback(lambda done: reactor.callFromThread(fire, done))
    return deferred


class CorpusWorker:
    """The crawl's side of the worker process."""

    def __init__(self, plan: Plan) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a running reactor
        self.log = context.Queue()
        self.listener = logging.handlers.QueueListener(self.log, _Relay())
        self.listener.start()
        self.pool = ProcessPoolExecutor(
            1, context, initializer=start, initargs=(plan, self.log, os.getpid())
        )
        self.pool.submit(ready)

    def measure(self, job: Job) -> Deferred[Verdict]:
        return as_deferred(self.pool.submit(measure, job))

    def close(self) -> Deferred[None]:
        """The index committed and the process gone; a worker found dead is one ERROR line
        (the bodies it had not committed are not in the index: their copies go unmarked)."""
        try:
            closed = as_deferred(self.pool.submit(close))
        except BrokenProcessPool as error:
            closed = fail(error)
        closed.addErrback(self.close_failed)
        closed.addBoth(self.stop)
        return closed

    def close_failed(self, failure: Failure) -> None:
        logger.error("The corpus worker could not commit and close its near-duplicate index "
                     "(%s)", failure.value)  # fmt: skip

    def stop(self, _: object = None) -> None:
        """The process and the log relay stopped (waits for the process to exit)."""
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.listener.stop()
        self.log.close()
        self.log.join_thread()

"""The corpus worker: one process that measures records while the crawl goes on.

Why a process: language identification and MinHash are CPU work that holds the GIL, and
Scrapy parses, extracts and cleans on one thread; in a crawl bound by CPU they cost it ~13% of
its CPU in its own process (``benchmarks/corpus.py``). In a process of their own, on another
core, the crawl's thread only hands over the body and reads back two strings. The worker
loads the language models and opens the near-duplicate index itself; records are measured one
at a time, in the order they arrive, so the earliest copy is still the one seen first.

Two pipes, no pool: jobs go out on the crawl's thread (one pickled message, one write), and
one reader thread hands each answer to the reactor. A worker that dies (its pipe ends) fails
every record waiting for it with :class:`WorkerLost`, and every later one at once. Its log lines
come back through a queue into the crawl's log. It ignores SIGINT (Ctrl-C reaches the whole
process group): the crawl shuts down gracefully and then closes it, which commits the index.
The worker's side is :mod:`newscrawl.corpus.worker_process`.
"""

from __future__ import annotations

import logging
import logging.handlers
import multiprocessing
import threading
from typing import Any

from twisted.internet.defer import Deferred, fail

from newscrawl.corpus.measure import Job, Plan, Verdict
from newscrawl.corpus.worker_process import CLOSED, serve

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """The worker process is gone (killed, crashed, or never started)."""


class _Relay(logging.Handler):
    """A record from the worker, handed to the logger of the same name in the crawl."""

    def emit(self, record: logging.LogRecord) -> None:
        logging.getLogger(record.name).handle(record)


class CorpusWorker:
    """The crawl's side of the worker process."""

    def __init__(self, plan: Plan) -> None:
        from twisted.internet import reactor  # the crawl's, installed by then (never ours)

        self.reactor: Any = reactor
        context = multiprocessing.get_context("spawn")  # never fork a running reactor
        self.log = context.Queue()
        self.listener = logging.handlers.QueueListener(self.log, _Relay())
        jobs_in, self.jobs = context.Pipe(duplex=False)
        self.results, results_out = context.Pipe(duplex=False)
        self.process = context.Process(
            target=serve, args=(plan, jobs_in, results_out, self.log), name="corpus-worker"
        )
        self.process.start()
        jobs_in.close()  # the worker holds the only reading end: the crawl's death is its EOF
        results_out.close()  # and the only writing end: its death is the reader's EOF
        self.listener.start()
        self.waiting: dict[int, Deferred[Any]] = {}
        self.numbers = iter(range(1 << 62))
        self.lost: WorkerLost | None = None
        self.reader = threading.Thread(target=self.read, name="corpus-results", daemon=True)
        self.reader.start()

    def measure(self, job: Job) -> Deferred[Verdict]:
        """The worker's verdict on ``job``; raises :class:`WorkerLost` if it is known dead."""
        return self.send(next(self.numbers), job)

    def send(self, number: int, job: Job | None) -> Deferred[Any]:
        if self.lost is not None:
            raise self.lost
        answer: Deferred[Any] = Deferred()
        self.waiting[number] = answer
        try:
            self.jobs.send((number, job) if job is not None else None)
        except OSError as error:  # the worker is gone (its end of the pipe closed)
            del self.waiting[number]
            self.gone(f"its pipe is closed: {error}")
            raise self.lost from error  # type: ignore[misc]
        return answer

    def read(self) -> None:
        """On the reader thread: each answer to the reactor, then the end of the worker."""
        why = "its pipe ended"
        while True:
            try:
                number, result = self.results.recv()
            except (EOFError, OSError):
                break
            except Exception as error:  # an answer that cannot be read: trust none after it
                why = f"an unreadable answer: {error!r}"
                break
            self.reactor.callFromThread(self.deliver, number, result)
            if number == CLOSED:
                return
        self.reactor.callFromThread(self.gone, why)

    def deliver(self, number: int, result: Any) -> None:
        answer = self.waiting.pop(number, None)
        if answer is None:
            return
        if isinstance(result, BaseException):
            answer.errback(result)
        else:
            answer.callback(result)

    def gone(self, why: str) -> None:
        """The worker died: every record waiting for it fails with :class:`WorkerLost`."""
        if self.lost is None:
            self.process.join(timeout=1)  # it is dead or dying: the exit code says how
            self.lost = WorkerLost(f"{why}, exit code {self.process.exitcode}")
        waiting, self.waiting = self.waiting, {}
        for answer in waiting.values():
            answer.errback(self.lost)

    def close(self) -> Deferred[None]:
        """The index committed and the process gone; a worker found dead is one ERROR line
        (the bodies it had not committed are not in the index: their copies go unmarked)."""
        try:
            closed: Deferred[None] = self.send(CLOSED, None)
        except WorkerLost as error:
            closed = fail(error)
        closed.addErrback(self.close_failed)
        closed.addBoth(self.stop)
        return closed

    def close_failed(self, failure: Any) -> None:
        logger.error("The corpus worker could not commit and close its near-duplicate index "
                     "(%s)", failure.value)  # fmt: skip

    def stop(self, _: object = None) -> None:
        """The process and the log relay stopped (waits for the process to exit)."""
        self.jobs.close()  # a worker still reading sees its end
        self.process.join(timeout=30)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.listener.stop()
        self.log.close()
        self.log.join_thread()

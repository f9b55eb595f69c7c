"""The corpus worker's side: the loop that runs in the process :mod:`newscrawl.corpus.worker`
starts.

It imports neither Scrapy nor Twisted (the process starts in about a second, most of it the
language models). Messages: ``(number, Job)`` in, ``(number, Verdict or exception)`` out;
``None`` in asks it to commit the index and stop, answered by ``(CLOSED, None or exception)``.
It holds only the reading end of its jobs pipe, so when the crawl dies, even by ``kill -9``,
it reads end-of-file and exits: what it had not committed is lost, as in the crawl.
"""

from __future__ import annotations

import logging
import logging.handlers
import pickle
import signal
from multiprocessing.connection import Connection
from typing import Any

from newscrawl.corpus.measure import Measurer, Plan

CLOSED = -1  # the number of the answer to ``None``


def serve(plan: Plan, jobs: Connection, results: Connection, log: Any) -> None:
    """Measure every job received, in order, until told to close or the crawl is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the crawl's to handle
    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(log)]
    root.setLevel(logging.INFO)
    measurer = Measurer(plan)
    measurer.load()
    while True:
        try:
            message = jobs.recv()
        except EOFError:
            return  # the crawl is gone
        if message is None:
            results.send((CLOSED, outcome(measurer.close)))
            return
        number, job = message
        results.send((number, outcome(measurer.measure, job)))


def outcome(call: Any, *args: Any) -> Any:
    """``call(*args)``, or the exception it raised (as a plain RuntimeError when it could
    not cross the pipe)."""
    try:
        return call(*args)
    except Exception as error:  # one record's failure is the pipeline's to report
        try:
            pickle.dumps(error)
        except Exception:
            return RuntimeError(repr(error))
        return error

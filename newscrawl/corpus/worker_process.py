"""The corpus worker's side: what runs in the process :mod:`newscrawl.corpus.worker` starts.

It imports neither Scrapy nor Twisted (the process starts in a second, most of it the
language models).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import signal
import threading
import time
from typing import Any

from newscrawl.corpus.measure import Job, Measurer, Plan, Verdict

PARENT_POLL_SECONDS = 0.5

_measurer: Measurer | None = None  # in the worker process


def start(plan: Plan, log: Any, crawl: int) -> None:
    """In the worker: log lines to the crawl, Ctrl-C left to the crawl, an eye on the crawl,
    models loaded."""
    global _measurer
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(crawl,), daemon=True).start()
    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(log)]
    root.setLevel(logging.INFO)
    _measurer = Measurer(plan)
    _measurer.load()


def _exit_with(crawl: int) -> None:
    """End the worker once the crawl (process ``crawl``, its parent) is gone, even before
    this ran. A killed crawl closes no pipe the worker would notice (the worker holds both
    ends of its queues), so it watches its parent instead."""
    while os.getppid() == crawl:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)  # what was not committed is lost, as in the crawl it belonged to


def ready() -> None:
    """Nothing: submitted first, so the process starts before the first record."""


def measure(job: Job) -> Verdict:
    assert _measurer is not None, "the worker's initializer did not run"
    return _measurer.measure(job)


def close() -> None:
    if _measurer is not None:
        _measurer.close()

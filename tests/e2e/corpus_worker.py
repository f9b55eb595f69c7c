"""Test-only extension: kills the corpus worker process (SIGKILL) once, at a given moment.

``KILL_CORPUS_WORKER_ON``: ``response_received`` (the home page arrives: every record comes
after) or ``spider_idle`` (every record is done, the index not yet committed). Loaded with
``-s EXTENSIONS=...`` by ``tests/e2e/test_syndicated_copies.py``, to see what a crawl does when
its worker dies (the OOM killer, a crash in a language model).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler


class KillCorpusWorker:
    def __init__(self) -> None:
        self.killed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls()
        moment = crawler.settings.get("KILL_CORPUS_WORKER_ON", "response_received")
        crawler.signals.connect(extension.kill, signal=getattr(signals, moment))
        return extension

    def kill(self, **_: Any) -> None:
        if self.killed:
            return
        for child in multiprocessing.active_children():  # the worker (started at open)
            os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
            self.killed = True

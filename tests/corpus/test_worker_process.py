"""The worker's side of the corpus worker, in this process: answers and failures as sent."""

from __future__ import annotations

import threading

from newscrawl.corpus.worker_process import outcome


def test_an_answer_or_the_exception_that_replaced_it() -> None:
    assert outcome(len, "abc") == 3
    failed = outcome(int, "x")
    assert isinstance(failed, ValueError)
    assert str(failed) == "invalid literal for int() with base 10: 'x'"


def test_an_exception_that_cannot_cross_the_pipe_becomes_a_plain_one() -> None:
    class Unpicklable(Exception):
        def __init__(self) -> None:
            super().__init__("holds a lock")
            self.lock = threading.Lock()

    def broken() -> None:
        raise Unpicklable()

    failed = outcome(broken)
    assert type(failed) is RuntimeError
    assert str(failed) == "Unpicklable('holds a lock')"

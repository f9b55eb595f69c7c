"""Output files that report a failed write instead of raising it, and the feed storage on them.

Why: Scrapy's feed exporter writes an item inside a signal handler; a raised ``OSError``
(unwritable ``-O`` path, disk full) becomes a traceback per item, while the item still counts
as scraped and would enter the state: the next run would never fetch it again. Here a failed
write is undone to the last whole record, reported to the :class:`~newscrawl.state.keeper.
StateKeeper` (which counts the article as lost and does not remember it), and the crawl goes
on. Writes are unbuffered, one per record, so a kill never leaves half a buffer.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, Self

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FileFeedStorage

from newscrawl.state.keeper import keeper_of

Report = Callable[[Path, OSError], None]


class GuardedFile(io.RawIOBase):
    """A binary file opened for writing whose failed writes are undone and reported."""

    def __init__(self, path: Path, mode: str, report: Report) -> None:
        super().__init__()
        self.path, self.report = path, report
        self.raw: IO[bytes] | None = None
        self.error: OSError | None = None
        self.failed = False  # a write (or the open) failed
        try:
            self.raw = open(path, mode, buffering=0)  # noqa: SIM115 - closed in close()
        except OSError as exc:
            self.error, self.failed = exc, True
            report(path, exc)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        """Always "succeeds" for the caller; a failure is reported and leaves the file as
        it was before this write."""
        chunk = bytes(data)
        if self.raw is None:
            self.report(self.path, self.error or OSError("not open"))
            return len(chunk)
        start = self.raw.tell()
        try:
            self._write_all(chunk)
        except OSError as exc:
            self._undo(start)
            self.error, self.failed = exc, True
            self.report(self.path, exc)
        return len(chunk)

    def _write_all(self, chunk: bytes) -> None:
        assert self.raw is not None
        view = memoryview(chunk)
        while view:
            view = view[self.raw.write(view) or 0 :]

    def _undo(self, start: int) -> None:
        """Cut a partly written record (a disk that filled up mid-record)."""
        assert self.raw is not None
        try:
            os.ftruncate(self.raw.fileno(), start)
            self.raw.seek(start)
        except OSError:
            pass  # the file keeps a cut last line; the next run's repair cuts it

    def close(self) -> None:
        if self.raw is not None and not self.raw.closed:
            self.raw.close()
        super().close()


class LineSafeFileStorage(FileFeedStorage):
    """Local feeds on a :class:`GuardedFile`; the path is registered with the keeper so that
    a killed run's output is reconciled by the next run."""

    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None,
                 crawler: Crawler | None = None) -> None:  # fmt: skip
        super().__init__(uri, feed_options=feed_options)
        self.crawler = crawler

    @classmethod
    def from_crawler(
        cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None
    ) -> Self:
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def open(self, spider: Spider) -> IO[bytes]:
        path = Path(self.path)
        keeper = keeper_of(self.crawler) if self.crawler is not None else None
        with contextlib.suppress(OSError):  # the open below fails then, and reports it
            path.parent.mkdir(parents=True, exist_ok=True)
        if keeper is not None:
            keeper.add_output(path)
        report = keeper.output_failed if keeper is not None else _raise
        return GuardedFile(path, self.write_mode, report)  # type: ignore[return-value]


def _raise(path: Path, error: OSError) -> None:
    raise error

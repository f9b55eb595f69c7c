"""A WARC file that rotates by size: ``a.warc.gz``, then ``a-00001.warc.gz``, ``a-00002...``.

Why: a crawl of every portal runs for days; one endless file cannot be copied, checked or
replayed in parts. Each file starts with its own ``warcinfo`` record so it stands alone.

A file is never overwritten: a run starts at the first free number of the sequence (run 2 of
a scheduled job writes ``a-00001.warc.gz`` beside run 1's ``a.warc.gz``; replay them with
``NEWSCRAWL_REPLAY=a*.warc.gz``). Each exchange is flushed as it is written; the last file of
the sequence, which a killed run may have left with a cut record, is repaired (cut after its
last whole gzip member) before the new run starts, so every file stays readable.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

from newscrawl.archive.records import WARC_VERSION, warcinfo_record
from newscrawl.state.reconcile import repair_gzip

SUFFIXES = (".warc.gz", ".warc")


def rotated_name(path: Path, number: int) -> Path:
    """``path`` for file 0, else ``<stem>-<number:05>`` with the ``.warc(.gz)`` suffix kept."""
    if number == 0:
        return path
    suffix = next((s for s in SUFFIXES if path.name.endswith(s)), "")
    stem = path.name[: len(path.name) - len(suffix)]
    return path.with_name(f"{stem}-{number:05d}{suffix}")


class RotatingWarc:
    """Appends records to the current file; past ``max_bytes`` the next write opens a new one.

    A file is opened on the first write, so a crawl that downloads nothing leaves no file.
    ``files`` lists the files opened, ``records`` counts every record written (warcinfo too).
    """

    def __init__(self, path: Path, max_bytes: int) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.files: list[Path] = []
        self.records = 0
        self._out: IO[bytes] | None = None
        self._writer: Any = None
        self.first = first_free(path)

    def next_path(self) -> Path:
        return rotated_name(self.path, self.first + len(self.files))

    def write_pair(self, request: Any, response: Any) -> None:
        """One exchange: the response record, then its request record."""
        writer = self._current()
        writer.write_request_response_pair(request, response)
        self.records += 2
        assert self._out is not None
        self._out.flush()  # a killed run keeps every exchange written before the kill
        if self._out.tell() > self.max_bytes:
            self.close()

    def _current(self) -> Any:
        if self._writer is None:
            path = self.next_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            self._out = path.open("xb")  # never over an earlier run's file
            self._writer = WARCWriter(
                self._out, gzip=path.name.endswith(".gz"), warc_version=WARC_VERSION
            )
            self._writer.write_record(warcinfo_record(path.name))
            self.files.append(path)
            self.records += 1
        return self._writer

    def close(self) -> None:
        """Close the current file; the next write opens the next one."""
        if self._out is not None:
            self._out.close()
        self._out = None
        self._writer = None


def first_free(path: Path) -> int:
    """The first number of ``path``'s sequence with no file; the file before it (the last
    run's last file) is repaired if a kill cut its last record."""
    number = 0
    while rotated_name(path, number).exists():
        number += 1
    last = rotated_name(path, number - 1)
    if number and last.name.endswith(".gz"):
        repair_gzip(last)
    return number

"""A WARC file that rotates by size: ``a.warc.gz``, then ``a-00001.warc.gz``, ``a-00002...``.

Why: a crawl of every portal runs for days; one endless file cannot be copied, checked or
replayed in parts. Each file starts with its own ``warcinfo`` record so it stands alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

from newscrawl.archive.records import WARC_VERSION, warcinfo_record

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

    def write_pair(self, request: Any, response: Any) -> None:
        """One exchange: the response record, then its request record."""
        writer = self._current()
        writer.write_request_response_pair(request, response)
        self.records += 2
        assert self._out is not None
        if self._out.tell() > self.max_bytes:
            self.close()

    def _current(self) -> Any:
        if self._writer is None:
            path = rotated_name(self.path, len(self.files))
            path.parent.mkdir(parents=True, exist_ok=True)
            self._out = path.open("wb")
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

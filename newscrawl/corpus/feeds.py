"""A folder of feeds as ``scrapy corpus`` reads it: JSONL files and ``.jsonl.gz`` partitions.

A line that is not a JSON object is logged once with its file and line number and counted
(``Feeds.bad_lines``), never fatal: a killed crawl can leave half a line at the end of a file.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

logger = logging.getLogger(__name__)
SUFFIXES = (".jsonl", ".jsonl.gz")


def feed_files(folder: Path) -> list[Path]:
    """Every feed under ``folder`` (or ``folder`` itself when it is a file), sorted."""
    if folder.is_file():
        return [folder]
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES))


def _open(path: Path, mode: str, gzipped: bool | None = None) -> IO[bytes]:
    if path.name.endswith(".gz") if gzipped is None else gzipped:
        return gzip.open(path, mode)  # type: ignore[return-value]
    return path.open(mode)


class Feeds:
    """Records of the feeds under a folder, with a count of the lines that were not."""

    def __init__(self, folder: Path) -> None:
        self.files = feed_files(folder)
        self.bad_lines = 0

    def records(self) -> Iterator[dict[str, Any]]:
        for path in self.files:
            for _, record in self.records_of(path):
                yield record

    def records_of(self, path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
        """(line number, record) of one feed."""
        for number, _line, record in lines_of(path):
            if record is None:
                self.bad_lines += 1
                logger.warning("Not a JSON record, skipped: %s line %d", path, number)
            else:
                yield number, record


def lines_of(path: Path) -> Iterator[tuple[int, bytes, dict[str, Any] | None]]:
    """(line number, raw line, its record or None) of every non-blank line of one feed."""
    with _open(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            yield number, line, record if isinstance(record, dict) else None


def rewrite(path: Path, lines: Iterable[bytes]) -> None:
    """Replace ``path`` with ``lines`` (gzipped when its name says so), atomically: a crash
    leaves the old file or the new one, never half of either."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        with _open(Path(temp), "wb", gzipped=path.name.endswith(".gz")) as out:
            for line in lines:
                out.write(line)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise

"""Finish what a killed run left: repair its outputs' last record and remember what they hold.

A run is killed between writing a record to its outputs and remembering it in the state, or
in the middle of a record. The next run cuts a partial last line of a JSONL feed, or a cut
last gzip member of a partition (``.gz``: one member per record, so every earlier record
stays readable), and adds every complete record to the state, so across the two runs each
article is delivered exactly once. A Parquet feed left without its footer is rebuilt from its
journal (:mod:`newscrawl.corpus.exporter`).
"""

from __future__ import annotations

import gzip
import json
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)
CHUNK = 1 << 16


def repair(path: Path) -> bool:
    """Cut a partial last record of a JSONL or gzipped JSONL file, or rebuild a Parquet file
    from its journal; True when something was mended."""
    if path.suffix == ".parquet":
        return repair_parquet(path)
    return repair_gzip(path) if path.name.endswith(".gz") else repair_last_line(path)


def repair_parquet(path: Path) -> bool:
    """A Parquet feed a kill left without its footer, rebuilt from its journal; the journal
    of a complete file (a kill between closing and deleting it) deleted."""
    from newscrawl.corpus.exporter import journal_of
    from newscrawl.corpus.parquet import is_complete, rebuild

    journal = journal_of(path)
    if not journal.exists():
        return False
    if is_complete(path):
        journal.unlink()
        return False
    count = rebuild(path, journal)
    journal.unlink()
    logger.warning("Repaired %s: rebuilt from its journal, %d records", path, count)
    return True


def repair_last_line(path: Path) -> bool:
    """Truncate a partial last line of a JSONL file; True when something was cut."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    with path.open("rb+") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(size - 1, 0))
        if handle.read(1) == b"\n":
            return False
        data = path.read_bytes()
        keep = data.rfind(b"\n") + 1
        handle.truncate(keep)
    logger.warning("Repaired %s: cut a partial last line of %d bytes", path, size - keep)
    return True


def repair_gzip(path: Path) -> bool:
    """Truncate a gzip file after its last complete member; True when something was cut."""
    if not path.exists():
        return False
    size, keep = path.stat().st_size, intact_length(path)
    if keep == size:
        return False
    with path.open("rb+") as handle:
        handle.truncate(keep)
    logger.warning("Repaired %s: cut a partial last gzip member of %d bytes", path, size - keep)
    return True


def intact_length(path: Path) -> int:
    """Bytes of ``path`` up to the end of its last complete gzip member (streamed)."""
    good = offset = 0
    inflater = zlib.decompressobj(wbits=31)
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            while chunk:
                try:
                    inflater.decompress(chunk)
                except zlib.error:
                    return good
                if not inflater.eof:
                    offset += len(chunk)
                    break
                offset += len(chunk) - len(inflater.unused_data)
                good, chunk = offset, inflater.unused_data
                inflater = zlib.decompressobj(wbits=31)
    return good


def records(path: Path) -> Iterator[dict[str, Any]]:
    """Complete JSON records of a JSONL file, gzipped or not (a bad line is skipped), or of
    a Parquet file."""
    if not path.exists():
        return
    if path.suffix == ".parquet":
        from newscrawl.corpus.parquet import is_complete, read_records

        if is_complete(path):
            yield from read_records(path)
        else:
            logger.warning("%s is not a complete Parquet file and has no journal", path)
        return
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as handle:
        for line in handle:
            try:
                yield json.loads(line)
            except ValueError:
                logger.warning("Unreadable line in %s skipped", path)

"""Parquet for the corpus: ``-O corpus.parquet`` (via :mod:`~newscrawl.corpus.exporter`) and
``scrapy corpus export``.

A Parquet timestamp column has one time zone, and a corpus mixes WIB, WITA and WIT: pandas
and ``datasets`` turn mixed offsets into naive UTC. So each time is stored three ways:
``published_at`` as a UTC instant (``timestamp[us, tz=UTC]``), ``published_local`` as the
wall-clock time the portal printed (``timestamp[us]``, no zone) and ``utc_offset`` (``+08:00``);
``modified_at`` likewise with ``modified_offset``. ``crawled_at`` is UTC. :func:`record_of`
turns a row back into the JSON record, offsets intact.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from newscrawl.items import RECORD_FIELDS

logger = logging.getLogger(__name__)
INSTANT = pa.timestamp("us", tz="UTC")
TEXTS = pa.list_(pa.string())
IMAGE = pa.struct([("url", pa.string()), ("caption", pa.string()), ("credit", pa.string())])
TYPES: dict[str, pa.DataType] = {
    "authors": TEXTS,
    "tags": TEXTS,
    "related_urls": TEXTS,
    "sources": TEXTS,
    "images": pa.list_(IMAGE),
    "word_count": pa.int32(),
    "pages": pa.int32(),
    "published_at": INSTANT,
    "published_local": pa.timestamp("us"),
    "modified_at": INSTANT,
    "crawled_at": INSTANT,
}
# Record field -> the offset column written after it (its wall-clock column goes first).
OFFSETS = {"published_at": "utc_offset", "modified_at": "modified_offset"}
BATCH = 1000  # rows per row group written


def columns(fields: Iterable[str]) -> list[str]:
    """The Parquet columns of the record ``fields``, in order."""
    out = []
    for name in fields:
        out.append(name)
        if name == "published_at":
            out.append("published_local")
        if name in OFFSETS:
            out.append(OFFSETS[name])
    return out


def schema(fields: Iterable[str] = RECORD_FIELDS) -> pa.Schema:
    return pa.schema([(name, TYPES.get(name, pa.string())) for name in columns(fields)])


def parse_time(value: Any) -> datetime | None:
    """An aware datetime from ISO 8601 text; None (with a warning) for anything else."""
    if value in (None, ""):
        return None
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        when = None
    if when is None or when.utcoffset() is None:
        logger.warning("Not an ISO 8601 time with an offset, written as null: %r", value)
        return None
    return when


def offset_text(when: datetime) -> str:
    """``+07:00``: the offset as ISO 8601 prints it."""
    return when.isoformat()[-6:] if when.utcoffset() else "+00:00"


def row_of(record: dict[str, Any], fields: Iterable[str] = RECORD_FIELDS) -> dict[str, Any]:
    """One record as a Parquet row (see the module's docstring for the time columns)."""
    row: dict[str, Any] = {}
    for name in fields:
        value = record.get(name)
        if TYPES.get(name) == INSTANT:
            when = parse_time(value)
            row[name] = when.astimezone(UTC) if when else None
            if name == "published_at":
                row["published_local"] = when.replace(tzinfo=None) if when else None
            if name in OFFSETS:
                row[OFFSETS[name]] = offset_text(when) if when else None
        else:
            row[name] = value if name in TYPES or value is None else str(value)
    return row


def _iso(when: datetime) -> str:
    return when.isoformat(timespec="seconds" if not when.microsecond else "auto")


def _zone(offset: str) -> timezone:
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = offset[1:].split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def record_of(row: dict[str, Any], fields: Iterable[str] = RECORD_FIELDS) -> dict[str, Any]:
    """A Parquet row as the JSON record it was written from."""
    record: dict[str, Any] = {}
    for name in fields:
        value = row.get(name)
        if isinstance(value, datetime):
            offset = row.get(OFFSETS.get(name, "")) or "+00:00"
            value = _iso(value.astimezone(_zone(offset)))
        record[name] = value
    return record


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """Every record of a Parquet file written here, as JSON records."""
    table = pq.read_table(path)
    fields = [f for f in table.column_names if f in RECORD_FIELDS]
    for batch in table.to_batches():
        for row in batch.to_pylist():
            yield record_of(row, fields)


class ParquetWriter:
    """Rows buffered and written in row groups of :data:`BATCH`; a valid file even if empty."""

    def __init__(self, sink: IO[bytes] | Path, fields: list[str]) -> None:
        self.fields, self.schema = fields, schema(fields)
        self.writer = pq.ParquetWriter(sink, self.schema, compression="zstd")
        self.rows: list[dict[str, Any]] = []

    def write(self, record: dict[str, Any]) -> None:
        self.rows.append(row_of(record, self.fields))
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


def is_complete(path: Path) -> bool:
    """True when ``path`` is a Parquet file with its footer (a closed file)."""
    try:
        pq.read_metadata(path)
    except (OSError, pa.ArrowException):
        return False
    return True


def journal_records(journal: Path) -> Iterator[dict[str, Any]]:
    """The records of a Parquet file's JSONL journal; a partial last line (cut by a kill) and
    unreadable lines are skipped."""
    with journal.open("rb") as lines:
        for line in lines:
            if not line.endswith(b"\n"):
                return
            try:
                yield json.loads(line)
            except ValueError:
                logger.warning("Unreadable line in %s skipped", journal)


def rebuild(path: Path, journal: Path) -> int:
    """``path`` written anew, streamed from its journal with the journal's fields; the
    number of records. Written beside it, then moved into place."""
    partial, writer, count = path.with_name(path.name + ".rebuilding"), None, 0
    for record in journal_records(journal):
        writer = writer or ParquetWriter(partial, list(record))
        writer.write(record)
        count += 1
    (writer or ParquetWriter(partial, list(RECORD_FIELDS))).close()
    partial.replace(path)
    return count

"""Read the ``response`` records of WARC files: iterate them, index them by URL, fetch one.

Why an index of offsets rather than the responses themselves: an archive of a long crawl is
gigabytes; replay and re-extraction keep only URL -> (file, offset) in memory and read one
record when it is asked for (gzip WARCs are one gzip member per record, so a seek works).
"""

from __future__ import annotations

import glob
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from w3lib.url import canonicalize_url
from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.bufferedreaders import ChunkedDataReader  # type: ignore[import-untyped]

from newscrawl.archive.records import Pairs


@dataclass(frozen=True)
class Location:
    """Where a record starts: its file and the offset of its (gzip member) start."""

    path: Path
    offset: int


@dataclass(frozen=True)
class ArchivedResponse:
    """One archived HTTP response."""

    url: str
    status: int
    headers: Pairs
    body: bytes
    """As received (content-encoded), or decoded when read with ``decode=True``."""
    date: str
    """The record's WARC-Date, e.g. ``2024-06-19T06:00:00Z``."""

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)

    def is_html(self) -> bool:
        return "html" in (self.header("Content-Type") or "").lower()

    @property
    def fetched_at(self) -> str:
        """The WARC-Date as ``2024-06-19T06:00:00+00:00`` (a record's ``crawled_at``)."""
        return datetime.fromisoformat(self.date).isoformat(timespec="seconds")


def url_key(url: str) -> str:
    """The URL as the index knows it: query arguments sorted, fragment dropped."""
    return canonicalize_url(url)


def archive_paths(spec: str) -> list[Path]:
    """``a.warc.gz,dir/*.warc.gz`` -> the files, globs expanded in sorted order.

    A part that names no existing file is an error: a replay must never fall back to the
    network because an archive path was mistyped.
    """
    paths: list[Path] = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        found = sorted(glob.glob(part)) if any(c in part for c in "*?[") else [part]
        found = [f for f in found if Path(f).is_file()]
        if not found:
            raise FileNotFoundError(f"no WARC archive matches {part!r}")
        paths.extend(Path(f) for f in found)
    return paths


def _headers(record: Any, decode: bool) -> Pairs:
    dropped = {"transfer-encoding", *(("content-encoding",) if decode else ())}
    return [(k, v) for k, v in record.http_headers.headers if k.lower() not in dropped]


def _body(record: Any, decode: bool) -> bytes:
    if decode:
        return bytes(record.content_stream().read())
    if (record.http_headers.get_header("Transfer-Encoding") or "").lower() == "chunked":
        return bytes(ChunkedDataReader(record.raw_stream).read())
    return bytes(record.raw_stream.read())


def _response(record: Any, decode: bool) -> ArchivedResponse:
    return ArchivedResponse(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        status=int(record.http_headers.get_statuscode()),
        headers=_headers(record, decode),
        body=_body(record, decode),
        date=record.rec_headers.get_header("WARC-Date"),
    )


def _is_response(record: Any) -> bool:
    return record.rec_type == "response" and bool(record.http_headers)


def iter_locations(path: Path) -> Iterator[tuple[str, Location]]:
    """(target URL, location) of every response record of ``path``, in file order."""
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        for record in records:
            if _is_response(record):
                url = record.rec_headers.get_header("WARC-Target-URI")
                yield url, Location(path, records.get_record_offset())


def index_responses(paths: list[Path]) -> dict[str, Location]:
    """URL key -> location of its response; a URL archived again wins (last one)."""
    return {url_key(url): where for path in paths for url, where in iter_locations(path)}


def read_response(where: Location, decode: bool = False) -> ArchivedResponse:
    """The response record at ``where``; ``decode`` undoes its Content-Encoding."""
    with where.path.open("rb") as stream:
        stream.seek(where.offset)
        record = next(iter(ArchiveIterator(stream)))
        if not _is_response(record):
            raise ValueError(f"no response record at {where.path}:{where.offset}")
        return _response(record, decode)

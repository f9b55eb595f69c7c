"""WARC records of one HTTP exchange, built with warcio, shared by the crawl and the fixtures.

Why a module of its own: the archive writer (live crawls) and ``fixtures/build_warc.py``
(a deterministic archive of the fixture portals) must write the very same record shapes; the
builder only pins the dates and record ids that a live crawl leaves to warcio.
"""

from __future__ import annotations

from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import urlsplit
from uuid import NAMESPACE_URL, uuid5

from warcio.recordbuilder import RecordBuilder  # type: ignore[import-untyped]
from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]

WARC_VERSION = "WARC/1.1"
SOFTWARE = "newscrawl"
Pairs = list[tuple[str, str]]
"""HTTP headers as (name, value) pairs, in the order they were sent."""

_BUILDER = RecordBuilder(warc_version=WARC_VERSION)


def warc_date(when: datetime) -> str:
    """``2024-06-19T06:00:00Z``: a WARC-Date (UTC, seconds)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def record_id(*parts: str) -> str:
    """A WARC-Record-ID derived from ``parts`` (the same parts give the same id)."""
    return f"<urn:uuid:{uuid5(NAMESPACE_URL, ' '.join(parts))}>"


def _warc_headers(kind: str, date: str | None, rec_id: str | None) -> dict[str, str]:
    """WARC-Type first (as readers expect), then the date and id when they are pinned."""
    fixed = {"WARC-Type": kind, "WARC-Date": date, "WARC-Record-ID": rec_id}
    return {name: value for name, value in fixed.items() if value}


def status_line(status: int) -> str:
    """``200 OK``; an unknown status keeps only its number."""
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def request_target(url: str) -> str:
    """The request line's target: path and query."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def response_record(
    url: str,
    status: int,
    headers: Pairs,
    body: bytes,
    *,
    date: str | None = None,
    rec_id: str | None = None,
) -> Any:
    """A ``response`` record: the status line, the headers and ``body`` as received."""
    http = StatusAndHeaders(status_line(status), headers, protocol="HTTP/1.1")
    return _BUILDER.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http,
        warc_headers_dict=_warc_headers("response", date, rec_id),
    )


def request_record(
    url: str,
    method: str,
    headers: Pairs,
    body: bytes = b"",
    *,
    date: str | None = None,
    rec_id: str | None = None,
) -> Any:
    """A ``request`` record: the request line and headers the crawler sent."""
    line = f"{method} {request_target(url)} HTTP/1.1"
    http = StatusAndHeaders(line, headers, is_http_request=True)
    return _BUILDER.create_warc_record(
        url,
        "request",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http,
        warc_headers_dict=_warc_headers("request", date, rec_id),
    )


def warcinfo_record(filename: str, *, date: str | None = None, rec_id: str | None = None) -> Any:
    """The ``warcinfo`` record opening every archive file."""
    fields = f"software: {SOFTWARE}\r\nformat: WARC File Format 1.1\r\n".encode()
    extra = {**_warc_headers("warcinfo", date, rec_id), "WARC-Filename": filename}
    return _BUILDER.create_warc_record(
        "",
        "warcinfo",
        payload=BytesIO(fields),
        length=len(fields),
        warc_headers_dict=extra,
    )

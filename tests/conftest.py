"""Shared test fixtures: the fixture portals, their server, and their expected records."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixtures.server import start
from newscrawl.items import RECORD_FIELDS

ROOT = Path(__file__).resolve().parents[1]
# The keys of an expected record (fixtures/expected/*.json): the record, minus what a crawl
# decides (crawled_at, content_hash, and duplicate_of, which depends on what else was crawled)
# and published_source (derived: see with_source), plus the fixture's "case".
EXPECTED_KEYS = [
    f
    for f in RECORD_FIELDS
    if f not in ("crawled_at", "content_hash", "duplicate_of", "published_source")
] + ["case"]
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session")
def fixture_server() -> Iterator[Any]:
    """All fixture portals served on 127.0.0.1, one port each, for the whole session."""
    servers = start()
    yield servers
    servers.stop()


def expected_records(network: str | None = "prmn") -> dict[str, list[dict[str, Any]]]:
    """``fixtures/expected/<portal>.json``: the records each fixture portal of ``network`` must
    give (independent portals have network null)."""
    found = {
        path.stem: [with_source(r) for r in json.loads(path.read_text("utf-8"))]
        for path in sorted((FIXTURES / "expected").glob("*.json"))
        if path.stem != "dropped"  # pages that must give no record: see dropped_pages()
    }
    return {site: records for site, records in found.items() if records[0]["network"] == network}


def with_source(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` with ``published_source`` after ``published_raw``: every fixture article
    prints its date ("byline") or, when it prints none, carries it in metadata."""
    if "published_source" in record:
        return record
    out: dict[str, Any] = {}
    for key, value in record.items():
        out[key] = value
        if key == "published_raw":
            out["published_source"] = "byline" if value else "metadata"
    return out


def site_origins() -> dict[str, str]:
    """Portal id -> the real origin its fixture pages are written with."""
    out = {}
    for path in sorted((FIXTURES / "portals").glob("*/site.json")):
        site = json.loads(path.read_text("utf-8"))
        out[site["id"]] = site["origin"]
    return out


def dropped_pages() -> list[dict[str, str]]:
    """``fixtures/expected/dropped.json``: pages that must be dropped, with the reason."""
    path = FIXTURES / "expected" / "dropped.json"
    return list(json.loads(path.read_text("utf-8"))) if path.exists() else []

"""``scrapy extract`` as a user runs it: a subprocess on a saved fixture page."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import FIXTURES, ROOT, expected_records


def test_scrapy_extract_prints_the_clean_record() -> None:
    record = next(r for r in expected_records()["wartabulukumba"] if r["case"] == "offsite")
    path = record["url"].split("/", 3)[3]
    page = FIXTURES / "portals" / "wartabulukumba" / path / "index.html"
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "extract", str(page), "--url", record["url"]],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    got = json.loads(lines[0])
    assert list(got) == [
        "url", "canonical_url", "site", "network", "title", "authors", "editor", "section",
        "tags", "published_at", "published_raw", "published_source", "modified_at", "body",
        "word_count", "images", "related_urls", "sources", "language", "pages", "crawled_at",
        "content_hash", "duplicate_of",
    ]  # fmt: skip
    for name in ("title", "body", "published_at", "authors", "editor", "tags", "sources"):
        assert got[name] == record[name]


def test_scrapy_extract_without_url_uses_the_canonical_link(tmp_path) -> None:  # type: ignore[no-untyped-def]
    record = expected_records()["zonapriangan"][0]
    path = record["url"].split("/", 3)[3]
    page = FIXTURES / "portals" / "zonapriangan" / path / "index.html"
    out = tmp_path / "out.jsonl"
    subprocess.run(
        [sys.executable, "-m", "scrapy", "extract", str(page), "-o", str(out)],
        cwd=ROOT, check=True, timeout=120, capture_output=True,
    )  # fmt: skip
    got = json.loads(out.read_text("utf-8"))
    assert (got["url"], got["site"], got["title"]) == (
        record["url"],
        "zonapriangan",
        record["title"],
    )


def test_scrapy_extract_rejects_missing_files() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "extract", "no-such-page.html"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "no such file: no-such-page.html" in done.stderr

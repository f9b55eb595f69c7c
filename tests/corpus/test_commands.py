"""``scrapy corpus stats|dedup|export`` over a folder of JSONL and .jsonl.gz feeds."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newscrawl.corpus.parquet import read_records
from newscrawl.items import RECORD_FIELDS
from tests.conftest import ROOT
from tests.corpus.pairs import desk_copy, original, re_edited

A = "https://bengkulu.tribunnews.com/2024/06/17/banjir"
B = "https://makassar.tribunnews.com/2024/06/18/banjir"
C = "https://jambi.tribunnews.com/2024/06/20/banjir"


def record(
    url: str, site: str, body: str, published: str | None, crawled: str, **more: Any
) -> dict[str, Any]:
    base: dict[str, Any] = dict.fromkeys(RECORD_FIELDS)
    base.update(authors=[], tags=[], images=[], related_urls=[], sources=[], pages=1)
    base.update(url=url, site=site, body=body, published_at=published, crawled_at=crawled)
    base.update(word_count=len(body.split()), language="id")
    base.update(more)
    return base


def lines(records: list[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


@pytest.fixture
def feeds(tmp_path: Path) -> Path:
    """Three portals' feeds: a partition of two gzip members (appended by two runs), a plain
    JSONL ending in half a line (a killed run), and a month's partition of another portal.
    The original story sits in the file that sorts last: its crawl time makes it first."""
    folder = tmp_path / "feeds"
    (folder / "tribun" / "tribuntimur").mkdir(parents=True)
    (folder / "tribun" / "tribunjambi").mkdir(parents=True)
    copy = record(B, "tribuntimur", desk_copy("flood_a"), "2024-06-18T09:00:00+08:00",
                  "2024-06-18T02:00:00+00:00")  # fmt: skip
    other = record(B + "-pasar", "tribuntimur", original("market_b"),
                   "2024-06-18T10:00:00+08:00", "2024-06-18T03:00:00+00:00",
                   language="jv")  # fmt: skip
    part = folder / "tribun" / "tribuntimur" / "2024-06-18.jsonl.gz"
    members = [gzip.compress(lines([copy]), mtime=0), gzip.compress(lines([other]), mtime=0)]
    part.write_bytes(b"".join(members))
    edited = record(C, "tribunjambi", re_edited("flood_a"), "2024-07-01T08:00:00+07:00",
                    "2024-07-01T01:00:00+00:00",
                    duplicate_of="https://stale.example/x")  # fmt: skip
    undated = record(C + "-jalan", "tribunjambi", original("road_b"), None,
                     "2024-07-01T02:00:00+00:00", language="su")  # fmt: skip
    (folder / "tribun" / "tribunjambi" / "2024-07.jsonl").write_bytes(lines([edited, undated]))
    first = record(A, "tribunbengkulu", original("flood_a"), "2024-06-17T08:00:00+07:00",
                   "2024-06-17T01:00:00+00:00")  # fmt: skip
    (folder / "zz-run.jsonl").write_bytes(lines([first]) + b'{"url": "https://half')
    return folder


def corpus(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "corpus", *args],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return done.stdout


def all_records(folder: Path) -> dict[str, dict[str, Any]]:
    found = {}
    for path in folder.rglob("*.jsonl*"):
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        for line in raw.splitlines():
            if line.startswith(b'{"url": "https://half'):
                continue
            found[json.loads(line)["url"]] = json.loads(line)
    return found


def test_stats(feeds: Path) -> None:
    stats = json.loads(corpus("stats", str(feeds), "--json"))
    assert stats == {
        "files": 3,
        "articles": 5,
        "duplicates": 1,
        "duplicate_rate": 0.2,
        "bad_lines": 1,
        "portals": {
            "tribunbengkulu": {"articles": 1, "duplicates": 0},
            "tribunjambi": {"articles": 2, "duplicates": 1},
            "tribuntimur": {"articles": 2, "duplicates": 0},
        },
        "days": {"2024-06-17": 1, "2024-06-18": 2, "2024-07-01": 1, "undated": 1},
        "languages": {"id": 3, "jv": 1, "su": 1},
    }
    text = corpus("stats", str(feeds))
    assert text.splitlines()[0] == (
        "5 articles in 3 feeds; 1 marked duplicate_of (20.0%); 1 unreadable lines"
    )


def test_dedup_remarks_old_feeds_in_crawl_order(feeds: Path) -> None:
    summary = json.loads(corpus("dedup", str(feeds)))
    assert summary == {"files": 3, "records": 5, "marked": 2, "changed": 2, "bad_lines": 1}
    after = all_records(feeds)
    assert {url: r["duplicate_of"] for url, r in after.items()} == {
        A: None, B: A, B + "-pasar": None, C: A, C + "-jalan": None,
    }  # fmt: skip
    assert after[B]["body"] == desk_copy("flood_a")  # nothing else changed
    gz = feeds / "tribun" / "tribuntimur" / "2024-06-18.jsonl.gz"
    assert gzip.decompress(gz.read_bytes()).count(b"\n") == 2  # still gzip, both records
    assert (feeds / "zz-run.jsonl").read_bytes().endswith(b'\n{"url": "https://half')  # kept
    assert json.loads(corpus("dedup", str(feeds)))["changed"] == 0  # idempotent


def test_export_by_month(feeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    counts = json.loads(corpus("export", str(feeds), "-o", str(out)))
    assert counts == {"2024-06.parquet": 3, "2024-07.parquet": 1, "undated.parquet": 1}
    june = list(read_records(out / "2024-06.parquet"))
    assert [r["url"] for r in june] == [B, B + "-pasar", A]
    assert june[2] == all_records(feeds)[A]  # every field back, offsets intact
    assert [r["published_at"] for r in june] == [
        "2024-06-18T09:00:00+08:00", "2024-06-18T10:00:00+08:00", "2024-06-17T08:00:00+07:00",
    ]  # fmt: skip


def test_usage_errors(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "corpus", "export", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "export needs -o OUTDIR" in done.stderr

"""Parquet: every field round-trips with its offset; the README's loading recipes work."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from newscrawl.corpus.parquet import ParquetWriter, read_records, record_of, row_of
from newscrawl.items import RECORD_FIELDS
from tests.e2e.crawling import run_crawl

BUS_URL = "/2024/06/19/pemkot-makassar-uji-coba-bus-listrik-rute-losari-untia-mulai-pekan-depan"


def record(**values: Any) -> dict[str, Any]:
    base: dict[str, Any] = dict.fromkeys(RECORD_FIELDS)
    base.update(authors=[], tags=[], images=[], related_urls=[], sources=[], pages=1)
    base.update(word_count=0, url="https://a.example/1")
    base.update(values)
    return base


MIXED = [
    record(published_at="2024-06-19T12:18:25+08:00", modified_at="2024-06-19T12:40:02+07:00",
           crawled_at="2024-06-20T01:00:00+00:00", language="id", word_count=3,
           images=[{"url": "https://a.example/p.jpg", "caption": "Foto", "credit": None}],
           authors=["Ani"], duplicate_of="https://b.example/2"),
    record(url="https://a.example/2", published_at="2024-06-19T23:30:00+09:00", language="jv"),
    record(url="https://a.example/3", published_at="2024-06-19T00:05:00+07:00", language=None),
]  # fmt: skip


def test_rows_keep_the_wall_clock_and_the_offset() -> None:
    row = row_of(MIXED[0])
    assert row["published_at"].isoformat() == "2024-06-19T04:18:25+00:00"
    assert row["published_local"] == datetime(2024, 6, 19, 12, 18, 25)
    assert row["utc_offset"] == "+08:00"
    assert row["modified_offset"] == "+07:00"
    assert [record_of(row_of(r)) for r in MIXED] == MIXED


def test_a_bad_time_is_null_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    row = row_of(record(published_at="kemarin sore"))
    assert (row["published_at"], row["published_local"], row["utc_offset"]) == (None, None, None)
    assert "Not an ISO 8601 time with an offset, written as null: 'kemarin sore'" in caplog.text


def test_file_round_trip_and_empty_file(tmp_path: Path) -> None:
    writer = ParquetWriter(tmp_path / "x.parquet", list(RECORD_FIELDS))
    for r in MIXED:
        writer.write(r)
    writer.close()
    assert list(read_records(tmp_path / "x.parquet")) == MIXED
    empty = ParquetWriter(tmp_path / "empty.parquet", list(RECORD_FIELDS))
    empty.close()
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0


@pytest.fixture(scope="module")
def crawled(fixture_server: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """``scrapy crawl tribun -O x.parquet`` (and JSONL) over both Tribun fixture portals:
    Tribunbengkulu prints WIB, Tribun-Timur WITA, so the file mixes offsets."""
    tmp = tmp_path_factory.mktemp("parquet")
    crawl = run_crawl(fixture_server, tmp, "tribun", "tribun", "-O", str(tmp / "x.parquet"))
    return tmp / "x.parquet", crawl


def test_crawl_to_parquet_round_trips_every_field(crawled: tuple[Path, Any]) -> None:
    path, crawl = crawled
    assert len(crawl.records) == 20
    assert list(read_records(path)) == crawl.records
    offsets = {r["published_at"][-6:] for r in crawl.records}
    assert offsets == {"+07:00", "+08:00"}


def test_recipe_pandas(crawled: tuple[Path, Any]) -> None:
    path, _ = crawled
    df = pd.read_parquet(path)  # the README's recipe
    assert str(df["published_at"].dtype) == "datetime64[us, UTC]"
    assert str(df["published_local"].dtype) == "datetime64[us]"
    bus = df[df["url"].str.endswith(BUS_URL)].iloc[0]
    assert bus["published_at"] == pd.Timestamp("2024-06-19T04:18:25Z")
    assert bus["published_local"] == pd.Timestamp("2024-06-19 12:18:25")
    assert bus["utc_offset"] == "+08:00"
    local = bus["published_at"].tz_convert(bus["utc_offset"])  # the README's recipe
    assert local.isoformat() == "2024-06-19T12:18:25+08:00"


def test_recipe_duckdb(crawled: tuple[Path, Any]) -> None:
    path, _ = crawled
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    rows = con.execute(  # the README's recipe
        "SELECT site, published_local, utc_offset, published_at, language, duplicate_of "
        "FROM read_parquet(?) WHERE url LIKE ? ORDER BY published_at",
        [str(path), f"%{BUS_URL}"],
    ).fetchall()
    assert len(rows) == 1
    site, local, offset, instant, language, duplicate_of = rows[0]
    assert (site, local, offset) == ("tribuntimur", datetime(2024, 6, 19, 12, 18, 25), "+08:00")
    assert instant.isoformat() == "2024-06-19T04:18:25+00:00"
    assert (language, duplicate_of) == ("id", None)
    per_zone = con.execute(
        "SELECT utc_offset, count(*) FROM read_parquet(?) GROUP BY 1 ORDER BY 1", [str(path)]
    ).fetchall()
    assert per_zone == [("+07:00", 10), ("+08:00", 10)]


def test_recipe_datasets(
    crawled: tuple[Path, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = crawled
    # offline, and nothing under ~/.cache: huggingface_hub and datasets read these on import
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    from datasets import Dataset, config

    assert config.HF_HUB_OFFLINE and config.HF_DATASETS_OFFLINE  # not imported before the setenv
    ds = Dataset.from_parquet(str(path), cache_dir=str(tmp_path / "cache"))  # the README's recipe
    assert all(Path(f["filename"]).is_relative_to(tmp_path) for f in ds.cache_files)
    assert len(ds) == 20
    dtypes = {name: ds.features[name].dtype for name in ("published_at", "published_local")}
    assert dtypes == {"published_at": "timestamp[us, tz=UTC]", "published_local": "timestamp[us]"}
    assert ds.features["utc_offset"].dtype == "string"
    row = ds[next(i for i, url in enumerate(ds["url"]) if url.endswith(BUS_URL))]
    assert row["published_at"] == datetime(2024, 6, 19, 4, 18, 25, tzinfo=ZoneInfo("UTC"))
    assert row["published_at"].tzinfo is ZoneInfo("UTC")
    assert row["published_local"] == datetime(2024, 6, 19, 12, 18, 25)
    assert row["published_local"].tzinfo is None
    assert row["utc_offset"] == "+08:00"
    # the README's recipe: the time as the portal printed it
    local = row["published_at"].astimezone(datetime.strptime(row["utc_offset"], "%z").tzinfo)
    assert local.isoformat() == "2024-06-19T12:18:25+08:00"
    assert Counter(ds["utc_offset"]) == {"+07:00": 10, "+08:00": 10}  # the README's recipe


def test_recipe_pyarrow_types(crawled: tuple[Path, Any]) -> None:
    path, crawl = crawled
    table = pq.read_table(path)
    types = {f.name: str(f.type) for f in table.schema}
    assert types["published_at"] == "timestamp[us, tz=UTC]"
    assert types["published_local"] == "timestamp[us]"
    assert types["images"] == "list<element: struct<url: string, caption: string, credit: string>>"
    assert table.column("url").to_pylist() == [r["url"] for r in crawl.records]
    assert json.dumps(crawl.records[0], ensure_ascii=False)  # the JSONL twin is plain JSON

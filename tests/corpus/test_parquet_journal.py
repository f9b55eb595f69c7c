"""Parquet feeds against kills and full disks: the journal beside the file, and its repair."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest

from newscrawl.corpus.exporter import ParquetItemExporter, journal_of
from newscrawl.corpus.parquet import is_complete, read_records
from newscrawl.items import Article
from newscrawl.state.outputs import GuardedFile
from newscrawl.state.reconcile import records, repair

ARTICLES = [
    Article(url=f"https://a.example/{n}", site="a", title=f"Judul {n}", body="Isi berita.",
            published_at="2024-06-19T12:18:25+08:00", language="id", word_count=2)
    for n in range(3)
]  # fmt: skip


def exporter(path: Path, reported: list[str]) -> ParquetItemExporter:
    file = GuardedFile(path, "wb", lambda p, e: reported.append(f"{p.name}: {e.strerror}"))
    exporting = ParquetItemExporter(file)  # type: ignore[arg-type]
    exporting.start_exporting()
    for article in ARTICLES:
        exporting.export_item(article)
    return exporting


def urls(path: Path) -> list[str]:
    return [r["url"] for r in read_records(path)]


def test_a_clean_close_leaves_the_file_and_no_journal(tmp_path: Path) -> None:
    path, reported = tmp_path / "x.parquet", []
    exporter(path, reported).finish_exporting()
    assert urls(path) == [a.url for a in ARTICLES]
    assert not journal_of(path).exists()
    assert reported == []


def test_a_killed_file_is_rebuilt_from_its_journal(tmp_path: Path) -> None:
    path, reported = tmp_path / "x.parquet", []
    exporting = exporter(path, reported)  # killed: never closed
    assert exporting.journal is not None
    exporting.journal.close()
    with journal_of(path).open("ab") as journal:
        journal.write(b'{"url": "https://a.example/cut-by-the-ki')  # the kill's partial line
    assert not is_complete(path)
    assert repair(path) is True
    assert urls(path) == [a.url for a in ARTICLES]
    assert [r["published_at"] for r in records(path)] == ["2024-06-19T12:18:25+08:00"] * 3
    assert not journal_of(path).exists()
    assert repair(path) is False  # nothing left to mend


def test_a_complete_file_with_a_stale_journal_keeps_its_rows(tmp_path: Path) -> None:
    # Killed between writing the footer and deleting the journal.
    path = tmp_path / "x.parquet"
    exporter(path, []).finish_exporting()
    journal_of(path).write_bytes(b'{"url": "https://stale.example/1"}\n')
    assert repair(path) is False
    assert urls(path) == [a.url for a in ARTICLES]
    assert not journal_of(path).exists()


def full_disk_at_close(
    path: Path, reported: list[str], monkeypatch: pytest.MonkeyPatch
) -> ParquetItemExporter:
    """An exporter holding 3 records whose row group, written at close, meets a full disk."""
    exporting = exporter(path, reported)
    file = exporting.file
    assert isinstance(file, GuardedFile)
    real, calls = file._write_all, {"n": 0}

    def write_all(chunk: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(chunk)

    monkeypatch.setattr(file, "_write_all", write_all)
    return exporting


def test_a_parquet_write_failure_is_mended_from_the_journal_at_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path, reported = tmp_path / "x.parquet", []
    full_disk_at_close(path, reported, monkeypatch).finish_exporting()
    assert urls(path) == [a.url for a in ARTICLES]
    assert not journal_of(path).exists()
    assert reported == []  # every record is on disk: nothing counted as lost
    assert "rewrote it from its journal: 3 records" in caplog.text


def test_a_parquet_file_that_cannot_be_mended_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path, reported = tmp_path / "x.parquet", []
    exporting = full_disk_at_close(path, reported, monkeypatch)

    def still_full(*_: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("newscrawl.corpus.parquet.rebuild", still_full)
    exporting.finish_exporting()
    assert reported == ["x.parquet: No space left on device"]  # the keeper: exit code 4
    assert journal_of(path).exists()
    assert f"{path} is incomplete; its records are in {journal_of(path)} (JSONL)" in caplog.text


def test_a_file_killed_before_its_first_record_is_rebuilt_empty(tmp_path: Path) -> None:
    path = tmp_path / "x.parquet"
    file = GuardedFile(path, "wb", lambda p, e: None)
    ParquetItemExporter(file).start_exporting()  # type: ignore[arg-type]  # then killed
    assert journal_of(path).read_bytes() == b""
    assert repair(path) is True
    assert is_complete(path) and urls(path) == []
    assert not journal_of(path).exists()

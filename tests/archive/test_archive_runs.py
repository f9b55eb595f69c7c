"""Scheduled runs never overwrite an earlier run's archive; a killed run's file is repaired."""

from __future__ import annotations

from pathlib import Path

from newscrawl.archive.reader import archive_paths, index_responses, iter_locations
from tests.archive.test_writer_replay import HTML, archive, exchange


def pages(run: int, count: int = 3) -> list[object]:
    return [
        exchange(f"https://a.example/{run}/{n}", f"<p>run {run} page {n}</p>".encode(),
                 {"Content-Type": HTML})
        for n in range(count)
    ]  # fmt: skip


def test_the_next_run_writes_its_own_file(tmp_path: Path) -> None:
    archive(tmp_path / "a.warc.gz", pages(1))  # type: ignore[arg-type]
    archive(tmp_path / "a.warc.gz", pages(2))  # type: ignore[arg-type]
    files = archive_paths(f"{tmp_path}/a*.warc.gz")
    assert [f.name for f in files] == ["a-00001.warc.gz", "a.warc.gz"]
    assert sorted(index_responses(files)) == sorted(
        f"https://a.example/{run}/{n}" for run in (1, 2) for n in range(3)
    )


def test_a_record_cut_by_a_kill_is_repaired_by_the_next_run(tmp_path: Path) -> None:
    first = tmp_path / "a.warc.gz"
    archive(first, pages(1))  # type: ignore[arg-type]
    last = [where.offset for _, where in iter_locations(first)][-1]
    with first.open("rb+") as handle:  # the kill: the last response half on disk
        handle.truncate(last + 100)
    archive(first, pages(2))  # type: ignore[arg-type]
    urls = [url for url, _ in iter_locations(first)]
    assert urls == ["https://a.example/1/0", "https://a.example/1/1"]
    assert len(list(iter_locations(tmp_path / "a-00001.warc.gz"))) == 3

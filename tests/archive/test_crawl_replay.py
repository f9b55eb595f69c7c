"""End to end: crawl the PRMN fixture portals with archiving on, then replay the archive
without the server: same records, no request reaches it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newscrawl.archive.reader import iter_locations, read_response, url_key
from newscrawl.archive.warcfile import rotated_name
from tests.archive.helpers import middleware_args
from tests.e2e.crawling import Crawl, run_crawl

MAX_BYTES = 150_000  # the PRMN crawl is ~700 KB of WARC: several files


@pytest.fixture(scope="module")
def warc_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("warc")


@pytest.fixture(scope="module")
def archived(
    fixture_server: Any, warc_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Crawl:
    tmp = tmp_path_factory.mktemp("archived")
    return run_crawl(fixture_server, tmp, "prmn", "prmn", *middleware_args(),
                     "-s", f"NEWSCRAWL_ARCHIVE={warc_dir / 'prmn.warc.gz'}",
                     "-s", f"NEWSCRAWL_ARCHIVE_MAX_BYTES={MAX_BYTES}")  # fmt: skip


@pytest.fixture(scope="module")
def warcs(archived: Crawl, warc_dir: Path) -> list[Path]:
    """The archive's files in the order they were written."""
    count = len(list(warc_dir.iterdir()))
    return [rotated_name(warc_dir / "prmn.warc.gz", n) for n in range(count)]


@pytest.fixture(scope="module")
def replayed(
    fixture_server: Any, warc_dir: Path, archived: Crawl, tmp_path_factory: pytest.TempPathFactory
) -> Crawl:
    tmp = tmp_path_factory.mktemp("replayed")
    return run_crawl(fixture_server, tmp, "prmn", "prmn", *middleware_args(),
                     "-s", f"NEWSCRAWL_REPLAY={warc_dir / 'prmn*.warc.gz'}")  # fmt: skip


def without_crawled_at(crawl: Crawl) -> list[dict[str, Any]]:
    records = ({k: v for k, v in r.items() if k != "crawled_at"} for r in crawl.records)
    return sorted(records, key=lambda r: r["url"])


def test_every_downloaded_response_is_archived(
    fixture_server: Any, archived: Crawl, warcs: list[Path]
) -> None:
    requested = [fixture_server.origins[portal] + path for portal, path in archived.requests]
    located = [(url, where) for path in warcs for url, where in iter_locations(path)]
    assert len(requested) == archived.stats["downloader/response_count"]
    assert sorted(url_key(url) for url, _ in located) == sorted(url_key(u) for u in requested)
    robots = {url for url in requested if url.endswith("/robots.txt")}
    assert len(robots) == 2
    statuses = Counter(read_response(where).status for _, where in located)
    assert statuses[200] > 0
    for status, count in statuses.items():
        assert archived.stats[f"downloader/response_status_count/{status}"] == count


def test_archive_rotates_by_size_and_counts(archived: Crawl, warcs: list[Path]) -> None:
    assert len(warcs) >= 3
    assert all(path.is_file() for path in warcs)
    assert all(path.stat().st_size > MAX_BYTES for path in warcs[:-1])
    assert archived.stats["newscrawl/archive/files"] == len(warcs)
    responses = archived.stats["downloader/response_count"]
    assert archived.stats["newscrawl/archive/records"] == len(warcs) + 2 * responses


def test_replay_gives_the_same_records_without_the_server(archived: Crawl, replayed: Crawl) -> None:
    assert replayed.requests == []
    assert len(replayed.records) == 40
    assert without_crawled_at(replayed) == without_crawled_at(archived)


def test_replay_serves_every_response_from_the_archive(archived: Crawl, replayed: Crawl) -> None:
    assert replayed.stats["newscrawl/replay/served"] == archived.stats["downloader/response_count"]
    assert "newscrawl/replay/missing" not in replayed.stats
    assert "newscrawl/archive/records" not in replayed.stats  # replayed: not archived again
    for key in ("downloader/response_bytes", "downloader/response_status_count/404"):
        assert replayed.stats[key] == archived.stats[key]

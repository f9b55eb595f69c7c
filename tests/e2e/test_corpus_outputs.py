"""Outputs for corpora: partitioned gzip feeds and the end-of-run summary."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler

from newscrawl.items import Article
from newscrawl.partitions import PartitionedFeeds, safe_part
from newscrawl.state.keeper import StateKeeper
from newscrawl.state.reconcile import records
from tests.e2e.crawling import expected_by_url, run_crawl


def test_partitions_per_portal_and_day_and_summary(fixture_server: Any, tmp_path: Path) -> None:
    template = f"{tmp_path}/corpus/%(spider)s/%(site)s/%(day)s.jsonl.gz"
    crawl = run_crawl(
        fixture_server, tmp_path, "prmn", "prmn", "-s", f"NEWSCRAWL_PARTITION={template}"
    )
    expected = expected_by_url(fixture_server, "prmn")
    files = sorted((tmp_path / "corpus" / "prmn").glob("*/*.jsonl.gz"))
    wanted = sorted({f"{r['site']}/{r['published_at'][:10]}.jsonl.gz" for r in expected.values()})
    assert [f"{p.parent.name}/{p.name}" for p in files] == wanted
    lines = [line for f in files for line in gzip.decompress(f.read_bytes()).splitlines()]
    urls = [json.loads(line)["url"] for line in lines]
    assert sorted(urls) == sorted(r["url"] for r in crawl.records)

    summary = json.loads((tmp_path / "summary.json").read_text("utf-8"))
    assert summary["spider"] == "prmn"
    for site in ("wartabulukumba", "zonapriangan"):
        row = summary["portals"][site]
        assert row["emitted"] == 20
        assert row["field_coverage"]["title"] == 1.0
        assert row["field_coverage"]["body"] == 1.0
    assert summary["portals"]["wartabulukumba"]["field_coverage"]["published_raw"] == 0.95
    assert summary["portals"]["zonapriangan"]["errors"] == {"http_404": 1}
    assert summary["totals"]["article/missing_page"] == 1


@pytest.mark.parametrize(
    ("site", "day", "expected"),
    [
        ("../../etc", "2024-06-19", "etc/2024-06-19.jsonl.gz"),
        ("a/b\\c", "../..", "a_b_c/undated.jsonl.gz"),
        (None, None, "unknown/undated.jsonl.gz"),
    ],
)
def test_partition_paths_never_leave_the_output(
    tmp_path: Path, site: str | None, day: str | None, expected: str
) -> None:
    keeper = StateKeeper(get_crawler(), None)
    feeds = PartitionedFeeds(f"{tmp_path}/out/%(site)s/%(day)s.jsonl.gz", ["url"], keeper)
    item = Article(url="u", site=site, published_at=day)
    assert feeds.path_for(item, "prmn") == (tmp_path / "out" / expected).resolve()
    assert safe_part("...", "x") == "x"


def test_a_partition_cut_by_a_kill_is_repaired_before_the_next_run_appends(
    tmp_path: Path,
) -> None:
    crawler = get_crawler()
    template = f"{tmp_path}/out/%(site)s/%(day)s.jsonl.gz"

    def run(urls: list[str]) -> Path:
        feeds = PartitionedFeeds(template, ["url"], StateKeeper(crawler, None))
        spider = Spider("prmn")
        for url in urls:
            feeds.scraped(Article(url=url, site="s", published_at="2024-06-19"), spider)
        feeds.closed(spider)
        return tmp_path / "out" / "s" / "2024-06-19.jsonl.gz"

    path = run(["a", "b", "c"])
    with path.open("rb+") as handle:  # killed while writing "c": its member half on disk
        handle.truncate(path.stat().st_size - 5)
    run(["d"])
    with gzip.open(path, "rb") as handle:
        assert [json.loads(line)["url"] for line in handle] == ["a", "b", "d"]
    assert [r["url"] for r in records(path)] == ["a", "b", "d"]


def test_a_partition_that_cannot_be_written_loses_its_articles_to_the_next_run(
    tmp_path: Path,
) -> None:
    crawler = get_crawler()
    crawler.stats.open_spider()  # type: ignore[union-attr]
    keeper = StateKeeper(crawler, None)
    (tmp_path / "out").write_text("a file where the partitions' folder should be")
    feeds = PartitionedFeeds(f"{tmp_path}/out/%(site)s/%(day)s.jsonl.gz", ["url"], keeper)
    for url in ("a", "b"):
        item = Article(url=url, site="s", published_at="2024-06-19")
        feeds.scraped(item, Spider("prmn"))
        keeper.scraped(item)
    assert crawler.stats.get_value("newscrawl/output/lost") == 2  # type: ignore[union-attr]
    assert keeper.failed_paths == {str((tmp_path / "out/s/2024-06-19.jsonl.gz").resolve())}

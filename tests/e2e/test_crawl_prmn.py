"""End to end: a real ``scrapy crawl prmn`` subprocess against the fixture portals."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import expected_records
from tests.e2e.crawling import Crawl, by_case, comparable, expected_by_url, run_crawl

BOILERPLATE = (
    "Baca Juga",
    "Editor:",
    "Sumber:",
    "***",
    "SHARE",
    "Google News",
    "WhatsApp",
    "WartaBulukumba.Com -",
    "ZONAPRIANGAN.COM -",
    "Halaman:",
    "Selanjutnya",
    "Artikel Terkait",
    "Terpopuler",
    "Terkini",
    "googletag",
)


@pytest.fixture(scope="module")
def crawl(fixture_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    return run_crawl(fixture_server, tmp_path_factory.mktemp("crawl"), "prmn", "prmn")


@pytest.fixture(scope="module")
def expected(fixture_server: Any) -> dict[str, dict[str, Any]]:
    return expected_by_url(fixture_server, "prmn")


def test_exact_set_of_article_urls(crawl: Crawl, expected: dict[str, dict[str, Any]]) -> None:
    urls = [r["url"] for r in crawl.records]
    assert len(urls) == len(set(urls)) == 40
    assert set(urls) == set(expected)


def test_every_field_of_every_record(crawl: Crawl, expected: dict[str, dict[str, Any]]) -> None:
    for record in crawl.records:
        assert comparable(record) == comparable(expected[record["url"]]), record["url"]
        assert record["content_hash"] == hashlib.sha256(record["body"].encode()).hexdigest()
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", record["crawled_at"])


def test_three_page_article_is_one_record_in_order(
    crawl: Crawl, expected: dict[str, dict[str, Any]]
) -> None:
    want = by_case(expected, "multipage3")
    got = [r for r in crawl.records if r["url"] == want["url"]]
    assert len(got) == 1
    assert got[0]["pages"] == 3
    assert got[0]["body"] == want["body"]
    requested = [path for _, path in crawl.requests if "?page=" in path and "pr-" in path]
    assert sum(path.endswith(("?page=2", "?page=3")) for path in requested) >= 2


def test_missing_page_is_a_warning_not_a_lost_article(
    crawl: Crawl, expected: dict[str, dict[str, Any]]
) -> None:
    want = by_case(expected, "multipage_missing")
    assert [r["pages"] for r in crawl.records if r["url"] == want["url"]] == [1]
    assert f"WARNING: HTTP 404 for {want['url']}?page=2" in crawl.log
    assert f"Missing page {want['url']}?page=2 of article {want['url']}" in crawl.log
    assert crawl.stats["newscrawl/http_error/404"] == 2  # this page, and a dead sitemap entry
    assert crawl.stats["newscrawl/article/missing_page"] == 1


def test_bad_input_is_logged_with_url_and_counted(
    crawl: Crawl, expected: dict[str, dict[str, Any]]
) -> None:
    latin1, broken = by_case(expected, "latin1"), by_case(expected, "broken_markup")
    assert f"Page is not UTF-8 (decoded as cp1252): {latin1['url']}" in crawl.log
    assert crawl.stats["newscrawl/encoding/cp1252"] == 1
    assert f"broken or truncated (no </html>): {broken['url']}" in crawl.log
    assert crawl.stats["newscrawl/extract/incomplete_html"] == 1
    no_date = by_case(expected, "no_printed_date")
    assert f"No printed date on {no_date['url']}; metadata gives" in crawl.log
    assert crawl.stats["newscrawl/dates/from_metadata"] == 1
    assert "ERROR" not in crawl.log


def test_robots_disallowed_path_never_requested(crawl: Crawl) -> None:
    paths = [path for _, path in crawl.requests]
    assert "/robots.txt" in paths
    assert not [p for p in paths if p.startswith("/internal")]
    assert crawl.stats["robotstxt/forbidden"] == 1
    assert crawl.stats["newscrawl/listing/pages"] == 18  # 2 home pages + 16 listing pages


def test_stays_on_the_portal_hosts(crawl: Crawl) -> None:
    assert crawl.stats["newscrawl/offsite/skipped"] == 90
    assert not [k for k in crawl.stats if k.startswith("newscrawl/download_error")]
    assert crawl.stats["downloader/request_count"] == len(crawl.requests)
    assert {site for site, _ in crawl.requests} == set(expected_records())


def test_no_boilerplate_in_any_body(crawl: Crawl) -> None:
    for record in crawl.records:
        leaks = [phrase for phrase in BOILERPLATE if phrase.lower() in record["body"].lower()]
        assert not leaks, (record["url"], leaks)


def test_max_pages_bounds_listing_pagination(fixture_server: Any, tmp_path: Path) -> None:
    crawl = run_crawl(fixture_server, tmp_path, "prmn", "prmn", "-a", "max_pages=1")
    listing_pages = [p for _, p in crawl.requests if "?page=" in p and "/pr-" not in p]
    assert listing_pages == []
    assert crawl.stats["newscrawl/listing/pages"] == 10  # 2 home pages + 8 sections, page 1 only
    assert crawl.stats["newscrawl/listing/stopped_max_pages"] == 6


def test_since_stops_paging_at_older_entries(
    fixture_server: Any, tmp_path: Path, expected: dict[str, dict[str, Any]]
) -> None:
    crawl = run_crawl(fixture_server, tmp_path, "prmn", "prmn", "-a", "since=2024-06-01")
    listing_pages = sorted(p for _, p in crawl.requests if "?page=" in p and "/pr-" not in p)
    assert listing_pages == [
        "/bandung-raya?page=2",
        "/bulukumba?page=2",
        "/jabar?page=2",
        "/olahraga?page=2",
        "/sepak-bola?page=2",
        "/sulsel?page=2",
    ]
    assert crawl.stats["newscrawl/listing/stopped_since"] == 2
    assert crawl.stats["newscrawl/listing/skipped_old"] == 4
    assert sorted(r["url"] for r in crawl.records) == published_since(expected, "2024-06-01")


def published_since(expected: dict[str, dict[str, Any]], day: str) -> list[str]:
    """Expected article URLs published on or after ``day`` (in their own zone)."""
    return sorted(url for url, r in expected.items() if r["published_at"][:10] >= day)


def test_news_sitemap_drives_a_bounded_crawl(
    fixture_server: Any, tmp_path: Path, expected: dict[str, dict[str, Any]]
) -> None:
    crawl = run_crawl(
        fixture_server,
        tmp_path,
        "prmn",
        "prmn",
        "-a",
        "discover=sitemaps",
        "-a",
        "since=2024-06-15",
    )
    requested = [path for _, path in crawl.requests]
    assert "/sitemap.xml" in requested and "/sitemap-news.xml" in requested
    assert "/" not in requested  # no home page, no listings: the sitemaps alone
    assert not [p for p in requested if "?page=" in p and "/pr-" not in p]
    assert sorted(r["url"] for r in crawl.records) == published_since(expected, "2024-06-15")
    assert crawl.stats["newscrawl/discovery/outside_window"] > 0


def test_default_feed_without_output_option(fixture_server: Any, tmp_path: Path) -> None:
    """No -o/-O: the crawl still lands in output/<spider>/<start time>.jsonl."""
    start_urls = ",".join(f"{fixture_server.origins[site]}/" for site in expected_records())
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
    command = [sys.executable, "-m", "scrapy", "crawl", "prmn", "-a", f"start_urls={start_urls}",
               "-a", "max_pages=1", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
               "-s", "LOG_LEVEL=WARNING"]  # fmt: skip
    subprocess.run(command, cwd=tmp_path, env=env, check=True, timeout=300, capture_output=True)
    feeds = list((tmp_path / "output" / "prmn").glob("*.jsonl"))
    assert len(feeds) == 1
    records = [json.loads(line) for line in feeds[0].read_text("utf-8").splitlines()]
    assert records and all(r["network"] == "prmn" for r in records)
    assert "é" in feeds[0].read_text("utf-8")  # non-ASCII kept, not \u-escaped

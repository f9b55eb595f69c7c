"""``fixtures/portals.warc.gz``: re-extracted by ``scrapy extract``, and replayed under the
portals' real hosts, fully offline (that it is up to date: tests/test_fixtures.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from fixtures.server import load_sites, resolve
from tests.archive.helpers import crawl_command
from tests.conftest import ROOT, expected_records
from tests.e2e.crawling import by_case, comparable

# Every file the server serves is archived, robots.txt-disallowed ones too; a crawl never
# fetches this page, re-extraction of the archive does.
DISALLOWED = "https://wartabulukumba.pikiran-rakyat.com/internal/pr-1234567/should-not-be-fetched"


def expected(*networks: str) -> dict[str, dict[str, Any]]:
    return {r["url"]: r for n in networks for p in expected_records(n).values() for r in p}


@pytest.fixture(scope="module")
def extracted() -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "extract", "fixtures/portals.warc.gz"],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_extract_gives_every_prmn_and_tribun_article_once(
    extracted: list[dict[str, Any]],
) -> None:
    urls = [r["url"] for r in extracted if r["network"] in ("prmn", "tribun")]
    assert len(urls) == len(set(urls))
    assert set(urls) == set(expected("prmn", "tribun")) | {DISALLOWED}


def test_extracted_fields_match_the_expected_records(extracted: list[dict[str, Any]]) -> None:
    want = expected("prmn", "tribun")
    got = {r["url"]: r for r in extracted}
    for url, record in want.items():
        fields = ("title", "body", "published_at", "pages")
        assert {f: got[url][f] for f in fields} == {f: record[f] for f in fields}, url
    assert sorted(r["pages"] for r in want.values() if r["pages"] > 1) == [2, 2, 3]


def test_extracted_records_carry_the_archive_date(extracted: list[dict[str, Any]]) -> None:
    assert {r["crawled_at"] for r in extracted} == {"2024-06-19T06:00:00+00:00"}


def missing_urls(log: str) -> list[str]:
    return re.findall(r"Not in the replayed archives, answering 404: (\S+)", log)


def server_has_no_file(url: str) -> bool:
    """The fixture server would answer 404 too (or the host is no fixture portal)."""
    parts = urlsplit(url)
    site = next((s for s in load_sites() if s.host == parts.netloc), None)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    return site is None or resolve(site.root, target) is None


@pytest.mark.parametrize(
    ("spider", "sites", "network"),
    [
        ("prmn", "wartabulukumba,zonapriangan", "prmn"),
        ("tribun", "tribunbengkulu,tribuntimur", "tribun"),
    ],
)
def test_replay_of_real_hosts_gives_the_expected_records(
    tmp_path: Path, spider: str, sites: str, network: str
) -> None:
    crawl = crawl_command(tmp_path, spider, "-a", f"sites={sites}",
                          "-s", "NEWSCRAWL_REPLAY=fixtures/portals.warc.gz")  # fmt: skip
    want = expected(network)
    assert sorted(r["url"] for r in crawl.records) == sorted(want)
    for record in crawl.records:
        assert comparable(record) == comparable(want[record["url"]]), record["url"]
    stats, missing = crawl.stats, missing_urls(crawl.log)
    assert stats["newscrawl/replay/served"] + len(missing) == stats["downloader/request_count"]
    assert stats.get("newscrawl/replay/missing", 0) == len(missing)
    assert [url for url in missing if not server_has_no_file(url)] == []
    missing_page = by_case(want, "multipage_missing")["url"] + "?page=2"
    assert missing_page in missing

"""End to end: ``scrapy crawl detik|kompas|antara|suara`` against their fixture portals (a
detik desk under a path of its host, Kompas's regional channel, an Antara bureau, a Suara
regional site), every field of every record."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.crawling import Crawl, by_case, comparable, crawl_from, expected_by_url

# spider -> (fixture portal, start path): a desk starts at its own home, not the host's
STARTS = {"detik": ("detikjabar", "/jabar"), "kompas": ("kompasregional", "/"),
          "antara": ("antarajabar", "/"), "suara": ("suarajateng", "/")}  # fmt: skip
# spider -> (records, the multi-page case, its pages)
CASES = {"detik": (6, "multipage3", 3), "kompas": (6, "multipage2", 2),
         "antara": (5, "multipage2", 2), "suara": (5, "multipage2", 2)}  # fmt: skip


@pytest.fixture(scope="module", params=sorted(STARTS))
def crawled(
    request: pytest.FixtureRequest, fixture_server: Any, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Crawl]:
    spider = request.param
    portal, path = STARTS[spider]
    start = fixture_server.origins[portal] + path
    return spider, crawl_from(fixture_server, tmp_path_factory.mktemp(spider), spider, start)


def test_every_field_of_every_record(crawled: tuple[str, Crawl], fixture_server: Any) -> None:
    spider, crawl = crawled
    expected = expected_by_url(fixture_server, spider)
    assert sorted(r["url"] for r in crawl.records) == sorted(expected)
    assert len(crawl.records) == CASES[spider][0]
    for record in crawl.records:
        assert comparable(record) == comparable(expected[record["url"]]), record["url"]
        assert record["content_hash"] == hashlib.sha256(record["body"].encode()).hexdigest()
    assert "ERROR" not in crawl.log


def test_multi_page_article_is_one_record(crawled: tuple[str, Crawl], fixture_server: Any) -> None:
    spider, crawl = crawled
    count, case, pages = CASES[spider]
    want = by_case(expected_by_url(fixture_server, spider), case)
    assert [r["pages"] for r in crawl.records if r["url"] == want["url"]] == [pages]
    assert crawl.stats["newscrawl/article/emitted_pages"] == count - 1 + pages


def test_detik_desk_stays_on_its_desk(fixture_server: Any, tmp_path: Path) -> None:
    """The desk's pages link another desk of the host (``/jateng``): never requested."""
    start = fixture_server.origins["detikjabar"] + "/jabar"
    crawl = crawl_from(fixture_server, tmp_path, "detik", start)
    paths = [path for site, path in crawl.requests if site == "detikjabar"]
    assert not [p for p in paths if p.startswith("/jateng")]
    assert sorted(p for p in paths if "/d-" not in p and p != "/robots.txt") == [
        "/jabar", "/jabar/berita", "/jabar/berita?page=2", "/jabar/budaya", "/jabar/indeks",
    ]  # fmt: skip

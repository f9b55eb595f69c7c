"""End to end: ``scrapy crawl tribun`` and ``scrapy crawl news`` against their fixture portals."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import dropped_pages, site_origins
from tests.e2e.crawling import Crawl, by_case, comparable, expected_by_url, localise, run_crawl

BOILERPLATE = ("Baca juga", "Baca Juga", "Editor:", "Sumber:", "Artikel ini telah tayang",
               "TRIBUNBENGKULU.COM", "TRIBUN-TIMUR.COM", "Google News", "Halaman selanjutnya",
               "googletag", "(*)", "Loading")  # fmt: skip


@pytest.fixture(scope="module")
def tribun(fixture_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    return run_crawl(fixture_server, tmp_path_factory.mktemp("tribun"), "tribun", "tribun")


@pytest.fixture(scope="module")
def news(fixture_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    return run_crawl(fixture_server, tmp_path_factory.mktemp("news"), "news", None)


def independent_expected(server: Any) -> dict[str, dict[str, Any]]:
    """A host no registry knows is its own site id: on the test server, ``127.0.0.1``."""
    return {url: {**r, "site": "127.0.0.1"} for url, r in expected_by_url(server, None).items()}


@pytest.mark.parametrize("crawl_name", ["tribun", "news"])
def test_every_record_exact(crawl_name: str, request: pytest.FixtureRequest) -> None:
    crawl: Crawl = request.getfixturevalue(crawl_name)
    server = request.getfixturevalue("fixture_server")
    if crawl_name == "tribun":
        expected = expected_by_url(server, "tribun")
    else:
        expected = independent_expected(server)
    assert sorted(r["url"] for r in crawl.records) == sorted(expected)
    for record in crawl.records:
        assert comparable(record) == comparable(expected[record["url"]]), record["url"]
        leaks = [b for b in BOILERPLATE if b in record["body"]]
        assert not leaks, (record["url"], leaks)


def test_tribun_two_page_article_is_one_record(tribun: Crawl, fixture_server: Any) -> None:
    want = by_case(expected_by_url(fixture_server, "tribun"), "multipage2")
    got = [r for r in tribun.records if r["url"] == want["url"]]
    assert [r["pages"] for r in got] == [2]
    assert got[0]["body"] == want["body"]
    assert any(path.endswith("?page=2") and "/2024/" in path for _, path in tribun.requests)
    assert tribun.stats["newscrawl/article/missing_page"] == 2  # the two multipage_missing cases
    assert "ERROR" not in tribun.log


def test_news_wordpress_post_pages_are_stitched(news: Crawl, fixture_server: Any) -> None:
    want = by_case(independent_expected(fixture_server), "multipage2")
    got = [r for r in news.records if r["url"] == want["url"]]
    assert [r["pages"] for r in got] == [2]
    assert got[0]["body"] == want["body"]


def test_news_pages_with_nothing_to_extract_are_dropped(news: Crawl, fixture_server: Any) -> None:
    origins = {real: fixture_server.origins[site] for site, real in site_origins().items()}
    dropped = [localise(d, origins) for d in dropped_pages()]
    emitted = {r["url"] for r in news.records}
    for page in dropped:
        assert page["url"] not in emitted
        assert f"Dropped article without {page['reason'].removeprefix('no_')}: {page['url']}" in (
            news.log
        )
    reasons = {d["reason"] for d in dropped}
    for reason in reasons:
        count = sum(d["reason"] == reason for d in dropped)
        assert news.stats[f"newscrawl/dropped/{reason}"] == count


def test_news_stays_on_start_hosts(news: Crawl, fixture_server: Any) -> None:
    sites = {site for site, _ in news.requests}
    assert sites == {"kabarpesisir", "suarabukit", "lenteratimur"}
    assert news.stats["newscrawl/offsite/skipped"] > 0
    assert not [k for k in news.stats if k.startswith("newscrawl/download_error")]


def test_news_listing_pagination_followed(news: Crawl) -> None:
    paths = {(site, path) for site, path in news.requests}
    assert ("kabarpesisir", "/category/manado/page/2/") in paths
    assert ("suarabukit", "/kanal/padang?page=2") in paths
    assert ("lenteratimur", "/rubrik/kupang/page/2") in paths


@pytest.mark.parametrize("network", ["prmn", "tribun"])
def test_news_reads_network_portals_with_their_rules(
    network: str, fixture_server: Any, tmp_path: Any
) -> None:
    """``news`` on PRMN and Tribun portals gives what their own spiders give, multi-page
    articles stitched: a page is read with one network, resolved once."""
    crawl = run_crawl(fixture_server, tmp_path / network, "news", network)
    expected = expected_by_url(fixture_server, network)
    assert sorted(r["url"] for r in crawl.records) == sorted(expected)
    for record in crawl.records:
        assert comparable(record) == comparable(expected[record["url"]]), record["url"]
    multipage = {u: r["pages"] for u, r in expected.items() if r["pages"] > 1}
    assert multipage and {r["url"]: r["pages"] for r in crawl.records if r["pages"] > 1} == (
        multipage
    )

"""The crawl strategy without a subprocess: fixture pages in, requests and records out.

The spider is a router, so each decision is checked on one fake response: which URLs it
requests, of which kind, at which priority, and what it emits.
"""

from __future__ import annotations

from typing import Any

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from newscrawl.items import Article
from newscrawl.spiders.base import NetworkSpider
from newscrawl.spiders.follow import PRIORITY
from newscrawl.spiders.news import NewsSpider
from newscrawl.spiders.prmn import PrmnSpider
from tests.conftest import FIXTURES, expected_records

ORIGIN = "https://wartabulukumba.pikiran-rakyat.com"
MULTIPAGE = f"{ORIGIN}/bulukumba/pr-8724871120/festival-perahu-tradisional-di-tanjung-bira-tampilkan-kapal-buatan-perajin-lokal"  # noqa: E501
SCOPE = {"scope": ["wartabulukumba.pikiran-rakyat.com"], "portal": "wartabulukumba"}


def spider(cls: type[NetworkSpider] = PrmnSpider, **args: Any) -> NetworkSpider:
    crawler = get_crawler(cls, {"NEWSCRAWL_MAX_LISTING_PAGES": 1000})
    crawler.stats = MemoryStatsCollector(crawler)
    sites = {} if "start_urls" in args else {"sites": "wartabulukumba"}  # ids are checked
    made = cls.from_crawler(crawler, **sites, **args)
    made.count_into_stats()
    return made


def response(path: str, url: str, **meta: Any) -> HtmlResponse:
    body = (FIXTURES / "portals" / "wartabulukumba" / path).read_bytes()
    request = Request(url, meta={**SCOPE, **meta})
    return HtmlResponse(url, body=body, request=request, encoding="utf-8")


def kinds(out: list[Any]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for request in out:
        assert isinstance(request, Request)
        assert request.priority == PRIORITY[request.meta["kind"]]
        found.setdefault(request.meta["kind"], []).append(request.url)
    return found


def test_a_section_listing_gives_articles_sections_and_its_next_page() -> None:
    out = list(spider().parse_listing(response("bulukumba/index.html", f"{ORIGIN}/bulukumba")))
    found = kinds(out)
    assert found["next_page"] == [f"{ORIGIN}/bulukumba?page=2"]
    expected = {r["url"] for r in expected_records()["wartabulukumba"]}
    robots_disallowed = f"{ORIGIN}/internal/pr-1234567/should-not-be-fetched"
    assert len(found["article"]) == 7
    assert set(found["article"]) - expected == {robots_disallowed}
    assert not set(found["section"]) & expected
    listed = {r.url: r.meta["listed"] for r in out if r.meta["kind"] == "article"}
    assert listed[MULTIPAGE] == ("18 Juni 2024, 10:15 WITA", "listing")  # the entry's date
    assert sum(value is not None for value in listed.values()) == 4  # the dated entries
    assert not [u for urls in found.values() for u in urls if "pikiran-rakyat.com" not in u]


def test_max_pages_stops_the_listing() -> None:
    out = list(
        spider(max_pages="1").parse_listing(response("bulukumba/index.html", f"{ORIGIN}/bulukumba"))
    )
    assert "next_page" not in kinds(out)


def test_since_stops_paging_at_the_first_older_entry() -> None:
    crawl = spider(since="2024-06-19")
    out = list(crawl.parse_listing(response("bulukumba/index.html", f"{ORIGIN}/bulukumba")))
    assert "next_page" not in kinds(out)
    assert crawl.crawler.stats.get_value("newscrawl/listing/stopped_since") == 1


def test_a_multipage_article_is_requested_page_by_page_then_emitted() -> None:
    crawl = spider()
    first = list(
        crawl.parse_article(response(f"{MULTIPAGE[len(ORIGIN) + 1 :]}/index.html", MULTIPAGE))
    )
    [page2] = [r for r in first if r.meta["kind"] == "article_page"]
    assert page2.url == f"{MULTIPAGE}?page=2" and page2.dont_filter
    assert page2.meta["remaining"] == [f"{MULTIPAGE}?page=3"]
    assert not [x for x in first if isinstance(x, Article)]
    second = list(crawl.parse_article_page(
        response(f"{MULTIPAGE[len(ORIGIN) + 1:]}/page-2.html", page2.url, **page2.meta)
    ))  # fmt: skip
    [page3] = [r for r in second if r.meta["kind"] == "article_page"]
    third = list(crawl.parse_article_page(
        response(f"{MULTIPAGE[len(ORIGIN) + 1:]}/page-3.html", page3.url, **page3.meta)
    ))  # fmt: skip
    [item] = [x for x in third if isinstance(x, Article)]
    assert (item.url, item.pages, item.site, item.network) == (
        MULTIPAGE,
        3,
        "wartabulukumba",
        "prmn",
    )


def test_a_failed_later_page_still_emits_the_record() -> None:
    crawl = spider()
    first = list(
        crawl.parse_article(response(f"{MULTIPAGE[len(ORIGIN) + 1 :]}/index.html", MULTIPAGE))
    )
    [page2] = [r for r in first if r.meta["kind"] == "article_page"]

    class Failed:
        request = page2
        value = ConnectionRefusedError()
        type = ConnectionRefusedError

        def check(self, *_: Any) -> bool:
            return False

    out = list(crawl.on_error(Failed()))
    [page3] = [r for r in out if isinstance(r, Request)]
    assert page3.url == f"{MULTIPAGE}?page=3"
    assert crawl.crawler.stats.get_value("newscrawl/article/missing_page") == 1


@pytest.mark.parametrize("cls", [PrmnSpider, NewsSpider])
def test_every_spider_reads_a_prmn_page_with_prmn_rules(cls: type[NetworkSpider]) -> None:
    crawl = spider(cls) if cls is PrmnSpider else spider(cls, start_urls=ORIGIN + "/")
    page = crawl.page(response(f"{MULTIPAGE[len(ORIGIN) + 1 :]}/index.html", MULTIPAGE))
    assert (page.network.name, page.portal and page.portal.id) == ("prmn", "wartabulukumba")


def test_links_off_the_portal_are_not_requested() -> None:
    crawl = spider()
    home = list(crawl.parse_listing(response("index.html", f"{ORIGIN}/")))
    assert all(r.url.startswith(ORIGIN) for r in home)
    assert crawl.crawler.stats.get_value("newscrawl/offsite/skipped") > 0

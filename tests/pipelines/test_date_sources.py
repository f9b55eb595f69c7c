"""Where ``published_at`` comes from (``published_source``), weak fallbacks, and impossible
dates (issue 10 rules; issue 12 item 15)."""

from __future__ import annotations

import pytest
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from newscrawl.drops import ArticleDropped, DropReason
from newscrawl.items import Article
from newscrawl.pipelines import DatesPipeline

FETCHED = "Wed, 19 Jun 2024 06:00:00 GMT"


@pytest.fixture
def stats() -> MemoryStatsCollector:
    return MemoryStatsCollector(get_crawler())


def dated(**fields: object) -> Article:
    item = Article(url="https://contoh.id/a", http_date=FETCHED, **fields)  # type: ignore[arg-type]
    return DatesPipeline().process_item(item)


@pytest.mark.parametrize(
    ("fields", "at", "source"),
    [
        ({"published_raw": "19 Juni 2024, 07:57 WITA"}, "2024-06-19T07:57:00+08:00", "byline"),
        (
            {"published_raw": "19 Juni 2024 07:57", "published_meta": "2024-06-19T07:57:31+07:00"},
            "2024-06-19T07:57:31+07:00",
            "byline",
        ),
        ({"published_meta": "2024-06-18T10:00:00+07:00"}, "2024-06-18T10:00:00+07:00", "metadata"),
        ({"url_date": "2024-06-17"}, "2024-06-17T00:00:00+07:00", "url"),
        ({"listed": ("18 Juni 2024 21:05 WIB", "listing")}, "2024-06-18T21:05:00+07:00", "listing"),
        (
            {"listed": ("2024-06-18T21:05:00+07:00", "sitemap")},
            "2024-06-18T21:05:00+07:00",
            "sitemap",
        ),
        ({"listed": ("3 jam yang lalu", "listing")}, "2024-06-19T10:00:00+07:00", "listing"),
        (
            {"url_date": "2024-06-17", "listed": ("2024-06-16T21:05:00+07:00", "sitemap")},
            "2024-06-17T00:00:00+07:00",
            "url",
        ),
    ],
)
def test_the_strongest_source_wins_and_is_named(
    fields: dict[str, object], at: str, source: str
) -> None:
    item = dated(**fields)
    assert (item.published_at, item.published_source) == (at, source)


def test_no_source_gives_no_date_and_no_source() -> None:
    item = dated(published_raw=None)
    assert (item.published_at, item.published_source) == (None, None)


@pytest.mark.parametrize(
    "meta", ["1900-01-01T00:00:00+07:00", "2099-01-01T00:00:00+07:00", "9999-12-31T00:00:00+07:00"]
)
def test_an_impossible_metadata_date_falls_back_to_the_url(
    meta: str, stats: MemoryStatsCollector
) -> None:
    item = Article(url="u", http_date=FETCHED, published_meta=meta, url_date="2024-06-17")
    DatesPipeline(stats).process_item(item)
    assert (item.published_at, item.published_source) == ("2024-06-17T00:00:00+07:00", "url")
    assert stats.get_value("newscrawl/dates/impossible") == 1


@pytest.mark.parametrize("raw", ["1 Januari 1900", "31 Desember 9999 23:59 WIB", "5 Mei 2099"])
def test_only_impossible_dates_drop_the_record(raw: str, stats: MemoryStatsCollector) -> None:
    item = Article(url="u", http_date=FETCHED, published_raw=raw)
    with pytest.raises(ArticleDropped) as dropped:
        DatesPipeline(stats).process_item(item)
    assert dropped.value.reason is DropReason.IMPOSSIBLE_DATE
    assert stats.get_value("newscrawl/dropped/impossible_date") == 1


def test_a_day_after_the_fetch_is_still_possible() -> None:
    item = dated(published_raw="20 Juni 2024 12:59 WIB")  # fetched 19 Jun 13:00 WIB
    assert item.published_at == "2024-06-20T12:59:00+07:00"


def test_the_future_limit_follows_crawled_at_without_a_date_header() -> None:
    item = Article(url="u", crawled_at="2015-06-18T00:00:00+00:00", published_raw="5 Mei 2016")
    with pytest.raises(ArticleDropped):
        DatesPipeline().process_item(item)

"""Backfill decisions without a subprocess: which days, which archive pages, which spiders."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from scrapy.http import Request
from scrapy.utils.test import get_crawler

from newscrawl.networks import get_network
from newscrawl.spiders.backfill import Backfiller, days_between
from newscrawl.spiders.base import NetworkSpider
from newscrawl.spiders.detik import DetikSpider
from newscrawl.spiders.prmn import PrmnSpider
from newscrawl.spiders.regional import RegionalSpider


def test_days_between_both_ends_included() -> None:
    assert days_between(date(2024, 6, 30), date(2024, 7, 2)) == [
        date(2024, 6, 30), date(2024, 7, 1), date(2024, 7, 2),
    ]  # fmt: skip
    with pytest.raises(ValueError, match=r"until \(2024-06-01\) is before since \(2024-06-02\)"):
        days_between(date(2024, 6, 2), date(2024, 6, 1))


def test_no_backfill_without_both_ends() -> None:
    detik = get_network("detik")
    assert Backfiller(date(2024, 6, 1), None).seeds("https://www.detik.com/jabar", detik) == []
    assert Backfiller(None, date(2024, 6, 1)).seeds("https://www.detik.com/jabar", detik) == []


def test_one_archive_page_per_day() -> None:
    found = Backfiller(date(2024, 6, 18), date(2024, 6, 19)).seeds(
        "https://www.detik.com/jabar", get_network("detik")
    )
    assert [(f.url, f.kind, f.carry["day"]) for f in found] == [
        ("https://www.detik.com/jabar/indeks?date=06/18/2024", "archive", "2024-06-18"),
        ("https://www.detik.com/jabar/indeks?date=06/19/2024", "archive", "2024-06-19"),
    ]


def seeds(cls: type[NetworkSpider], **args: Any) -> list[Request]:
    spider = cls.from_crawler(get_crawler(cls), **args)
    return [r for p in spider.portals for r in spider.seed(p.home_url, [*p.hosts], p.id)]


def test_a_backfill_spider_asks_only_for_archive_pages() -> None:
    requests = seeds(DetikSpider, sites="detiksulsel", since="2024-06-18", until="2024-06-19")
    assert [(r.url, r.meta["kind"], r.meta["backfill"]) for r in requests] == [
        ("https://www.detik.com/sulsel/indeks?date=06%2F18%2F2024", "archive", True),
        ("https://www.detik.com/sulsel/indeks?date=06%2F19%2F2024", "archive", True),
    ]


def test_a_network_without_archive_crawls_as_usual_in_the_window() -> None:
    requests = seeds(PrmnSpider, sites="wartabulukumba", since="2024-06-18", until="2024-06-19")
    assert [r.meta["kind"] for r in requests] == ["section", "robots", "discovery"]
    assert not any(r.meta["backfill"] for r in requests)


def test_regional_backfill_mixes_archives_and_listings_per_portal() -> None:
    requests = seeds(RegionalSpider, region="ID-JT", since="2024-06-19", until="2024-06-19")
    by_kind = {r.url: r.meta["kind"] for r in requests}
    assert by_kind["https://www.detik.com/jateng/indeks?date=06%2F19%2F2024"] == "archive"
    assert by_kind["https://regional.kompas.com/jawa-tengah"] == "section"  # a desk: no archive
    assert by_kind["https://jateng.suara.com/"] == "section"

"""Each pipeline on a plain Article, no HTTP, exact expected values."""

import hashlib

import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from newscrawl.items import Article, Block
from newscrawl.pipelines import (
    BoilerplatePipeline,
    DatesPipeline,
    DedupPipeline,
    ValidatePipeline,
)


@pytest.fixture
def stats() -> MemoryStatsCollector:
    return MemoryStatsCollector(get_crawler())


def test_dates_printed_zone_wins(stats: MemoryStatsCollector) -> None:
    item = Article(
        url="u",
        published_raw="\n  - 19 Juni 2024, 07:57 WITA  ",
        zone="WIB",
        published_meta="2024-06-19T06:57:00+0700",
        modified_meta="2024-06-20T01:00:00Z",
    )
    DatesPipeline(stats).process_item(item)
    assert item.published_raw == "19 Juni 2024, 07:57 WITA"
    assert item.published_at == "2024-06-19T07:57:00+08:00"
    assert item.modified_at == "2024-06-20T08:00:00+07:00"


def test_dates_no_zone_printed_uses_portal_zone() -> None:
    item = Article(url="u", published_raw="Jum'at, 5 Jul 2024 - 10:12", zone="WIT")
    DatesPipeline().process_item(item)
    assert item.published_at == "2024-07-05T10:12:00+09:00"


def test_dates_relative_to_http_date() -> None:
    item = Article(
        url="u",
        published_raw="2 jam yang lalu",
        zone="WIB",
        http_date="Wed, 19 Jun 2024 06:00:00 GMT",
    )
    DatesPipeline().process_item(item)
    assert item.published_at == "2024-06-19T11:00:00+07:00"


def test_dates_metadata_fallback(stats: MemoryStatsCollector) -> None:
    item = Article(
        url="u", published_raw=None, zone="WITA", published_meta="2024-06-19T07:57:00+0700"
    )
    DatesPipeline(stats).process_item(item)
    assert item.published_at == "2024-06-19T08:57:00+08:00"
    assert item.published_raw is None
    assert stats.get_value("newscrawl/dates/from_metadata") == 1


def test_dates_unparsed_is_counted(stats: MemoryStatsCollector) -> None:
    item = Article(url="u", published_raw="Redaksi", published_meta=None)
    DatesPipeline(stats).process_item(item)
    assert item.published_at is None
    assert stats.get_value("newscrawl/dates/unparsed") == 1


def test_boilerplate_pipeline_builds_body_and_fields(stats: MemoryStatsCollector) -> None:
    item = Article(
        url="u",
        network="prmn",
        title="  Judul\u00a0Berita ",
        related_urls=["https://a.example/s/pr-1234567/terkait"],
        body_blocks=[
            Block(text="WartaBulukumba.Com - Kalimat pertama.", links=[], kind="p"),
            Block(text="Baca Juga: Lain", links=["https://a.example/s/pr-7654321/lain"], kind="p"),
            Block(text="Kalimat kedua.", links=[], kind="p"),
            Block(text="Editor: Nur Aisyah", links=[], kind="tail"),
            Block(text="Sumber: Humas Pemkab", links=[], kind="tail"),
        ],
    )
    BoilerplatePipeline(stats).process_item(item)
    assert item.title == "Judul Berita"
    assert item.body == "Kalimat pertama.\n\nKalimat kedua."
    assert item.word_count == 4
    assert item.editor == "Nur Aisyah"
    assert item.sources == ["Humas Pemkab"]
    assert item.related_urls == [
        "https://a.example/s/pr-7654321/lain",
        "https://a.example/s/pr-1234567/terkait",
    ]
    assert item.content_hash == hashlib.sha256(b"Kalimat pertama.\n\nKalimat kedua.").hexdigest()
    assert item.body_blocks == []
    assert stats.get_value("newscrawl/boilerplate/related") == 1


@pytest.mark.parametrize(
    ("missing", "reason"), [("title", "no_title"), ("body", "no_body"), ("published_at", "no_date")]
)
def test_validate_drops_and_counts(missing: str, reason: str, stats: MemoryStatsCollector) -> None:
    item = Article(
        url="https://a.example/x", title="T", body="B", published_at="2024-01-01T00:00:00+07:00"
    )
    setattr(item, missing, None)
    with pytest.raises(DropItem, match=reason):
        ValidatePipeline(stats).process_item(item)
    assert stats.get_value(f"newscrawl/dropped/{reason}") == 1


def test_dedup_by_url_then_content(stats: MemoryStatsCollector) -> None:
    dedup = DedupPipeline(stats)
    first = Article(
        url="https://a.example/s/pr-1/x",
        canonical_url="https://a.example/s/pr-1/x",
        content_hash="h1",
    )
    dedup.process_item(first)
    variant = Article(url="https://a.example/s/pr-1/x?utm_source=wa", content_hash="h2")
    with pytest.raises(DropItem, match="duplicate_url"):
        dedup.process_item(variant)
    copy = Article(url="https://b.example/s/pr-2/y", content_hash="h1")
    with pytest.raises(DropItem, match="duplicate_content"):
        dedup.process_item(copy)
    assert stats.get_value("newscrawl/dropped/duplicate_url") == 1
    assert stats.get_value("newscrawl/dropped/duplicate_content") == 1

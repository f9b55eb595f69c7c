"""Sitemap and feed parsing on documents written for the test."""

import gzip
import tracemalloc
import zlib
from datetime import date

import pytest
from scrapy.statscollectors import StatsCollector
from scrapy.utils.test import get_crawler

from newscrawl import discovery
from newscrawl.discovery import Entry, parse, sitemaps_in_robots

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://a.example/kota/pr-1234567/pasar-baru</loc>
    <news:news><news:publication><news:name>A</news:name><news:language>id</news:language>
    </news:publication><news:publication_date>2024-06-19T07:57:00+08:00</news:publication_date>
    <news:title>Pasar Baru Dibuka</news:title></news:news></url>
  <url><loc>https://a.example/kota</loc><lastmod>2024-06-18</lastmod></url>
</urlset>"""


def test_news_sitemap_keeps_publication_date_and_title() -> None:
    listing = parse(NEWS)
    assert listing.sitemaps == []
    assert listing.entries == [
        Entry("https://a.example/kota/pr-1234567/pasar-baru", "2024-06-19T07:57:00+08:00", None,
              "Pasar Baru Dibuka"),
        Entry("https://a.example/kota", None, "2024-06-18", None),
    ]  # fmt: skip
    assert listing.entries[0].day == date(2024, 6, 19)


def test_sitemap_index_gzip_rss_and_atom() -> None:
    index = b"<sitemapindex><sitemap><loc>https://a.example/s1.xml</loc></sitemap></sitemapindex>"
    assert parse(gzip.compress(index)).sitemaps == ["https://a.example/s1.xml"]
    rss = (
        b"<rss><channel><item><title>Banjir</title><link>https://a.example/2024/06/19/banjir"
        b"</link><pubDate>Wed, 19 Jun 2024 07:57:00 +0700</pubDate></item></channel></rss>"
    )
    assert parse(rss).entries == [
        Entry(
            "https://a.example/2024/06/19/banjir", "Wed, 19 Jun 2024 07:57:00 +0700", None, "Banjir"
        )
    ]
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Tenun</title>'
            b'<link href="https://a.example/2024/06/18/tenun"/><published>2024-06-18T10:00:00+08:00'
            b"</published></entry></feed>")  # fmt: skip
    assert parse(atom).entries[0].url == "https://a.example/2024/06/18/tenun"
    assert parse(atom).entries[0].day == date(2024, 6, 18)


def test_hostile_or_empty_documents() -> None:
    entities = b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
    bomb = entities + b"<urlset><url><loc>&b;</loc></url></urlset>"
    assert parse(bomb).entries == []  # entities are never expanded
    assert parse(b"").entries == []
    assert parse(b"not xml at all").entries == []


def test_sitemaps_in_robots() -> None:
    robots = (
        "User-agent: *\nDisallow: /x\nSitemap: https://a.example/sitemap.xml\n"
        "sitemap:https://a.example/b.xml\n"
    )
    assert sitemaps_in_robots(robots) == [
        "https://a.example/sitemap.xml",
        "https://a.example/b.xml",
    ]


def _bomb(inflated: int) -> bytes:
    """A gzipped sitemap: two entries, then ``inflated`` bytes of whitespace."""
    head = (b"<urlset><url><loc>https://a.example/k/pr-1000001/satu</loc></url>"
            b"<url><loc>https://a.example/k/pr-1000002/dua</loc></url>")  # fmt: skip
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b" " * (1 << 20)
    parts = [packer.compress(head)]
    parts += [packer.compress(chunk) for _ in range(inflated >> 20)]
    return b"".join([*parts, packer.compress(b"</urlset>"), packer.flush()])


def test_gzip_bomb_is_inflated_only_up_to_the_limit(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(discovery, "MAX_BYTES", 1 << 20)
    body = _bomb(64 << 20)  # 64 MiB inflated, 64 KiB sent
    stats = StatsCollector(get_crawler())
    tracemalloc.start()
    listing = discovery.parse(body, stats, "https://a.example/sitemap.xml.gz")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 8 << 20
    assert [e.url for e in listing.entries] == [
        "https://a.example/k/pr-1000001/satu",
        "https://a.example/k/pr-1000002/dua",
    ]
    assert stats.get_value("newscrawl/discovery/inflated_too_big") == 1
    assert "inflates past 1048576 bytes, read the first 1048576" in caplog.text


def test_small_gzip_is_read_whole() -> None:
    stats = StatsCollector(get_crawler())
    assert len(discovery.parse(_bomb(1 << 20), stats, "u").entries) == 2
    assert stats.get_value("newscrawl/discovery/inflated_too_big") is None

"""Sitemap and feed parsing on documents written for the test."""

import gzip
from datetime import date

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

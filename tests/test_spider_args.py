"""Spider arguments as ``-a`` passes them (strings), checked by ``newscrawl.spiders.args``."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from newscrawl.errors import UsageError
from newscrawl.spiders.args import DISCOVER_KINDS, KNOWN, parse
from newscrawl.spiders.discover import KINDS
from newscrawl.spiders.prmn import PrmnSpider

# 18:30 UTC on 10 June: 01:30 on 11 June in WIB (+07:00), 02:30 in WITA (+08:00)
NOW = datetime(2024, 6, 10, 18, 30, tzinfo=UTC)


def test_default_is_every_portal() -> None:
    spider = PrmnSpider()
    assert len(spider.portals) >= 110
    assert spider.seeds == [] and spider.max_pages is None and spider.since is None


def test_sites_max_pages_since() -> None:
    spider = PrmnSpider(sites="wartabulukumba, zonapriangan", max_pages="3", since="2024-06-01")
    assert [p.id for p in spider.portals] == ["wartabulukumba", "zonapriangan"]
    assert spider.max_pages == 3
    assert spider.since == date(2024, 6, 1)


def test_start_urls_replace_the_registry() -> None:
    spider = PrmnSpider(start_urls="http://127.0.0.1:8080/,http://127.0.0.1:8081/x")
    assert spider.seeds == ["http://127.0.0.1:8080/", "http://127.0.0.1:8081/x"]
    assert spider.portals == []


def test_sites_beside_start_urls_are_crawled_too() -> None:
    spider = PrmnSpider(start_urls="http://127.0.0.1:8080/", sites="zonapriangan")
    assert [p.id for p in spider.portals] == ["zonapriangan"]


def test_scrapyd_job_id_is_accepted() -> None:
    spider = PrmnSpider(_job="abc123")
    assert spider._job == "abc123"  # type: ignore[attr-defined]


def test_every_value_typed() -> None:
    got = parse(
        "prmn",
        {"sites": "wartabulukumba", "max_pages": "2", "since": "2024-06-01",
         "until": "2024-06-09", "refresh": "1.5", "discover": "links,feeds"},
    )  # fmt: skip
    assert [p.id for p in got.portals] == ["wartabulukumba"]
    assert (got.max_pages, got.since, got.until, got.refresh) == (
        2, date(2024, 6, 1), date(2024, 6, 9), 1.5,
    )  # fmt: skip
    assert got.discover == frozenset({"links", "feeds"})
    assert got.start_urls == () and got.extra == {}


def test_discover_kinds_match_the_discoverer() -> None:
    assert frozenset(DISCOVER_KINDS) == KINDS


@pytest.mark.parametrize(
    ("since", "expected"),
    [("today", date(2024, 6, 11)), ("yesterday", date(2024, 6, 10)), ("2d", date(2024, 6, 9)),
     ("0d", date(2024, 6, 11)), ("TODAY", date(2024, 6, 11))],
)  # fmt: skip
def test_relative_since_in_the_portals_zone(since: str, expected: date) -> None:
    # wartabulukumba is in South Sulawesi (WITA, +08:00): 18:30 UTC is 02:30 on 11 June there
    assert parse("prmn", {"sites": "wartabulukumba", "since": since}, NOW).since == expected


def test_relative_since_in_wib_for_a_western_portal() -> None:
    # zonapriangan is in West Java (WIB, +07:00)
    evening = datetime(2024, 6, 10, 16, 30, tzinfo=UTC)
    got = parse("prmn", {"sites": "zonapriangan", "since": "yesterday"}, evening)
    assert got.since == date(2024, 6, 9)  # 23:30 WIB on 10 June: yesterday is the 9th


def test_relative_since_of_mixed_zones_is_wib() -> None:
    got = parse("prmn", {"sites": "wartabulukumba,zonapriangan", "since": "today"},
                datetime(2024, 6, 10, 16, 30, tzinfo=UTC))  # fmt: skip
    assert got.since == date(2024, 6, 10)  # 23:30 WIB (00:30 WITA on the 11th)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"site": "wartabulukumba"},
         "unknown argument(s) -a site; known: sites, start_urls, max_pages, since, until, "
         "refresh, discover"),
        ({"sites": "nosuchportal"},
         "-a sites: unknown prmn portal id(s) nosuchportal (see newscrawl/portals/prmn.csv, "
         "e.g. aksarajabar, bagikanberita, banjar)"),
        ({"sites": "nosuchportal", "start_urls": "http://127.0.0.1:1/"},
         "-a sites: unknown prmn portal id(s) nosuchportal (see newscrawl/portals/prmn.csv, "
         "e.g. aksarajabar, bagikanberita, banjar)"),
        ({"start_urls": "ftp://x"}, "-a start_urls: 'ftp://x' is not an http:// or https:// URL"),
        ({"start_urls": "notaurl"}, "-a start_urls: 'notaurl' is not an http:// or https:// URL"),
        ({"start_urls": "http://"}, "-a start_urls: 'http://' is not an http:// or https:// URL"),
        ({"max_pages": "-1"}, "-a max_pages=-1: must be a whole number ≥ 1"),
        ({"max_pages": "0"}, "-a max_pages=0: must be a whole number ≥ 1"),
        ({"max_pages": "3.5"}, "-a max_pages=3.5: must be a whole number ≥ 1"),
        ({"since": "19-06-2024"},
         "-a since=19-06-2024: not a date (YYYY-MM-DD, today, yesterday or Nd)"),
        ({"until": "soon"}, "-a until=soon: not a date (YYYY-MM-DD, today, yesterday or Nd)"),
        ({"since": "2024-06-10", "until": "2024-06-01"},
         "-a until=2024-06-01 is before -a since=2024-06-10: the window is empty"),
        ({"refresh": "0"}, "-a refresh=0: must be a number of days > 0"),
        ({"refresh": "nan"}, "-a refresh=nan: must be a number of days > 0"),
        ({"refresh": "week"}, "-a refresh=week: must be a number of days > 0"),
        ({"discover": "links,rss"},
         "-a discover=links,rss: unknown kind(s) rss; known: links, sitemaps, feeds"),
        ({"discover": ","},
         "-a discover=,: unknown kind(s) (none given); known: links, sitemaps, feeds"),
    ],
)  # fmt: skip
def test_refusals(raw: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError) as refused:
        parse("prmn", raw, NOW)
    assert str(refused.value) == message


def test_the_spider_refuses_too() -> None:
    with pytest.raises(UsageError, match="-a max_pages=0: must be a whole number ≥ 1"):
        PrmnSpider(max_pages="0")


def test_known_names_are_the_spider_arguments() -> None:
    assert KNOWN == ("sites", "start_urls", "max_pages", "since", "until", "refresh", "discover")

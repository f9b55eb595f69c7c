"""Guards' decisions as plain functions."""

from datetime import UTC, datetime
from typing import Any

import pytest
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request
from scrapy.resolver import CachingThreadedResolver
from scrapy.statscollectors import StatsCollector
from scrapy.utils.test import get_crawler
from twisted.internet import defer
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from newscrawl.guards import EncodingGuard, ScopeGuard, resolver, retry_after
from newscrawl.guards import scope as scope_module
from newscrawl.guards.addresses import internal_host
from newscrawl.guards.budget import PortalClock
from newscrawl.guards.caps import ListingCaps
from newscrawl.guards.resolver import GuardedResolver

NOW = datetime(2024, 6, 19, 6, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (b"1", 1.0),
        (b"2.5", 2.5),
        (b"3600", 60.0),  # capped
        (b"Wed, 19 Jun 2024 06:00:30 GMT", 30.0),
        (b"Wed, 19 Jun 2024 05:00:00 GMT", 0.0),  # in the past: retry now
        (b"soon", None),
        (None, None),
    ],
)
def test_retry_after(header: bytes | None, expected: float | None) -> None:
    assert retry_after(header, NOW, 60.0) == expected


@pytest.mark.parametrize(
    ("host", "internal"),
    [
        ("127.0.0.1", True),
        ("10.0.0.1", True),
        ("192.168.1.5", True),
        ("169.254.169.254", True),
        ("localhost", True),
        ("a.localhost", True),
        ("[::1]", True),
        ("fe80::1%eth0", True),  # link-local with a zone
        ("198.51.100.7", True),  # documentation range: reserved, never a portal
        ("2130706434", True),  # 127.0.0.2 as one decimal number
        ("2852039166", True),  # 169.254.169.254 as one decimal number
        ("0x7f.0.0.1", True),  # hex
        ("0177.0.0.1", True),  # octal
        ("127.1", True),  # dotted-partial
        ("0", True),  # 0.0.0.0: this machine
        ("127.0.0.1.", True),  # trailing dot
        ("[::ffff:127.0.0.1]", True),  # IPv6-mapped
        ("::ffff:a9fe:a9fe", True),  # IPv6-mapped 169.254.169.254
        ("2002:7f00:1::", True),  # 6to4 of 127.0.0.1
        ("100.64.1.1", True),  # shared address space (carrier NAT)
        ("wartabulukumba.pikiran-rakyat.com", False),
        ("face.bead", False),  # hex letters, but a name
        ("8.8.8.8", False),
        ("134744072", False),  # 8.8.8.8 as one number: public
        ("2606:4700::1111", False),
    ],
)
def test_internal_hosts_in_every_spelling(host: str, internal: bool) -> None:
    assert internal_host(host) is internal


def guard() -> tuple[ScopeGuard, Crawler]:
    crawler = get_crawler()
    return ScopeGuard.from_crawler(crawler), crawler


def test_robots_txt_keeps_the_scope_of_its_host() -> None:
    scope, crawler = guard()
    robots = Request("http://a.example/robots.txt", meta={"dont_obey_robotstxt": True})
    scope.process_request(robots)
    assert robots.meta["scope"] == ["a.example"]
    with pytest.raises(IgnoreRequest):  # where RedirectMiddleware sends a 302 to
        scope.process_request(robots.replace(url="http://b.example/robots.txt"))
    assert crawler.stats.get_value("newscrawl/guard/offsite") == 1  # type: ignore[union-attr]


def test_internal_addresses_need_the_user_to_name_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resolver, "POLICY", policy := resolver.AddressPolicy())
    monkeypatch.setattr(scope_module, "POLICY", policy)
    scope, crawler = guard()
    with pytest.raises(IgnoreRequest):
        scope.process_request(Request("http://2130706434:8080/x", meta={"scope": None}))
    scope.opened(Spider("s", start_urls=["http://127.0.0.1:8080/"]))
    scope.process_request(Request("http://127.0.0.1:8080/x", meta={"scope": ["127.0.0.1:8080"]}))
    assert crawler.stats.get_value("newscrawl/guard/private_address") == 1  # type: ignore[union-attr]


def resolve(monkeypatch: pytest.MonkeyPatch, name: str, address: str) -> list[Any]:
    """What the guarded resolver gives for ``name`` when DNS answers ``address``."""
    answer = lambda self, name, timeout=(): defer.succeed(address)  # noqa: E731
    monkeypatch.setattr(CachingThreadedResolver, "getHostByName", answer)
    results: list[Any] = []
    GuardedResolver(None, 0, 1.0).getHostByName(name).addBoth(results.append)  # type: ignore[arg-type]
    return results


def test_names_resolving_to_internal_addresses_are_refused_at_connect_time(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(resolver, "POLICY", policy := resolver.AddressPolicy())
    policy.allow(["intranet.example"], stats := StatsCollector(get_crawler()))
    assert resolve(monkeypatch, "portal.example", "93.184.216.34") == ["93.184.216.34"]
    assert resolve(monkeypatch, "intranet.example", "10.1.2.3") == ["10.1.2.3"]
    for _ in range(2):
        [failure] = resolve(monkeypatch, "Rebind.example", "169.254.169.254")
        assert isinstance(failure, Failure) and failure.check(DNSLookupError)
    assert policy.refused == {"rebind.example"}
    assert stats.get_value("newscrawl/guard/private_resolution") == 1  # one warning per name
    assert "Refused rebind.example: it resolves to 169.254.169.254, an internal" in caplog.text


@pytest.mark.parametrize(
    ("body", "declared", "actual"),
    [
        ("Kafé — “baru”".encode(), "cp1252", "utf-8"),
        ("Café ±".encode("latin-1"), "utf-8", "cp1252"),
        ("Café ±".encode("latin-1"), "cp1252", None),
        ("Kafé".encode(), "utf-8", None),
        (b"plain ascii", "cp1252", None),
    ],
)
def test_encoding_guard(body: bytes, declared: str, actual: str | None) -> None:
    assert EncodingGuard.actual(body, declared) == actual


ONE_BAD_BYTE = "<p>Ia berkata “Ahmad Yani” di sana, kafé</p>".encode().replace(b" di ", b" d\xffi ")


@pytest.mark.parametrize("declared", ["utf-8", "mac-iceland", "cp1252"])
def test_one_invalid_byte_keeps_a_utf8_page_utf8(declared: str) -> None:
    expected = None if declared == "utf-8" else "utf-8"
    assert EncodingGuard.actual(ONE_BAD_BYTE, declared) == expected


def test_one_invalid_byte_is_replaced_counted_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    crawler = get_crawler()
    guard = EncodingGuard.from_crawler(crawler)
    for headers in ({"Content-Type": "text/html; charset=utf-8"}, {}):
        response = HtmlResponse("http://a.example/x", body=ONE_BAD_BYTE, headers=headers)
        text = guard.process_response(Request(response.url), response).text  # type: ignore[attr-defined]
        assert text == "<p>Ia berkata “Ahmad Yani” d\ufffdi sana, kafé</p>"
    assert crawler.stats.get_value("newscrawl/encoding/invalid_utf8") == 2  # type: ignore[union-attr]
    assert "UTF-8 with 1 invalid byte(s), replaced: http://a.example/x" in caplog.text


def test_a_portal_clock_counts_overlapping_requests_once() -> None:
    clock = PortalClock()
    clock.started("p", 10.0)
    clock.started("p", 11.0)  # two requests in flight from 11 to 12
    clock.ended("p", 12.0)
    assert clock.used("p", 13.0) == 3.0  # still one in flight
    clock.ended("p", 14.0)
    clock.ended("p", 15.0)  # a stray end changes nothing
    assert clock.used("p", 99.0) == 4.0
    assert clock.used("other", 99.0) == 0.0


def test_listing_depth_is_carried_from_page_to_page() -> None:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_MAX_LISTING_PAGES": 2,
                                         "NEWSCRAWL_MAX_SECTIONS_PER_PORTAL": 9,
                                         "NEWSCRAWL_MAX_LISTING_PAGES_PER_PORTAL": 9})  # fmt: skip
    caps = ListingCaps(crawler)
    section = Request("http://a.example/k", meta={"kind": "section", "scope": ["a.example"]})
    assert caps.keep(section, None) and section.meta["listing_depth"] == 1
    page2 = section.replace(
        url="http://a.example/k/page/2/", meta={**section.meta, "kind": "next_page"}
    )
    assert caps.keep(page2, HtmlResponse(section.url, request=section))
    assert page2.meta["listing_depth"] == 2
    page3 = page2.replace(url="http://a.example/k/page/3/")
    assert not caps.keep(page3, HtmlResponse(page2.url, request=page2))
    assert crawler.stats.get_value("newscrawl/listing/stopped_max_pages") == 1  # type: ignore[union-attr]

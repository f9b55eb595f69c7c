"""Guards' decisions as plain functions."""

from datetime import UTC, datetime

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from newscrawl.guards import EncodingGuard, retry_after
from newscrawl.guards.scope import _private

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
    ("host", "private"),
    [
        ("127.0.0.1:8080", True),
        ("10.0.0.1", True),
        ("192.168.1.5", True),
        ("169.254.169.254", True),
        ("localhost:1", True),
        ("[::1]:80", True),
        ("198.51.100.7", True),  # documentation range: reserved, never a portal
        ("wartabulukumba.pikiran-rakyat.com", False),
        ("8.8.8.8", False),
    ],
)
def test_private_addresses(host: str, private: bool) -> None:
    assert _private(host) is private


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

"""Guards' decisions as plain functions."""

from datetime import UTC, datetime

import pytest

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

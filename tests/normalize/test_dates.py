"""Exact-value tests for newscrawl.normalize.dates (fast path, relative dates, fallback)."""

from __future__ import annotations

import random
import subprocess
import sys
import warnings
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newscrawl.normalize import dates
from newscrawl.normalize.dates import (
    WIB,
    WIT,
    WITA,
    ZONES,
    parse_metadata_date,
    parse_printed_date,
    to_iso,
    zone_for,
)

ROOT = Path(__file__).resolve().parents[2]

# The HTTP Date header of the response: 2024-06-19 10:00 UTC = 17:00 WIB = 18:00 WITA.
NOW = datetime(2024, 6, 19, 10, 0, tzinfo=UTC)

# Forms the fast path must resolve on its own, parsed with default_tz=WIB and now=NOW.
FAST_PATH = [
    ("- 19 Juni 2024, 07:57 WIB", "2024-06-19T07:57:00+07:00"),
    ("| 19 Juni 2024, 07:57 WIB", "2024-06-19T07:57:00+07:00"),
    ("\n   - 19 Juni 2024, 07:57 WIB  \n", "2024-06-19T07:57:00+07:00"),
    ("19\xa0Juni\xa02024,\xa007:57\xa0WIB", "2024-06-19T07:57:00+07:00"),
    ("Rabu, 19 Juni 2024 | 07:57 WITA", "2024-06-19T07:57:00+08:00"),
    ("RABU, 19 JUNI 2024 | 07:57 WITA", "2024-06-19T07:57:00+08:00"),
    ("19/06/2024, 07.57 WIT", "2024-06-19T07:57:00+09:00"),
    ("19-06-2024 07:57 WIB", "2024-06-19T07:57:00+07:00"),
    ("9/6/2024 7:05", "2024-06-09T07:05:00+07:00"),
    ("19.06.2024 07:57", "2024-06-19T07:57:00+07:00"),
    ("Jum'at, 5 Jul 2024 - 10:12", "2024-07-05T10:12:00+07:00"),
    ("Jum\u2019at, 5 Jul 2024 - 10:12", "2024-07-05T10:12:00+07:00"),
    ("Jumat, 5 Juli 2024 10:12", "2024-07-05T10:12:00+07:00"),
    ("Senin, 17 Juni 2024 10:12 WIB", "2024-06-17T10:12:00+07:00"),
    ("Selasa, 18 Juni 2024 10:12 WIB", "2024-06-18T10:12:00+07:00"),
    ("kamis, 20 Juni 2024 10:12 WIB", "2024-06-20T10:12:00+07:00"),
    ("Sabtu, 22 Juni 2024 10:12 WIB", "2024-06-22T10:12:00+07:00"),
    ("Minggu, 23 Juni 2024 19:00 WIB", "2024-06-23T19:00:00+07:00"),
    ("Ahad, 23 Juni 2024 19:00 WIB", "2024-06-23T19:00:00+07:00"),
    ("Diperbarui: 19 Juni 2024 08:00 WIB", "2024-06-19T08:00:00+07:00"),
    ("Dipublikasikan: 19 Juni 2024 08:00 WIB", "2024-06-19T08:00:00+07:00"),
    ("Terbit: 19 Juni 2024 08:00 WIB", "2024-06-19T08:00:00+07:00"),
    ("Update: 19 Juni 2024 08:00 WIB", "2024-06-19T08:00:00+07:00"),
    ("Diterbitkan 19 Juni 2024 08:00 WIB", "2024-06-19T08:00:00+07:00"),
    ("Diperbarui pada: Rabu, 19 Juni 2024 | 08:00 WITA", "2024-06-19T08:00:00+08:00"),
    ("6 Nop 2019", "2019-11-06T00:00:00+07:00"),
    ("6 Nop. 2019", "2019-11-06T00:00:00+07:00"),
    ("19-Jun-2024", "2024-06-19T00:00:00+07:00"),
    ("14 Oktober 2020, 21:00 WIB", "2020-10-14T21:00:00+07:00"),
    ("Jumat, 9 Oktober 2020 13:52", "2020-10-09T13:52:00+07:00"),
    ("Selasa, 23 Januari 2024", "2024-01-23T00:00:00+07:00"),
    ("2024-01-23 16:31:16", "2024-01-23T16:31:16+07:00"),
    ("2024-01-23T16:31", "2024-01-23T16:31:00+07:00"),
    ("2024-01-23 16:31 WITA", "2024-01-23T16:31:00+08:00"),
    ("2024-06-19T07:57:00+08:00", "2024-06-19T07:57:00+08:00"),
    ("19 Juni 2024 pukul 07.57 WIB", "2024-06-19T07:57:00+07:00"),
    ("19 Juni 2024, pukul 07.57 WIT", "2024-06-19T07:57:00+09:00"),
    ("19 Juni 2024 jam 07:57", "2024-06-19T07:57:00+07:00"),
    ("07:57 WIB, 19 Juni 2024", "2024-06-19T07:57:00+07:00"),
    ("07:57 WITA | Rabu, 19 Juni 2024", "2024-06-19T07:57:00+08:00"),
    ("19 Juni 2024 07:57:12 WIB", "2024-06-19T07:57:12+07:00"),
    ("19 Juni 2024 07.57.12", "2024-06-19T07:57:12+07:00"),
    ("19 Juni 2024 07:57 Wib", "2024-06-19T07:57:00+07:00"),
    ("19 Juni 2024 07:57 wita", "2024-06-19T07:57:00+08:00"),
    ("19 Juni 2024 07:57WIB", "2024-06-19T07:57:00+07:00"),
    ("19 Juni 2024 07:57 (WIT)", "2024-06-19T07:57:00+09:00"),
    ("Monday, 17 June 2024 10:12", "2024-06-17T10:12:00+07:00"),
    ("29 Februari 2024", "2024-02-29T00:00:00+07:00"),
    # Relative forms, resolved against NOW in the default (or printed) zone.
    ("2 jam yang lalu", "2024-06-19T15:00:00+07:00"),
    ("2 jam lalu", "2024-06-19T15:00:00+07:00"),
    ("sejam yang lalu", "2024-06-19T16:00:00+07:00"),
    ("5 menit lalu", "2024-06-19T16:55:00+07:00"),
    ("30 detik yang lalu", "2024-06-19T16:59:30+07:00"),
    ("3 hari yang lalu", "2024-06-16T17:00:00+07:00"),
    ("1 minggu lalu", "2024-06-12T17:00:00+07:00"),
    ("2 pekan lalu", "2024-06-05T17:00:00+07:00"),
    ("2 jam yang lalu WITA", "2024-06-19T16:00:00+08:00"),
    ("kemarin", "2024-06-18T00:00:00+07:00"),
    ("Kemarin, 10:12", "2024-06-18T10:12:00+07:00"),
    ("kemarin 10:12 WITA", "2024-06-18T10:12:00+08:00"),
    ("hari ini", "2024-06-19T00:00:00+07:00"),
    ("Hari ini, 08:15 WIB", "2024-06-19T08:15:00+07:00"),
    ("baru saja", "2024-06-19T17:00:00+07:00"),
    ("Baru Saja", "2024-06-19T17:00:00+07:00"),
    ("sekarang", "2024-06-19T17:00:00+07:00"),
]

MONTH_SPELLINGS = [
    ("Januari", 1),
    ("Jan", 1),
    ("January", 1),
    ("Februari", 2),
    ("Feb", 2),
    ("Pebruari", 2),
    ("Peb", 2),
    ("Maret", 3),
    ("Mar", 3),
    ("April", 4),
    ("Apr", 4),
    ("Mei", 5),
    ("May", 5),
    ("Juni", 6),
    ("Jun", 6),
    ("Juli", 7),
    ("Jul", 7),
    ("Agustus", 8),
    ("Agu", 8),
    ("Agt", 8),
    ("Ags", 8),
    ("Aug", 8),
    ("September", 9),
    ("Sep", 9),
    ("Sept", 9),
    ("Oktober", 10),
    ("Okt", 10),
    ("Oct", 10),
    ("November", 11),
    ("Nov", 11),
    ("Nopember", 11),
    ("Nop", 11),
    ("Desember", 12),
    ("Des", 12),
    ("Dec", 12),
]

INVALID = [
    "31 Februari 2024",
    "29 Februari 2023",
    "31/04/2024",
    "19/13/2024",
    "0 Juni 2024",
    "19 Juni 2024 25:99",
    "19 Juni 2024 24:00",
    "19 Juni 2024 07:60 WIB",
    "2024-02-30 10:00:00",
    "2024-06-19T07:57:00+25:00",
]

GARBAGE = [
    "",
    "   ",
    "\n\t",
    "Redaksi",
    "abc 2024",
    "99 Foo 9999",
    "-",
    "Diperbarui:",
    "Baca juga: Pemkot gelar rapat",
    "19 Juni 2024 " * 40,
    "x" * 10_000,
    "1" * 10_000,
    "\x00\x01\ufffd",
]

RELATIVE = [
    "2 jam yang lalu",
    "5 menit lalu",
    "3 hari yang lalu",
    "1 minggu lalu",
    "kemarin",
    "Kemarin, 10:12",
    "hari ini",
    "baru saja",
    "sekarang",
]


def iso(value: datetime | None) -> str | None:
    return None if value is None else to_iso(value)


@pytest.fixture
def no_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any use of the dateparser fallback fail the test."""

    def forbidden(*args: object) -> None:
        raise AssertionError(f"dateparser fallback called with {args!r}")

    monkeypatch.setattr(dates, "_fallback", forbidden)


@pytest.mark.usefixtures("no_dateparser")
@pytest.mark.parametrize(("text", "expected"), FAST_PATH)
def test_fast_path_forms(text: str, expected: str) -> None:
    assert iso(parse_printed_date(text, WIB, now=NOW)) == expected


@pytest.mark.usefixtures("no_dateparser")
@pytest.mark.parametrize(("name", "month"), MONTH_SPELLINGS)
def test_every_month_spelling(name: str, month: int) -> None:
    expected = f"2024-{month:02d}-05T10:12:00+07:00"
    for variant in (name, name.lower(), name.upper(), f"{name}."):
        assert iso(parse_printed_date(f"5 {variant} 2024, 10:12 WIB")) == expected


@pytest.mark.usefixtures("no_dateparser")
@pytest.mark.parametrize(
    ("text", "default_tz", "expected"),
    [
        ("19 Juni 2024 07:57", WIB, "2024-06-19T07:57:00+07:00"),
        ("19 Juni 2024 07:57", WITA, "2024-06-19T07:57:00+08:00"),
        ("19 Juni 2024 07:57", WIT, "2024-06-19T07:57:00+09:00"),
        ("19 Juni 2024 07:57 WIB", WIT, "2024-06-19T07:57:00+07:00"),
        ("6 Nop 2019", WITA, "2019-11-06T00:00:00+08:00"),
        ("2 jam yang lalu", WITA, "2024-06-19T16:00:00+08:00"),
        ("kemarin", WIT, "2024-06-18T00:00:00+09:00"),
        ("baru saja", UTC, "2024-06-19T10:00:00+00:00"),
    ],
)
def test_default_tz_applies_only_when_no_zone_is_printed(
    text: str, default_tz: timezone, expected: str
) -> None:
    assert iso(parse_printed_date(text, default_tz, now=NOW)) == expected


@pytest.mark.usefixtures("no_dateparser")
def test_printed_zone_is_kept_on_the_result() -> None:
    parsed = parse_printed_date("Rabu, 19 Juni 2024 | 07:57 WITA")
    assert parsed is not None
    assert parsed.tzinfo is WITA
    assert parsed.tzname() == "WITA"


@pytest.mark.usefixtures("no_dateparser")
@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2024, 6, 19, 10, 0), "2024-06-19T15:00:00+07:00"),  # naive = UTC
        (datetime(2024, 6, 19, 17, 0, tzinfo=WIB), "2024-06-19T15:00:00+07:00"),
        (datetime(2024, 6, 18, 18, 30, tzinfo=UTC), "2024-06-18T23:30:00+07:00"),
    ],
)
def test_relative_reference_instant(now: datetime, expected: str) -> None:
    assert iso(parse_printed_date("2 jam yang lalu", now=now)) == expected


@pytest.mark.usefixtures("no_dateparser")
def test_kemarin_uses_the_local_calendar_day() -> None:
    # 18:30 UTC on the 18th is already 01:30 WIB on the 19th.
    now = datetime(2024, 6, 18, 18, 30, tzinfo=UTC)
    assert iso(parse_printed_date("kemarin", now=now)) == "2024-06-18T00:00:00+07:00"
    assert iso(parse_printed_date("hari ini", now=now)) == "2024-06-19T00:00:00+07:00"
    assert iso(parse_printed_date("kemarin", UTC, now=now)) == "2024-06-17T00:00:00+00:00"


@pytest.mark.usefixtures("no_dateparser")
@pytest.mark.parametrize("text", RELATIVE)
def test_relative_without_now_is_none(text: str) -> None:
    assert parse_printed_date(text, WIB, now=None) is None


@pytest.mark.usefixtures("no_dateparser")
@pytest.mark.parametrize("text", INVALID)
def test_invalid_dates_are_none(text: str) -> None:
    assert parse_printed_date(text, now=NOW) is None


@pytest.mark.parametrize("text", GARBAGE)
@pytest.mark.parametrize("now", [NOW, None])
def test_garbage_is_none(text: str, now: datetime | None) -> None:
    assert parse_printed_date(text, now=now) is None


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("2 bulan lalu", NOW, "2024-04-19T17:00:00+07:00"),
        ("2 hours ago", NOW, "2024-06-19T15:00:00+07:00"),
        ("June 19, 2024 7:57 AM", None, "2024-06-19T07:57:00+07:00"),
        ("Selasa 23 Jan 2024 16:31 GMT+8", None, "2024-01-23T15:31:00+07:00"),
        ("19 Juni", NOW, "2024-06-19T00:00:00+07:00"),
        # Without now, partial and relative dates would need the clock: refused.
        ("19 Juni", None, None),
        ("10:12", None, None),
        ("2 bulan lalu", None, None),
        ("2 hours ago", None, None),
    ],
)
def test_dateparser_fallback(text: str, now: datetime | None, expected: str | None) -> None:
    assert iso(parse_printed_date(text, WIB, now=now)) == expected


def test_fallback_swallows_dateparser_errors_and_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    import dateparser  # type: ignore[import-untyped]

    def noisy(*args: object, **kwargs: object) -> None:
        warnings.warn("noise", UserWarning, stacklevel=1)
        raise RuntimeError("boom")

    monkeypatch.setattr(dateparser, "parse", noisy)
    assert parse_printed_date("June 19, 2024 7:57 AM", now=NOW) is None


def test_never_raises_on_random_input() -> None:
    tokens = ["19", "Juni", "2024", "07:57", "WIB", "wita", ",", "|", "-", "lalu", "jam", "kemarin"]
    tokens += ["99999999999", "Foo", "\u2019", ".", ":", "T", "+07:00", "Z", "pukul", "Jum'at"]
    rng = random.Random(20240619)
    for _ in range(150):
        text = " ".join(rng.choice(tokens) for _ in range(rng.randint(1, 6)))
        for now in (NOW, None):
            result = parse_printed_date(text, now=now)
            assert result is None or result.utcoffset() is not None


@pytest.mark.usefixtures("no_dateparser")
def test_huge_relative_counts_are_none() -> None:
    assert parse_printed_date("99999999999 hari yang lalu", now=NOW) is None


@pytest.mark.parametrize(
    ("value", "local_tz", "expected"),
    [
        ("2020-10-07T15:13:00+0700", WIB, "2020-10-07T15:13:00+07:00"),
        ("2020-10-07T15:13:00+07:00", WIB, "2020-10-07T15:13:00+07:00"),
        ("2020-10-07T08:13:00Z", WIB, "2020-10-07T15:13:00+07:00"),
        ("2020-10-07T15:13:00+0700", WITA, "2020-10-07T16:13:00+08:00"),
        ("2020-10-07T15:13:00+07:00", WITA, "2020-10-07T16:13:00+08:00"),
        ("2020-10-07T08:13:00Z", WITA, "2020-10-07T16:13:00+08:00"),
        ("2020-10-07T15:13:00+07:00", WIT, "2020-10-07T17:13:00+09:00"),
        ("2020-10-07T15:13:00.123+07:00", WIB, "2020-10-07T15:13:00+07:00"),
        ("2020-10-07T15:13:42.999999999+07:00", WIB, "2020-10-07T15:13:42+07:00"),
        ("2020-10-07T15:13:00+07", WIB, "2020-10-07T15:13:00+07:00"),
        ("2020-10-07T03:13:00-05:00", WIB, "2020-10-07T15:13:00+07:00"),
        ("2020-10-07T15:13+07:00", WIB, "2020-10-07T15:13:00+07:00"),
        ("  2020-10-07T15:13:00+07:00\n", WIB, "2020-10-07T15:13:00+07:00"),
        ("2020-10-07 15:13:00", WIB, "2020-10-07T15:13:00+07:00"),
        ("2020-10-07 15:13:00", WITA, "2020-10-07T15:13:00+08:00"),
        ("2020-10-07", WIB, "2020-10-07T00:00:00+07:00"),
        ("Wed, 07 Oct 2020 15:13:00 +0700", WITA, "2020-10-07T16:13:00+08:00"),
        ("Wed, 07 Oct 2020 08:13:00 GMT", WIB, "2020-10-07T15:13:00+07:00"),
        ("", WIB, None),
        ("   ", WIB, None),
        ("garbage", WIB, None),
        ("2020-13-07T15:13:00+07:00", WIB, None),
        ("2020-10-07T25:13:00+07:00", WIB, None),
        ("2020-10-07T15:13:00+25:00", WIB, None),
        ("9999-12-31T23:00:00-05:00", WIB, None),
        ("2020-10-07T15:13:00+07:00 trailing", WIB, None),
        ("Wed, 99 Foo 2020", WIB, None),
    ],
)
def test_parse_metadata_date(value: str, local_tz: timezone, expected: str | None) -> None:
    assert iso(parse_metadata_date(value, local_tz)) == expected


def test_metadata_keeps_seconds_and_microseconds_until_to_iso() -> None:
    parsed = parse_metadata_date("2020-10-07T15:13:07.123+07:00")
    assert parsed == datetime(2020, 10, 7, 15, 13, 7, 123000, tzinfo=WIB)
    assert parsed is not None
    assert to_iso(parsed) == "2020-10-07T15:13:07+07:00"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("WIB", WIB), ("wib", WIB), ("Wita", WITA), (" WIT ", WIT)],
)
def test_zone_for(name: str, expected: timezone) -> None:
    assert zone_for(name) is expected


@pytest.mark.parametrize("name", ["", "UTC", "WI", "WITAA", "GMT+7"])
def test_zone_for_unknown_raises_key_error(name: str) -> None:
    with pytest.raises(KeyError):
        zone_for(name)


def test_zones_are_fixed_offsets() -> None:
    assert ZONES == {"WIB": WIB, "WITA": WITA, "WIT": WIT}
    assert [to_iso(datetime(2024, 1, 1, tzinfo=tz)) for tz in (WIB, WITA, WIT)] == [
        "2024-01-01T00:00:00+07:00",
        "2024-01-01T00:00:00+08:00",
        "2024-01-01T00:00:00+09:00",
    ]


def test_to_iso() -> None:
    dt = datetime(2024, 6, 19, 7, 57, 0, 654321, tzinfo=WIB)
    assert to_iso(dt) == "2024-06-19T07:57:00+07:00"
    assert to_iso(datetime(2024, 6, 19, 7, 57, tzinfo=timezone(-timedelta(hours=5)))) == (
        "2024-06-19T07:57:00-05:00"
    )
    with pytest.raises(ValueError, match="naive"):
        to_iso(datetime(2024, 6, 19, 7, 57))


def test_dateparser_is_imported_lazily() -> None:
    code = "import sys, newscrawl.normalize.dates; print('dateparser' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "False"


# Shapes met on portals nobody had seen (issue 10, class 3).
@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("18 Jun 2015 at 06:25 WIB", "2015-06-18T06:25:00+07:00"),
        ("Jum'at, 19 Juni 2015 - 11:58 wib", "2015-06-19T11:58:00+07:00"),
        ("22/10/2025 06:59", "2025-10-22T06:59:00+07:00"),
        ("20/1/2026", "2026-01-20T00:00:00+07:00"),
    ],
)
def test_printed_shapes_of_unseen_portals(text: str, iso: str) -> None:
    assert to_iso(parse_printed_date(text, WIB)) == iso  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2015-06-16T14-05-11Z", "2015-06-16T21:05:11+07:00"),
        ("2015-06-17T10:05:00+07:00Z", "2015-06-17T10:05:00+07:00"),
        ("2015-06-17T10:05:00&#43;07:00", "2015-06-17T10:05:00+07:00"),
        ("2015-06-17 10:05:00 &lt;span&gt;", "2015-06-17T10:05:00+07:00"),
    ],
)
def test_malformed_metadata_is_repaired(value: str, iso: str) -> None:
    assert to_iso(parse_metadata_date(value, WIB)) == iso  # type: ignore[arg-type]

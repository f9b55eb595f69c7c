"""Hand-run benchmark: parse_printed_date vs plain dateparser on printed Indonesian dates.

Usage: python benchmarks/dates.py

Prints µs per call for both over the same table (after warm-up calls), the ratio, the same for
the fast-path subset, and every string on which the two disagree about the instant. Not a test.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import dateparser  # type: ignore[import-untyped]  # noqa: E402

from newscrawl.normalize import dates  # noqa: E402
from newscrawl.normalize.dates import WIB, parse_printed_date  # noqa: E402

NOW = datetime(2024, 6, 19, 10, 0, tzinfo=UTC)

FORMS = [
    "- 19 Juni 2024, 07:57 WIB",
    "| 19 Juni 2024, 07:57 WIB",
    "Rabu, 19 Juni 2024 | 07:57 WITA",
    "Rabu, 19 Juni 2024 | 07:57 WIT",
    "19/06/2024, 07.57 WIT",
    "19-06-2024 07:57 WIB",
    "19.06.2024 07:57",
    "Jum'at, 5 Jul 2024 - 10:12",
    "Jum\u2019at, 5 Jul 2024 - 10:12",
    "Jumat, 5 Juli 2024 10:12",
    "Senin, 17 Juni 2024 10:12 WIB",
    "Selasa, 18 Juni 2024 10:12 WIB",
    "Kamis, 20 Juni 2024 10:12 WIB",
    "Sabtu, 22 Juni 2024 10:12 WIB",
    "Minggu, 23 Juni 2024 19:00 WIB",
    "Ahad, 23 Juni 2024 19:00 WIB",
    "Diperbarui: 19 Juni 2024 08:00 WIB",
    "Dipublikasikan: 19 Juni 2024 08:00 WIB",
    "Terbit: 19 Juni 2024 08:00 WIB",
    "Update: 19 Juni 2024 08:00 WIB",
    "Diterbitkan 19 Juni 2024 08:00 WIB",
    "6 Nop 2019",
    "6 Nopember 2019",
    "14 Oktober 2020, 21:00 WIB",
    "14 Okt 2020, 21:00 WIB",
    "Jumat, 9 Oktober 2020 13:52",
    "Selasa, 23 Januari 2024",
    "23 Jan 2024",
    "2 Feb 2024 08:00",
    "2 Pebruari 2024 08:00",
    "17 Agustus 2024 10:00 WIB",
    "17 Agt 2024 10:00 WIB",
    "17 Aug 2024 10:00 WIB",
    "1 Sept 2024",
    "1 Mei 2024",
    "1 May 2024",
    "25 Des 2023 12:00",
    "25 Dec 2023 12:00",
    "12 Maret 2024 09:30 WITA",
    "2 April 2024 18:45 WIT",
    "2024-01-23 16:31:16",
    "2024-06-19T07:57:00+08:00",
    "19 Juni 2024 pukul 07.57 WIB",
    "07:57 WIB, 19 Juni 2024",
    "19 Juni 2024 07:57:12 WIB",
    "19 Juni 2024 07:57 Wib",
    "19 Juni 2024 07:57WIB",
    "2 jam yang lalu",
    "5 menit lalu",
    "3 hari yang lalu",
    "1 minggu lalu",
    "kemarin",
    "hari ini",
    "baru saja",
    # Shapes that go to the dateparser fallback.
    "2 bulan lalu",
    "June 19, 2024 7:57 AM",
    "Selasa 23 Jan 2024 16:31 GMT+8",
    # Garbage and impossible dates.
    "Redaksi",
    "abc 2024",
    "31 Februari 2024",
]


def per_call_us(func: Callable[[str], Any], forms: list[str], rounds: int) -> float:
    """Mean µs per call of ``func`` over ``forms``, repeated ``rounds`` times."""
    start = time.perf_counter()
    for _ in range(rounds):
        for text in forms:
            func(text)
    return (time.perf_counter() - start) / (rounds * len(forms)) * 1e6


def ours(text: str) -> datetime | None:
    return parse_printed_date(text, WIB, now=NOW)


def plain(text: str) -> datetime | None:
    return dateparser.parse(text, languages=["id"])  # type: ignore[no-any-return]


def plain_as_instant(text: str) -> datetime | None:
    """dateparser with the same reference instant, naive results read as WIB wall time."""
    base = NOW.astimezone(WIB).replace(tzinfo=None)
    result = dateparser.parse(text, languages=["id"], settings={"RELATIVE_BASE": base})
    if result is None or result.tzinfo is not None:
        return result  # type: ignore[no-any-return]
    return result.replace(tzinfo=WIB)  # type: ignore[no-any-return]


def fast_path_forms() -> list[str]:
    """The forms that parse_printed_date answers without calling dateparser."""
    calls: list[str] = []
    original = dates._fallback

    def spy(text: str, default_tz: tzinfo, now: datetime | None) -> datetime | None:
        calls.append(text)
        return original(text, default_tz, now)

    keep: list[str] = []
    dates._fallback = spy
    try:
        for text in FORMS:
            calls.clear()
            ours(text)
            if not calls:
                keep.append(text)
    finally:
        dates._fallback = original
    return keep


def report(label: str, forms: list[str]) -> None:
    mine = per_call_us(ours, forms, rounds=200)
    theirs = per_call_us(plain, forms, rounds=3)
    print(f"{label} ({len(forms)} strings)")
    print(f"  parse_printed_date : {mine:9.1f} µs/call")
    print(f"  dateparser.parse   : {theirs:9.1f} µs/call")
    print(f"  ratio              : {theirs / mine:9.1f}x faster")


def disagreements() -> None:
    print("Disagreements on the instant (now = 2024-06-19T10:00:00Z, naive = WIB):")
    count = 0
    for text in FORMS:
        mine, theirs = ours(text), plain_as_instant(text)
        if mine != theirs:  # aware datetimes compare as instants
            count += 1
            shown = [dates.to_iso(value) if value else None for value in (mine, theirs)]
            print(f"  {text!r:42} ours={shown[0]}  dateparser={shown[1]}")
    print(f"  {count} of {len(FORMS)}")


def main() -> None:
    first = time.perf_counter()
    plain("19 Juni 2024")
    print(f"dateparser first call (warm-up): {(time.perf_counter() - first) * 1e3:.0f} ms")
    ours("19 Juni 2024")
    ours("2 bulan lalu")
    report("All forms", FORMS)
    report("Fast-path forms", fast_path_forms())
    disagreements()


if __name__ == "__main__":
    main()

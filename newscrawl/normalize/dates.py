"""Normalise the publication dates that Indonesian news portals print or embed.

Portals print local wall-clock times tagged WIB (UTC+7), WITA (UTC+8) or WIT (UTC+9), in a
handful of shapes ("Rabu, 19 Juni 2024 | 07:57 WIB", "19/06/2024, 07.57 WIT", "2 jam yang lalu").
Those shapes are matched by regexes compiled at import time because dateparser costs ~3 ms a
call (and 100+ ms on its first call); dateparser is only a lazily imported fallback for the rest.

Nothing here reads the system clock: relative dates are resolved against an explicit ``now``
(the HTTP response's ``Date`` header), so re-parsing a stored page gives the same answer.
"""

from __future__ import annotations

import html
import re
import warnings
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from typing import Any

__all__ = [
    "WIB",
    "WIT",
    "WITA",
    "ZONES",
    "parse_metadata_date",
    "parse_printed_date",
    "repair_metadata_date",
    "to_iso",
    "zone_for",
]

WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")
WIT = timezone(timedelta(hours=9), "WIT")
ZONES: dict[str, timezone] = {"WIB": WIB, "WITA": WITA, "WIT": WIT}

# Longer than any real printed date: refusing early keeps regexes and dateparser off page dumps.
_MAX_LEN = 200

_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "januari jan january",
            "februari feb pebruari peb february",
            "maret mar march",
            "april apr",
            "mei may",
            "juni jun june",
            "juli jul july",
            "agustus agu agt ags aug august",
            "september sep sept",
            "oktober okt oct october",
            "november nov nopember nop",
            "desember des dec december",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_FLAGS = re.IGNORECASE | re.ASCII
_MARKS = r"(?:[-|\u2022\u00b7\u2013\u2014]\s*)*"
_LABELS = (
    r"diperbarui|dipublikasikan|dipublikasi|diterbitkan|diposting|diunggah|terbit|tanggal"
    r"|updated?|published|posted"
)
_PREFIX = re.compile(rf"^{_MARKS}(?:(?:{_LABELS})\b(?:\s+pada)?\s*:?\s*{_MARKS})?", _FLAGS)
_WEEKDAY = (
    r"(?:(?:senin|selasa|rabu|kamis|jum(?:'|\u2019|`)?at|sabtu|minggu|ahad"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|wed|thu|fri|sat|sun)\.?\s*,?\s*)?"
)
_TIME = r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?"
_ZONE = r"(?:\s*\(?(?P<zone>wita|wib|wit)\)?)?"
_SEP = r"(?:\s*[,|\u2013\u2014-]\s*|\s+(?:at\s+)?|T)(?:(?:pukul|pkl\.?|jam)\s*)?"
_DATES = (
    rf"(?P<day>\d{{1,2}})[\s-]*(?P<month>{_MONTH_RE})\.?[\s-]*(?P<year>\d{{4}})",
    r"(?P<day>\d{1,2})(?P<dsep>[/.-])(?P<month>\d{1,2})(?P=dsep)(?P<year>\d{4})",
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})",
)
_ABSOLUTE = tuple(
    re.compile(pattern, _FLAGS)
    for date in _DATES
    for pattern in (
        rf"{_WEEKDAY}{date}(?:{_SEP}{_TIME})?{_ZONE}",
        rf"{_TIME}{_ZONE}{_SEP}{_WEEKDAY}{date}",
    )
)
_AGO = re.compile(
    r"(?P<count>\d+|se|satu)\s*(?P<unit>detik|menit|jam|hari|minggu|pekan)"
    rf"\s+(?:yang\s+)?lalu{_ZONE}",
    _FLAGS,
)
_DAY_WORD = re.compile(rf"(?P<word>hari ini|kemarin)(?:{_SEP}{_TIME})?{_ZONE}", _FLAGS)
_NOW_WORD = re.compile(rf"(?:baru saja|barusan|sekarang|just now){_ZONE}", _FLAGS)
_RELATIVE = (_AGO, _DAY_WORD, _NOW_WORD)
_UNITS: dict[str, timedelta] = {
    "detik": timedelta(seconds=1),
    "menit": timedelta(minutes=1),
    "jam": timedelta(hours=1),
    "hari": timedelta(days=1),
    "minggu": timedelta(weeks=1),
    "pekan": timedelta(weeks=1),
}
_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?)?"
    r"\s*(?P<offset>Z|[+-]\d{2}(?::?\d{2})?)?",
    _FLAGS,
)
_ANY_ZONE = re.compile(r"(?<![a-z])(wita|wib|wit)\b", _FLAGS)
_DIGIT = re.compile(r"\d", re.ASCII)


def zone_for(name: str) -> timezone:
    """Map a printed zone name (any case) to its fixed offset; KeyError for anything else."""
    return ZONES[name.strip().upper()]


def to_iso(dt: datetime) -> str:
    """Serialise with seconds and offset but no microseconds, so stored values compare as text."""
    if dt.utcoffset() is None:
        raise ValueError(f"naive datetime has no instant: {dt!r}")
    return dt.replace(microsecond=0).isoformat(timespec="seconds")


def parse_printed_date(
    text: str, default_tz: tzinfo = WIB, now: datetime | None = None
) -> datetime | None:
    """Date text as printed on a page -> aware datetime in the printed zone (or default_tz).

    Returns None when the text holds no recognisable date, when it is relative and ``now`` is
    None (the clock is never read), and never raises for any str input.
    """
    if not isinstance(text, str):
        return None
    cleaned = _clean(text)
    if not cleaned or len(cleaned) > _MAX_LEN:
        return None
    for pattern in _ABSOLUTE:
        if match := pattern.fullmatch(cleaned):
            return _absolute(match, default_tz)
    if match := _ISO.fullmatch(cleaned):
        return _from_iso(match, default_tz)  # an explicit offset is the printed zone
    for pattern in _RELATIVE:
        if match := pattern.fullmatch(cleaned):
            return None if now is None else _relative(match, default_tz, now)
    if now is None and not _DIGIT.search(cleaned):
        return None  # absolute dates need digits: skip dateparser's ~3 ms for plain words
    return _fallback(cleaned, default_tz, now)


def parse_metadata_date(value: str, local_tz: tzinfo = WIB) -> datetime | None:
    """Machine-readable date (ISO 8601, or RFC 2822 as in feeds) -> aware datetime in local_tz.

    Offsets '+07:00', '+0700', '+07' and 'Z' are honoured; a naive value is taken as local_tz.
    Returns None when unparseable; never raises.
    """
    if not isinstance(value, str) or len(value) > _MAX_LEN:
        return None
    value = repair_metadata_date(value)
    match = _ISO.fullmatch(value)
    parsed = _from_iso(match, local_tz) if match else _from_rfc2822(value, local_tz)
    if parsed is None:
        return None
    try:
        return parsed.astimezone(local_tz)
    except (OverflowError, ValueError):
        return None


_TAG = re.compile(r"<[^>]*>")
_DASHED_CLOCK = re.compile(r"(?<=T\d{2})-(\d{2})-(\d{2})(?=\D|$)")
_OFFSET_THEN_Z = re.compile(r"([+-]\d{2}:?\d{2})Z$", re.IGNORECASE)


def repair_metadata_date(value: str) -> str:
    """Undo the breakage seen in real metadata before parsing: escaped HTML
    (``&#43;07:00``, a stray ``<span>``), a clock written with dashes (``T14-05-11Z``), and a
    ``Z`` after an explicit offset (``+07:00Z``: the offset is what the page means)."""
    value = _TAG.sub(" ", html.unescape(html.unescape(value))).strip()
    value = _DASHED_CLOCK.sub(r":\1:\2", value)
    return _OFFSET_THEN_Z.sub(r"\1", value)


def _clean(text: str) -> str:
    """Collapse whitespace (incl. NBSP, newlines) and drop leading bullets and labels."""
    collapsed = " ".join(text.split())
    return _PREFIX.sub("", collapsed, count=1).rstrip(" |,-")


def _zone(name: str | None, default: tzinfo) -> tzinfo:
    """The printed zone wins over the caller's default: it is what the page asserts."""
    return ZONES[name.upper()] if name else default


def _absolute(match: re.Match[str], default_tz: tzinfo) -> datetime | None:
    """Build the datetime from a fast-path match; impossible dates give None, not errors."""
    month = match["month"]
    number = int(month) if month.isdigit() else _MONTHS[month.lower()]
    date = (int(match["year"]), number, int(match["day"]))
    return _build(date, match, _zone(match["zone"], default_tz))


def _relative(match: re.Match[str], default_tz: tzinfo, now: datetime) -> datetime | None:
    """Resolve 'N jam yang lalu', 'kemarin', 'baru saja' against ``now``, in the page's zone."""
    if match.re is _DAY_WORD:
        return _day_word(match, now, default_tz)
    local = _local_now(now, _zone(match["zone"], default_tz))
    if match.re is _NOW_WORD:
        return local
    count = match["count"].lower()
    amount = 1 if count in ("se", "satu") else int(count)
    try:
        return local - amount * _UNITS[match["unit"].lower()]
    except OverflowError:
        return None


def _day_word(match: re.Match[str], now: datetime, default_tz: tzinfo) -> datetime | None:
    """'hari ini' / 'kemarin' are calendar days in the page's zone, at 00:00 unless timed."""
    zone = _zone(match["zone"], default_tz)
    day = _local_now(now, zone).date()
    if match["word"].lower() == "kemarin":
        day -= timedelta(days=1)
    return _build((day.year, day.month, day.day), match, zone)


def _build(
    date: tuple[int, int, int], match: re.Match[str], zone: tzinfo, micro: int = 0
) -> datetime | None:
    """Add the match's optional clock to a date; impossible values give None, not errors."""
    hour, minute, second = (int(match[part] or 0) for part in ("hour", "minute", "second"))
    try:
        return datetime(*date, hour, minute, second, micro, tzinfo=zone)
    except ValueError:
        return None


def _local_now(now: datetime, zone: tzinfo) -> datetime:
    """``now`` in ``zone``; a naive ``now`` is UTC, as HTTP Date headers are."""
    if now.utcoffset() is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(zone)


def _from_iso(match: re.Match[str], naive_tz: tzinfo) -> datetime | None:
    """Build an ISO 8601 match in its own offset (naive_tz when it has none)."""
    micro = int((match["fraction"] or "")[:6].ljust(6, "0"))
    try:
        zone = _offset(match["offset"]) if match["offset"] else naive_tz
    except ValueError:
        return None
    date = (int(match["year"]), int(match["month"]), int(match["day"]))
    return _build(date, match, zone, micro)


def _offset(text: str) -> tzinfo:
    """'Z', '+07', '+0700' or '+07:00' -> fixed zone; ValueError when out of range."""
    if text.upper() == "Z":
        return UTC
    digits = text[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    return timezone(-delta if text[0] == "-" else delta)


def _from_rfc2822(value: str, naive_tz: tzinfo) -> datetime | None:
    """RSS/HTTP style 'Wed, 07 Oct 2020 15:13:00 +0700'; some portals use it in metadata."""
    if not value or not _DIGIT.search(value):
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed if parsed.utcoffset() is not None else parsed.replace(tzinfo=naive_tz)


def _fallback(text: str, default_tz: tzinfo, now: datetime | None) -> datetime | None:
    """Hand rare shapes to dateparser, pinned so it neither reads the clock nor raises."""
    try:
        settings = _dateparser_settings(default_tz, now)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import dateparser  # type: ignore[import-untyped]  # lazy: 100+ ms to import

            result = dateparser.parse(text, languages=["id", "en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; the contract is None
        return None
    if not isinstance(result, datetime):
        return None
    if result.utcoffset() is None:
        return result.replace(tzinfo=default_tz)
    printed = _ANY_ZONE.search(text)
    try:
        return result.astimezone(_zone(printed[1] if printed else None, default_tz))
    except (OverflowError, ValueError):
        return None


def _dateparser_settings(default_tz: tzinfo, now: datetime | None) -> dict[str, Any]:
    """Without ``now`` refuse relative and partial dates, which dateparser fills from the clock."""
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "TIMEZONE": "UTC"}
    if now is None:
        settings["PARSERS"] = ["custom-formats", "absolute-time"]
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
        return settings
    local = _local_now(now, default_tz)
    offset = local.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    settings["TIMEZONE"] = f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    settings["RELATIVE_BASE"] = local.replace(tzinfo=None)
    settings["PARSERS"] = ["relative-time", "custom-formats", "absolute-time"]
    return settings

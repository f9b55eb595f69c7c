"""Spider arguments (``-a name=value``) checked before any request: a typo must not change
the crawl.

:func:`parse` is a pure function of the raw strings (and the clock it is given): it returns a
typed :class:`SpiderArgs` or raises :class:`~newscrawl.errors.UsageError` with one line saying
which argument is wrong and what it accepts. ``scrapy crawl`` calls it before the crawl starts,
so a refusal costs no request; the spider calls it again to build itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from newscrawl.errors import UsageError
from newscrawl.normalize.dates import zone_for
from newscrawl.normalize.urls import host_of
from newscrawl.portals import Portal, load_network, portal_for_host

KNOWN = ("sites", "start_urls", "max_pages", "since", "until", "refresh", "discover")
PASSED_THROUGH = ("_job",)  # scrapyd adds ``-a _job=ID`` to every run it schedules
DISCOVER_KINDS = ("links", "sitemaps", "feeds")
_DAYS_AGO = re.compile(r"(\d{1,4})d")


@dataclass(frozen=True)
class SpiderArgs:
    """The validated arguments of a network spider."""

    portals: tuple[Portal, ...] = ()
    start_urls: tuple[str, ...] = ()
    max_pages: int | None = None
    since: date | None = None
    until: date | None = None
    refresh: float | None = None
    discover: frozenset[str] = frozenset(DISCOVER_KINDS)
    extra: dict[str, Any] = field(default_factory=dict)  # PASSED_THROUGH names, for Scrapy
    given: dict[str, str] = field(default_factory=dict)  # as typed, for the run summary


def parse(
    registry: str, raw: Mapping[str, Any], now: datetime | None = None, own: tuple[str, ...] = ()
) -> SpiderArgs:
    """``raw`` (``-a`` values, strings or already typed) checked against ``registry``'s portals;
    relative dates are resolved against ``now`` (default: the current time). ``own``: names a
    spider takes beside these (checked by it), listed among the known ones."""
    unknown = sorted(set(raw) - set(KNOWN) - set(PASSED_THROUGH) - set(own))
    if unknown:
        known = ", ".join((*KNOWN, *own))
        raise UsageError(f"unknown argument(s) -a {', '.join(unknown)}; known: {known}")
    values = {k: v for k, v in raw.items() if v not in (None, "")}
    seeds = tuple(check_url(u) for u in listed(values.get("start_urls")))
    portals = select(registry, listed(values.get("sites")), bool(seeds))
    zone = shared_zone(portals, seeds)
    clock = now or datetime.now(UTC)
    since, until = (day(values.get(n), n, clock, zone) for n in ("since", "until"))
    if since and until and until < since:
        raise UsageError(f"-a until={until} is before -a since={since}: the window is empty")
    return SpiderArgs(
        portals=portals,
        start_urls=seeds,
        max_pages=whole(values.get("max_pages"), "max_pages"),
        since=since,
        until=until,
        refresh=days(values.get("refresh")),
        discover=kinds(values.get("discover")),
        extra={k: raw[k] for k in PASSED_THROUGH if k in raw},
        given={k: str(v) for k, v in values.items()},
    )


def listed(value: Any) -> list[str]:
    """A comma-separated ``-a`` value (or a list, from code) as its non-empty items."""
    items = value.split(",") if isinstance(value, str) else list(value or [])
    return [str(v).strip() for v in items if str(v).strip()]


def check_url(url: str) -> str:
    """An http(s) URL with a host, else a refusal."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"-a start_urls: {url!r} is not an http:// or https:// URL")
    return url


def select(registry: str, ids: list[str], seeded: bool) -> tuple[Portal, ...]:
    """The portals named (checked even beside ``start_urls``); none named: all of them,
    unless ``start_urls`` replace the registry."""
    portals = load_network(registry)
    if not ids:
        return () if seeded else portals
    by_id = {p.id: p for p in portals}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise UsageError(
            f"-a sites: unknown {registry} portal id(s) {', '.join(unknown)} "
            f"(see newscrawl/portals/{registry}.csv, e.g. {', '.join(sorted(by_id)[:3])})"
        )
    return tuple(by_id[i] for i in dict.fromkeys(ids))


def shared_zone(portals: tuple[Portal, ...], seeds: tuple[str, ...]) -> str:
    """The zone relative dates are read in: the crawled portals' own when they share one
    (seed hosts a registry knows count too), else WIB."""
    known = [portal_for_host(host_of(u)) for u in seeds]
    zones = {p.zone for p in (*portals, *known) if p is not None}
    return zones.pop() if len(zones) == 1 else "WIB"


def day(value: Any, name: str, now: datetime, zone: str) -> date | None:
    """``YYYY-MM-DD``, ``today``, ``yesterday`` or ``Nd`` (N days ago), in ``zone``."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip().lower()
    today = now.astimezone(zone_for(zone)).date()
    ago = _DAYS_AGO.fullmatch(text)
    if text in ("today", "yesterday") or ago:
        back = 0 if text == "today" else 1 if text == "yesterday" else int(ago.group(1))  # type: ignore[union-attr]
        return today - timedelta(days=back)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"-a {name}={value}: not a date (YYYY-MM-DD, today, yesterday or Nd)"
        ) from None


def whole(value: Any, name: str) -> int | None:
    """A whole number ≥ 1."""
    if value is None:
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if number < 1:
        raise UsageError(f"-a {name}={value}: must be a whole number ≥ 1")
    return number


def days(value: Any) -> float | None:
    """``refresh``: a positive, finite number of days."""
    if value is None:
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number <= 0:
        raise UsageError(f"-a refresh={value}: must be a number of days > 0")
    return number


def kinds(value: Any) -> frozenset[str]:
    """``discover``: a non-empty subset of links, sitemaps, feeds."""
    if value is None:
        return frozenset(DISCOVER_KINDS)
    found = listed(value)
    unknown = [k for k in found if k not in DISCOVER_KINDS]
    if unknown or not found:
        raise UsageError(
            f"-a discover={value}: unknown kind(s) {', '.join(unknown) or '(none given)'}; "
            f"known: {', '.join(DISCOVER_KINDS)}"
        )
    return frozenset(found)

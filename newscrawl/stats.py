"""One way to count: every event of ours is a Scrapy stat named ``newscrawl/<area>/<event>``.

Components hold the crawler's stats collector (or None outside a crawl, e.g. a pipeline run by
``scrapy extract`` without stats) and count through :func:`inc`, so the namespace is written
in one place and the summary can find our keys by prefix.
"""

from __future__ import annotations

from scrapy.statscollectors import StatsCollector

PREFIX = "newscrawl/"


def key(name: str) -> str:
    """The full stat key of ``area/event``."""
    return name if name.startswith(PREFIX) else PREFIX + name


def inc(stats: StatsCollector | None, name: str, count: int = 1) -> None:
    """Add ``count`` to ``newscrawl/<name>``; nothing without a collector."""
    if stats is not None:
        stats.inc_value(key(name), count)

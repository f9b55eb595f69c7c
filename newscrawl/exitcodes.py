"""The exit codes of ``scrapy crawl`` and ``scrapy extract``, and how a finished run maps to one.

Cron and scrapyd only look at the code, so each failure an operator must act on has its own:

====  ===================  =====================================================================
code  name                 meaning
====  ===================  =====================================================================
0     OK                   finished, including "nothing new"
1     FAILED               an unexpected error (a bug): see the log
2     USAGE                bad arguments or configuration (nothing was requested)
3     UNREACHABLE          no portal answered: every request failed (DNS, refused, timeout, 5xx)
4     OUTPUT_LOST          a feed or state write failed (``output/lost`` or ``output/failed_files``)
5     REDIS_UNAVAILABLE    the Redis of a distributed run could not be reached or was lost
6     INTERRUPTED          stopped by Ctrl-C / SIGTERM (or any other unplanned close reason)
====  ===================  =====================================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    """Process exit status of a run; see the module docstring."""

    OK = 0
    FAILED = 1
    USAGE = 2
    UNREACHABLE = 3
    OUTPUT_LOST = 4
    REDIS_UNAVAILABLE = 5
    INTERRUPTED = 6


# Scrapy finish reasons (and ours) that are not a normal end.
REASONS = {
    "finished": ExitCode.OK,
    "no_portal_reachable": ExitCode.UNREACHABLE,
    "output_lost": ExitCode.OUTPUT_LOST,
    "redis_unavailable": ExitCode.REDIS_UNAVAILABLE,
    "shutdown": ExitCode.INTERRUPTED,
}
LOST = "newscrawl/output/lost"
FAILED_FILES = "newscrawl/output/failed_files"  # e.g. a Parquet file not mended


def for_run(stats: Mapping[str, Any]) -> ExitCode:
    """The code of a run that started, from its final stats: lost output outranks everything
    (records are gone), then the finish reason. ``closespider_*`` limits are the operator's
    own bound on the run (0); any other reason means the run was cut short."""
    if int(stats.get(LOST, 0) or 0) > 0 or int(stats.get(FAILED_FILES, 0) or 0) > 0:
        return ExitCode.OUTPUT_LOST
    reason = str(stats.get("finish_reason") or "")
    if not reason:
        return ExitCode.FAILED  # the engine never closed the spider: it did not run
    if reason.startswith("closespider_"):
        return ExitCode.OK
    return REASONS.get(reason, ExitCode.INTERRUPTED)

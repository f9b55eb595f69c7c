"""The run summaries of a folder, read and folded into what the report shows.

Every ``*.summary.json`` below the folder is one run (:mod:`newscrawl.summary`). A file that
is not a summary (unreadable, not JSON, no ``portals``) is skipped with a warning: one bad file
must not hide the others.
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


@dataclass
class Runs:
    """What the report draws, folded over all runs."""

    runs: list[dict[str, Any]] = field(default_factory=list)  # by start time
    skipped: list[str] = field(default_factory=list)

    @property
    def days(self) -> list[str]:
        return sorted({str(run["started"])[:10] for run in self.runs})

    def articles_per_day(self) -> dict[str, Counter[str]]:
        """Portal -> day -> articles emitted (runs of one day added up)."""
        found: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for run in self.runs:
            for site, row in run["portals"].items():
                found[site][str(run["started"])[:10]] += int(row.get("emitted", 0))
        return dict(found)

    def coverage(self) -> dict[str, dict[str, float]]:
        """Portal -> field -> share of its records with the field filled, weighted by run."""
        filled: defaultdict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
        emitted: Counter[str] = Counter()
        for run in self.runs:
            for site, row in run["portals"].items():
                n = int(row.get("emitted", 0))
                emitted[site] += n
                for name, share in row.get("field_coverage", {}).items():
                    filled[site][name] += float(share) * n
        return {s: {f: round(v / emitted[s], 3) for f, v in filled[s].items()}
                for s in sorted(filled) if emitted[s]}  # fmt: skip

    def over_time(self, key: str) -> list[tuple[str, Counter[str]]]:
        """Per run (its start): ``dropped`` by reason or ``errors`` by kind, all portals."""
        out = []
        for run in self.runs:
            total: Counter[str] = Counter()
            for row in run["portals"].values():
                total.update({k: int(v) for k, v in row.get(key, {}).items()})
            out.append((str(run["started"]), total))
        return out

    def slowest(self, limit: int = 10) -> list[tuple[str, float, int]]:
        """Portals by seconds per fetched page (all runs): portal, s/page, pages."""
        seconds: defaultdict[str, float] = defaultdict(float)
        pages: Counter[str] = Counter()
        for run in self.runs:
            for site, row in run["portals"].items():
                seconds[site] += float(row.get("active_seconds", 0))
                pages[site] += int(row.get("pages_fetched", 0))
        rates = [(s, round(seconds[s] / pages[s], 2), pages[s]) for s in pages if pages[s]]
        return sorted(rates, key=lambda r: (-r[1], r[0]))[:limit]

    def dead(self) -> list[tuple[str, str, dict[str, int]]]:
        """Portals whose latest run fetched no page: portal, that run's start, its errors."""
        latest: dict[str, tuple[str, dict[str, Any]]] = {}
        for run in self.runs:
            for site, row in run["portals"].items():
                latest[site] = (str(run["started"]), row)
        return [(s, when, dict(row.get("errors", {}))) for s, (when, row) in sorted(latest.items())
                if int(row.get("pages_fetched", 0)) == 0]  # fmt: skip


def read(folder: Path) -> Runs:
    """Every summary below ``folder``, oldest run first."""
    found = Runs()
    for path in sorted(folder.rglob("*summary.json")):
        run = load(path)
        if run is None:
            found.skipped.append(str(path))
        else:
            found.runs.append(run)
    found.runs.sort(key=lambda run: str(run["started"]))
    return found


def load(path: Path) -> dict[str, Any] | None:
    """One summary, or None (with a warning) for a file that is not one."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        logger.warning("Not a run summary, skipped: %s (%s)", path, exc)
        return None
    if not isinstance(data, dict) or not isinstance(data.get("portals"), dict):
        logger.warning("Not a run summary, skipped: %s (no portals)", path)
        return None
    if "started" not in data:
        logger.warning("Not a run summary, skipped: %s (no start time)", path)
        return None
    return data

"""Invented run summaries for the report tests: three runs over two days, three portals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def row(pages: int, emitted: int, seconds: float = 0.0, **extra: Any) -> dict[str, Any]:
    coverage = {"title": 1.0, "body": 1.0, "authors": extra.pop("authors", 0.5)}
    return {"pages_fetched": pages, "active_seconds": seconds, "emitted": emitted,
            "skipped_known": 0, "dropped": extra.pop("dropped", {}),
            "errors": extra.pop("errors", {}),
            "field_coverage": coverage if emitted else {}}  # fmt: skip


RUNS = {
    "prmn/2024-06-10T01-00-00.summary.json": {
        "started": "2024-06-10T01:00:00+00:00",
        "portals": {
            "alpha": row(10, 4, 5.0, authors=1.0, dropped={"no_body": 1}),
            "beta": row(8, 2, 16.0, authors=0.0, errors={"http_404": 2}),
            "gamma": row(3, 1, 1.5),
        },
    },
    "prmn/2024-06-10T13-00-00.summary.json": {
        "started": "2024-06-10T13:00:00+00:00",
        "portals": {"alpha": row(6, 2, 3.0, authors=0.0), "gamma": row(0, 0, errors={"dns": 3})},
    },
    "tribun/2024-06-11T01-00-00.summary.json": {
        "started": "2024-06-11T01:00:00+00:00",
        "portals": {"beta": row(4, 3, 2.0, authors=1.0, dropped={"no_body": 2, "no_date": 1})},
    },
}


def write_runs(folder: Path) -> Path:
    for name, run in RUNS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"spider": name.split("/")[0], **run}), "utf-8")
    (folder / "prmn" / "broken.summary.json").write_text("{not json", "utf-8")
    return folder

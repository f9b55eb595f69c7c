"""Extraction quality on labelled real pages: ``python benchmarks/real_pages.py DIR``.

For every ``*.expected.json`` label under DIR (format: shared/real-pages/LABELS.md) this runs
the same extraction and pipelines as ``scrapy extract`` and prints, per page and overall,
whether title, date, authors, editor, section, tags and sources match, the body's precision,
recall and F1 over 4-word shingles of ``\\w+`` tokens, and any labelled boilerplate string
found in the body. Run by hand; the labelled pages live outside the project.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from scrapy.utils.project import get_project_settings

from newscrawl.commands.extract import extract_files, pipelines

FIELDS = ("title", "published_at", "published_raw", "authors", "editor", "section", "tags",
          "sources")  # fmt: skip
WORD = re.compile(r"\w+")


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return Counter(tuple(words[i : i + size]) for i in range(max(len(words) - size + 1, 0)))


def body_scores(got: str, want: str) -> tuple[float, float, float]:
    g, w = shingles(got), shingles(want)
    common = sum((g & w).values())
    precision = common / max(sum(g.values()), 1)
    recall = common / max(sum(w.values()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(label_path: Path, networks: set[str] | None) -> dict[str, Any] | None:
    label = json.loads(label_path.read_text("utf-8"))
    if networks and label.get("network") not in networks:
        return None
    page = label_path.parent / label["html"]
    items = list(extract_files([page], label["url"], pipelines(get_project_settings())))
    record = items[0].record() if items else {}
    result: dict[str, Any] = {"page": label["html"]}
    for name in FIELDS:
        result[name] = record.get(name) == label.get(name)
    body = record.get("body") or ""
    result["precision"], result["recall"], result["f1"] = body_scores(body, label["body"])
    result["leaks"] = [b for b in label.get("boilerplate", []) if b.lower() in body.lower()]
    result["mismatch"] = {n: [record.get(n), label.get(n)] for n in FIELDS if not result[n]}
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--network", action="append", help="only labels of this network")
    args = parser.parse_args()
    nets = set(args.network) if args.network else None
    rows = [r for p in sorted(args.folder.rglob("*.expected.json")) if (r := score(p, nets))]
    for row in rows:
        flags = " ".join(f"{n}={'ok' if row[n] else 'NO'}" for n in FIELDS)
        print(
            f"{row['page']}\n  {flags}\n  body P={row['precision']:.3f} "
            f"R={row['recall']:.3f} F1={row['f1']:.3f} leaks={row['leaks']}"
        )
        for name, (got, want) in row["mismatch"].items():
            print(f"  {name}: got {got!r} want {want!r}")
    if rows:
        exact = sum(all(r[n] for n in FIELDS) for r in rows)
        mean_f1 = sum(r["f1"] for r in rows) / len(rows)
        print(f"\n{len(rows)} pages: all fields exact on {exact}; mean body F1 {mean_f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

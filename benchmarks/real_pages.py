"""Extraction quality on labelled real pages: ``python benchmarks/real_pages.py DIR``.

DIR is any folder of saved pages with labels next to them (the shared real pages, or pages
of portals nobody here has seen). For every ``*.expected.json`` label under DIR (format:
shared/real-pages/LABELS.md) this runs the same extraction and pipelines as
``scrapy extract`` and prints, per page and overall, whether title, date, authors, editor,
section, tags and sources match, the body's precision, recall and F1 over 4-word shingles of
``\\w+`` tokens, and any labelled boilerplate string found in the body. A label with
``"dropped": "<reason>"`` (a home or listing page) instead expects no record. The totals
count articles lost (no record), non-articles emitted, and exact titles, dates and authors.
``--peers`` scores trafilatura (``extract(..., with_metadata=True)``) on the same pages in
the same run. Run by hand; the labelled pages live outside the project.
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

from newscrawl.offline import extract_files, pipelines

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
    result: dict[str, Any] = {"page": label["html"], "emitted": bool(items)}
    if "dropped" in label:  # a page that must give no record
        return {**result, "non_article": True}
    for name in FIELDS:
        result[name] = record.get(name) == label.get(name)
    body = record.get("body") or ""
    result["precision"], result["recall"], result["f1"] = body_scores(body, label["body"])
    result["leaks"] = [b for b in label.get("boilerplate", []) if b.lower() in body.lower()]
    result["mismatch"] = {n: [record.get(n), label.get(n)] for n in FIELDS if not result[n]}
    return result


def peer_score(label_path: Path) -> dict[str, Any]:
    """trafilatura on the same page: title, date (day only: it drops time and zone), authors,
    tags and body scores, for a side-by-side table."""
    import trafilatura  # benchmark-only dependency: pip install -e '.[bench]'

    label = json.loads(label_path.read_text("utf-8"))
    html = (label_path.parent / label["html"]).read_bytes()
    raw = trafilatura.extract(html, url=label["url"], with_metadata=True, output_format="json")
    got = json.loads(raw) if raw else {}
    authors = [a.strip() for a in (got.get("author") or "").split(";") if a.strip()]
    tags = [t.strip() for t in (got.get("tags") or "").split(",") if t.strip()]
    scores = body_scores(got.get("text") or "", label["body"])
    return {
        "title": got.get("title") == label["title"],
        "published_at": got.get("date") == label["published_at"],
        "authors": authors == label["authors"],
        "tags": tags == label["tags"],
        "f1": scores[2],
        "leaks": [
            b for b in label.get("boilerplate", []) if b.lower() in (got.get("text") or "").lower()
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--network", action="append", help="only labels of this network")
    parser.add_argument("--peers", action="store_true", help="score trafilatura side by side")
    args = parser.parse_args()
    nets = set(args.network) if args.network else None
    labels = sorted(args.folder.rglob("*.expected.json"))
    scored = [(p, r) for p in labels if (r := score(p, nets))]
    others = [r for _, r in scored if r.get("non_article")]
    labels = [p for p, r in scored if not r.get("non_article")]
    rows = [r for _, r in scored if not r.get("non_article")]
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
    if rows or others:
        print_totals(rows, others)
    if args.peers and rows:
        print_peers(rows, labels)
    return 0


def print_totals(rows: list[dict[str, Any]], others: list[dict[str, Any]]) -> None:
    """The counts the extraction issue sets targets for."""
    lost = sum(not r["emitted"] for r in rows)
    counts = {n: sum(bool(r[n]) for r in rows) for n in ("title", "published_at", "authors")}
    leaks = sum(len(r["leaks"]) for r in rows)
    emitted = [r["page"] for r in others if r["emitted"]]
    print(
        f"lost {lost} of {len(rows)}; titles {counts['title']}/{len(rows)}, dates "
        f"{counts['published_at']}/{len(rows)}, authors {counts['authors']}/{len(rows)}; "
        f"leaks {leaks}; non-articles emitted {len(emitted)} of {len(others)} {emitted}"
    )


def print_peers(rows: list[dict[str, Any]], labels: list[Path]) -> None:
    """Side by side: newscrawl and trafilatura on the same pages."""
    cols = ("title", "published_at", "authors", "tags")
    print(f"\n{'page':48} {'':12} " + " ".join(f"{c[:9]:>9}" for c in cols) + "  body F1  leaks")
    ours_f1, peer_f1 = [], []
    for row, label in zip(rows, labels, strict=True):
        peer = peer_score(label)
        for name, result in (("newscrawl", row), ("trafilatura", peer)):
            marks = " ".join(f"{'ok' if result[c] else 'NO':>9}" for c in cols)
            leaks = len(result["leaks"])
            print(f"{row['page'][:48]:48} {name:12} {marks}  {result['f1']:.3f}  {leaks}")
        ours_f1.append(row["f1"])
        peer_f1.append(peer["f1"])
    ours, peer = sum(ours_f1) / len(ours_f1), sum(peer_f1) / len(peer_f1)
    print(f"\nmean body F1: newscrawl {ours:.3f}, trafilatura {peer:.3f} ({ours - peer:+.3f})")


if __name__ == "__main__":
    sys.exit(main())

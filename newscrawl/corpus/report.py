"""What ``scrapy corpus`` does over a folder of feeds: stats, dedup, export.

- :func:`corpus_stats`: articles per portal, per publication day (the portal's local day),
  per language, and the share marked ``duplicate_of``.
- :func:`remark`: near-duplicate marking again over old feeds, in the order the records were
  crawled (``crawled_at``), as the crawl would have marked them had the index held them all.
- :func:`export_months`: the feeds merged into one Parquet file per publication month.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from newscrawl.corpus.feeds import Feeds, lines_of, rewrite
from newscrawl.corpus.index import MemoryIndex, NearDupIndex
from newscrawl.corpus.minhash import Signature, signature
from newscrawl.corpus.neardup import THRESHOLD, NearDuplicates
from newscrawl.corpus.parquet import ParquetWriter
from newscrawl.items import RECORD_FIELDS

UNDATED = "undated"


def corpus_stats(feeds: Feeds) -> dict[str, Any]:
    """Counts over every record (see the module's docstring)."""
    sites: Counter[str] = Counter()
    site_dups: Counter[str] = Counter()
    days: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    for record in feeds.records():
        site = str(record.get("site") or "unknown")
        sites[site] += 1
        site_dups[site] += bool(record.get("duplicate_of"))
        days[str(record.get("published_at") or "")[:10] or UNDATED] += 1
        languages[str(record.get("language") or "unknown")] += 1
    total, dups = sum(sites.values()), sum(site_dups.values())
    return {
        "files": len(feeds.files),
        "articles": total,
        "duplicates": dups,
        "duplicate_rate": round(dups / total, 4) if total else 0.0,
        "bad_lines": feeds.bad_lines,
        "portals": {
            s: {"articles": n, "duplicates": site_dups[s]} for s, n in sorted(sites.items())
        },
        "days": dict(sorted(days.items())),
        "languages": dict(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def _order(record: dict[str, Any]) -> tuple[str, str, str]:
    return (str(record.get("crawled_at") or ""), str(record.get("published_at") or ""),
            str(record.get("url") or ""))  # fmt: skip


def verdicts(feeds: Feeds, index: NearDupIndex, threshold: float) -> dict[str, str | None]:
    """URL -> the earliest copy's URL (or None), records taken in crawl order. Only the
    signatures are held in memory (~0.6 KB a record), never the bodies."""
    seen: list[tuple[tuple[str, str, str], str, str | None, Signature | None]] = []
    for record in feeds.records():
        if record.get("url"):
            sig = signature(str(record.get("body") or ""))
            seen.append((_order(record), record["url"], record.get("site"), sig))
    seen.sort(key=lambda entry: entry[0])
    finder = NearDuplicates(index, threshold)
    return {url: finder.original_for(url, site, sig) for _, url, site, sig in seen}


def remark(
    folder: Path, index: NearDupIndex | None = None, threshold: float = THRESHOLD
) -> dict[str, int]:
    """Re-mark ``duplicate_of`` in every feed under ``folder``, each file rewritten in place
    (unreadable lines are kept as they were; a file is held in memory while rewritten)."""
    feeds = Feeds(folder)
    found = verdicts(feeds, index if index is not None else MemoryIndex(), threshold)
    changed = 0
    for path in feeds.files:
        out: list[bytes] = []
        for _, line, record in lines_of(path):
            if record is None:  # logged and counted by verdicts(); kept as it was
                out.append(line)
                continue
            new = found.get(record.get("url") or "")
            changed += record.get("duplicate_of") != new
            record["duplicate_of"] = new
            out.append(json.dumps(record, ensure_ascii=False).encode() + b"\n")
        rewrite(path, out)
    marked = sum(v is not None for v in found.values())
    return {"files": len(feeds.files), "records": len(found), "marked": marked,
            "changed": changed, "bad_lines": feeds.bad_lines}  # fmt: skip


def month_of(record: dict[str, Any]) -> str:
    """``2024-06``: the publication month on the portal's own calendar."""
    published = str(record.get("published_at") or "")
    return published[:7] if len(published) >= 7 and published[4] == "-" else UNDATED


def export_months(folder: Path, output: Path) -> dict[str, int]:
    """One ``<YYYY-MM>.parquet`` per publication month under ``output`` (``undated.parquet``
    for records without a date); returns the records written per file name."""
    feeds = Feeds(folder)
    output.mkdir(parents=True, exist_ok=True)
    writers: dict[str, ParquetWriter] = {}
    counts: Counter[str] = Counter()
    try:
        for record in feeds.records():
            month = month_of(record)
            if month not in writers:
                writers[month] = ParquetWriter(output / f"{month}.parquet", list(RECORD_FIELDS))
            writers[month].write(record)
            counts[f"{month}.parquet"] += 1
    finally:
        for writer in writers.values():
            writer.close()
    return dict(sorted(counts.items()))

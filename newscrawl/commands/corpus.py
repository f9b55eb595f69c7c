"""``scrapy corpus stats|dedup|export FOLDER``: work on a folder of feeds after the crawl.

- ``stats FOLDER [--json]``: articles per portal, per day and per language; duplicate rate.
- ``dedup FOLDER``: near-duplicate marking again over old feeds (``duplicate_of`` rewritten
  in place, each file atomically), e.g. after feeds from several machines were gathered.
- ``export FOLDER -o OUTDIR``: the feeds merged into one Parquet file per month.

FOLDER holds ``.jsonl`` and ``.jsonl.gz`` feeds (partitions included), searched recursively.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newscrawl.corpus.feeds import Feeds
from newscrawl.corpus.report import corpus_stats, export_months, remark

ACTIONS = ("stats", "dedup", "export")


def stats_text(stats: dict[str, Any]) -> str:
    """The stats as a short plain-text report."""
    lines = [
        f"{stats['articles']} articles in {stats['files']} feeds; {stats['duplicates']} marked "
        f"duplicate_of ({stats['duplicate_rate']:.1%}); {stats['bad_lines']} unreadable lines",
        "portals:",
        *(f"  {s}: {v['articles']} ({v['duplicates']} duplicates)"
          for s, v in stats["portals"].items()),
        "days:",
        *(f"  {d}: {n}" for d, n in stats["days"].items()),
        "languages:",
        *(f"  {lang}: {n}" for lang, n in stats["languages"].items()),
    ]  # fmt: skip
    return "\n".join(lines)


class Command(ScrapyCommand):
    requires_project = True
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "WARNING"}

    def syntax(self) -> str:
        return "stats|dedup|export FOLDER [--json] [-o OUTDIR]"

    def short_desc(self) -> str:
        return "Corpus tools over a folder of feeds: stats, re-marking duplicates, Parquet export"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", help="export: the folder for <YYYY-MM>.parquet")
        parser.add_argument("--json", action="store_true", help="stats: print JSON")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 2 or args[0] not in ACTIONS:
            raise UsageError(f"give one of {', '.join(ACTIONS)} and a folder of feeds")
        action, folder = args[0], Path(args[1])
        if not folder.exists():
            raise UsageError(f"no such folder: {folder}")
        assert self.settings is not None
        if action == "stats":
            stats = corpus_stats(Feeds(folder))
            print(json.dumps(stats, indent=2) if opts.json else stats_text(stats))
        elif action == "dedup":
            threshold = self.settings.getfloat("NEWSCRAWL_NEAR_DUPLICATES_THRESHOLD")
            print(json.dumps(remark(folder, threshold=threshold)))
        else:
            if not opts.output:
                raise UsageError("export needs -o OUTDIR")
            counts = export_months(folder, Path(opts.output))
            print(json.dumps(counts))
        sys.stdout.flush()

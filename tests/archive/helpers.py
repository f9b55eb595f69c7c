"""Helpers for the archive tests: the middlewares' settings and a crawl of real hosts."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from scrapy.utils.project import get_project_settings

from tests.conftest import ROOT
from tests.e2e.crawling import Crawl

ARCHIVE_MIDDLEWARES = {
    "newscrawl.archive.writer.ArchiveMiddleware": 950,
    "newscrawl.archive.replay.ReplayMiddleware": 960,
}


def middleware_args() -> list[str]:
    """``-s DOWNLOADER_MIDDLEWARES=...``: the project's middlewares plus the archive's, so the
    tests do not depend on settings.py enabling them."""
    configured = get_project_settings().getdict("DOWNLOADER_MIDDLEWARES")
    return ["-s", f"DOWNLOADER_MIDDLEWARES={json.dumps({**configured, **ARCHIVE_MIDDLEWARES})}"]


def final_stats(log: str) -> dict[str, Any]:
    """The stats Scrapy dumps at the end of a crawl's log."""
    text = log.split("Dumping Scrapy stats:", 1)[1].split("\n", 1)[1]
    return dict(
        ast.literal_eval(re.sub(r"datetime\.datetime\([^)]*\)", "None", text.split("\n20")[0]))
    )


def crawl_command(tmp: Path, *args: str) -> Crawl:
    """``scrapy crawl ARGS`` with its feed, log, state and summary in ``tmp``; no server."""
    feed, log = tmp / "articles.jsonl", tmp / "crawl.log"
    command = [sys.executable, "-m", "scrapy", "crawl", *args, *middleware_args(),
               "-O", str(feed), "-s", f"LOG_FILE={log}", "-s", "DOWNLOAD_DELAY=0",
               "-s", "AUTOTHROTTLE_ENABLED=False",
               "-s", f"NEWSCRAWL_STATE={tmp / 'state.sqlite'}",
               "-s", f"NEWSCRAWL_SUMMARY={tmp / 'summary.json'}"]  # fmt: skip
    subprocess.run(command, cwd=ROOT, check=True, timeout=300)
    text = log.read_text("utf-8")
    records = [json.loads(line) for line in feed.read_text("utf-8").splitlines()]
    return Crawl(records, text, final_stats(text), [])

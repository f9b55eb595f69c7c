"""Helpers for end-to-end tests: run ``scrapy crawl`` as a subprocess, read what it left."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, expected_records, site_origins

NOT_COMPARED = ("case", "crawled_at", "content_hash", "duplicate_of")


@dataclass
class Crawl:
    """What one crawl left: its feed, its log, its final stats, the requests the server saw."""

    records: list[dict[str, Any]]
    log: str
    stats: dict[str, Any]
    requests: list[tuple[str, str]]


def run_crawl(server: Any, tmp: Path, spider: str, network: str | None, *args: str) -> Crawl:
    """``scrapy crawl SPIDER`` from the home pages of every fixture portal of ``network``."""
    start_urls = ",".join(f"{server.origins[site]}/" for site in expected_records(network))
    return crawl_from(server, tmp, spider, start_urls, *args)


def crawl_from(server: Any, tmp: Path, spider: str, start: str, *args: str) -> Crawl:
    """``scrapy crawl SPIDER -a start_urls=START`` with a fresh state in ``tmp``, as a
    subprocess; ``args`` come after ours, so they may override them."""
    before = len(server.requests)
    tmp.mkdir(parents=True, exist_ok=True)
    feed, log = tmp / "articles.jsonl", tmp / "crawl.log"
    command = [sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"start_urls={start}",
               "-s", f"NEWSCRAWL_STATE={tmp / 'state.sqlite'}",
               "-s", f"NEWSCRAWL_SUMMARY={tmp / 'summary.json'}", "-O", str(feed),
               "-s", f"LOG_FILE={log}", "-s", "DOWNLOAD_DELAY=0",
               "-s", "AUTOTHROTTLE_ENABLED=False", *args]  # fmt: skip
    subprocess.run(command, cwd=ROOT, check=True, timeout=300)
    text = log.read_text("utf-8")
    lines = feed.read_text("utf-8").splitlines() if feed.exists() else []  # no records, no file
    records = [json.loads(line) for line in lines]
    return Crawl(records, text, read_stats(text), list(server.requests[before:]))


def read_stats(log: str) -> dict[str, Any]:
    """The stats Scrapy dumps at the end of a crawl's log."""
    stats_text = log.split("Dumping Scrapy stats:", 1)[1].split("\n", 1)[1]
    cleaned = re.sub(r"datetime\.datetime\([^)]*\)", "None", stats_text.split("\n20")[0])
    return dict(ast.literal_eval(cleaned))


def localise(value: Any, origins: dict[str, str]) -> Any:
    """Expected values are written with real origins; the server serves them locally."""
    if isinstance(value, str):
        for real, local in origins.items():
            value = value.replace(real, local)
        return value
    if isinstance(value, list):
        return [localise(v, origins) for v in value]
    if isinstance(value, dict):
        return {k: localise(v, origins) for k, v in value.items()}
    return value


def expected_by_url(server: Any, network: str | None) -> dict[str, dict[str, Any]]:
    """The expected records of ``network``'s fixture portals, keyed by their local URL."""
    origins = {real: server.origins[site] for site, real in site_origins().items()}
    records = [r for portal in expected_records(network).values() for r in portal]
    return {localise(r["url"], origins): localise(r, origins) for r in records}


def by_case(expected: dict[str, dict[str, Any]], case: str) -> dict[str, Any]:
    return next(r for r in expected.values() if r["case"] == case)


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in NOT_COMPARED}

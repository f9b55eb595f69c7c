"""A crawl of a hostile portal: every fault is survived, counted and logged; nothing is lost.

The server (tests/hostile/server.py) times out, throws 500 and 503, redirects in circles and
off-site, sends a 50 MB page and a gzip bomb, mislabels charsets, serves a soft 404, one
article under five URLs, two endless listings and a redesigned template.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.e2e.crawling import Crawl, read_stats
from tests.hostile import server as hostile

FAST_FAILURE = ["-s", "DOWNLOAD_TIMEOUT=1", "-s", "RETRY_TIMES=2",
                "-s", "NEWSCRAWL_RETRY_BACKOFF=0.1", "-s", "DOWNLOAD_DELAY=0",
                "-s", "AUTOTHROTTLE_ENABLED=False"]  # fmt: skip


@dataclass
class HostileCrawl(Crawl):
    server: Any = None
    seconds: float = 0.0


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileCrawl]:
    tmp = tmp_path_factory.mktemp("hostile")
    with hostile.start() as server:
        feed, log = tmp / "out.jsonl", tmp / "crawl.log"
        command = [sys.executable, "-m", "scrapy", "crawl", "prmn", "-a",
                   f"start_urls={server.origin}/", "-O", str(feed), "-s", f"LOG_FILE={log}",
                   "-s", f"NEWSCRAWL_STATE={tmp / 'state.sqlite'}",
                   "-s", f"NEWSCRAWL_SUMMARY={tmp / 'summary.json'}", *FAST_FAILURE]  # fmt: skip
        began = time.monotonic()
        subprocess.run(command, cwd=ROOT, check=True, timeout=240)
        took = time.monotonic() - began
        text = log.read_text("utf-8")
        records = [json.loads(line) for line in feed.read_text("utf-8").splitlines()]
        yield HostileCrawl(records, text, read_stats(text), [], server, took)


def path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_exactly_the_good_articles_come_out(crawl: HostileCrawl) -> None:
    assert sorted(path(r["url"]) for r in crawl.records) == hostile.EXPECTED_ARTICLES
    assert len(crawl.records) == len({r["content_hash"] for r in crawl.records})


def test_mislabelled_charsets_are_decoded_by_their_bytes(crawl: HostileCrawl) -> None:
    titles = {path(r["url"]): r["title"] for r in crawl.records}
    for page, title in hostile.EXPECTED_TITLES.items():
        assert titles[page] == title
    assert crawl.stats["newscrawl/encoding/corrected/cp1252"] == 1  # UTF-8 bytes said latin-1
    assert crawl.stats["newscrawl/encoding/corrected/utf-8"] == 1  # latin-1 bytes said UTF-8
    assert (
        f"bytes are utf-8; decoded as utf-8: {crawl.server.origin}{hostile.LATIN_LABEL}"
        in crawl.log
    )


def test_server_errors_are_retried_with_backoff_and_retry_after(crawl: HostileCrawl) -> None:
    server = crawl.server
    assert server.count(hostile.FLAKY) == 3  # two 500s, then the article
    assert crawl.stats["newscrawl/retry/http_500"] == 2
    assert server.count(hostile.BUSY) == 2  # one 503 with Retry-After: 1, then the article
    assert f"HTTP 503 for {server.origin}{hostile.BUSY}: retry 1 in 1.0 s" in crawl.log
    assert server.count(hostile.HANG) == 3  # the first try and two retries, all timed out
    assert crawl.stats["newscrawl/download_error/DownloadTimeoutError"] == 1


def test_missing_pages_are_not_retried(crawl: HostileCrawl) -> None:
    assert crawl.server.count(hostile.NOT_FOUND) == 1
    assert crawl.server.count(hostile.GONE) == 1
    assert crawl.stats["newscrawl/http_error/404"] == 1
    assert crawl.stats["newscrawl/http_error/410"] == 1
    assert f"HTTP 410 for {crawl.server.origin}{hostile.GONE}" in crawl.log


def test_broken_connections_loops_and_off_site_redirects(crawl: HostileCrawl) -> None:
    stats, origin = crawl.stats, crawl.server.origin
    assert crawl.server.count(hostile.RESET) == 3
    assert stats["newscrawl/download_error/ResponseDataLossError"] == 1
    assert f"Download failed (ResponseDataLossError) for {origin}{hostile.RESET}" in crawl.log
    assert stats["newscrawl/redirect/to_seen"] == 2  # a -> b and b -> a, each already requested
    assert f"not followed: {origin}{hostile.LOOP_B} (from {origin}{hostile.LOOP_A})" in crawl.log
    assert stats["newscrawl/guard/offsite"] == 1
    assert f"Refused {hostile.OFFSITE_TARGET}: outside the crawl's hosts" in crawl.log


def test_oversize_bodies_and_bombs_are_refused(crawl: HostileCrawl) -> None:
    assert crawl.stats["newscrawl/oversize/decompressed"] == 1
    giant = f"{crawl.server.origin}{hostile.GIANT}"
    assert f"Download failed (DownloadCancelledError) for {giant}" in crawl.log
    assert crawl.stats["newscrawl/download_error/DownloadCancelledError"] == 1
    assert "downloader/response_bytes" in crawl.stats
    assert crawl.stats["downloader/response_bytes"] < 20 * 1024 * 1024


def test_soft_404_variants_and_traps(crawl: HostileCrawl) -> None:
    assert crawl.stats["newscrawl/dropped/soft_404"] == 1
    urls = [r["url"] for r in crawl.records]
    assert urls.count(f"{crawl.server.origin}/s/pr-1000001/artikel-baik-satu") == 1
    assert crawl.stats["newscrawl/listing/stopped_no_new"] == 2
    endless = [p for p in crawl.server.requests if p.startswith(hostile.ENDLESS)]
    calendar = [p for p in crawl.server.requests if p.startswith("/arsip/")]
    assert len(endless) == 2 and len(calendar) == 2


def test_markup_change_raises_the_alarm(crawl: HostileCrawl) -> None:
    host = crawl.server.origin.removeprefix("http://").split(":")[0]  # the site id of an IP
    assert crawl.stats[f"newscrawl/alarm/markup/{host}"] == 1
    assert f"Markup change on {host}?" in crawl.log
    assert crawl.stats["newscrawl/dropped/no_title"] == len(hostile.REDESIGNS)


def test_links_out_of_bounds_are_never_fetched(crawl: HostileCrawl) -> None:
    requested = set(crawl.server.requests)
    assert not [p for p in requested if "privat" in p or "lokal" in p or "meta-data" in p]
    assert not [k for k in crawl.stats if k.startswith("newscrawl/guard/scheme")]
    assert crawl.stats["newscrawl/offsite/skipped"] == 2  # the article-shaped private links
    assert "ERROR" not in crawl.log.replace("log_count/ERROR", "")

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
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import ROOT
from tests.e2e.crawling import Crawl, read_stats
from tests.hostile import server as hostile
from tests.hostile import traps

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


# -- limits: each case its own small crawl of one hostile server --------------------------------


def crawl_from(server: Any, tmp: Path, start: str, *args: str) -> Crawl:
    """``scrapy crawl prmn`` from ``start`` on ``server``, fast-failure settings, ``args``."""
    feed, log = tmp / "out.jsonl", tmp / "crawl.log"
    command = [sys.executable, "-m", "scrapy", "crawl", "prmn", "-a", f"start_urls={start}",
               "-O", str(feed), "-s", f"LOG_FILE={log}", "-s", "NEWSCRAWL_STATE=",
               "-s", f"NEWSCRAWL_SUMMARY={tmp / 'summary.json'}", *FAST_FAILURE, *args]  # fmt: skip
    subprocess.run(command, cwd=ROOT, check=True, timeout=120)
    text = log.read_text("utf-8")
    lines = feed.read_text("utf-8").splitlines() if feed.exists() else []
    return Crawl([json.loads(line) for line in lines], text, read_stats(text), [])


def archived_urls(tmp: Path) -> list[str]:
    """Target URL of every record of every WARC file under ``tmp``."""
    urls = []
    for path in sorted(tmp.glob("*.warc*")):
        with path.open("rb") as stream:
            urls += [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(stream)]
    return urls


def test_a_robots_txt_redirect_to_another_host_is_refused(tmp_path: Path) -> None:
    with hostile.start() as elsewhere:
        robots = f"{elsewhere.origin}/robots.txt"
        with hostile.start(robots_location=robots) as portal:
            article = portal.origin + hostile.GOOD[0]
            crawl = crawl_from(portal, tmp_path, article,
                               "-s", f"NEWSCRAWL_ARCHIVE={tmp_path / 'run.warc.gz'}")  # fmt: skip
    assert elsewhere.requests == []
    refused = f"Refused {robots}: outside the crawl's hosts ['{portal.origin[7:]}']"
    assert crawl.log.count(refused) == 2  # Scrapy's robots.txt request and discovery's
    assert crawl.stats["newscrawl/guard/offsite"] == 2
    assert [r["url"] for r in crawl.records] == [article]  # no robots.txt: everything allowed
    archived = archived_urls(tmp_path)
    assert f"{portal.origin}/robots.txt" in archived
    assert [u for u in archived if u and u.startswith(elsewhere.origin)] == []


def rubrik_requests(server: Any) -> list[str]:
    return [p for p in server.requests if p.startswith("/rubrik/")]


BACKSTOP = ("-s", "CLOSESPIDER_PAGECOUNT=100")  # an uncapped crawl fails instead of hanging


def test_endless_paging_and_new_sections_are_capped_whatever_the_url(tmp_path: Path) -> None:
    with hostile.start() as server:
        crawl = crawl_from(server, tmp_path, f"{server.origin}/rubrik/a/", "-a", "max_pages=3",
                           "-s", "NEWSCRAWL_MAX_SECTIONS_PER_PORTAL=4", *BACKSTOP)  # fmt: skip
        requested = rubrik_requests(server)
    assert len(requested) == 12  # 4 sections (the start page one of them), 3 pages each
    assert len([p for p in requested if "/page/" not in p]) == 4
    assert sorted({p.split("/")[4] for p in requested if "/page/" in p}) == ["2", "3"]
    assert crawl.stats["newscrawl/listing/stopped_max_pages"] == 4  # page 4 of each section
    assert crawl.stats["newscrawl/listing/stopped_max_sections"] == 9  # 12 pages, 3 taken
    host = server.origin.removeprefix("http://")
    assert crawl.log.count(f"Listing of {host} stopped at max_sections=4") == 1


def test_a_portal_listing_pages_have_a_safety_cap(tmp_path: Path) -> None:
    with hostile.start() as server:
        crawl = crawl_from(server, tmp_path, f"{server.origin}/rubrik/a/",
                           "-s", "NEWSCRAWL_MAX_LISTING_PAGES_PER_PORTAL=5", *BACKSTOP)  # fmt: skip
        requested = rubrik_requests(server)
    assert len(requested) == 5
    assert crawl.stats["newscrawl/listing/stopped_portal_cap"] == 6  # 5 pages link 2 each, 4 taken
    assert "stopped at portal_cap=5" in crawl.log


def test_a_portal_of_trickling_pages_is_cut_at_its_time_budget(tmp_path: Path) -> None:
    with hostile.start() as server:
        start = server.origin + traps.TRICKLE_LISTING
        crawl = crawl_from(server, tmp_path, start, "-a", "discover=links",
                           "-s", "CONCURRENT_REQUESTS=1", "-s", "DOWNLOAD_TIMEOUT=2",
                           "-s", "NEWSCRAWL_PORTAL_TIME_BUDGET=1")  # fmt: skip
        trickled = [p for p in server.requests if p in traps.TRICKLES]
    assert len(trickled) == 1  # the first one spends the budget: no retry, no other
    assert crawl.stats["newscrawl/budget/portal_spent"] == 1
    assert crawl.stats["newscrawl/budget/dropped"] == 3  # its retry and the other two
    host = server.origin.removeprefix("http://")
    assert crawl.log.count(f"Portal {host} spent its time budget (1 s)") == 1

"""End to end: a date-range backfill over a fixture archive, and ``scrapy crawl regional``
replayed from the fixture WARC."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newscrawl.portals import all_portals
from tests.conftest import FIXTURES, ROOT, expected_records
from tests.e2e.crawling import comparable, crawl_from, expected_by_url, read_stats


def test_backfill_walks_the_archive_day_by_day(fixture_server: Any, tmp_path: Path) -> None:
    """Kompas's date listing over three days: exactly those days' articles, no front page."""
    start = fixture_server.origins["kompasregional"] + "/"
    crawl = crawl_from(fixture_server, tmp_path, "kompas", start,
                       "-a", "since=2024-06-17", "-a", "until=2024-06-19")  # fmt: skip
    expected = expected_by_url(fixture_server, "kompas")
    days = {url: r["published_at"][:10] for url, r in expected.items()}
    want = sorted(url for url, day in days.items() if "2024-06-17" <= day <= "2024-06-19")
    assert len(want) == 5 and len(expected) == 6  # the 16th's article stays out
    assert sorted(r["url"] for r in crawl.records) == want
    for record in crawl.records:
        assert comparable(record) == comparable(expected[record["url"]]), record["url"]
    listings = sorted(p for s, p in crawl.requests if s == "kompasregional" and "/read/" not in p)
    assert listings == ["/robots.txt", "/search/2024-06-17/1", "/search/2024-06-18/1",
                        "/search/2024-06-18/2", "/search/2024-06-19/1"]  # fmt: skip
    per_day = {k: v for k, v in crawl.stats.items() if k.startswith("newscrawl/backfill/")}
    assert per_day == {
        "newscrawl/backfill/kompasregional/2024-06-17": 1,
        "newscrawl/backfill/kompasregional/2024-06-18": 2,
        "newscrawl/backfill/kompasregional/2024-06-19": 2,
    }
    totals = json.loads((tmp_path / "summary.json").read_text("utf-8"))["totals"]
    assert {k: v for k, v in totals.items() if k.startswith("backfill/")} == {
        k.removeprefix("newscrawl/"): v for k, v in per_day.items()
    }
    assert "ERROR" not in crawl.log


def replay_region(tmp: Path, region: str) -> tuple[list[dict[str, Any]], str]:
    """``scrapy crawl regional -a region=REGION`` replayed from the fixture WARC."""
    feed, log = tmp / "out.jsonl", tmp / "crawl.log"
    command = [sys.executable, "-m", "scrapy", "crawl", "regional", "-a", f"region={region}",
               "-s", f"NEWSCRAWL_REPLAY={FIXTURES / 'portals.warc.gz'}",
               "-s", f"NEWSCRAWL_STATE={tmp / 'state.sqlite'}",
               "-s", f"NEWSCRAWL_SUMMARY={tmp / 'summary.json'}", "-O", str(feed),
               "-s", f"LOG_FILE={log}", "-s", "DOWNLOAD_DELAY=0",
               "-s", "AUTOTHROTTLE_ENABLED=False"]  # fmt: skip
    subprocess.run(command, cwd=ROOT, check=True, timeout=300)
    records = [json.loads(line) for line in feed.read_text("utf-8").splitlines()]
    return records, log.read_text("utf-8")


def test_regional_crawl_reaches_only_its_province(tmp_path: Path) -> None:
    """ID-SN: the province's portals the WARC holds (one PRMN, one Tribun), each read by its
    own network; every other portal of the province asked for, no other province's host."""
    records, text = replay_region(tmp_path, "ID-SN")
    networks = {(r["site"], r["network"]) for r in records}
    assert networks == {("wartabulukumba", "prmn"), ("tribuntimur", "tribun")}
    assert "Region Sulawesi Selatan (ID-SN): 7 portal(s)" in text
    assert read_stats(text)["newscrawl/replay/served"] > 0
    missing = re.findall(r"answering 404: (\S+)", text)  # requested, not in the WARC
    homes = {"https://www.detik.com/sulsel", "https://bulukumba.pikiran-rakyat.com/",
             "https://fixmakassar.pikiran-rakyat.com/", "https://jurnalpalopo.pikiran-rakyat.com/",
             "https://toraja.tribunnews.com/"}  # fmt: skip
    assert homes <= set(missing)
    hosts = {h for p in all_portals() if p.region == "Sulawesi Selatan" for h in p.hosts}
    seen = {urlsplit(url).netloc for url in missing + [r["url"] for r in records]}
    assert seen <= hosts


def test_regional_crawl_reads_each_portal_by_its_network(tmp_path: Path) -> None:
    """ID-JT: Kompas's Jawa Tengah page (a desk of regional.kompas.com: only the articles it
    lists, not the channel's) and Suara Jateng, each record exact but for its site."""
    records, _ = replay_region(tmp_path, "Jawa Tengah")
    by_site = {(r["site"], r["network"]): 0 for r in records}
    for record in records:
        by_site[(record["site"], record["network"])] += 1
    assert by_site == {("kompasjateng", "kompas"): 4, ("suarajateng", "suara"): 5}
    portals = {**expected_records("kompas"), **expected_records("suara")}
    expected = {r["url"]: r for site in ("kompasregional", "suarajateng") for r in portals[site]}
    for record in records:
        want = {**comparable(expected[record["url"]]), "site": record["site"]}
        assert comparable(record) == want, record["url"]

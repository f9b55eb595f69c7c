"""The spiders reused from another Scrapy project behave as in this one: same records, replay
honoured (never the live network), summary written."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.commands.running import scrapy
from tests.conftest import ROOT

ARCHIVE = ROOT / "fixtures" / "portals.warc.gz"
HOST_SETTINGS = """
BOT_NAME = "hostproj"
SPIDER_MODULES = ["newscrawl.spiders"]
ROBOTSTXT_OBEY = True
# Last before the downloader: only a request the replay did not answer would get here.
DOWNLOADER_MIDDLEWARES = {"hostproj.NoNetwork": 990}
"""
NO_NETWORK = '''
from scrapy.exceptions import IgnoreRequest


class NoNetwork:
    """Refuses (and counts) any request that would leave for the network."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_request(self, request):
        self.stats.inc_value("hostproj/would_go_live")
        raise IgnoreRequest("the test may not touch the network")
'''


def host_project(root: Path) -> Path:
    """A minimal Scrapy project of someone else's that lists our spiders."""
    (root / "hostproj").mkdir(parents=True)
    (root / "scrapy.cfg").write_text("[settings]\ndefault = hostproj.settings\n")
    (root / "hostproj" / "__init__.py").write_text(NO_NETWORK)
    (root / "hostproj" / "settings.py").write_text(HOST_SETTINGS)
    return root


def replay(cwd: Path, out: Path, env: dict[str, str] | None = None) -> list[dict[str, object]]:
    """The PRMN fixture crawl replayed from the bundled archive; its records by URL order."""
    out.mkdir(parents=True)
    seeds = "https://wartabulukumba.pikiran-rakyat.com/,https://zonapriangan.pikiran-rakyat.com/"
    done = scrapy("crawl", "prmn", "-a", f"start_urls={seeds}", "-O", str(out / "out.jsonl"),
                  "-s", f"NEWSCRAWL_REPLAY={ARCHIVE}", "-s", f"NEWSCRAWL_STATE={out / 'st'}",
                  "-s", f"NEWSCRAWL_SUMMARY={out / 'summary.json'}",
                  "-s", f"LOG_FILE={out / 'log'}", "-s", "DOWNLOAD_DELAY=0",
                  cwd=cwd, env=env)  # fmt: skip
    assert done.code == 0, (out / "log").read_text("utf-8")[-3000:]
    lines = (out / "out.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    for record in records:
        record.pop("crawled_at")
    return sorted(records, key=lambda r: str(r["url"]))


def test_spiders_behave_the_same_in_another_project(tmp_path: Path) -> None:
    here = replay(ROOT, tmp_path / "here")
    project = host_project(tmp_path / "elsewhere")
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{project}"}
    there = replay(project, tmp_path / "there", env)
    assert len(here) == 40
    assert there == here
    log = (tmp_path / "there" / "log").read_text("utf-8")
    assert "hostproj/would_go_live" not in log
    assert "'newscrawl/replay/served':" in log
    summary = json.loads((tmp_path / "there" / "summary.json").read_text("utf-8"))
    assert sum(row["emitted"] for row in summary["portals"].values()) == 40

"""Syndicated copies in real crawls: marked across portals and runs by the corpus worker, and
what a dead worker or a killed crawl does to it.

Two small portals are written into ``tmp_path`` (our own stories, ``tests/corpus/pairs.py``):
Kabar Hulu publishes two stories; Kabar Hilir, a day later, publishes a desk copy of one of them
("Artikel ini telah tayang di ...") and a story of its own.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixtures.server import start
from newscrawl.settings import EXTENSIONS
from tests.conftest import ROOT
from tests.corpus.pairs import desk_copy, original
from tests.e2e.crawling import Crawl, crawl_from

PAGE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{title} - {name}</title></head>
<body><div id="menu"><a href="{origin}/">Beranda</a></div>
<h1>{title}</h1>
<div class="info">Penulis: Redaksi | {day} Juni 2024 | 09:30 WIB</div>
<div id="isi">{paragraphs}</div>
<div class="bagikan">Bagikan: <a href="https://wa.me/?text=x">WhatsApp</a></div>
</body></html>
"""
PORTALS = {  # site: name, day of June, {slug: story; "*": a desk copy of it}
    "kabarhulu": ("Kabar Hulu", "17", {"banjir-di-pino-raya": "flood_a",
                                       "harga-cabai": "market_a"}),
    "kabarhilir": ("Kabar Hilir", "18", {"banjir-di-pino-raya": "flood_a*",
                                         "jalan-rusak": "road_b"}),
}  # fmt: skip


def write_portal(root: Path, site: str) -> None:
    name, day, stories = PORTALS[site]
    origin = f"https://{site}.example"
    links = []
    for slug, story in stories.items():
        path = f"2024/06/{day}/{slug}"
        body = desk_copy(story[:-1]) if story.endswith("*") else original(story)
        paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        title = slug.replace("-", " ").title()
        page = PAGE.format(title=title, name=name, origin=origin, day=day, paragraphs=paragraphs)
        (root / site / path).mkdir(parents=True)
        (root / site / path / "index.html").write_text(page, "utf-8")
        links.append(f'<li><a href="{origin}/{path}">{title}</a></li>')
    home = f"<html><head><title>{name}</title></head><body><ul>{''.join(links)}</ul></body></html>"
    (root / site / "index.html").write_text(home, "utf-8")
    site_json = {"id": site, "origin": origin, "charsets": {}}
    (root / site / "site.json").write_text(json.dumps(site_json), "utf-8")


@pytest.fixture(scope="module")
def portals(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("portals")
    for site in PORTALS:
        write_portal(root, site)
    servers = start(root=root)
    yield servers
    servers.stop()


def crawl(portals: Any, tmp: Path, site: str, *args: str) -> Crawl:
    """``scrapy crawl news`` of one portal into ``tmp/site``, with the state (and the index)
    in ``tmp``, shared by the runs."""
    state = ("-s", f"NEWSCRAWL_STATE={tmp / 'state.sqlite'}")
    return crawl_from(portals, tmp / site, "news", f"{portals.origins[site]}/", *state, *args)


def verdicts(run: Crawl) -> dict[str, tuple[str | None, str | None]]:
    """Path -> (language, duplicate_of as a path) of every record."""

    def path(url: str | None) -> str | None:
        return url.split("/", 3)[3] if url else None

    return {path(r["url"]): (r["language"], path(r["duplicate_of"])) for r in run.records}  # type: ignore[misc]


FIRST = {
    "2024/06/17/banjir-di-pino-raya": ("id", None),
    "2024/06/17/harga-cabai": ("id", None),
}
SECOND = {
    "2024/06/18/banjir-di-pino-raya": ("id", "2024/06/17/banjir-di-pino-raya"),
    "2024/06/18/jalan-rusak": ("id", None),
}


@pytest.mark.parametrize("in_worker", [True, False])
def test_a_copy_crawled_a_day_later_on_another_portal_is_marked(
    portals: Any, tmp_path: Path, in_worker: bool
) -> None:
    process = ("-s", f"NEWSCRAWL_CORPUS_PROCESS={in_worker}")
    first = crawl(portals, tmp_path, "kabarhulu", *process)
    assert verdicts(first) == FIRST
    second = crawl(portals, tmp_path, "kabarhilir", *process)
    assert verdicts(second) == SECOND
    original_url = second.records[0]["duplicate_of"] or second.records[1]["duplicate_of"]
    assert original_url == f"{portals.origins['kabarhulu']}/2024/06/17/banjir-di-pino-raya"
    assert second.stats["newscrawl/near_duplicates/marked"] == 1
    assert second.stats["newscrawl/language/id"] == 2
    assert "corpus worker" not in first.log + second.log


def test_a_dead_worker_is_one_error_and_loses_nothing(portals: Any, tmp_path: Path) -> None:
    crawl(portals, tmp_path, "kabarhulu")
    killer = {**EXTENSIONS, "tests.e2e.corpus_worker.KillCorpusWorker": 900}
    second = crawl(portals, tmp_path, "kabarhilir", "-s", f"EXTENSIONS={json.dumps(killer)}")
    assert verdicts(second) == SECOND  # measured in the crawl's process, the index still read
    errors = [line for line in second.log.splitlines() if " ERROR: " in line]
    assert len(errors) == 1
    assert "The corpus worker process died" in errors[0]
    assert "measuring language and near-duplicates in the crawl's process" in errors[0]
    assert second.stats["newscrawl/corpus/worker_lost"] == 1
    assert second.stats["finish_reason"] == "finished"


def test_a_worker_dead_before_closing_is_one_error(portals: Any, tmp_path: Path) -> None:
    # Every record was measured; the index could not be committed: this run's bodies are
    # missing from it, so a copy of them in a later run goes unmarked, and the log says so.
    killer = {**EXTENSIONS, "tests.e2e.corpus_worker.KillCorpusWorker": 900}
    first = crawl(portals, tmp_path, "kabarhulu", "-s", f"EXTENSIONS={json.dumps(killer)}",
                  "-s", "KILL_CORPUS_WORKER_ON=spider_idle")  # fmt: skip
    assert verdicts(first) == FIRST
    errors = [line for line in first.log.splitlines() if " ERROR: " in line]
    assert len(errors) == 1
    assert "could not commit and close its near-duplicate index" in errors[0]
    assert first.stats["finish_reason"] == "finished"
    second = crawl(portals, tmp_path, "kabarhilir")
    assert verdicts(second)["2024/06/18/banjir-di-pino-raya"] == ("id", None)


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found |= {int(c) for c in task.read_text().split()}
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(") ", 1)[1][0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
def test_a_killed_crawl_leaves_no_worker_behind(portals: Any, tmp_path: Path) -> None:
    # Slow enough (a 3 s delay per request) to be killed in the middle.
    command = [sys.executable, "-m", "scrapy", "crawl", "news",
               "-a", f"start_urls={portals.origins['kabarhulu']}/",
               "-s", f"NEWSCRAWL_STATE={tmp_path / 'state.sqlite'}", "-s", "DOWNLOAD_DELAY=3",
               "-s", "AUTOTHROTTLE_ENABLED=False", "-s", f"LOG_FILE={tmp_path / 'log'}",
               "-O", str(tmp_path / "out.jsonl")]  # fmt: skip
    crawl_process = subprocess.Popen(command, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while not (workers := children(crawl_process.pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert workers, "the crawl started no corpus worker"
        crawl_process.send_signal(signal.SIGKILL)
        crawl_process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if alive(pid)]
    finally:
        crawl_process.kill()
        crawl_process.wait()

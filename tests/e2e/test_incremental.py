"""Scheduled crawls: the second run emits only what is new and fetches no known article."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixtures.server import start
from newscrawl.exitcodes import ExitCode
from newscrawl.state.store import StateLocked, StateStore
from tests.conftest import FIXTURES, ROOT, expected_records
from tests.e2e.crawling import Crawl, read_stats, run_crawl

PORTAL = "wartabulukumba"
ORIGIN = "https://wartabulukumba.pikiran-rakyat.com"
NEW_PATH = "/bulukumba/pr-8799000001/pelabuhan-rakyat-leppe-kini-punya-dermaga-apung-baru"


@pytest.fixture
def portals(tmp_path: Path) -> Iterator[tuple[Any, Path]]:
    """The PRMN fixture portals copied where a test may change them, and their server."""
    root = tmp_path / "portals"
    for site in expected_records("prmn"):
        shutil.copytree(FIXTURES / "portals" / site, root / site)
    with start(root=root) as server:
        yield server, root


def add_article(root: Path) -> None:
    """Publish a new story: an article page, linked from the home page."""
    template = next((root / PORTAL / "sulsel").glob("pr-*/*/index.html")).read_text("utf-8")
    title = '<h1 class="read__title">Pelabuhan Rakyat Leppe Kini Punya Dermaga Apung Baru</h1>'
    page = re.sub(r"<h1 class=\"read__title\">[^<]*</h1>", title, template)
    page = page.replace("</article>", "<p>Dermaga apung baru diresmikan pagi ini.</p></article>", 1)
    target = root / PORTAL / NEW_PATH.strip("/") / "index.html"
    target.parent.mkdir(parents=True)
    target.write_text(page, "utf-8")
    home = root / PORTAL / "index.html"
    link = (
        '<div class="latest__item"><h2 class="latest__title"><a class="latest__link" '
        f'href="{ORIGIN}{NEW_PATH}">Dermaga</a></h2></div>'
    )
    home.write_text(
        home.read_text("utf-8").replace(
            '<div class="latest__item">', link + '<div class="latest__item">', 1
        ),
        "utf-8",
    )


def state(tmp_path: Path) -> tuple[str, str]:
    """The same state file for every run of a test: what makes runs incremental."""
    return "-s", f"NEWSCRAWL_STATE={tmp_path / 'state.sqlite'}"


def article_requests(crawl: Crawl) -> list[str]:
    return [path for _, path in crawl.requests if "/pr-" in path]


def test_second_run_emits_only_new_articles(portals: tuple[Any, Path], tmp_path: Path) -> None:
    server, root = portals
    first = run_crawl(server, tmp_path / "run1", "prmn", "prmn", *state(tmp_path))
    assert len(first.records) == 40
    add_article(root)
    second = run_crawl(server, tmp_path / "run2", "prmn", "prmn", *state(tmp_path))
    assert [r["url"].split("/", 3)[3] for r in second.records] == [NEW_PATH.strip("/")]
    known = {"/" + r["url"].split("/", 3)[3] for r in first.records}
    assert NEW_PATH in article_requests(second)
    assert not known & set(article_requests(second))  # no known article is fetched again
    assert second.stats["newscrawl/state/skipped_known"] >= 40
    assert second.stats["newscrawl/listing/pages"] == 18  # listings are always re-read


def test_refresh_emits_a_known_article_again_only_if_it_changed(
    portals: tuple[Any, Path], tmp_path: Path
) -> None:
    server, root = portals
    run_crawl(server, tmp_path / "run1", "prmn", "prmn", *state(tmp_path))
    unchanged = run_crawl(
        server, tmp_path / "run2", "prmn", "prmn", "-a", "refresh=100000", *state(tmp_path)
    )
    assert unchanged.records == []
    assert unchanged.stats["newscrawl/state/unchanged"] == 40
    page = next((root / PORTAL / "olahraga").glob("pr-*/*/index.html"))
    page.write_text(
        page.read_text("utf-8").replace("</article>", "<p>Ralat: skor akhir 3-1.</p></article>", 1),
        "utf-8",
    )
    changed = run_crawl(
        server, tmp_path / "run3", "prmn", "prmn", "-a", "refresh=100000", *state(tmp_path)
    )
    assert len(changed.records) == 1
    record = changed.records[0]
    assert record["body"].endswith("Ralat: skor akhir 3-1.")
    assert record["modified_at"] == record["crawled_at"]
    assert changed.stats["newscrawl/state/changed"] == 1


def test_state_lock_is_exclusive(tmp_path: Path) -> None:
    first, second = StateStore(tmp_path / "s.sqlite"), StateStore(tmp_path / "s.sqlite")
    first.lock()
    with pytest.raises(StateLocked):
        second.lock()
    first.close()
    second.lock()
    second.close()


def test_a_run_that_finds_nothing_new_leaves_an_empty_feed_and_no_error(
    portals: tuple[Any, Path], tmp_path: Path
) -> None:
    server, _ = portals
    run_crawl(server, tmp_path / "run1", "prmn", "prmn", *state(tmp_path))
    second = run_crawl(server, tmp_path / "run2", "prmn", "prmn", *state(tmp_path))  # exit 0
    assert (tmp_path / "run2" / "articles.jsonl").read_bytes() == b""
    assert " ERROR: " not in second.log
    assert "Traceback" not in second.log
    assert second.stats["newscrawl/state/skipped_known"] >= 40


def crawl_into(server: Any, tmp_path: Path, feed: str) -> subprocess.CompletedProcess[str]:
    """A PRMN crawl writing its feed to ``feed`` (maybe unwritable), log on stderr."""
    start_urls = ",".join(f"{server.origins[site]}/" for site in expected_records("prmn"))
    command = [sys.executable, "-m", "scrapy", "crawl", "prmn", "-a", f"start_urls={start_urls}",
               *state(tmp_path), "-s", "NEWSCRAWL_SUMMARY=", "-O", f"{feed}:jsonlines",
               "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]  # fmt: skip
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("feed", ["/dev/full", "{tmp}/a-file/articles.jsonl"])
def test_articles_a_feed_could_not_take_are_lost_not_remembered(
    portals: tuple[Any, Path], tmp_path: Path, feed: str
) -> None:
    """Disk full (``/dev/full``: every write fails with ENOSPC) or a path that cannot be
    created: every article is counted lost, one ERROR line names the file, the state
    remembers none of them, and the next run delivers all of them."""
    server, _ = portals
    (tmp_path / "a-file").write_text("not a folder")
    target = feed.format(tmp=tmp_path)
    failed = crawl_into(server, tmp_path, target)
    assert failed.returncode == ExitCode.OUTPUT_LOST
    stats = read_stats(failed.stderr)
    assert stats["newscrawl/output/lost"] == 40
    assert stats["newscrawl/output/failed_files"] == 1
    errors = [line for line in failed.stderr.splitlines() if " ERROR: " in line]
    assert len(errors) == 1
    assert f"Cannot write to {target}" in errors[0]
    assert "Traceback" not in failed.stderr
    assert StateStore(tmp_path / "state.sqlite").count() == 0
    again = crawl_into(server, tmp_path, str(tmp_path / "again.jsonl"))
    assert again.returncode == 0
    assert len((tmp_path / "again.jsonl").read_text("utf-8").splitlines()) == 40


@pytest.mark.parametrize("damage", ["empty", "garbage"])
def test_a_damaged_state_stops_the_crawl_before_any_request(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "state.sqlite"
    path.write_bytes(b"" if damage == "empty" else b"SQLite format 3\x00" + b"\xff" * 8192)
    command = [sys.executable, "-m", "scrapy", "crawl", "prmn", "-a",
               "start_urls=http://127.0.0.1:9/", *state(tmp_path), "-s", "NEWSCRAWL_SUMMARY=",
               "-O", str(tmp_path / "out.jsonl")]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == ExitCode.USAGE  # bad configuration
    refusal = [line for line in result.stderr.splitlines() if "ERROR: Not starting" in line]
    assert len(refusal) == 1
    assert f"the state file {path} is damaged" in refusal[0]
    assert "Recover: keep a copy" in refusal[0]
    assert "downloader/request_count" not in result.stderr
    assert path.stat().st_size == (0 if damage == "empty" else 8208)  # left as it was


def test_a_damaged_near_duplicate_index_stops_the_crawl_before_any_request(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.neardup.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)
    command = [sys.executable, "-m", "scrapy", "crawl", "prmn", "-a",
               "start_urls=http://127.0.0.1:9/", *state(tmp_path), "-s", "NEWSCRAWL_SUMMARY=",
               "-O", str(tmp_path / "out.jsonl")]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == ExitCode.USAGE
    errors = [line for line in result.stderr.splitlines() if " ERROR: " in line]
    assert len(errors) == 1
    assert f"the near-duplicate index {path} is damaged" in errors[0]
    assert "Move it away to start a new index" in errors[0]
    assert "Traceback" not in result.stderr
    assert "downloader/request_count" not in result.stderr
    assert path.stat().st_size == 8208  # left as it was

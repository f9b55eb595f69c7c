"""``scrapy crawl`` refusals and failures: the exit code and exactly one line on stderr.

With ``LOG_FILE`` set (as cron runs it) stderr holds only that line; without it the log is on
stderr and holds that one ERROR line and no traceback.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy.utils.project import get_project_settings

from newscrawl.exitcodes import ExitCode
from newscrawl.state.store import StateStore
from tests.commands.running import Done, closed_port, quiet, scrapy
from tests.conftest import ROOT

KNOWN = "known: sites, start_urls, max_pages, since, until, refresh, discover"
UNKNOWN_ID = (
    "unknown prmn portal id(s) nosuchportal "
    "(see newscrawl/portals/prmn.csv, e.g. aksarajabar, bagikanberita, banjar)"
)
NOT_HTTP = "is not an http:// or https:// URL"
DATE = "not a date (YYYY-MM-DD, today, yesterday or Nd)"
LOCAL = "start_urls=http://127.0.0.1:1/"


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["-a", "site=wartabulukumba"], f"unknown argument(s) -a site; {KNOWN}"),
        (["-a", "sites=nosuchportal"], f"-a sites: {UNKNOWN_ID}"),
        (["-a", "sites=nosuchportal", "-a", LOCAL], f"-a sites: {UNKNOWN_ID}"),
        (["-a", "start_urls=ftp://x"], f"-a start_urls: 'ftp://x' {NOT_HTTP}"),
        (["-a", "start_urls=notaurl"], f"-a start_urls: 'notaurl' {NOT_HTTP}"),
        (["-a", "max_pages=-1"], "-a max_pages=-1: must be a whole number ≥ 1"),
        (["-a", "max_pages=0"], "-a max_pages=0: must be a whole number ≥ 1"),
        (["-a", "since=19-06-2024"], f"-a since=19-06-2024: {DATE}"),
        (["-a", "since=2024-06-10", "-a", "until=2024-06-01"],
         "-a until=2024-06-01 is before -a since=2024-06-10: the window is empty"),
        (["-a", "discover=rss"],
         "-a discover=rss: unknown kind(s) rss; known: links, sitemaps, feeds"),
        (["-a", "refresh=soon"], "-a refresh=soon: must be a number of days > 0"),
        (["-s", "NEWSCRAWL_REPLAY=/no/such/dir/*.warc.gz"],
         "-s NEWSCRAWL_REPLAY: no WARC archive matches '/no/such/dir/*.warc.gz'"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(args: list[str], line: str, tmp_path: Path) -> None:
    done = scrapy("crawl", "prmn", *args, *quiet(tmp_path))
    assert (done.code, done.stderr) == (ExitCode.USAGE, [f"scrapy crawl prmn: {line}"])
    assert not (tmp_path / "crawl.log").exists()  # refused before the crawl was set up


def test_unknown_spider(tmp_path: Path) -> None:
    done = scrapy("crawl", "prnm", *quiet(tmp_path))
    known = "antara, detik, kompas, news, prmn, regional, suara, tribun"
    assert (done.code, done.stderr) == (
        ExitCode.USAGE, [f"scrapy crawl prnm: no spider 'prnm'; known: {known}"],
    )  # fmt: skip


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    """The state file of a crawl that is still running."""
    store = StateStore(tmp_path / "state.sqlite")
    store.lock()
    yield tmp_path
    store.close()


LOCKED = (
    "not started: another crawl is using the state file {0}/state.sqlite (lock "
    "{0}/state.sqlite.lock); wait for it to finish, or give this crawl its own "
    "-s NEWSCRAWL_STATE=PATH"
)


def test_state_locked_in_cron(locked: Path) -> None:
    done = scrapy("crawl", "prmn", "-a", LOCAL, *quiet(locked))
    assert (done.code, done.stderr) == (
        ExitCode.USAGE, [f"scrapy crawl prmn: {LOCKED.format(locked)}"],
    )  # fmt: skip


def test_state_locked_on_a_terminal(locked: Path) -> None:
    done = scrapy("crawl", "prmn", "-a", LOCAL, "-s", f"NEWSCRAWL_STATE={locked}/state.sqlite")
    errors = [line for line in done.stderr if " ERROR: " in line]
    assert done.code == ExitCode.USAGE
    assert [e.split(" ERROR: ", 1)[1] for e in errors] == [
        "Not starting: " + LOCKED.format(locked).removeprefix("not started: ")
    ]
    assert not [line for line in done.stderr if "Traceback" in line]


def test_redis_down_at_start(tmp_path: Path) -> None:
    url = f"redis://127.0.0.1:{closed_port()}/0"
    done = scrapy("crawl", "prmn", "-a", LOCAL, "-s", f"NEWSCRAWL_REDIS_URL={url}",
                  *quiet(tmp_path))  # fmt: skip
    assert done.code == ExitCode.REDIS_UNAVAILABLE
    assert len(done.stderr) == 1
    assert done.stderr[0].startswith(
        f"scrapy crawl prmn: not started: Redis at {url} is unreachable"
    )


def test_no_portal_reachable(tmp_path: Path) -> None:
    seeds = f"http://127.0.0.1:{closed_port()}/,http://127.0.0.1:{closed_port()}/"
    done = scrapy("crawl", "prmn", "-a", f"start_urls={seeds}", "-s", "RETRY_TIMES=0",
                  *quiet(tmp_path))  # fmt: skip
    assert (done.code, done.stderr) == (
        ExitCode.UNREACHABLE,
        ["scrapy crawl prmn: exit 3: no portal reachable: every request failed (DNS, refused, "
         "timeout or HTTP 5xx); see the run summary"],
    )  # fmt: skip
    summary = json.loads((tmp_path / "summary.json").read_text("utf-8"))
    assert (summary["finish_reason"], summary["exit_code"], summary["exit"]) == (
        "no_portal_reachable", 3, "UNREACHABLE",
    )  # fmt: skip
    hosts = seeds.replace("http://", "").replace("/", "").split(",")
    assert list(summary["portals"]) == sorted(hosts)
    for row in summary["portals"].values():
        assert (row["pages_fetched"], row["emitted"], row["errors"]) == (0, 0, {"refused": 2})


def test_fleet_without_the_redis_extra(tmp_path: Path) -> None:
    """``redis`` and ``scrapy_redis`` hidden: what a crawl sees without ``newscrawl[redis]``."""
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "sitecustomize.py").write_text(  # a None entry: find_spec reports the module missing
        "import sys\nfor name in ('redis', 'scrapy_redis'):\n    sys.modules[name] = None\n"
    )
    env = {**os.environ, "PYTHONPATH": f"{hide}{os.pathsep}{ROOT}"}
    done = scrapy("crawl", "prmn", "-a", LOCAL, "-s", "NEWSCRAWL_REDIS_URL=redis://127.0.0.1:1/0",
                  *quiet(tmp_path), env=env)  # fmt: skip
    assert (done.code, done.stderr) == (
        ExitCode.USAGE,
        ["scrapy crawl prmn: NEWSCRAWL_REDIS_URL (several workers sharing a crawl) needs the "
         "'redis' extra: pip install 'newscrawl[redis]'"],
    )  # fmt: skip


def replayed(tmp_path: Path, extension: str) -> tuple[Done, dict[str, Any]]:
    """A replayed crawl of one fixture portal with ``extension`` on; its summary."""
    archive = ROOT / "fixtures" / "portals.warc.gz"
    extensions = {**get_project_settings().getdict("EXTENSIONS"), extension: 900}
    done = scrapy("crawl", "prmn", "-a", "start_urls=https://wartabulukumba.pikiran-rakyat.com/",
                  "-s", f"NEWSCRAWL_REPLAY={archive}", "-s", f"EXTENSIONS={json.dumps(extensions)}",
                  *quiet(tmp_path))  # fmt: skip
    return done, json.loads((tmp_path / "summary.json").read_text("utf-8"))


def test_lost_output_exits_4(tmp_path: Path) -> None:
    done, summary = replayed(tmp_path, "tests.commands.fakes.LoseOutput")
    assert (done.code, done.stderr) == (
        ExitCode.OUTPUT_LOST,
        ["scrapy crawl prmn: exit 4: output lost: 3 record(s) could not be written (feed or "
         "state)"],
    )  # fmt: skip
    assert (summary["exit_code"], summary["exit"], summary["finish_reason"]) == (
        4, "OUTPUT_LOST", "finished",
    )  # fmt: skip


def test_interrupted_exits_6(tmp_path: Path) -> None:
    done, summary = replayed(tmp_path, "tests.commands.fakes.ShutDown")
    assert (done.code, done.stderr) == (
        ExitCode.INTERRUPTED,
        ["scrapy crawl prmn: exit 6: interrupted (finish reason shutdown): the run is "
         "incomplete"],
    )  # fmt: skip
    assert (summary["exit_code"], summary["finish_reason"]) == (6, "shutdown")


def test_no_portal_reachable_on_a_terminal(tmp_path: Path) -> None:
    """Log on stderr: one ERROR line and no traceback (Scrapy's robots.txt error included)."""
    seed = f"http://127.0.0.1:{closed_port()}/"
    done = scrapy("crawl", "prmn", "-a", f"start_urls={seed}", "-s", "RETRY_TIMES=0",
                  "-s", f"NEWSCRAWL_STATE={tmp_path / 'st'}",
                  "-s", "NEWSCRAWL_SUMMARY=")  # fmt: skip
    assert done.code == ExitCode.UNREACHABLE
    errors = [line.split(" ERROR: ", 1)[1] for line in done.stderr if " ERROR: " in line]
    assert errors == [
        "exit 3: no portal reachable: every request failed (DNS, refused, timeout or HTTP 5xx); "
        "see the run summary"
    ]
    assert not [line for line in done.stderr if "Traceback" in line]


def test_a_spiders_own_arguments_are_known(tmp_path: Path) -> None:
    """``regional`` takes ``region`` beside the network spiders' arguments."""
    done = scrapy("crawl", "regional", "-a", "region=ID-SN", "-a", "max_pages=0", *quiet(tmp_path))
    assert (done.code, done.stderr) == (
        ExitCode.USAGE, ["scrapy crawl regional: -a max_pages=0: must be a whole number ≥ 1"],
    )  # fmt: skip
    typo = scrapy("crawl", "regional", "-a", "regoin=ID-SN", *quiet(tmp_path))
    assert typo.stderr == [f"scrapy crawl regional: unknown argument(s) -a regoin; {KNOWN}, region"]

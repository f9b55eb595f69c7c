"""The switch: off by default (nothing of Redis imported), on by setting or environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from scrapy.settings import Settings

from newscrawl import settings as project_settings
from newscrawl.distributed.addon import RedisAddon
from newscrawl.distributed.switch import redacted, uri_params, with_worker, worker_id
from tests.conftest import ROOT, expected_records

DEFAULT_FEED = "output/%(name)s/%(time)s.jsonl"


def configured(env: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Project settings with the spider's default feed, ``-s`` overrides, then the add-on."""
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.set("FEEDS", {DEFAULT_FEED: {"format": "jsonlines"}}, priority="spider")
    settings.setdict(overrides, priority="cmdline")
    RedisAddon().update_settings(settings)
    return settings


def test_off_by_default_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSCRAWL_REDIS_URL", raising=False)
    settings = configured()
    assert settings["DUPEFILTER_CLASS"] == "newscrawl.dupefilter.StateAwareDupeFilter"
    assert "SCHEDULER_PERSIST" not in settings or not settings.getbool("SCHEDULER_PERSIST")
    assert list(settings.getdict("FEEDS")) == [DEFAULT_FEED]
    assert not settings.get("NEWSCRAWL_STATE_STORE")


@pytest.mark.parametrize("how", ["setting", "environment"])
def test_on_by_setting_or_environment(monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    url = "redis://127.0.0.1:6379/3"
    monkeypatch.setenv("NEWSCRAWL_WORKER_ID", "host-1")
    if how == "environment":
        monkeypatch.setenv("NEWSCRAWL_REDIS_URL", url)
        settings = configured()
    else:
        monkeypatch.delenv("NEWSCRAWL_REDIS_URL", raising=False)
        settings = configured(NEWSCRAWL_REDIS_URL=url)
    assert settings["REDIS_URL"] == url
    assert settings["SCHEDULER"] == "newscrawl.distributed.scheduler.FleetScheduler"
    assert settings["DUPEFILTER_CLASS"] == "newscrawl.distributed.scheduler.RedisDupeFilter"
    assert settings.getbool("SCHEDULER_PERSIST")
    assert settings["SCHEDULER_QUEUE_KEY"] == "newscrawl:%(spider)s:requests"
    assert settings["NEWSCRAWL_STATE_STORE"] == "newscrawl.distributed.store.RedisStateStore"
    assert list(settings.getdict("FEEDS")) == ["output/%(name)s/%(time)s-%(worker)s.jsonl"]
    assert settings["NEWSCRAWL_SUMMARY"] == "output/%(name)s/%(time)s-host-1.summary.json"
    assert "newscrawl.distributed.worker.RedisWorker" in settings.getdict("EXTENSIONS")
    assert "newscrawl.state.keeper.StateKeeper" in settings.getdict("EXTENSIONS")


def test_command_line_wins_over_the_addon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSCRAWL_REDIS_URL", raising=False)
    settings = configured(NEWSCRAWL_REDIS_URL="redis://h/0", NEWSCRAWL_REDIS_PREFIX="corpus",
                          SCHEDULER_PERSIST=False)  # fmt: skip
    assert settings["SCHEDULER_DUPEFILTER_KEY"] == "corpus:%(spider)s:dupefilter"
    assert not settings.getbool("SCHEDULER_PERSIST")


def test_worker_names() -> None:
    assert with_worker("output/%(name)s/%(time)s.jsonl", "%(worker)s") == (
        "output/%(name)s/%(time)s-%(worker)s.jsonl"
    )
    assert with_worker("out/%(spider)s/%(site)s/%(day)s.jsonl.gz", "w2") == (
        "out/%(spider)s/%(site)s/%(day)s-w2.jsonl.gz"
    )
    assert with_worker("feed", "w") == "feed-w"
    assert with_worker("a/%(worker)s.jsonl", "%(worker)s") == "a/%(worker)s.jsonl"
    assert worker_id(Settings({"NEWSCRAWL_WORKER_ID": "rack 4/node:7"})) == "rack_4_node_7"
    spider = type("S", (), {"settings": Settings({"NEWSCRAWL_WORKER_ID": "w9"})})()
    assert uri_params({"name": "prmn"}, spider) == {"name": "prmn", "worker": "w9"}
    assert redacted("redis://user:secret@h:6379/0") == "redis://user:***@h:6379/0"


def test_a_crawl_without_redis_imports_nothing_of_it(fixture_server: Any, tmp_path: Path) -> None:
    """The whole crawl, in one process: which Redis-related modules were ever loaded."""
    site = next(iter(expected_records("prmn")))
    script = (
        "import atexit, json, sys\n"
        "def report():\n"
        "    names = [m for m in sys.modules if m.split('.')[0] in ('redis', 'scrapy_redis')\n"
        "             or m.startswith('newscrawl.distributed')]\n"
        "    print('LOADED ' + json.dumps(sorted(names)), flush=True)\n"
        "atexit.register(report)\n"
        "from scrapy.cmdline import execute\n"
        "execute(sys.argv[1:])\n"
    )
    command = [sys.executable, "-c", script, "scrapy", "crawl", "prmn",
               "-a", f"start_urls={fixture_server.origins[site]}/", "-a", "max_pages=1",
               "-s", f"NEWSCRAWL_STATE={tmp_path / 'state.sqlite'}", "-s", "NEWSCRAWL_SUMMARY=",
               "-O", str(tmp_path / "out.jsonl"), "-s", f"LOG_FILE={tmp_path / 'crawl.log'}",
               "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "NEWSCRAWL_REDIS_URL"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.split("LOADED ", 1)[1])
    assert loaded == ["newscrawl.distributed", "newscrawl.distributed.addon",
                      "newscrawl.distributed.switch"]  # fmt: skip
    assert (tmp_path / "out.jsonl").read_text("utf-8").count("\n") > 0

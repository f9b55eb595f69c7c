"""The README's cron line, as written, on a fresh clone: twice, the second run finding nothing
new. Only ``-a start_urls`` (the local fixture portals) and the politeness delays are added,
so no test touches the internet."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, expected_records

CHECKOUT = "/srv/newscrawl"


def cron_line() -> str:
    """The command of the README's crontab line (after the five time fields)."""
    found = re.search(r"^0 \* \* \* \* (cd /srv/newscrawl && .+)$", readme(), re.MULTILINE)
    assert found, "the README has no hourly crontab line"
    return found.group(1)


def readme() -> str:
    return (ROOT / "README.md").read_text("utf-8")


def fresh_clone(into: Path) -> Path:
    """The tracked files of the checkout (what ``git clone`` gives), with a ``.venv`` whose
    ``scrapy`` is this environment's."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, files):
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_file():
            target.write_bytes((ROOT / name).read_bytes())
    (into / ".venv" / "bin").mkdir(parents=True)
    (into / ".venv" / "bin" / "scrapy").symlink_to(Path(sys.executable).parent / "scrapy")
    return into


def run(line: str, clone: Path, server: Any) -> subprocess.CompletedProcess[str]:
    seeds = ",".join(f"{server.origins[site]}/" for site in expected_records("prmn"))
    local = f" -a start_urls={seeds} -s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=False"
    command = line.replace(CHECKOUT, str(clone)) + local
    return subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=300)


def summaries(clone: Path) -> list[dict[str, Any]]:
    paths = sorted((clone / "output" / "prmn").glob("*.summary.json"))
    return [json.loads(p.read_text("utf-8")) for p in paths]


def test_cron_line_on_a_fresh_clone(fixture_server: Any, tmp_path: Path) -> None:
    line = cron_line()
    assert line == "cd /srv/newscrawl && .venv/bin/scrapy crawl prmn -s LOG_FILE=logs/prmn.log"
    clone = fresh_clone(tmp_path / "newscrawl")
    assert not (clone / "logs").exists()
    first = run(line, clone, fixture_server)
    assert (first.returncode, first.stderr) == (0, "")  # cron mails nothing
    assert (clone / "logs" / "prmn.log").is_file()
    feeds = sorted((clone / "output" / "prmn").glob("*.jsonl"))
    assert len(feeds) == 1 and len(feeds[0].read_text("utf-8").splitlines()) == 40
    (report,) = summaries(clone)
    assert (report["exit_code"], report["finish_reason"]) == (0, "finished")
    assert sum(row["emitted"] for row in report["portals"].values()) == 40
    assert sum(row["skipped_known"] for row in report["portals"].values()) == 0

    second = run(line, clone, fixture_server)
    assert (second.returncode, second.stderr) == (0, "")
    later = summaries(clone)[-1]
    assert (later["exit_code"], later["finish_reason"]) == (0, "finished")
    assert sum(row["emitted"] for row in later["portals"].values()) == 0
    # known articles skipped, each once (articles, not the many links to them)
    skipped = sum(row["skipped_known"] for row in later["portals"].values())
    assert skipped == later["totals"]["state/skipped_known"]
    assert sorted(row["skipped_known"] for row in later["portals"].values()) == [20, 20]

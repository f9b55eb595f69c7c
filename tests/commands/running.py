"""Run ``scrapy`` as cron does: a subprocess whose exit code and stderr are all it tells."""

from __future__ import annotations

import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT


@dataclass
class Done:
    code: int
    stderr: list[str]
    stdout: str


def scrapy(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> Done:
    """``python -m scrapy ARGS``; stderr as its lines."""
    done = subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=240)  # fmt: skip
    return Done(done.returncode, done.stderr.splitlines(), done.stdout)


def closed_port() -> int:
    """A local port nothing listens on: connections to it are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def quiet(tmp: Path) -> list[str]:
    """Settings of a cron run: the log in a file, no state shared with other tests."""
    return ["-s", f"LOG_FILE={tmp / 'crawl.log'}",
            "-s", f"NEWSCRAWL_STATE={tmp / 'state.sqlite'}",
            "-s", f"NEWSCRAWL_SUMMARY={tmp / 'summary.json'}",
            "-O", str(tmp / "out.jsonl")]  # fmt: skip

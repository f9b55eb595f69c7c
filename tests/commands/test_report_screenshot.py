"""The report as a browser draws it: headless Chromium (Debian's ``chromium``) takes a
screenshot; it must exist, have the window's size, and not be blank.

Skipped only outside CI when Chromium is missing; in CI (``CI`` set) a missing browser fails.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from tests.commands.running import scrapy
from tests.commands.summaries import write_runs

WIDTH, HEIGHT = 1200, 1600
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def browser() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed (CI installs Debian's chromium: see .ci/run)")
    pytest.skip("chromium is not installed (apt-get install chromium)")


def screenshot(page: Path, tmp: Path) -> bytes:
    png = tmp / f"{page.stem}.png"
    subprocess.run([browser(), *FLAGS, f"--user-data-dir={tmp / 'profile'}",
                    f"--screenshot={png}", f"--window-size={WIDTH},{HEIGHT}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    return png.read_bytes()


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR is always the first chunk)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_report_screenshot(tmp_path: Path) -> None:
    folder = write_runs(tmp_path / "runs")
    assert scrapy("report", str(folder)).code == 0
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", "utf-8")
    report = screenshot(folder / "report.html", tmp_path)
    empty = screenshot(blank, tmp_path)
    assert png_size(report) == (WIDTH, HEIGHT)
    # A blank page compresses to almost nothing; charts, text and colours do not.
    assert len(report) > 10 * len(empty)

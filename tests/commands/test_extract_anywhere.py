"""``scrapy extract`` after ``pip install newscrawl``: from any folder, with the crawl's exit
codes and one stderr line per refusal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.exitcodes import ExitCode
from tests.commands.running import scrapy
from tests.conftest import FIXTURES, ROOT, expected_records


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """newscrawl installed (not the checkout) into a folder of its own: the environment of a
    process that sees only the installed package and its entry points."""
    source, target = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("site")
    for name in ("pyproject.toml", "README.md"):  # a copy: setuptools builds in the tree
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "newscrawl", source / "newscrawl",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-build-isolation", "--no-index", "--target", str(target), str(source)],
                   check=True, capture_output=True, timeout=300)  # fmt: skip
    return {**os.environ, "PYTHONPATH": str(target)}


def fixture_page() -> tuple[Path, dict[str, object]]:
    record = next(r for r in expected_records()["wartabulukumba"] if r["case"] == "offsite")
    path = str(record["url"]).split("/", 3)[3]
    return FIXTURES / "portals" / "wartabulukumba" / path / "index.html", record


def test_extract_from_tmp(installed: dict[str, str], tmp_path: Path) -> None:
    page, record = fixture_page()
    done = scrapy("extract", str(page), "--url", str(record["url"]), cwd=tmp_path, env=installed)
    assert done.code == 0, done.stderr
    got = json.loads(done.stdout)
    for name in ("url", "title", "body", "published_at", "authors", "site", "network"):
        assert got[name] == record[name]
    probe = "import newscrawl; print(newscrawl.__file__)"
    where = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=installed,
                           capture_output=True, text=True, check=True)  # fmt: skip
    assert not where.stdout.startswith(str(ROOT))  # the installed copy, not the checkout


@pytest.mark.parametrize(
    ("args", "line"),
    [
        ([], "give one or more saved pages or WARC archives"),
        (["no-such-page.html"], "no such file: no-such-page.html"),
        (
            ["README.md", "pyproject.toml", "--url", "https://x.test/a"],
            "--url applies to a single page",
        ),
    ],
)
def test_extract_refusals(args: list[str], line: str) -> None:
    done = scrapy("extract", *args)
    assert (done.code, done.stderr) == (ExitCode.USAGE, [f"scrapy extract: {line}"])


def test_extract_to_an_unwritable_output(tmp_path: Path) -> None:
    page, record = fixture_page()
    target = tmp_path / "no-such-dir" / "out.jsonl"
    done = scrapy("extract", str(page), "--url", str(record["url"]), "-o", str(target))
    assert (done.code, done.stderr) == (
        ExitCode.OUTPUT_LOST,
        [f"scrapy extract: output lost: cannot write {target}: No such file or directory"],
    )  # fmt: skip

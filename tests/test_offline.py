"""Offline re-extraction keeps going past a page that breaks it: one ERROR line naming the
page, the page listed as failed, every other page still read (``scrapy extract`` then exits 1)."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.items import Article
from newscrawl.offline import extract_archive, extract_files
from tests.conftest import FIXTURES, ROOT

PAGES = FIXTURES / "portals" / "wartabulukumba" / "bulukumba"


BROKEN = "pr-8725134401"  # the one article whose record meets the bug


class Breaks:
    """A pipeline with a bug that only one page's record meets."""

    def process_item(self, item: Article) -> Article:
        if BROKEN in item.url:
            raise RuntimeError("bug")
        return item


def first_pages() -> list[Path]:
    """Three saved first pages, the broken one in the middle."""
    pages = sorted(p for p in PAGES.glob("pr-87*/*/index.html") if BROKEN not in str(p))
    return [pages[0], *PAGES.glob(f"{BROKEN}/*/index.html"), pages[1]]


def test_a_page_that_breaks_the_chain_is_logged_and_the_batch_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    pages = first_pages()
    failed: list[str] = []
    with caplog.at_level(logging.ERROR, logger="newscrawl.offline"):
        items = list(extract_files(pages, None, [Breaks()], failed))
    broken = [str(p) for p in pages if BROKEN in str(p)]
    assert failed == broken and len(items) == len(pages) - 1
    assert [r.getMessage() for r in caplog.records] == [
        f"{broken[0]}: could not be read (RuntimeError: bug)"
    ]


def test_an_archive_record_that_breaks_the_chain_does_not_stop_the_archive() -> None:
    failed: list[str] = []
    items = list(extract_archive(FIXTURES / "portals.warc.gz", [Breaks()], failed))
    assert len(failed) == 1 and failed[0].startswith(f"{FIXTURES / 'portals.warc.gz'} at offset ")
    assert len(items) > 100 and not [i for i in items if BROKEN in i.url]


def test_scrapy_extract_exits_1_naming_the_page_it_could_not_read() -> None:
    pages = first_pages()
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "extract", *map(str, pages),
         "-s", 'ITEM_PIPELINES={"tests.test_offline.Breaks": 1}'],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout.count("\n") == 2  # the two good pages' records
    assert done.stderr.splitlines()[-1] == (
        f"scrapy extract: 1 page(s) could not be read: {pages[1]}"
    )

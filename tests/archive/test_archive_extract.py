"""Re-extraction of archives in-process: which pages give records, and how pages are stitched."""

from __future__ import annotations

import gzip
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import Request, Response
from scrapy.utils.project import get_project_settings

from fixtures.build_warc import OUT
from newscrawl.archive.reader import index_responses, read_response, url_key
from newscrawl.archive.writer import ArchiveMiddleware
from newscrawl.offline import extract_archive, pipelines
from tests.conftest import ROOT, expected_records


def by_case(network: str, case: str) -> dict[str, Any]:
    return next(r for p in expected_records(network).values() for r in p if r["case"] == case)


def subset(tmp: Path, urls: list[str], gzipped: bool = False) -> Path:
    """An uncompressed archive of ``urls`` taken from the fixture archive, in that order;
    ``gzipped``: as a server that compresses its responses would have sent them."""
    index = index_responses([OUT])
    path = tmp / "subset.warc"
    writer = ArchiveMiddleware(path)
    for url in urls:
        got = read_response(index[url_key(url)])
        headers = dict(got.headers) | ({"Content-Encoding": "gzip"} if gzipped else {})
        body = gzip.compress(got.body, mtime=0) if gzipped else got.body
        writer.process_response(Request(url), Response(url, headers=headers, body=body))
    writer.close()
    return path


def extract(path: Path) -> list[dict[str, Any]]:
    return [item.record() for item in extract_archive(path, pipelines(get_project_settings()))]


def test_only_articles_give_records(tmp_path: Path) -> None:
    article = by_case("prmn", "offsite")["url"]
    home = "https://wartabulukumba.pikiran-rakyat.com/"
    listing = "https://wartabulukumba.pikiran-rakyat.com/bulukumba?page=2"
    robots = "https://wartabulukumba.pikiran-rakyat.com/robots.txt"
    got = extract(subset(tmp_path, [home, listing, robots, article]))
    assert [r["url"] for r in got] == [article]


def test_compressed_bodies_are_decoded_before_extraction(tmp_path: Path) -> None:
    want = by_case("prmn", "multipage3")
    urls = [want["url"], f"{want['url']}?page=2", f"{want['url']}?page=3"]
    [got] = extract(subset(tmp_path, urls, gzipped=True))
    assert (got["url"], got["pages"], got["title"], got["body"]) == (
        want["url"],
        3,
        want["title"],
        want["body"],
    )


def test_a_missing_page_is_a_warning_and_the_rest_is_stitched_in_order(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    want = by_case("prmn", "multipage3")
    path = subset(tmp_path, [f"{want['url']}?page=3", want["url"]])
    caplog.set_level(logging.WARNING, logger="newscrawl.articles")
    [got] = extract(path)
    assert (got["url"], got["pages"]) == (want["url"], 2)
    full = want["body"].split("\n\n")
    paragraphs = got["body"].split("\n\n")
    assert paragraphs == [p for p in full if p in paragraphs]  # page order kept
    assert len(paragraphs) < len(full)
    assert [r.getMessage() for r in caplog.records] == [
        f"Missing page {want['url']}?page=2 of article {want['url']} in {path}; emitting without it"
    ]


def test_a_later_page_without_its_first_is_read_on_its_own(tmp_path: Path) -> None:
    first = by_case("tribun", "multipage2")["url"]
    got = extract(subset(tmp_path, [f"{first}?page=2"]))
    assert [(r["url"], r["pages"]) for r in got] == [(f"{first}?page=2", 1)]


def test_url_option_is_for_saved_pages_only() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "extract", str(OUT), "--url", "https://x.example/"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "--url applies to a saved page; an archive names its own URLs" in done.stderr

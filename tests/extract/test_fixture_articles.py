"""Extraction plus pipelines on every fixture article of every network, offline, every field
exact: the page is read the way ``scrapy extract`` reads a saved page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from scrapy.http import HtmlResponse
from scrapy.utils.project import get_project_settings

from newscrawl.networks.prmn import Prmn
from newscrawl.offline import pipelines
from newscrawl.resolve import resolve_page
from tests.conftest import FIXTURES, expected_records

SINGLE_PAGE = [
    record
    for network in ("prmn", "tribun", None)
    for portal in expected_records(network).values()
    for record in portal
    if record["pages"] == 1
]


def fixture_response(record: dict[str, Any]) -> HtmlResponse:
    """The saved page of ``record`` with the Content-Type the fixture server would send."""
    site = json.loads((FIXTURES / "portals" / record["site"] / "site.json").read_text("utf-8"))
    path = urlsplit(record["url"]).path.strip("/")
    file = Path(path) / "index.html" if path else Path("index.html")
    charset = site.get("charsets", {}).get(f"/{file}") or site.get("charsets", {}).get(str(file))
    body = (FIXTURES / "portals" / record["site"] / file).read_bytes()
    headers = {"Content-Type": f"text/html; charset={charset or 'utf-8'}"}
    return HtmlResponse(url=record["url"], body=body, headers=headers)


@pytest.mark.parametrize("record", SINGLE_PAGE, ids=lambda r: f"{r['site']}-{r['case']}")
def test_fixture_article(record: dict[str, Any]) -> None:
    response = fixture_response(record)
    page = resolve_page(response.selector, response.url)
    item = page.network.extractor.extract(page)
    for pipeline in pipelines(get_project_settings()):
        item = pipeline.process_item(item)
    got = item.record()
    for name in ("crawled_at", "content_hash", "duplicate_of"):
        got.pop(name)
    assert got == {k: v for k, v in record.items() if k != "case"}


def test_multipage_first_page_lists_the_others() -> None:
    record = next(r for p in expected_records().values() for r in p if r["case"] == "multipage3")
    response = fixture_response(record)
    page = resolve_page(response.selector, response.url)
    assert Prmn().page_urls(page) == [f"{record['url']}?page=2", f"{record['url']}?page=3"]

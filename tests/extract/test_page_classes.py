"""The generic extractor on template classes it was not built against (issue 10): one folder
per class under ``pages/``, each page with the fields it must give (or the reason it must be
dropped) in ``<name>.json``. The pages are invented; their markup reproduces real shapes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse
from scrapy.utils.project import get_project_settings

from newscrawl.drops import ArticleDropped
from newscrawl.offline import pipelines
from newscrawl.resolve import Resolver, resolve_page

PAGES = Path(__file__).parent / "pages"
CASES = sorted(PAGES.glob("*/*.html"))
FETCHED = "Thu, 04 Dec 2025 01:00:00 GMT"  # the page's fetch: dates after it are impossible


def run(path: Path, url: str) -> dict[str, Any]:
    response = HtmlResponse(url=url, body=path.read_bytes())
    page = resolve_page(response.selector, url, http_date=FETCHED)
    item = page.network.extractor.extract(page)
    try:
        for pipeline in pipelines(get_project_settings()):
            item = pipeline.process_item(item)
    except ArticleDropped as dropped:
        return {"url": url, "dropped": dropped.reason.value}
    return item.record()


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_page_class(path: Path) -> None:
    want = json.loads(path.with_suffix(".json").read_text("utf-8"))
    got = run(path, want["url"])
    assert {name: got.get(name) for name in want} == want


def test_every_class_has_pages() -> None:
    classes = {p.parent.name for p in CASES}
    assert classes == {"body", "headline", "dates", "authors", "section", "not_article"}


def test_a_listing_date_carried_with_the_request_dates_an_undated_page() -> None:
    """No date on the page or in its URL: the listing's date, named as the source."""
    want = json.loads((PAGES / "dates" / "url_only.json").read_text("utf-8"))
    url = "https://kabarlembah.example/daerah/jembatan-gantung-baru"
    response = HtmlResponse(url=url, body=(PAGES / "dates" / "url_only.html").read_bytes())
    listed = ("17 Juni 2024, 21:05 WIB", "listing")
    page = Resolver().page(response.selector, url, http_date=FETCHED, listed=listed)
    item = page.network.extractor.extract(page)
    for pipeline in pipelines(get_project_settings()):
        item = pipeline.process_item(item)
    assert (item.published_at, item.published_source) == ("2024-06-17T21:05:00+07:00", "listing")
    assert item.body == want["body"]

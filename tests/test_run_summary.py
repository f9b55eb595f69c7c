"""The run summary's parts: exit codes from stats, typed drop reasons, error kinds, portal
order, progress lines; the spiders' settings carried into another project."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from scrapy.exceptions import CloseSpider, DownloadTimeoutError, DropItem
from scrapy.http import Request, Response
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler
from twisted.internet import error

from newscrawl.drops import ArticleDropped, DropReason
from newscrawl.exitcodes import ExitCode, for_run
from newscrawl.items import Article
from newscrawl.runinfo import error_kind
from newscrawl.spiders.portable import carry
from newscrawl.spiders.prmn import PrmnSpider
from newscrawl.summary import RunSummary, drop_reason


@pytest.mark.parametrize(
    ("stats", "code"),
    [
        ({"finish_reason": "finished"}, ExitCode.OK),
        ({"finish_reason": "closespider_timeout"}, ExitCode.OK),
        ({"finish_reason": "no_portal_reachable"}, ExitCode.UNREACHABLE),
        ({"finish_reason": "finished", "newscrawl/output/lost": 1}, ExitCode.OUTPUT_LOST),
        ({"finish_reason": "shutdown", "newscrawl/output/lost": 2}, ExitCode.OUTPUT_LOST),
        ({"finish_reason": "finished", "newscrawl/output/failed_files": 1}, ExitCode.OUTPUT_LOST),
        ({"finish_reason": "redis_unavailable"}, ExitCode.REDIS_UNAVAILABLE),
        ({"finish_reason": "shutdown"}, ExitCode.INTERRUPTED),
        ({"finish_reason": "cancelled"}, ExitCode.INTERRUPTED),
        ({}, ExitCode.FAILED),
    ],
)
def test_exit_code_of_a_run(stats: dict[str, Any], code: ExitCode) -> None:
    assert for_run(stats) is code


def test_drop_reasons_are_typed() -> None:
    assert drop_reason(ArticleDropped(DropReason.OUTSIDE_WINDOW, "https://x.test/a")) == (
        "outside_window"
    )
    assert drop_reason(DropItem("outside window 2024-06-01: https://x.test/a")) == "other"


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (error.DNSLookupError("x"), "dns"),
        (DownloadTimeoutError("slow"), "timeout"),
        (error.TCPTimedOutError(), "timeout"),
        (error.ConnectionRefusedError(), "refused"),
        (ValueError("odd"), "ValueError"),
    ],
)
def test_error_kinds(exc: BaseException, kind: str) -> None:
    assert error_kind(exc) == kind


def summary_of_a_run() -> RunSummary:
    crawler = get_crawler(PrmnSpider, {"NEWSCRAWL_STATE": ""})
    ext = RunSummary(crawler, "", 0)
    spider = PrmnSpider(sites="wartabulukumba,zonapriangan")
    ext.opened(spider)
    page = Request("https://zonapriangan.pikiran-rakyat.com/a", meta={"portal": "zonapriangan"})
    ext.received(Response(page.url, status=200), page)
    ext.received(Response(page.url + "b", status=404), page)
    ext.scraped(Article(url=page.url, site="zonapriangan", title="Judul", body="Isi."))
    ext.dropped_item(Article(url=page.url, site="zonapriangan"),
                     ArticleDropped(DropReason.NO_BODY, page.url))  # fmt: skip
    assert crawler.stats is not None
    crawler.stats.set_value("newscrawl/errors/site/wartabulukumba/dns", 2)
    return ext


def test_portals_that_yielded_nothing_come_first() -> None:
    ext = summary_of_a_run()
    portals = ext.portals(ext.stats())
    assert list(portals) == ["wartabulukumba", "zonapriangan"]
    assert portals["wartabulukumba"] == {
        "pages_fetched": 0, "active_seconds": 0.0, "emitted": 0, "skipped_known": 0,
        "dropped": {}, "errors": {"dns": 2}, "field_coverage": {},
    }  # fmt: skip
    row = portals["zonapriangan"]
    assert (row["pages_fetched"], row["emitted"], row["dropped"], row["errors"]) == (
        1, 1, {"no_body": 1}, {"http_404": 1},
    )  # fmt: skip


def test_progress_lines_for_portals_that_moved(caplog: pytest.LogCaptureFixture) -> None:
    ext = summary_of_a_run()
    with caplog.at_level(logging.INFO, logger="newscrawl.summary"):
        ext.log_progress()
        ext.log_progress()  # nothing moved since: no line
    assert [r.getMessage() for r in caplog.records if r.name == "newscrawl.summary"] == [
        "Progress wartabulukumba: 0 pages fetched, 0 emitted, 0 dropped, 2 errors",
        "Progress zonapriangan: 1 pages fetched, 1 emitted, 1 dropped, 1 errors",
    ]


def test_no_portal_reachable_closes_with_its_reason() -> None:
    crawler = get_crawler(PrmnSpider, {"NEWSCRAWL_STATE": ""})
    ext = RunSummary(crawler, "", 0)
    ext.opened(PrmnSpider(sites="wartabulukumba"))
    home = Request("https://wartabulukumba.pikiran-rakyat.com/", meta={"portal": "wartabulukumba"})
    ext.received(Response(home.url, status=503), home)
    with pytest.raises(CloseSpider) as closed:
        ext.idle(PrmnSpider())
    assert closed.value.reason == "no_portal_reachable"
    ext.received(Response(home.url, status=404), home)  # someone answered
    ext.idle(PrmnSpider())


def test_settings_carried_into_another_project() -> None:
    theirs = {"hostproj.Mine": 800, "newscrawl.pipelines.DedupPipeline": None}
    settings = Settings({"BOT_NAME": "hostproj", "SPIDER_MODULES": ["newscrawl.spiders"],
                         "ITEM_PIPELINES": theirs})  # fmt: skip
    carry(settings)
    pipelines = settings.getdict("ITEM_PIPELINES")
    assert pipelines["hostproj.Mine"] == 800
    assert pipelines["newscrawl.pipelines.DatesPipeline"] == 100
    assert pipelines["newscrawl.pipelines.DedupPipeline"] is None  # the host's choice wins
    assert "newscrawl.archive.replay.ReplayMiddleware" in settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert settings.get("NEWSCRAWL_STATE") == ".newscrawl/state.sqlite"
    assert settings.getlist("FEED_EXPORT_FIELDS")[:2] == ["url", "canonical_url"]


@pytest.mark.parametrize(
    "given",
    [{"BOT_NAME": "newscrawl", "SPIDER_MODULES": ["newscrawl.spiders"]},  # this project
     {"BOT_NAME": "scrapybot"}],  # no project: get_crawler in a unit test, a bare script
)  # fmt: skip
def test_nothing_carried_inside_the_project_or_without_one(given: dict[str, Any]) -> None:
    settings = Settings(given)
    carry(settings)
    assert settings.getdict("ITEM_PIPELINES") == {}

"""The keeper remembers an article only once every output wrote it."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from newscrawl.items import Article
from newscrawl.state.keeper import StateKeeper
from newscrawl.state.store import StateStore


def keeper(tmp_path: Path) -> StateKeeper:
    crawler = get_crawler()
    crawler.stats.open_spider()  # type: ignore[union-attr]
    return StateKeeper(crawler, StateStore(tmp_path / "s.sqlite"))


def test_an_article_an_output_refused_is_lost_not_remembered(tmp_path: Path) -> None:
    kept = keeper(tmp_path)
    kept.output_failed(tmp_path / "feed.jsonl", OSError(28, "No space left on device"))
    kept.scraped(Article(url="https://a/1"))
    kept.scraped(Article(url="https://a/2"))  # the disk took this one
    assert kept.store is not None and kept.store.lookup("https://a/1") is None
    assert kept.store.lookup("https://a/2") is not None
    stats = kept.crawler.stats
    assert stats is not None and stats.get_value("newscrawl/output/lost") == 1
    assert stats.get_value("newscrawl/output/delivered") == 1


def test_a_state_that_cannot_be_written_is_one_error_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    kept = keeper(tmp_path)
    assert kept.store is not None
    kept.store.db.close()
    kept.store.db = sqlite3.connect(":memory:")  # no tables: every write fails
    with caplog.at_level(logging.ERROR):
        kept.scraped(Article(url="https://a/1"))
        kept.scraped(Article(url="https://a/2"))
    assert len(caplog.records) == 1
    assert (
        caplog.records[0]
        .getMessage()
        .startswith(f"Cannot write to the state {tmp_path / 's.sqlite'} (no such table: articles)")
    )
    stats = kept.crawler.stats
    assert stats is not None and stats.get_value("newscrawl/state/write_failed") == 2

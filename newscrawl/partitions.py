"""Feeds for corpora: records written per portal and day, gzipped, as they arrive.

``NEWSCRAWL_PARTITION = "output/%(spider)s/%(site)s/%(day)s.jsonl.gz"`` writes each record to
the file its spider, portal (``site``), ``network`` and publication ``day`` name. Each record
is its own gzip member, written at once (every gzip reader reads the members as one stream):
a killed run leaves every earlier record readable, and the next run cuts a partial last
member before it appends. Partitions are registered with the run's
:class:`~newscrawl.state.keeper.StateKeeper` like any feed, so a killed run's records are
reconciled from them, and a failed write counts the article as lost. Values from pages never
leave the output folder: each is reduced to ``[A-Za-z0-9._-]`` and the resolved path is
checked.
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any, Self, cast

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.exporters import JsonLinesItemExporter

from newscrawl.items import Article
from newscrawl.state.keeper import StateKeeper, keeper_of
from newscrawl.state.outputs import GuardedFile
from newscrawl.state.reconcile import repair

logger = logging.getLogger(__name__)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_OPEN = 64  # partitions kept open at once; older ones are closed and reopened on demand


def safe_part(value: object, default: str) -> str:
    """A path segment made from page data: no separators, no leading dots, never empty."""
    cleaned = _UNSAFE.sub("_", str(value or "")).strip("._")
    return cleaned[:100] or default


class _Members:
    """What the exporter writes to: each write (one record) becomes one gzip member."""

    def __init__(self, out: GuardedFile, gzipped: bool) -> None:
        self.out, self.gzipped = out, gzipped

    def write(self, data: bytes) -> int:
        self.out.write(gzip.compress(data, mtime=0) if self.gzipped else data)
        return len(data)


class _Partition:
    """One open partition file and its exporter."""

    def __init__(self, path: Path, fields: list[str], keeper: StateKeeper) -> None:
        self.out = GuardedFile(path, "ab", keeper.output_failed)
        sink = _Members(self.out, path.name.endswith(".gz"))
        self.exporter = JsonLinesItemExporter(
            cast(Any, sink), fields_to_export=fields, ensure_ascii=False
        )

    def close(self) -> None:
        self.out.close()


class PartitionedFeeds:
    """Extension: every scraped record also goes to its partition file."""

    def __init__(self, template: str, fields: list[str], keeper: StateKeeper) -> None:
        self.template, self.fields, self.keeper = template, fields, keeper
        self.root = Path(template.split("%(", 1)[0] or ".").resolve()
        self.open: OrderedDict[Path, _Partition] = OrderedDict()
        self.seen: set[Path] = set()  # opened by this run: repaired and registered once
        self.written = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        template = crawler.settings.get("NEWSCRAWL_PARTITION")
        if not template:
            raise NotConfigured("NEWSCRAWL_PARTITION is not set")
        fields = crawler.settings.getlist("FEED_EXPORT_FIELDS")
        ext = cls(template, fields, keeper_of(crawler))
        crawler.signals.connect(ext.scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def path_for(self, item: Article, spider: str) -> Path:
        params = {
            "spider": safe_part(spider, "spider"),
            "site": safe_part(item.site, "unknown"),
            "network": safe_part(item.network, "independent"),
            "day": safe_part((item.published_at or "")[:10], "undated"),
        }
        path = Path(self.template % params).resolve()
        if not path.is_relative_to(self.root):
            raise ValueError(f"partition {path} escapes {self.root}")
        return path

    def scraped(self, item: Any, spider: Spider) -> None:
        if not isinstance(item, Article):
            return
        path = self.path_for(item, spider.name)
        if path not in self.open:
            self.open[path] = self.reopen(path)
        self.open.move_to_end(path)
        self.open[path].exporter.export_item(item)
        self.written += 1

    def reopen(self, path: Path) -> _Partition:
        """Open ``path`` for appending; the first time in this run, cut what a killed run
        left half-written and register the file with the keeper."""
        if len(self.open) >= MAX_OPEN:
            self.open.popitem(last=False)[1].close()
        if path not in self.seen:
            self.seen.add(path)
            with contextlib.suppress(OSError):  # if so, the open fails too and reports it
                path.parent.mkdir(parents=True, exist_ok=True)
                repair(path)
            self.keeper.add_output(path)
        return _Partition(path, self.fields, self.keeper)

    def closed(self, spider: Spider) -> None:
        for partition in self.open.values():
            partition.close()
        logger.info("Partitioned feeds: %d records under %s", self.written, self.root)
        self.open.clear()

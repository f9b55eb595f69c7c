"""Feeds for corpora: records written per portal and day, gzipped, as they arrive.

``NEWSCRAWL_PARTITION = "output/%(spider)s/%(site)s/%(day)s.jsonl.gz"`` writes each record to
the file its spider, portal (``site``), ``network`` and publication ``day`` name, through
Scrapy's own feed post-processing (``GzipPlugin``). A later run appends a new gzip member,
which every gzip reader reads as one stream. Values from pages never leave the output
folder: each is reduced to ``[A-Za-z0-9._-]`` and the resolved path is checked.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from pathlib import Path
from typing import IO, Any, Self, cast

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.exporters import JsonLinesItemExporter
from scrapy.extensions.postprocessing import GzipPlugin

from newscrawl.items import Article

logger = logging.getLogger(__name__)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_OPEN = 64  # partitions kept open at once; older ones are closed and reopened on demand


def safe_part(value: object, default: str) -> str:
    """A path segment made from page data: no separators, no leading dots, never empty."""
    cleaned = _UNSAFE.sub("_", str(value or "")).strip("._")
    return cleaned[:100] or default


class _Partition:
    """One open partition file and its exporter."""

    def __init__(self, path: Path, fields: list[str]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.raw: IO[bytes] = path.open("ab")
        gzipped = path.name.endswith(".gz")
        sink = GzipPlugin(self.raw, {"gzip_mtime": 0}) if gzipped else self.raw
        self.sink: Any = sink
        self.exporter = JsonLinesItemExporter(
            cast(Any, sink), fields_to_export=fields, ensure_ascii=False
        )

    def close(self) -> None:
        self.sink.close()
        if not self.raw.closed:
            self.raw.close()


class PartitionedFeeds:
    """Extension: every scraped record also goes to its partition file."""

    def __init__(self, template: str, fields: list[str]) -> None:
        self.template, self.fields = template, fields
        self.root = Path(template.split("%(", 1)[0] or ".").resolve()
        self.open: OrderedDict[Path, _Partition] = OrderedDict()
        self.written = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        template = crawler.settings.get("NEWSCRAWL_PARTITION")
        if not template:
            raise NotConfigured("NEWSCRAWL_PARTITION is not set")
        ext = cls(template, crawler.settings.getlist("FEED_EXPORT_FIELDS"))
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
            if len(self.open) >= MAX_OPEN:
                self.open.popitem(last=False)[1].close()
            self.open[path] = _Partition(path, self.fields)
        self.open.move_to_end(path)
        self.open[path].exporter.export_item(item)
        self.written += 1

    def closed(self, spider: Spider) -> None:
        for partition in self.open.values():
            partition.close()
        logger.info("Partitioned feeds: %d records under %s", self.written, self.root)
        self.open.clear()

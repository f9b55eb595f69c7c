"""``scrapy extract PAGE.html|ARCHIVE.warc.gz ... [--url URL] [-o FILE]``: re-extract pages.

Runs the same network rules and item pipelines as a crawl, on files instead of the network,
and writes JSONL. The network is chosen by the URL's host (``--url``, else the page's own
canonical URL), or by the page's template when the host is unknown. A WARC archive
(``.warc``, ``.warc.gz``) gives the records of the articles it holds, multi-page ones
stitched, as its crawl would have (``newscrawl.offline``).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import IO, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.exporters import JsonLinesItemExporter

from newscrawl.offline import extract_paths, is_archive, pipelines

logger = logging.getLogger(__name__)


class Command(ScrapyCommand):
    requires_project = True
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "WARNING"}

    def syntax(self) -> str:
        return "PAGE.html|ARCHIVE.warc.gz [...] [--url URL] [-o FILE]"

    def short_desc(self) -> str:
        return "Extract articles from saved pages or WARC archives with the crawl's rules"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="the URL the page was saved from (one page only)")
        parser.add_argument("-o", "--output", help="write JSONL here instead of stdout")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args:
            raise UsageError("give one or more saved pages")
        if opts.url and len(args) > 1:
            raise UsageError("--url applies to a single page")
        paths = [Path(a) for a in args]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise UsageError(f"no such file: {', '.join(missing)}")
        if opts.url and is_archive(paths[0]):
            raise UsageError("--url applies to a saved page; an archive names its own URLs")
        assert self.settings is not None
        out: IO[bytes] = open(opts.output, "wb") if opts.output else sys.stdout.buffer  # noqa: SIM115
        try:
            exporter = JsonLinesItemExporter(
                out,  # type: ignore[arg-type]
                fields_to_export=self.settings.getlist("FEED_EXPORT_FIELDS"),
                ensure_ascii=False,
            )
            for item in extract_paths(paths, opts.url, pipelines(self.settings)):
                exporter.export_item(item)
        finally:
            if opts.output:
                out.close()

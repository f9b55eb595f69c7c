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
from scrapy.exporters import JsonLinesItemExporter

from newscrawl.commands.runs import check_settings, refuse
from newscrawl.errors import NewscrawlError, UsageError
from newscrawl.exitcodes import ExitCode
from newscrawl.offline import extract_paths, is_archive, pipelines

logger = logging.getLogger(__name__)


class Command(ScrapyCommand):
    requires_project = False  # works from any folder once newscrawl is installed
    requires_crawler_process = False  # no crawl: refusals come before any log set-up
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "WARNING"}

    def syntax(self) -> str:
        return "PAGE.html|ARCHIVE.warc.gz [...] [--url URL] [-o FILE]"

    def short_desc(self) -> str:
        return "Extract articles from saved pages or WARC archives with the crawl's rules"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="the URL the page was saved from (one page only)")
        parser.add_argument("-o", "--output", help="write JSONL here instead of stdout")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        """Outside the newscrawl project (any folder, another project) the crawl's own
        settings are the defaults, so pipelines and record fields are the crawl's."""
        super().process_options(args, opts)
        assert self.settings is not None
        if self.settings.get("BOT_NAME") != "newscrawl":
            self.settings.setmodule("newscrawl.settings", priority="default")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Exit codes as ``scrapy crawl``: 2 for bad arguments, 4 when the output cannot be
        written; each with one line on stderr."""
        assert self.settings is not None
        try:
            paths = checked_paths(args, opts.url)
            check_settings(self.settings)
        except NewscrawlError as refusal:
            refuse("scrapy extract", str(refusal), refusal.exit_code)
        failed: list[str] = []
        try:
            self.export(paths, opts, failed)
        except OSError as exc:
            target = opts.output or "stdout"
            refuse("scrapy extract", f"output lost: cannot write {target}: {exc.strerror or exc}",
                   ExitCode.OUTPUT_LOST)  # fmt: skip
        if failed:
            refuse("scrapy extract", f"{len(failed)} page(s) could not be read: "
                   f"{', '.join(failed[:3])}{' …' if len(failed) > 3 else ''}",
                   ExitCode.FAILED)  # fmt: skip

    def export(self, paths: list[Path], opts: argparse.Namespace, failed: list[str]) -> None:
        assert self.settings is not None
        out: IO[bytes] = open(opts.output, "wb") if opts.output else sys.stdout.buffer  # noqa: SIM115
        try:
            exporter = JsonLinesItemExporter(
                out,  # type: ignore[arg-type]
                fields_to_export=self.settings.getlist("FEED_EXPORT_FIELDS"),
                ensure_ascii=False,
            )
            for item in extract_paths(paths, opts.url, pipelines(self.settings), failed):
                exporter.export_item(item)
        finally:
            if opts.output:
                out.close()
            else:
                out.flush()


def checked_paths(args: list[str], url: str | None) -> list[Path]:
    """The files to read, or a :class:`~newscrawl.errors.UsageError` saying what is wrong."""
    if not args:
        raise UsageError("give one or more saved pages or WARC archives")
    if url and len(args) > 1:
        raise UsageError("--url applies to a single page")
    paths = [Path(a) for a in args]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    if url and is_archive(paths[0]):
        raise UsageError("--url applies to a saved page; an archive names its own URLs")
    return paths

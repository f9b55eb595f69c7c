"""``scrapy extract PAGE.html|ARCHIVE.warc.gz ... [--url URL] [-o FILE]``: re-extract pages.

Runs the same network rules and item pipelines as a crawl, on files instead of the network,
and writes JSONL. The network is chosen by the URL's host (``--url``, else the page's own
canonical URL), or by the page's template when the host is unknown. A WARC archive
(``.warc``, ``.warc.gz``) gives the records of the articles it holds, multi-page ones
stitched, as its crawl would have (``newscrawl.archive.articles``).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import DropItem
from scrapy.exporters import JsonLinesItemExporter
from scrapy.http import HtmlResponse
from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object

from newscrawl.archive.articles import ArchiveArticles
from newscrawl.commands.runs import check_settings, refuse
from newscrawl.errors import NewscrawlError, UsageError
from newscrawl.exitcodes import ExitCode
from newscrawl.extract.base import Page
from newscrawl.extract.metadata import canonical
from newscrawl.items import Article
from newscrawl.networks import network_for

logger = logging.getLogger(__name__)


def saved_page(path: Path, url: str | None) -> Page:
    """A saved HTML file as a page; its URL from ``url``, else from its own canonical link."""
    body = path.read_bytes()
    response = HtmlResponse(url=url or path.resolve().as_uri(), body=body)
    if url is None:
        found = canonical(response.selector)
        if found and found.startswith(("http://", "https://")):
            response = response.replace(url=found)
    return Page(sel=response.selector, url=response.url)


def pipelines(settings: BaseSettings) -> list[Any]:
    """The crawl's item pipelines in their configured order, without a crawler; those marked
    ``crawl_only`` (the incremental state) do not apply to re-extraction."""
    configured = settings.getwithbase("ITEM_PIPELINES")
    ordered = sorted((order, path) for path, order in configured.items() if order is not None)
    classes = [load_object(path) for _, path in ordered]
    return [cls() for cls in classes if not getattr(cls, "crawl_only", False)]


def is_archive(path: Path) -> bool:
    return path.name.endswith((".warc", ".warc.gz"))


def cleaned(item: Article, chain: list[Any], source: object) -> Article | None:
    """``item`` through the pipelines; a dropped one is logged (naming ``source``), not raised."""
    try:
        for pipeline in chain:
            item = pipeline.process_item(item)
    except DropItem as reason:
        logger.warning("%s: dropped (%s)", source, reason)
        return None
    return item


def extract_files(paths: list[Path], url: str | None, chain: list[Any]) -> Iterator[Article]:
    """Extracted and cleaned records of ``paths``; dropped ones are logged, not raised."""
    for path in paths:
        page = saved_page(path, url)
        item = cleaned(network_for(page).extractor.extract(page), chain, path)
        if item is not None:
            yield item


def extract_archive(path: Path, chain: list[Any]) -> Iterator[Article]:
    """Cleaned records of the articles archived in the WARC file ``path``."""
    for raw in ArchiveArticles(path):
        item = cleaned(raw, chain, raw.url)
        if item is not None:
            yield item


def extract_paths(paths: list[Path], url: str | None, chain: list[Any]) -> Iterator[Article]:
    """Records of saved pages and archives, in argument order."""
    for path in paths:
        if is_archive(path):
            yield from extract_archive(path, chain)
        else:
            yield from extract_files([path], url, chain)


class Command(ScrapyCommand):
    requires_project = False  # works from any folder once newscrawl is installed
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
        try:
            self.export(paths, opts)
        except OSError as exc:
            target = opts.output or "stdout"
            refuse("scrapy extract", f"output lost: cannot write {target}: {exc.strerror or exc}",
                   ExitCode.OUTPUT_LOST)  # fmt: skip

    def export(self, paths: list[Path], opts: argparse.Namespace) -> None:
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

"""``scrapy report OUTPUT_DIR [-o FILE]``: one HTML page over every run summary in a folder.

Articles per portal per day, field coverage per portal, drops and errors over time, the
slowest and the dead portals (:mod:`newscrawl.report`). Written to ``OUTPUT_DIR/report.html``
unless ``-o`` says otherwise. Exit codes as ``scrapy crawl``: 2 for a folder without
summaries, 4 when the page cannot be written.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, ClassVar

from scrapy.commands import ScrapyCommand

from newscrawl.commands.runs import refuse
from newscrawl.exitcodes import ExitCode
from newscrawl.report.page import render
from newscrawl.report.runs import read


class Command(ScrapyCommand):
    requires_project = False
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "WARNING"}

    def syntax(self) -> str:
        return "OUTPUT_DIR [-o FILE]"

    def short_desc(self) -> str:
        return "Write one HTML report over the run summaries in a folder"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", help="the HTML file (default OUTPUT_DIR/report.html)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            refuse("scrapy report", "give one folder of run summaries (*.summary.json)")
        folder = Path(args[0])
        if not folder.is_dir():
            refuse("scrapy report", f"no such folder: {folder}")
        runs = read(folder)
        if not runs.runs:
            refuse("scrapy report", f"no run summary (*.summary.json) under {folder}")
        target = Path(opts.output) if opts.output else folder / "report.html"
        try:
            target.write_text(render(runs, str(folder)), "utf-8")
        except OSError as exc:
            refuse("scrapy report", f"output lost: cannot write {target}: {exc.strerror or exc}",
                   ExitCode.OUTPUT_LOST)  # fmt: skip
        print(f"{target}: {len(runs.runs)} runs")

"""``scrapy crawl``, checking a spider's arguments before the crawl starts.

A spider that defines ``check_arguments(spargs)`` has its ``-a`` arguments checked here, so
a bad one (an unknown region) is one ``error:`` line and exit code 2, not a traceback from
inside the crawler. Everything else is Scrapy's own ``crawl``.
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError as ScrapyUsageError

from newscrawl.errors import ConfigError


class Command(ScrapyCrawl):
    """Scrapy's ``crawl`` with an argument check first."""

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self.crawler_process is not None:
            try:
                spidercls = self.crawler_process.spider_loader.load(args[0])
            except KeyError:
                spidercls = None  # Scrapy's own run says so
            check = getattr(spidercls, "check_arguments", None)
            try:
                if check is not None:
                    check(dict(opts.spargs))
            except ConfigError as error:
                raise ScrapyUsageError(str(error), print_help=False) from None
        super().run(args, opts)

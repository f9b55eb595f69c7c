"""``scrapy crawl SPIDER``: Scrapy's command, with arguments checked first and honest exit codes.

Before the crawler exists, the spider's ``-a`` arguments (:mod:`newscrawl.spiders.args`) and
the settings are checked; a refusal is one stderr line and exit code 2. A crawl that fails to
start (state locked or corrupted, Redis down) exits with its code and one line instead of an
asyncio traceback; a crawl that ran exits with the code its final stats give
(:func:`newscrawl.exitcodes.for_run`), which the run summary reports too.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import logging
from typing import Any

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.crawler import Crawler
from scrapy.spiderloader import get_spider_loader

from newscrawl.commands.runs import cause, check_settings, echo, refuse, report, startup_code
from newscrawl.errors import NewscrawlError
from newscrawl.exitcodes import ExitCode, for_run
from newscrawl.spiders import args as spider_args

logger = logging.getLogger(__name__)
ROBOTS_LOGGER = "scrapy.downloadermiddlewares.robotstxt"
MESSAGES = {
    ExitCode.UNREACHABLE: "no portal reachable: every request failed (DNS, refused, timeout "
    "or HTTP 5xx); see the run summary",
    ExitCode.OUTPUT_LOST: "output lost: {lost} record(s) could not be written (feed or state)",
    ExitCode.REDIS_UNAVAILABLE: "Redis unavailable: the worker stopped; see the log",
    ExitCode.INTERRUPTED: "interrupted (finish reason {reason}): the run is incomplete",
    ExitCode.FAILED: "the crawl did not run; see the log",
}


class Command(ScrapyCrawl):
    """``scrapy crawl``, checked and with the exit codes of :mod:`newscrawl.exitcodes`."""

    def long_desc(self) -> str:
        return (
            "Run a spider. Exit codes: 0 finished (also nothing new), 1 unexpected error, "
            "2 bad arguments or configuration, 3 no portal reachable, 4 output lost, "
            "5 Redis unavailable, 6 interrupted."
        )

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        try:
            check_settings(self.settings)
            if len(args) == 1:
                self.check_spider(args[0], opts.spargs)
        except NewscrawlError as refusal:
            refuse(f"scrapy crawl {' '.join(args)}".strip(), str(refusal), refusal.exit_code)

    def check_spider(self, name: str, spargs: dict[str, Any]) -> None:
        """The spider exists and takes these arguments: network spiders check every value
        (:mod:`newscrawl.spiders.args`), names their own ``__init__`` declares (``region``)
        aside, and a spider's ``check_arguments(spargs)`` checks those."""
        from newscrawl.errors import UsageError
        from newscrawl.networks import get_network
        from newscrawl.spiders.base import NetworkSpider

        assert self.settings is not None
        loader = get_spider_loader(self.settings)
        if name not in loader.list():
            raise UsageError(f"no spider {name!r}; known: {', '.join(sorted(loader.list()))}")
        spidercls = loader.load(name)
        if issubclass(spidercls, NetworkSpider):
            own = own_arguments(spidercls)
            rest = {k: v for k, v in spargs.items() if k not in own}
            spider_args.parse(get_network(spidercls.network_name).registry, rest, own=own)
        check = getattr(spidercls, "check_arguments", None)
        if check is not None:
            check(dict(spargs))

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            super().run(args, opts)  # Scrapy's usage errors
            return
        assert self.crawler_process is not None and self.settings is not None
        errors = ErrorCount()
        logging.getLogger().addHandler(errors)
        logging.getLogger(ROBOTS_LOGGER).addFilter(OneLine())
        crawler = self._create_crawler(args[0])
        started = self.crawler_process.crawl(crawler, **opts.spargs)
        failures: list[BaseException] = []
        if isinstance(started, asyncio.Task):
            started.add_done_callback(lambda task: failures.extend(retrieved(task)))
        self.crawler_process.start()
        self.exitcode = int(self.finish(crawler, failures, errors.count))

    def finish(self, crawler: Crawler, failures: list[BaseException], errors: int) -> ExitCode:
        """The run's exit code, and its one line when it is not 0."""
        command = f"scrapy crawl {crawler.spidercls.name}"
        if failures:
            return self.not_started(command, cause(failures[0]), errors)
        assert self.settings is not None
        stats = crawler.stats.get_stats() if crawler.stats else {}
        code = for_run(stats)
        if code is not ExitCode.OK:
            lost, reason = stats.get("newscrawl/output/lost", 0), stats.get("finish_reason")
            text = MESSAGES[code].format(lost=lost, reason=reason)
            report(command, self.settings, f"exit {int(code)}: {text}", errors > 0)
        return code

    def not_started(self, command: str, failure: BaseException, errors: int) -> ExitCode:
        """A crawl that failed to start: a known refusal is one line (the component's own
        ERROR when it logged one); anything else is a bug, its traceback at DEBUG."""
        assert self.settings is not None
        code = startup_code(failure)
        if code is ExitCode.FAILED:
            logger.debug("Start-up failure", exc_info=failure)
            report(command, self.settings, f"not started: {failure!r}", already_logged=False)
        elif errors > 0:
            echo(command, self.settings, f"not started: {failure}")
        else:
            report(command, self.settings, f"not started: {failure}", already_logged=False)
        return code


def own_arguments(spidercls: type) -> tuple[str, ...]:
    """The named parameters of a spider class's own ``__init__`` (``RegionalSpider``'s
    ``region``): they are its arguments beside the network spiders' ones."""
    parameters = inspect.signature(spidercls).parameters.values()
    named = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return tuple(p.name for p in parameters if p.kind in named)


def retrieved(task: asyncio.Task[None]) -> list[BaseException]:
    """The exception a crawl task ended with, taken so asyncio does not print it again."""
    if task.cancelled():
        return []
    exc = task.exception()
    return [exc] if exc is not None else []


class OneLine(logging.Filter):
    """Scrapy logs an unreachable robots.txt as an ERROR with a 50-line traceback; for a
    portal that is down that is one WARNING line (the page requests that fail after it are
    counted per portal by the run summary)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class ErrorCount(logging.Handler):
    """Counts ERROR records: a component that refused to start has usually logged its one
    line already (``Not starting: ...``), and the command must not add a second."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

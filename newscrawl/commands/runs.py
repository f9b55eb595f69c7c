"""What ``scrapy crawl`` and ``scrapy extract`` share: refusing in one line, checking settings
before anything starts, and naming why a run that started did not finish well.

Cron mails what a job prints and scrapyd shows the exit code, so a refusal is one line on
stderr and a code from :mod:`newscrawl.exitcodes`, never a traceback. With ``LOG_FILE`` set the
log goes to the file and stderr holds only that line.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path
from typing import NoReturn

from scrapy.settings import BaseSettings

from newscrawl.errors import ConfigError, MissingExtra, NewscrawlError, UsageError
from newscrawl.exitcodes import ExitCode

logger = logging.getLogger(__name__)
REDIS_MODULES = ("redis", "scrapy_redis")


def refuse(command: str, message: str, code: ExitCode = ExitCode.USAGE) -> NoReturn:
    """One line on stderr, then exit: used before logging is set up."""
    print(f"{command}: {message}", file=sys.stderr, flush=True)
    sys.exit(int(code))


def check_settings(settings: BaseSettings) -> None:
    """Settings a run cannot start with, refused before the crawler exists: a log file that
    cannot be created, a replay that would fall back to the network, a fleet without its
    extra installed."""
    from newscrawl.archive.reader import archive_paths
    from newscrawl.distributed.switch import redis_url

    log = settings.get("LOG_FILE")
    if log:
        try:  # ``-s LOG_FILE=logs/prmn.log`` on a fresh clone: make ``logs/``
            Path(log).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"-s LOG_FILE={log}: cannot create its folder ({exc.strerror})"
            ) from None

    replay = settings.get("NEWSCRAWL_REPLAY")
    if replay:
        try:
            archive_paths(str(replay))
        except FileNotFoundError as exc:
            raise UsageError(f"-s NEWSCRAWL_REPLAY: {exc}") from None
    if redis_url(settings) and not all(
        importlib.util.find_spec(m) for m in REDIS_MODULES
    ):  # as the add-on
        raise MissingExtra("NEWSCRAWL_REDIS_URL (several workers sharing a crawl)", "redis")


def cause(exc: BaseException) -> BaseException:
    """The refusal behind ``exc``: Scrapy may fail closing an engine that never opened
    (``Engine slot not assigned``) while handling it, so it is looked for down the chain."""
    seen: BaseException | None = exc
    while seen is not None:
        if startup_code(seen) is not ExitCode.FAILED:
            return seen
        seen = seen.__cause__ or seen.__context__
    return exc


def startup_code(exc: BaseException) -> ExitCode:
    """The code of a crawl that could not start because of ``exc``."""
    from newscrawl.state.store import StateLocked

    if isinstance(exc, NewscrawlError):
        return exc.exit_code
    if isinstance(exc, StateLocked):
        return ExitCode.USAGE
    if type(exc).__name__ == "RedisUnavailable":  # newscrawl.distributed imports redis
        return ExitCode.REDIS_UNAVAILABLE
    return ExitCode.FAILED


def logs_to_stderr(settings: BaseSettings) -> bool:
    """Whether Scrapy's log already reaches stderr (no ``LOG_FILE``, logging on)."""
    return settings.getbool("LOG_ENABLED") and not settings.get("LOG_FILE")


def report(command: str, settings: BaseSettings, message: str, already_logged: bool) -> None:
    """The one line about a failed run: logged (reaching stderr when the log does; a WARNING
    when a component already logged the ERROR that explains it, so the log keeps one ERROR
    per failure), and written to stderr itself when the log goes to a file."""
    (logger.warning if already_logged else logger.error)("%s", message)
    echo(command, settings, message)


def echo(command: str, settings: BaseSettings, message: str) -> None:
    """``message`` on stderr when the log goes to a file (cron mails stderr, not the log)."""
    if not logs_to_stderr(settings):
        print(f"{command}: {message}", file=sys.stderr, flush=True)

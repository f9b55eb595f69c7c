"""Errors that stop a crawl before it starts, each mapped to an exit code by the commands.

Why a module of its own: the component that finds the problem (the state store, an argument
check) and the command that turns it into an exit code must share the class without importing
each other. Components raise these with a message written for the operator (one line, what to
change); ``scrapy crawl``/``scrapy extract`` print that line and exit with the class's code
instead of a traceback. :class:`UsageError` is also a ``ValueError`` so callers that construct
a spider directly (tests, other projects) can keep catching ``ValueError``.
"""

from __future__ import annotations

from newscrawl.exitcodes import ExitCode


class NewscrawlError(Exception):
    """A refusal with an operator-facing message and the exit code it stands for."""

    exit_code: ExitCode = ExitCode.FAILED


class UsageError(NewscrawlError, ValueError):
    """Bad arguments (``-a``) or options: nothing was requested."""

    exit_code = ExitCode.USAGE


class ConfigError(NewscrawlError):
    """Bad usage or configuration (exit code 2): the message says what is wrong and how to
    fix it, and is printed as one line without a traceback."""

    exit_code = ExitCode.USAGE


class MissingExtra(ConfigError):
    """A feature needs an optional dependency group that is not installed."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(f"{feature} needs the '{extra}' extra: pip install 'newscrawl[{extra}]'")

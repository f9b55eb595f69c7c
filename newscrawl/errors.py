"""What can stop a run before or while it starts, as types the ``crawl`` command maps to exit codes.

Components raise these with a message written for the operator (one line, what to change);
``scrapy crawl``/``scrapy extract`` print that line and exit with the class's code instead of
a traceback. :class:`UsageError` is also a ``ValueError`` so callers that construct a spider
directly (tests, other projects) can keep catching ``ValueError``.
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
    """Bad settings or a state file that cannot be used (corrupted, locked, missing extra)."""

    exit_code = ExitCode.USAGE


class MissingExtra(ConfigError):
    """A feature needs an optional dependency group that is not installed."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(f"{feature} needs the '{extra}' extra: pip install 'newscrawl[{extra}]'")

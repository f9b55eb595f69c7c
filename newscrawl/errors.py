"""Errors that stop a crawl before it starts, each mapped to an exit code by the commands.

Why a module of its own: the component that finds the problem (the state store, an argument
check) and the command that turns it into an exit code must share the class without importing
each other.
"""

from __future__ import annotations


class ConfigError(Exception):
    """Bad usage or configuration (exit code 2): the message says what is wrong and how to
    fix it, and is printed as one line without a traceback."""

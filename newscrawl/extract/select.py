"""CSS selectors compiled once per process.

parsel and ``HtmlElement.cssselect`` translate and compile a selector on every call; ours are
class constants and module constants used on every page, so each is compiled once here.
"""

from __future__ import annotations

from functools import cache

from lxml.cssselect import CSSSelector


@cache
def compiled(css: str) -> CSSSelector:
    """The compiled selector for ``css`` (HTML rules: tag names case-insensitive)."""
    return CSSSelector(css, translator="html")

"""Selectors compiled once per process.

parsel and ``HtmlElement.cssselect`` translate and compile a selector on every call; ours are
class constants and module constants used on every page, so each is compiled once here. A
selector constant is CSS, or XPath when it starts with ``/`` (for the few that CSS can only
spell as a slow union).
"""

from __future__ import annotations

from functools import cache

from lxml import etree
from lxml.cssselect import CSSSelector


@cache
def compiled(selector: str) -> etree.XPath:
    """The compiled selector: XPath when it starts with ``/``, else CSS (HTML rules)."""
    if selector.startswith("/"):
        return etree.XPath(selector)
    return CSSSelector(selector, translator="html")

"""The section (kanal) of a page without a breadcrumb: a label printed above the headline
(``div.kategori > a``), else the navigation's current item (``li.active``). Menu highlights
and topic kickers are not sections, so labels must be short and marked as a category."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newscrawl.extract.blocks import element_text
from newscrawl.extract.select import compiled
from newscrawl.normalize.text import clean_space

LABEL_CLASS = re.compile(
    r"(?:^|[\s_-])(?:kategori|category|categories|kanal|rubrik|rubrikasi|section|channel"
    r"|cat)(?:$|[\s_-])",
    re.IGNORECASE,
)
NAV_CURRENT = (
    "nav li.active > a, nav li.current > a, nav li.current-menu-item > a, "
    "nav a[aria-current=page], nav a.active, [class*=menu] li.active > a, "
    "[class*=menu] li.current-menu-item > a"
)
MAX_WORDS = 4


def label_above(head: HtmlElement, home: frozenset[str]) -> str | None:
    """A short category label printed before the headline, within its parent and grandparent."""
    node: HtmlElement | None = head
    for _ in range(2):
        if node is None:
            return None
        for sibling in node.itersiblings(preceding=True):
            found = _label_in(sibling, home)
            if found:
                return found
        node = node.getparent()
    return None


def nav_current(root: HtmlElement, home: frozenset[str]) -> str | None:
    """The navigation's current item, when it is not the home link."""
    for link in compiled(NAV_CURRENT)(root):
        text = element_text(link)
        if _short(text) and text.casefold() not in home:
            return text
    return None


def _label_in(el: HtmlElement, home: frozenset[str]) -> str | None:
    if not isinstance(el.tag, str):
        return None
    marked = [el] if LABEL_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}") else []
    marked += [d for d in el.iterdescendants() if isinstance(d.tag, str)
               and LABEL_CLASS.search(f"{d.get('class', '')} {d.get('id', '')}")]  # fmt: skip
    for node in marked:
        text = element_text(node)
        if _short(text) and text.casefold() not in home:
            return text
    return None


def _short(text: str) -> bool:
    return bool(text) and len(text.split()) <= MAX_WORDS and len(text) <= 40


def crumb_name(item: dict[str, object]) -> str | None:
    """The label of one JSON-LD ``BreadcrumbList`` entry."""
    name = item.get("name")
    inner = item.get("item")
    if not name and isinstance(inner, dict):
        name = inner.get("name")
    return clean_space(str(name)) if name else None

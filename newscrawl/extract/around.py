"""Text printed just around the headline and the body, where templates put dates and credits
when they have no byline: a label or date above the headline, a "Reporter:/Editor:" table or
a date line under the body. Read a bounded amount, one line per block element."""

from __future__ import annotations

from collections.abc import Iterator

from lxml.html import HtmlElement

from newscrawl.extract.blocks import element_text, is_ad_slot
from newscrawl.normalize.text import clean_space

LINE_TAGS = frozenset({"div", "p", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                       "figure", "section", "header", "footer", "table", "tr", "dt", "dd",
                       "time", "abbr"})  # fmt: skip
SKIP = frozenset({"script", "style", "noscript", "template", "svg"})
LIMIT = 600  # characters: beyond this the text is some other part of the page


def lines_of(el: HtmlElement) -> list[str]:
    """``el``'s visible text as lines: block elements and ``<br>`` break lines (no recursion)."""
    parts: list[str] = []
    todo: list[HtmlElement | str] = [el]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if not isinstance(item.tag, str) or item.tag in SKIP:
            continue
        brk = "\n" if item.tag in LINE_TAGS else " "
        parts.extend((brk, item.text or ""))
        todo.append(brk)
        for child in reversed(item):
            todo.append(child.tail or "")
            todo.append(child)
    lines = (clean_space(line) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def after(el: HtmlElement, levels: int = 2) -> list[str]:
    """Lines printed after ``el``: its following siblings, then its parent's (bounded)."""
    return _bounded(_siblings(el, levels, "following"))


def before(el: HtmlElement, levels: int = 2) -> list[str]:
    """Lines printed before ``el`` within its parent and grandparent, nearest first."""
    return _bounded(_siblings(el, levels, "preceding"))


def _siblings(el: HtmlElement, levels: int, direction: str) -> Iterator[HtmlElement]:
    node: HtmlElement | None = el
    for _ in range(levels):
        if node is None:
            return
        siblings = node.itersiblings(preceding=direction == "preceding")
        yield from (s for s in siblings if isinstance(s.tag, str))
        node = node.getparent()


def _bounded(elements: Iterator[HtmlElement]) -> list[str]:
    """Lines of ``elements`` up to :data:`LIMIT` characters; link lists and widgets (related,
    latest, popular: their dates are other articles') are passed over."""
    out: list[str] = []
    size = 0
    for el in elements:
        if is_ad_slot(el) or _mostly_links(el):
            continue
        for line in lines_of(el):
            out.append(line)
            size += len(line)
            if size > LIMIT:
                return out
    return out


def _mostly_links(el: HtmlElement) -> bool:
    text = element_text(el)
    linked = sum(len(element_text(a)) for a in el.iter("a"))
    return bool(text) and linked > 0.5 * len(text)

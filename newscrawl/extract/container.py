"""Find an article's body container on a template nobody described: readability's idea.

Text blocks vote for the element that holds them. A block is a ``<p>``, or an element holding
only inline markup: Blogger-style ``<div>`` paragraphs vote for their parent like ``<p>``s do,
and an element whose text is split by ``<br><br>`` holds paragraphs itself, so it votes for
itself. Blocks in page furniture (header, menus, sidebars, footers) and link lists do not vote.
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml.html import HtmlElement

from newscrawl.extract.blocks import element_text

MIN_PARAGRAPH = 20
MIN_BODY = 150  # less paragraph text than this anywhere: the page has no article body
MIN_SHORT_BODY = 60  # on a page that declares itself an article, a one-paragraph story counts
FURNITURE = re.compile(r"(?:^|[\s_-])(?:sidebar|widget|comments?|footer|menu)(?:$|[\s_-])", re.I)
LEAF_TAGS = frozenset({"div", "span", "td", "font", "center", "section", "blockquote"})
# A leaf inside these is part of a paragraph, not one.
INLINE_PARENTS = frozenset({"p", "a", "b", "strong", "em", "i", "span", "font", "li", "h1", "h2",
                            "h3", "h4", "h5", "h6", "td"})  # fmt: skip
# Elements that make their parent more than a paragraph.
BLOCKISH = frozenset({"p", "div", "ul", "ol", "table", "section", "article", "h1", "h2", "h3",
                      "h4", "h5", "h6", "blockquote", "figure", "li", "form", "header",
                      "footer", "nav", "aside", "main"})  # fmt: skip


def find_body(
    root: HtmlElement, declared_article: bool, head: HtmlElement | None = None
) -> HtmlElement | None:
    """The element holding the most paragraph text, or None when no element holds enough.
    Ancestors of the headline ``head`` are never furniture (Blogger wraps the post in a
    ``div.widget``)."""
    scores: dict[HtmlElement, float] = defaultdict(float)
    keep = set(head.iterancestors()) if head is not None else set()
    for el in root.iter():
        if not isinstance(el.tag, str) or (el.tag != "p" and el.tag not in LEAF_TAGS):
            continue
        voted = _vote(el)
        if voted is None or _skipped(el, keep):
            continue
        target, size = voted
        scores[target] += size
        grand = target.getparent()
        if grand is not None and target is not el:
            scores[grand] += size / 2
    best = max(scores, key=scores.__getitem__) if scores else None
    floor = MIN_SHORT_BODY if declared_article else MIN_BODY
    return best if best is not None and scores[best] >= floor else None


def _vote(el: HtmlElement) -> tuple[HtmlElement, float] | None:
    """(the element this block votes for, its text length), or None for no vote."""
    parent = el.getparent()
    if parent is None or (el.tag != "p" and (parent.tag in INLINE_PARENTS or _leaf_not(el))):
        return None
    text = element_text(el)
    if len(text) < MIN_PARAGRAPH or _link_share(el, text) > 0.5:
        return None
    if el.tag != "p" and _br_paragraphs(el) >= 2:
        return el, len(text)  # paragraphs split by <br><br>: a container itself
    return parent, len(text)


def _leaf_not(el: HtmlElement) -> bool:
    """True when ``el`` holds block elements: then its blocks vote, not ``el``."""
    return any(d.tag in BLOCKISH for d in el.iterdescendants())


def _br_paragraphs(el: HtmlElement) -> int:
    """How many ``<br>``-separated lines of paragraph length ``el`` holds."""
    lines = "".join(_texts_with_breaks(el)).split("\n")
    return sum(len(line.strip()) >= MIN_PARAGRAPH for line in lines)


def _texts_with_breaks(el: HtmlElement) -> list[str]:
    out = [el.text or ""]
    for child in el.iterdescendants():
        out.append("\n" if child.tag == "br" else (child.text or ""))
        out.append(child.tail or "")
    return out


def _skipped(el: HtmlElement, keep: set[HtmlElement]) -> bool:
    """Blocks in page furniture: headers, menus, sidebars, widgets, comment forms."""
    return any(
        a not in keep
        and (
            a.tag in ("header", "footer", "nav", "aside", "form")
            or bool(FURNITURE.search(a.get("class", "")))
        )
        for a in el.iterancestors()
    )


def _link_share(el: HtmlElement, text: str) -> float:
    linked = sum(len(element_text(a)) for a in el.iter("a"))
    return linked / max(len(text), 1)

"""Choose the headline by agreement, not by tag name.

A page states its headline several times: a heading near the body (``<h1>``, or an ``<h2>``
when the ``<h1>`` is the logo or a tag bar), ``og:title``, JSON-LD ``headline`` and the
``<title>`` with the site's name after a separator. The printed heading that agrees with the
metadata wins; when no heading agrees, the metadata's own words are the headline; a page with
neither keeps its first ``<h1>``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml.html import HtmlElement

from newscrawl.extract import authors
from newscrawl.extract.blocks import element_text
from newscrawl.normalize.text import clean_space

if TYPE_CHECKING:
    from newscrawl.extract.base import Page

WORD = re.compile(r"\w+")
AGREE = 0.6  # share of words two statements of the headline must have in common
SUFFIX = re.compile(r"\s+(?:[-|–—:»]|::)\s+(?P<tail>[^-|–—:»]{2,60})$")
MAX_HEADINGS = 12


def references(page: Page) -> list[str]:
    """The headline as metadata states it: ``og:title``, JSON-LD, ``<title>`` minus suffix."""
    title = page.sel.xpath("//head/title/text() | //title/text()").get() or ""
    found = [page.meta("og:title") or "", _str(page.jsonld.get("headline")), title]
    return [t for t in (without_suffix(clean_space(f), page) for f in found) if t]


def without_suffix(text: str, page: Page) -> str:
    """``"Headline - Site Name"`` -> ``"Headline"`` when the tail names the site."""
    match = SUFFIX.search(text)
    if match and _names_site(match["tail"], page):
        return text[: match.start()].strip()
    return text


def headings(page: Page) -> list[HtmlElement]:
    """``<h1>``s, then ``<h2>``s, in page order within each (a few of each)."""
    root = page.sel.root
    return list(root.iter("h1"))[:MAX_HEADINGS] + list(root.iter("h2"))[:MAX_HEADINGS]


def choose(page: Page) -> tuple[str | None, HtmlElement | None]:
    """The headline text and the heading element that prints it (None if none does)."""
    refs = references(page)
    heads = [(h, element_text(h)) for h in headings(page)]
    heads = [(h, t) for h, t in heads if t]
    if refs:
        best = max(heads, key=lambda ht: _agreement(ht[1], refs), default=None)
        if best is not None and _agreement(best[1], refs) >= AGREE:
            return best[1], best[0]
    h1s = [(h, t) for h, t in heads if h.tag == "h1" and not _names_site(t, page)]
    if len(h1s) == 1 or (h1s and not refs):  # one printed headline: it is the headline
        return h1s[0][1], h1s[0][0]
    return (refs[0], None) if refs else (None, None)


def _agreement(text: str, refs: list[str]) -> float:
    return max(similarity(text, ref) for ref in refs)


def similarity(a: str, b: str) -> float:
    """Dice overlap of the two texts' words (case-folded)."""
    wa, wb = set(WORD.findall(a.casefold())), set(WORD.findall(b.casefold()))
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0


def _names_site(text: str, page: Page) -> bool:
    """Whether ``text`` is (or contains) the site's name or host."""
    squash = authors.squash(text)
    names = authors.site_keys(page.meta("og:site_name"), page.url)
    return any(n in squash for n in names) or "::" in text


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""

"""Machine-readable metadata: JSON-LD articles, OpenGraph and ``<meta>`` tags.

Pages carry the same facts twice: printed for readers and in metadata for search engines.
Extractors prefer what is printed and fall back to these helpers.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from parsel import Selector

ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting"})
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x1f]")
_HIGH, _LOW = r"\\u[dD][89abAB][0-9a-fA-F]{2}", r"\\u[dD][c-fC-F][0-9a-fA-F]{2}"
_LONE_SURROGATE = re.compile(rf"{_HIGH}(?!{_LOW})|(?<!{_HIGH}){_LOW}")
logger = logging.getLogger(__name__)


def _loads(raw: str) -> Any:
    """Parse JSON-LD, tolerating the usual breakage: trailing commas, raw newlines in strings,
    and half a UTF-16 pair (``"\\ud800"``: valid JSON, but no UTF-8 can hold it, so a record
    carrying it could be written nowhere; it becomes U+FFFD)."""
    if "\\u" in raw:
        raw = _LONE_SURROGATE.sub(r"\\ufffd", raw)
    for attempt in (raw, _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", raw))):
        try:
            return json.loads(attempt)
        except ValueError:
            continue
        except RecursionError:  # nested deeper than Python's stack: no article metadata here
            logger.warning("JSON-LD block nested too deeply to read; ignored")
            return None
    return None


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Objects of a JSON-LD value in document order: list items and ``@graph`` members, walked
    with a stack so no nesting depth can exhaust Python's."""
    todo = [node]
    while todo:
        node = todo.pop()
        if isinstance(node, list):
            todo.extend(reversed(node))
        elif isinstance(node, dict):
            yield node
            todo.append(node.get("@graph"))


def node_types(node: dict[str, Any]) -> set[str]:
    """A JSON-LD object's ``@type`` as a set (it may be a string or a list)."""
    kind = node.get("@type")
    return set(kind) if isinstance(kind, list) else {str(kind)}


_JSONLD = etree.XPath('//script[@type="application/ld+json"]/text()', smart_strings=False)
_CANONICAL = etree.XPath('//link[@rel="canonical"]/@href', smart_strings=False)


def jsonld_nodes(sel: Selector) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, ``@graph`` members and list items included."""
    return [node for raw in _JSONLD(sel.root) for node in _walk(_loads(raw))]


def jsonld_article(sel: Selector, nodes: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The page's NewsArticle-like JSON-LD object (among ``nodes`` when the caller has them
    already), or an empty dict."""
    for node in jsonld_nodes(sel) if nodes is None else nodes:
        if node_types(node) & ARTICLE_TYPES:
            return node
    return {}


def jsonld_names(value: Any) -> list[str]:
    """Names from a JSON-LD ``author``: a string, a Person, or a list of either."""
    items = value if isinstance(value, list) else [value]
    names = [i.get("name") if isinstance(i, dict) else i for i in items]
    return [" ".join(str(n).split()) for n in names if isinstance(n, str) and n.strip()]


def meta(sel: Selector, *names: str) -> str | None:
    """The first non-empty ``<meta property|name=...>`` content among ``names``."""
    for name in names:
        value = sel.xpath(
            f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content'
        ).get()
        if value and value.strip():
            return value.strip()
    return None


def meta_map(sel: Selector) -> dict[str, str]:
    """All ``<meta>`` contents keyed by their property, name and itemprop; first one wins."""
    found: dict[str, str] = {}
    for node in sel.root.iter("meta"):
        content = (node.get("content") or "").strip()
        if not content:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = node.get(attribute)
            if key and key not in found:
                found[key] = content
    return found


def canonical(sel: Selector) -> str | None:
    """``<link rel=canonical>``, else ``og:url``. A canonical naming the site's root is passed
    over when the page names a deeper URL too (Blogger prints both)."""
    links = [h.strip() for h in _CANONICAL(sel.root) if h.strip()]
    found = [*links, meta(sel, "og:url") or ""]
    deep = [u for u in found if u and not _is_root(u)]
    return next(iter(deep or [u for u in found if u]), None)


def _is_root(url: str) -> bool:
    """``https://host/`` or ``https://host``: a site's home, not a page's own address."""
    rest = url.split("//", 1)[-1]
    return "/" not in rest.rstrip("/")

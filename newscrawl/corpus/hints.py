"""What a page says about its own language, read at extraction (no identifier imported)."""

from __future__ import annotations

from parsel import Selector


def html_lang(sel: Selector) -> str | None:
    """The root element's ``lang`` (``xml:lang`` as a fallback), stripped; None if absent."""
    root = sel.root
    get = getattr(root, "get", None)
    if get is None:
        return None
    value = get("lang") or get("{http://www.w3.org/XML/1998/namespace}lang")
    return str(value).strip() or None if value else None

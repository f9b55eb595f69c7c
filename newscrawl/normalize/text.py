"""Whitespace and caption helpers shared by extractors and pipelines."""

from __future__ import annotations

import re

# Zero-width characters portals leave in text are dropped; NBSP is whitespace to str.split.
_CREDIT_SPLIT = re.compile(r"\s+/\s*(?=\S)(?!.*\s/)")


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def clean_space(text: str | None) -> str:
    """Collapse whitespace (including ``&nbsp;``) to single spaces and strip the ends."""
    if not text:
        return ""
    if _INVISIBLE.search(text):  # rare: a regex scan is cheaper than translating every text
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())


def split_caption(text: str) -> tuple[str | None, str | None]:
    """Split a PRMN-style caption ``"Text /Credit"`` into (caption, credit).

    The credit is what follows the last `` /``; without one the credit is None.
    """
    text = clean_space(text)
    if not text:
        return None, None
    parts = _CREDIT_SPLIT.split(text, maxsplit=1)
    if len(parts) == 2:
        return parts[0].strip() or None, parts[1].strip() or None
    return text, None


def word_count(body: str) -> int:
    """Words as whitespace-separated tokens, the simplest count a reader can check."""
    return len(body.split())

"""Strip Indonesian news boilerplate from extracted blocks, keeping what it carries.

Extractors hand over the article area as blocks, boilerplate still in. This module decides,
block by block, what is article text. What a boilerplate line carries is kept elsewhere:
"Baca Juga" links become related URLs, "Editor:" and "Sumber:" lines become fields.
Phrase lists are data (:class:`Rules`); a network extends them with its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypedDict

from newscrawl.normalize.text import clean_space


class Block(TypedDict):
    """One paragraph-like unit of the article area, as printed."""

    text: str
    links: list[str]
    kind: str  # "p", "heading", "li", "caption" (photo caption), "tail" (lines after the body)


def _any_of(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


RELATED_PHRASES = (r"baca\s+(?:juga|pula)\b\s*:?", r"lihat\s+juga\s*:", r"simak\s+juga\s*:")
PROMO_PHRASES = (
    r"\b(?:ikuti|follow|simak|pantau|dapatkan|gabung|join|subscribe|langganan)\b.{0,120}"
    r"\b(?:google\s+news|whatsapp|channel|saluran|instagram|tiktok|youtube|telegram|twitter"
    r"|facebook|media\s+sosial|medsos)\b",
    r"^(?:share|bagikan)\s*:?$",
    r"^artikel\s+ini\s+telah\s+(?:tayang|terbit)\s+di\b",
    r"^dapatkan\s+(?:update|informasi|berita)\b",
    r"^(?:klik|cek)\s+(?:di\s*sini|link)\b",
    r"^loading\.*$",
    r"^advertisement$|^iklan$|^scroll\s+(?:to|untuk)\s+(?:continue|lanjut)",
)
PAGING_PHRASES = (
    r"^halaman\s*:?[\s\d]*$",
    r"^(?:halaman\s+)?selanjutnya\b.{0,40}$",
    r"^\d+(?:\s+\d+)+$",
)
END_MARK = r"(?:\*{3,}|\(\*+\)|\(\*{3}/[^()]{1,30}\)|\([a-z]{2,5}(?:/[a-z]{2,5})+\))"
DATELINE_PARTS = (
    # "WartaBulukumba.Com - ", "BANDUNG, ZONAPRIANGAN.COM - ", "Medan, Beritasatu.com - "
    r"(?:[A-Z][\w.'’ ]{0,40},\s*)?[\w-]+(?:\.[\w-]+)*\.(?i:com|co\.id|id|net|org)"
    r"(?:\s*,\s*[A-Z][\w.'’ ]{0,40})?",
    # "PIKIRAN RAKYAT - ", "JAKARTA - ", "KOTA BANDUNG, PORTAL - "
    r"[A-Z][A-Z.'’]+(?:[ ,]+[A-Z][A-Z.'’]+){0,5}",
)


@dataclass(frozen=True)
class Rules:
    """The phrase lists one network applies; the defaults hold for Indonesian portals at large."""

    related: tuple[str, ...] = RELATED_PHRASES
    promo: tuple[str, ...] = PROMO_PHRASES
    paging: tuple[str, ...] = PAGING_PHRASES
    dateline: tuple[str, ...] = DATELINE_PARTS
    extra_drop: tuple[str, ...] = ()

    def extend(self, **more: tuple[str, ...]) -> Rules:
        """A copy with more phrases appended to the named lists."""
        merged = {name: getattr(self, name) + extra for name, extra in more.items()}
        return Rules(**{**self.__dict__, **merged})


@dataclass
class Cleaned:
    """What :func:`clean_blocks` keeps: body paragraphs and the fields boilerplate carried."""

    paragraphs: list[str] = field(default_factory=list)
    related_urls: list[str] = field(default_factory=list)
    editor: str | None = None
    sources: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)


class _Compiled:
    """Compiled forms of one :class:`Rules`, built once per rule set."""

    def __init__(self, rules: Rules) -> None:
        self.related = re.compile(rf"^\W*(?:{'|'.join(rules.related)})", re.IGNORECASE)
        self.drop = _any_of(rules.promo + rules.paging + rules.extra_drop)
        dash = r"\s*(?:--|[-–—]|\|)\s*"
        self.dateline = re.compile(rf"^\(?(?:{'|'.join(rules.dateline)})\)?{dash}(?=\S)")
        self.end_mark = re.compile(rf"^{END_MARK}$", re.IGNORECASE)
        self.tail_mark = re.compile(rf"\s*{END_MARK}$", re.IGNORECASE)
        self.labelled = re.compile(r"^(editor|sumber|penulis|reporter|pewarta)\s*:\s*(.*)$", re.I)


_cache: dict[Rules, _Compiled] = {}


def _compiled(rules: Rules) -> _Compiled:
    if rules not in _cache:
        _cache[rules] = _Compiled(rules)
    return _cache[rules]


def strip_dateline(text: str, rules: Rules = Rules()) -> str:
    """Remove a dateline prefix (``WartaBulukumba.Com - ``) from a first paragraph."""
    return _compiled(rules).dateline.sub("", text, count=1)


def split_names(value: str) -> list[str]:
    """``"A, B dan C"`` -> ``["A", "B", "C"]``."""
    parts = re.split(r"\s*(?:,|;|\s&\s|\sdan\s)\s*", clean_space(value))
    return [p for p in parts if p]


def _count(out: Cleaned, reason: str) -> None:
    out.dropped[reason] = out.dropped.get(reason, 0) + 1


def _labelled(block: Block, out: Cleaned, rx: _Compiled) -> bool:
    """Handle "Editor:", "Sumber:", "Penulis:" lines; True when the block was one."""
    match = rx.labelled.match(block["text"])
    if not match or len(match.group(2)) > 120:
        return False
    label, value = match.group(1).lower(), clean_space(match.group(2))
    if label == "editor":
        out.editor = out.editor or value or None
    elif label == "sumber":
        out.sources.extend(s for s in split_names(value) if s not in out.sources)
    else:
        out.authors.extend(split_names(value))
    _count(out, label)
    return True


def _classify(block: Block, out: Cleaned, rx: _Compiled) -> str | None:
    """Why ``block`` is not article text, or None when it is."""
    text = block["text"]
    if block["kind"] == "caption":
        return "caption"
    if _labelled(block, out, rx):
        return ""
    if block["kind"] == "tail":
        return "tail"
    if not text:
        return "empty"
    if rx.related.match(text):
        out.related_urls.extend(u for u in block["links"] if u not in out.related_urls)
        return "related"
    if rx.end_mark.match(text):
        return "end_mark"
    if rx.drop.search(text):
        return "promo"
    return None


def clean_blocks(blocks: Iterable[Block], rules: Rules = Rules()) -> Cleaned:
    """Sort blocks into body paragraphs and boilerplate, collecting what boilerplate carries."""
    rx = _compiled(rules)
    out = Cleaned()
    for block in blocks:
        block = Block(text=clean_space(block["text"]), links=block["links"], kind=block["kind"])
        reason = _classify(block, out, rx)
        if reason is None:
            text = block["text"] if out.paragraphs else rx.dateline.sub("", block["text"], 1)
            out.paragraphs.append(text)
        elif reason:
            _count(out, reason)
    if out.paragraphs:
        out.paragraphs[-1] = rx.tail_mark.sub("", out.paragraphs[-1])
        out.paragraphs = [p for p in out.paragraphs if p]
    return out

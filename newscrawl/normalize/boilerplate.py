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

from newscrawl.items import Block
from newscrawl.normalize.text import clean_space


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
# A login wall: what is shown is a teaser, not the article.
PAYWALL_PHRASES = (
    r"\bsilakan\s+(?:masuk|login|log\s+in|berlangganan|daftar)\b",
    r"\b(?:masuk|login|daftar|berlangganan)\s+(?:untuk|agar\s+dapat)\s+(?:membaca|melanjutkan)",
    r"\bkonten\s+(?:premium|khusus\s+pelanggan)\b",
)
PAGING_PHRASES = (
    r"^halaman\s*:?[\s\d]*$",
    r"^(?:halaman\s+)?selanjutnya\b.{0,40}$",
    r"^\d+(?:\s+\d+)+$",
)
# "***", "(*)", "(fbn)", "(***/Name)", "(xxx/yyy)", "(tribunbengkulu.com/abc)"; never "(9/10)".
END_MARK = (
    r"(?:\*{3,}|\(\*+\)|\([a-z]{2,4}\)|\((?=[^)]*[a-z])[\w.*’'-]{1,30}(?:/[\w .*’'-]{1,30})+\))"
)
# Labels that close the article text: what follows them is tags, share bars or lists.
STOP_LABELS = (r"tags?|tag|topik|label|bagikan|share|berita\s+terkait|artikel\s+terkait",)
DATELINE_PARTS = (
    # "WartaBulukumba.Com - ", "BANDUNG, ZONAPRIANGAN.COM - ", "Medan, Beritasatu.com - "
    r"(?:[A-Z][\w.'’ ]{0,40},\s*)?[\w-]+(?:\.[\w-]+)*\.(?i:com|co\.id|id|net|org)"
    r"(?:\s*,\s*[A-Z][\w.'’ ]{0,40})?",
    # "PIKIRAN RAKYAT - ", "JAKARTA - ", "KOTA BANDUNG, PORTAL - "
    r"[A-Z][A-Z.'’]+(?:[ ,]+[A-Z][A-Z.'’]+){0,5}",
    # "Mangupura, (Metrobali.com)", "Ratatotok", "Kota Mobagu" (a place in title case)
    r"[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:,\s*\([\w.-]+\.(?i:com|co\.id|id|net|org)\))?",
)


@dataclass(frozen=True)
class Rules:
    """The phrase lists one network applies; the defaults hold for Indonesian portals at large."""

    related: tuple[str, ...] = RELATED_PHRASES
    promo: tuple[str, ...] = PROMO_PHRASES
    paging: tuple[str, ...] = PAGING_PHRASES
    dateline: tuple[str, ...] = DATELINE_PARTS
    stop: tuple[str, ...] = STOP_LABELS
    paywall: tuple[str, ...] = PAYWALL_PHRASES
    extra_drop: tuple[str, ...] = ()
    italic_lead_is_caption: bool = True

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
    paywalled: bool = False  # a login wall hides the article: the paragraphs are a teaser


class _Compiled:
    """Compiled forms of one :class:`Rules`, built once per rule set."""

    def __init__(self, rules: Rules) -> None:
        self.related = re.compile(rf"^\W*(?:{'|'.join(rules.related)})", re.IGNORECASE)
        self.drop = _any_of(rules.promo + rules.paging + rules.extra_drop)
        # "--" anywhere, a single dash only after a space: "COVID-19 menyebar" is no dateline
        dash = r"(?:\s*--\s*|\s+[-–—|]\s*)"
        self.dateline = re.compile(rf"^\(?(?:{'|'.join(rules.dateline)})\)?{dash}(?=\S)")
        self.dateline_only = re.compile(rf"^\(?(?:{'|'.join(rules.dateline)})\)?\s*(?:--|[-–—:])$")
        self.paywall = _any_of(rules.paywall)
        self.stop = re.compile(rf"^(?:{'|'.join(rules.stop)})\s*:?$", re.IGNORECASE)
        self.related_label_only = re.compile(rf"^\W*(?:{'|'.join(rules.related)})\W*$", re.I)
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


@dataclass
class _State:
    """Where :func:`clean_blocks` is in the article: before it, in it, or past its end."""

    rx: _Compiled
    italic_caption: bool
    out: Cleaned = field(default_factory=Cleaned)
    pending_related: int = 0  # link blocks still expected after a lone "Baca Juga" label
    stopped: bool = False  # an end mark or a closing label was seen


def _classify(block: Block, st: _State) -> str | None:
    """Why ``block`` is not article text, or None when it is."""
    text, rx, out = block["text"], st.rx, st.out
    if block["kind"] == "caption":
        return "caption"
    if block["kind"] == "related":
        out.related_urls.extend(u for u in block["links"] if u not in out.related_urls)
        return "related"
    if _labelled(block, out, rx):
        return ""
    if block["kind"] == "tail":
        return "tail"
    if not text:
        return "empty"
    if st.stopped:
        return "after_end"
    if st.pending_related and block.get("linked"):
        st.pending_related -= 1
        out.related_urls.extend(u for u in block["links"] if u not in out.related_urls)
        return "related"
    st.pending_related = 0
    return _classify_text(block, st)


LONG = 400  # boilerplate lines are short: a longer paragraph is article text (fast path)


def _classify_text(block: Block, st: _State) -> str | None:
    text, rx, out = block["text"], st.rx, st.out
    if len(text) > LONG and out.paragraphs:
        return None
    if rx.related.match(text):
        out.related_urls.extend(u for u in block["links"] if u not in out.related_urls)
        st.pending_related = 2 if rx.related_label_only.match(text) else 0
        return "related"
    if rx.end_mark.match(text):
        st.stopped = not text.startswith("*")  # "***" may separate parts; "(fbn)" ends
        return "end_mark"
    if rx.stop.match(text):
        st.stopped = True
        return "end_label"
    if rx.paywall.search(text):
        out.paywalled = True
        return "paywall"
    if rx.drop.search(text):
        return "promo"
    if not out.paragraphs:
        return _classify_lead(block, st)
    return None


def _classify_lead(block: Block, st: _State) -> str | None:
    """The first paragraph: an italic photo caption or a lone dateline is not article text."""
    if st.italic_caption and block.get("italic") and len(block["text"]) < 300:
        return "caption"
    if st.rx.dateline_only.match(block["text"]):
        return "dateline"
    return None


def clean_blocks(blocks: Iterable[Block], rules: Rules = Rules()) -> Cleaned:
    """Sort blocks into body paragraphs and boilerplate, collecting what boilerplate carries."""
    st = _State(rx=_compiled(rules), italic_caption=rules.italic_lead_is_caption)
    for raw in blocks:
        block = Block(**{**raw, "text": clean_space(raw["text"])})
        reason = _classify(block, st)
        if reason is None:
            text = block["text"]
            if not st.out.paragraphs:
                text = st.rx.dateline.sub("", text, count=1)
            st.out.paragraphs.append(text)
        elif reason:
            _count(st.out, reason)
    paragraphs = st.out.paragraphs
    if paragraphs:
        paragraphs[-1] = st.rx.tail_mark.sub("", paragraphs[-1])
        st.out.paragraphs = [p for p in paragraphs if p]
    return st.out

"""Writers printed away from the byline, and names that are not writers.

Templates without a byline credit the writer elsewhere: a "Penulis:"/"Reporter:" line or
table row under the body, or a closing ``(Name Surname)`` paragraph. JSON-LD ``author`` is
often the editor or the site's own account; those are not writers.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newscrawl.items import Block
from newscrawl.normalize.boilerplate import split_names
from newscrawl.normalize.text import clean_space

LABELLED = re.compile(
    r"^(?P<label>editor|sumber|penulis|reporter|pewarta)\s*:\s*(?P<value>.{2,120})$", re.IGNORECASE
)
WRITER_LABELS = frozenset({"penulis", "reporter", "pewarta"})
CREDIT = re.compile(r"^\(\s*(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3})\s*\)$")
# Where a byline's names end: a separator, or a role word ("Natasha, Jurnalis", "X Editor: Y").
NAME_STOP = re.compile(
    r"\s*(?:[/|·•]|\b(?:jurnalis|editor|redaktur|wartawan|reporter|kontributor)\b).*$",
    re.IGNORECASE,
)
ACCOUNT_WORDS = frozenset({"redaksi", "admin", "administrator", "tim", "team", "staff", "desk"})


def labelled(lines: list[str], labels: frozenset[str]) -> list[str]:
    """Values of the ``Label: value`` lines among ``lines`` whose label is in ``labels``."""
    found = (LABELLED.match(clean_space(line)) for line in lines)
    return [m["value"].strip() for m in found if m and m["label"].lower() in labels]


def writers(lines: list[str]) -> list[str]:
    """Names on "Penulis:", "Reporter:" or "Pewarta:" lines."""
    return [name for value in labelled(lines, WRITER_LABELS) for name in split_names(value)]


def tail_blocks(lines: list[str]) -> list[Block]:
    """The labelled lines as tail blocks: the boilerplate pipeline reads editor and sources."""
    return [
        Block(text=line, links=[], kind="tail")
        for line in lines
        if LABELLED.match(clean_space(line))
    ]


def pop_credit(blocks: list[Block]) -> str | None:
    """Remove a closing ``(Name Surname)`` credit paragraph from ``blocks``; its name."""
    texts = [i for i, b in enumerate(blocks) if b["text"].strip() and b["kind"] != "caption"]
    if not texts:
        return None
    match = CREDIT.match(clean_space(blocks[texts[-1]]["text"]))
    if match is None:
        return None
    del blocks[texts[-1]]
    return match["name"]


def is_account(name: str, site_keys: set[str]) -> bool:
    """The site itself or a desk account ("Redaksi Kabar Lembah", "Admin"), not a person."""
    squashed = squash(name)
    first = name.split()[0].casefold() if name.split() else ""
    return first in ACCOUNT_WORDS or any(key and key in squashed for key in site_keys)


def squash(value: str) -> str:
    """A name or host reduced to its letters: ``www.metrobali.com`` and "Metro Bali" agree."""
    name = value.lower()
    for suffix in (".co.id", ".com", ".id", ".net", ".org", ".example"):
        name = name.replace(suffix, "")
    return re.sub(r"[\W_]+", "", name.removeprefix("www."))


def site_keys(site_name: str | None, url: str) -> set[str]:
    """The squashed names a page's own site goes by: its printed name and its host."""
    return {squash(site_name or ""), squash(urlsplit(url).hostname or "")} - {""}


def split_byline(value: str) -> list[str]:
    """The names in a byline's text: "Oleh A dan B / Editor" -> ["A", "B"]."""
    value = NAME_STOP.sub("", clean_space(value))
    value = re.sub(r"^(?:by|oleh)\s+", "", value, flags=re.IGNORECASE)
    parts = re.split(r"\s*(?:,|;|\s&\s|\sdan\s)\s*", value)
    return [p.strip(" .") for p in parts if len(p.strip(" .")) > 2]


def is_person(author: object) -> bool:
    """A JSON-LD ``author`` that names people, not only an Organization (the site)."""
    items = author if isinstance(author, list) else [author]
    return any(not isinstance(i, dict) or i.get("@type") != "Organization" for i in items)

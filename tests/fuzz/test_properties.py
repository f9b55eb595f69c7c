"""Property tests: whatever the input, these functions return something valid and never raise."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.provisional import urls
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse

from newscrawl.items import Block
from newscrawl.normalize.boilerplate import clean_blocks
from newscrawl.normalize.dates import parse_printed_date
from newscrawl.normalize.text import clean_space
from newscrawl.normalize.urls import clean_url, without_query
from newscrawl.offline import pipelines
from newscrawl.resolve import resolve_page
from tests.conftest import FIXTURES

FAST = settings(max_examples=150, deadline=None)
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}
# Lower-case words that are no boilerplate phrase, label, dateline or end mark.
WORDS = st.sampled_from(
    [
        "warga",
        "pasar",
        "kota",
        "jalan",
        "hujan",
        "petani",
        "nelayan",
        "sekolah",
        "perahu",
        "harga",
        "beras",
        "ikan",
        "desa",
        "pagi",
        "malam",
        "kemarin",
        "baru",
        "lama",
        "besar",
        "kecil",
        "naik",
        "turun",
        "dibuka",
        "ditutup",
        "rapat",
        "lomba",
    ]
)


@FAST
@given(st.text(max_size=300))
def test_date_parser_never_raises(text: str) -> None:
    now = datetime(2024, 6, 19, 6, tzinfo=UTC)
    for reference in (None, now):
        found = parse_printed_date(text, now=reference)
        assert found is None or found.tzinfo is not None


@FAST
@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2035, 12, 31)),
    st.sampled_from(sorted(ZONES)),
    st.sampled_from(["- {d}, {t} {z}", "{d} | {t} {z}", "Diperbarui: {d} {t} {z}", "{d}, {t} {z}"]),
)
def test_generated_indonesian_dates_round_trip(when: datetime, zone: str, shape: str) -> None:
    when = when.replace(second=0, microsecond=0)
    day = f"{when.day} {MONTHS[when.month - 1]} {when.year}"
    text = shape.format(d=day, t=f"{when.hour:02d}:{when.minute:02d}", z=zone)
    expected = when.replace(tzinfo=timezone(timedelta(hours=ZONES[zone])))
    assert parse_printed_date(text) == expected


paragraphs = st.lists(
    st.lists(WORDS, min_size=1, max_size=12).map(lambda ws: " ".join(ws).capitalize() + "."),
    min_size=1,
    max_size=8,
)


@FAST
@given(paragraphs)
def test_boilerplate_keeps_every_plain_paragraph_and_is_idempotent(texts: list[str]) -> None:
    blocks = [Block(text=t, links=[], kind="p") for t in texts]
    once = clean_blocks(blocks).paragraphs
    assert once == [clean_space(t) for t in texts]
    twice = clean_blocks([Block(text=t, links=[], kind="p") for t in once]).paragraphs
    assert twice == once


@FAST
@given(st.lists(st.text(max_size=80), max_size=10))
def test_boilerplate_never_raises_and_is_idempotent(texts: list[str]) -> None:
    once = clean_blocks([Block(text=t, links=[], kind="p") for t in texts]).paragraphs
    again = clean_blocks([Block(text=t, links=[], kind="p") for t in once]).paragraphs
    assert again == once


@FAST
@given(urls())
def test_url_canonicalisation_is_idempotent(url: str) -> None:
    once = clean_url(url)
    assert clean_url(once) == once
    assert without_query(without_query(url)) == without_query(url)


ARTICLES = (
    sorted((FIXTURES / "portals").glob("*/*/pr-*/*/index.html"))[:6]
    + sorted((FIXTURES / "portals").glob("*/2024/*/*/*/index.html"))[:4]
)


def mutate(html: str, rng: random.Random) -> str:
    """Truncate, drop tags, or shuffle attributes: a page damaged in transit or by a redesign."""
    choice = rng.randrange(3)
    if choice == 0:
        return html[: rng.randrange(len(html))]
    if choice == 1:
        tags = re.findall(r"</?[a-zA-Z][^>]*>", html)
        for tag in rng.sample(tags, k=min(len(tags), rng.randrange(1, 60))):
            html = html.replace(tag, "", 1)
        return html

    def shuffle(match: re.Match[str]) -> str:
        attrs = re.findall(r'\s[\w:-]+="[^"]*"', match.group(2))
        rng.shuffle(attrs)
        return f"<{match.group(1)}{''.join(attrs)}>"

    return re.sub(r"<(\w+)((?:\s[\w:-]+=\"[^\"]*\")+)>", shuffle, html)


@FAST
@given(st.sampled_from(ARTICLES), st.integers(min_value=0, max_value=2**32))
def test_extraction_survives_mutated_pages(path: Path, seed: int) -> None:
    from scrapy.utils.project import get_project_settings

    html = mutate(path.read_text("utf-8", errors="replace"), random.Random(seed))
    response = HtmlResponse(url="https://example.org/x/pr-1234567/judul", body=html.encode())
    page = resolve_page(response.selector, response.url)
    item = page.network.extractor.extract(page)
    try:
        for pipeline in pipelines(get_project_settings()):
            item = pipeline.process_item(item)
    except DropItem:
        pass

"""Pathological pages (issue 12, item 13): no nesting depth stops extraction or a batch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scrapy.http import HtmlResponse
from scrapy.utils.project import get_project_settings

from newscrawl.corpus.language import identify
from newscrawl.offline import extract_files, pipelines
from newscrawl.resolve import resolve_page
from tests.conftest import ROOT

URL = "https://kabar-contoh.id/daerah/2024/06/19/jembatan-baru"
PARAGRAPH = "Warga desa menyambut jembatan baru yang menghubungkan dua kampung di tepi sungai."
HEAD = (
    "<html><head><title>Jembatan baru dibuka - Kabar Contoh</title>"
    '<meta property="og:type" content="article">'
    '<meta property="article:published_time" content="2024-06-19T10:00:00+07:00">{ld}</head>'
    "<body><h1>Jembatan baru dibuka</h1><div class='isi'>"
)


def page_html(nest: int = 0, ld: str = "") -> str:
    """An article whose container also holds ``nest`` nested divs after its paragraphs."""
    deep = "<div>" * nest + "x" + "</div>" * nest
    return HEAD.format(ld=ld) + f"<p>{PARAGRAPH}</p>" * 3 + deep + "</div></body></html>"


def extracted(html: str) -> dict[str, object]:
    response = HtmlResponse(url=URL, body=html.encode())
    page = resolve_page(response.selector, URL)
    item = page.network.extractor.extract(page)
    for pipeline in pipelines(get_project_settings()):
        item = pipeline.process_item(item)
    return item.record()


def test_ten_thousand_nested_divs_keep_the_article() -> None:
    record = extracted(page_html(nest=10_000))
    # libxml2 keeps the first few thousand levels; their walk used to exhaust Python's stack
    assert record["body"] == "\n\n".join([PARAGRAPH] * 3)


def test_deeply_nested_jsonld_is_ignored_not_fatal() -> None:
    ld = '<script type="application/ld+json">' + '{"a":' * 5000 + "1" + "}" * 5000 + "</script>"
    record = extracted(page_html(ld=ld))
    assert record["title"] == "Jembatan baru dibuka"
    assert record["published_at"] == "2024-06-19T10:00:00+07:00"


def test_a_deep_page_does_not_stop_the_batch(tmp_path: Path) -> None:
    deep, good = tmp_path / "deep.html", tmp_path / "good.html"
    canonical = f'<link rel="canonical" href="{URL}">'
    deep.write_text(page_html(nest=10_000, ld=canonical), "utf-8")
    good_html = page_html(ld=canonical.replace("jembatan-baru", "pasar-pagi"))
    good.write_text(good_html.replace("Jembatan baru", "Pasar pagi"), "utf-8")
    chain = pipelines(get_project_settings())
    titles = [item.title for item in extract_files([deep, good], None, chain)]
    assert titles == ["Jembatan baru dibuka", "Pasar pagi dibuka"]


def test_half_a_utf16_pair_in_jsonld_becomes_a_replacement_character(tmp_path: Path) -> None:
    # "\ud800" is valid JSON but no UTF-8 can hold it: a record carrying it could be written
    # nowhere (the feed's encoder raised, `scrapy extract` exited with a traceback).
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
          '"Jembatan baru dibuka", "author": [{"@type": "Person", "name": "Ani \\ud800 Lestari"},'
          ' {"@type": "Person", "name": "Budi \\udfff"}, {"@type": "Person", "name": '
          '"Citra \\ud83d\\ude00"}]}</script>')  # fmt: skip
    record = extracted(page_html(ld=ld))
    assert record["authors"] == ["Ani \ufffd Lestari", "Budi \ufffd", "Citra \U0001f600"]
    path = tmp_path / "page.html"
    path.write_text(page_html(ld=ld), "utf-8")
    out = tmp_path / "out.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "extract", str(path), "--url", URL, "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text("utf-8"))["authors"] == record["authors"]


def test_language_of_a_body_with_half_a_utf16_pair() -> None:
    body = f"{PARAGRAPH} \ud800 {PARAGRAPH}"
    assert identify(body, None) == "id"

"""Pathological pages (issue 12, item 13): no nesting depth stops extraction or a batch."""

from __future__ import annotations

from pathlib import Path

from scrapy.http import HtmlResponse
from scrapy.utils.project import get_project_settings

from newscrawl.offline import extract_files, pipelines
from newscrawl.resolve import resolve_page

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

"""Language identification on our own paragraphs, and the pipeline on a Javanese page."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from newscrawl.corpus.language import hint_code, identify
from newscrawl.corpus.measure import Plan
from newscrawl.corpus.pipelines import CorpusPipeline
from newscrawl.items import Article
from newscrawl.pipelines import BoilerplatePipeline
from newscrawl.resolve import resolve_page
from tests.corpus.texts import PARAGRAPHS


def accuracy(lang: str, hint: str | None) -> float:
    paragraphs = PARAGRAPHS[lang]
    return sum(identify(p, hint) == lang for p in paragraphs) / len(paragraphs)


@pytest.mark.parametrize("lang", sorted(PARAGRAPHS))
def test_every_own_paragraph_is_identified(lang: str) -> None:
    # The README's table: 8 of 8 in each language, with or without a page saying "id".
    assert len(PARAGRAPHS[lang]) == 8
    assert accuracy(lang, None) == 1.0
    assert accuracy(lang, "id-ID") == 1.0


def test_hint_decides_only_for_short_text() -> None:
    assert identify("Ya", "id-ID") == "id"
    assert identify("Ya", "jv") == "jv"
    assert identify("", "in") == "id"
    assert identify(None) is None
    assert identify("   ") is None


def test_hint_codes() -> None:
    assert [hint_code(v) for v in ("id-ID", "ID", "in", "jw", "en_US", "", None, "x")] == [
        "id", "id", "id", "jv", "en", None, None, None,
    ]  # fmt: skip


JAVANESE_PAGE = """<!doctype html><html lang="id-ID"><head><title>Warta</title></head>
<body><h1>Pasar malem ing alun-alun rame</h1><div class="content">
<p>Pasar malem sing dianakake saben taun ing alun-alun kutha wiwit dibukak wingi sore. Akeh
warga sing teka saka desa-desa sakiwa tengene kanggo tuku panganan lan dolanan bocah.</p>
<p>Panitia ngendika yen pasar malem iki bakal mlaku nganti rong minggu. Para bakul oleh papan
gratis, nanging kudu njaga karesikan lan ora kena nyetel musik banter sawise jam sepuluh
bengi.</p>
<p>Pulisi lan petugas keamanan desa jaga ing saben lawang mlebu supaya kahanan tetep tertib
lan ora ana sing kelangan barang.</p></div></body></html>"""


def test_a_javanese_article_comes_out_jv() -> None:
    # A page of a portal labelled lang="id-ID" whose article is written in Javanese.
    response = HtmlResponse(url="https://warta.example/jv/1", body=JAVANESE_PAGE.encode())
    page = resolve_page(response.selector, response.url)
    item = page.network.extractor.extract(page)
    assert item.html_lang == "id-ID"
    item = BoilerplatePipeline().process_item(item)
    assert item.body is not None and item.body.startswith("Pasar malem sing dianakake")
    assert CorpusPipeline().measured_here(item).language == "jv"


def test_language_pipeline_counts_each_language() -> None:
    stats = MemoryStatsCollector(get_crawler())
    pipeline = CorpusPipeline(Plan(index=None), stats=stats)
    for text in (PARAGRAPHS["su"][0], PARAGRAPHS["su"][1], PARAGRAPHS["en"][0]):
        pipeline.measured_here(Article(url="https://a.example/1", body=text))
    pipeline.measured_here(Article(url="https://a.example/2", body=None))
    assert {k: v for k, v in stats.get_stats().items() if "language" in k} == {
        "newscrawl/language/su": 2,
        "newscrawl/language/en": 1,
        "newscrawl/language/unknown": 1,
    }


def test_language_off_leaves_it_null() -> None:
    settings = {"NEWSCRAWL_LANGUAGE": False, "NEWSCRAWL_NEAR_DUPLICATES": "mark",
                "NEWSCRAWL_CORPUS_PROCESS": False, "NEWSCRAWL_STATE": ""}  # fmt: skip
    crawler = get_crawler(settings_dict=settings)
    pipeline = CorpusPipeline.from_crawler(crawler)
    item = pipeline.measured_here(Article(url="https://a.example/1", body=PARAGRAPHS["jv"][0]))
    assert item.language is None
    assert crawler.stats is not None
    assert not [k for k in crawler.stats.get_stats() if "language" in k]

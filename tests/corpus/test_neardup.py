"""Near-duplicates: precision and recall on our fixture pairs, the index across runs, modes."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from newscrawl.corpus.index import MemoryIndex
from newscrawl.corpus.measure import Plan
from newscrawl.corpus.minhash import band_keys, signature, similarity
from newscrawl.corpus.neardup import NearDuplicates
from newscrawl.corpus.pipelines import CorpusPipeline, near_duplicate_mode
from newscrawl.corpus.placement import index_path
from newscrawl.corpus.sqlite_index import SqliteIndex
from newscrawl.items import Article
from newscrawl.pipelines import DedupPipeline
from tests.corpus.pairs import desk_copy, original, pairs, texts

ORIGINAL_URL = "https://bengkulu.tribunnews.com/2024/06/17/banjir-pino-raya"
COPY_URL = "https://makassar.tribunnews.com/2024/06/18/banjir-pino-raya"


def confusion() -> tuple[int, int, int, int]:
    """True and false positives, false and true negatives: each pair's second text checked
    against an index holding only its first."""
    tp = fp = fn = tn = 0
    for first, second, same in pairs():
        finder = NearDuplicates(MemoryIndex())
        finder.original_of("https://a.example/1", "a", first)
        found = finder.original_of("https://b.example/2", "b", second) == "https://a.example/1"
        tp, fp = tp + (found and same), fp + (found and not same)
        fn, tn = fn + (not found and same), tn + (not found and not same)
    return tp, fp, fn, tn


def test_precision_and_recall_on_fixture_pairs() -> None:
    tp, fp, fn, tn = confusion()
    assert (tp, fp, fn, tn) == (48, 0, 0, 448)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision == 1.0 and recall == 1.0  # the issue asks >= 0.95 each


def test_margins_between_copies_and_other_stories() -> None:
    copies = [similarity(signature(a), signature(b)) for a, b, same in pairs() if same]  # type: ignore[arg-type]
    others = [similarity(signature(a), signature(b)) for a, b, same in pairs() if not same]  # type: ignore[arg-type]
    assert min(copies) == 0.4296875
    assert max(others) == 0.1015625


def item(url: str, site: str, body: str) -> Article:
    return Article(url=url, site=site, body=body)


def test_telah_tayang_copy_on_another_desk_is_marked() -> None:
    pipeline = CorpusPipeline()
    first = pipeline.measured_here(item(ORIGINAL_URL, "tribunbengkulu", original("flood_a")))
    assert first.duplicate_of is None
    copy = desk_copy("flood_a")
    assert "Artikel ini telah tayang di Tribunbengkulu.com" in copy
    marked = pipeline.measured_here(item(COPY_URL, "tribuntimur", copy))
    assert marked.duplicate_of == ORIGINAL_URL
    other = pipeline.measured_here(item("https://c.example/x", "c", original("flood_b")))
    assert other.duplicate_of is None


def test_a_copy_of_a_copy_points_to_the_earliest() -> None:
    finder = NearDuplicates(MemoryIndex())
    all_texts = texts()
    assert finder.original_of("u0", "a", all_texts[("road_a", 0)]) is None
    assert finder.original_of("u1", "b", all_texts[("road_a", 1)]) == "u0"
    assert finder.original_of("u2", "c", all_texts[("road_a", 2)]) == "u0"
    assert finder.original_of("u1", "b", all_texts[("road_a", 1)]) == "u0"  # seen again
    assert finder.original_of("u0", "a", all_texts[("road_a", 3)]) is None  # changed text


def test_index_persists_across_runs(tmp_path: Path) -> None:
    path = tmp_path / "state.neardup.sqlite"
    yesterday = NearDuplicates(SqliteIndex(path))
    assert yesterday.original_of(ORIGINAL_URL, "tribunbengkulu", original("market_a")) is None
    yesterday.index.close()
    today = SqliteIndex(path)
    assert today.count() == 1
    finder = NearDuplicates(today)
    assert finder.original_of(COPY_URL, "tribuntimur", desk_copy("market_a")) == ORIGINAL_URL
    assert finder.original_of("https://c.example/y", "c", original("market_b")) is None
    assert today.count() == 3
    today.close()


def test_index_built_with_other_parameters_starts_afresh(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "x.sqlite"
    index = SqliteIndex(path)
    NearDuplicates(index).original_of("u", "a", original("road_b"))
    index.db.execute("UPDATE meta SET value = 'rensa-64-1-5-16x4' WHERE name = 'params'")
    index.close()
    again = SqliteIndex(path)
    assert again.count() == 0
    assert "was built with rensa-64-1-5-16x4" in caplog.text
    again.close()


def test_index_path_follows_the_state() -> None:
    def path(**settings: str) -> Path | None:
        return index_path(get_crawler(settings_dict=settings).settings)

    assert path(NEWSCRAWL_STATE="runs/state.sqlite") == Path("runs/state.neardup.sqlite")
    assert path(NEWSCRAWL_STATE="s.sqlite", NEWSCRAWL_NEAR_DUPLICATES_INDEX="n.db") == Path("n.db")
    assert path(NEWSCRAWL_STATE="") is None


def test_drop_mode_drops_and_counts() -> None:
    stats = MemoryStatsCollector(get_crawler())
    pipeline = CorpusPipeline(Plan(language=False), "drop", stats)
    pipeline.measured_here(item(ORIGINAL_URL, "tribunbengkulu", original("football_a")))
    with pytest.raises(DropItem, match="near_duplicate"):
        pipeline.measured_here(item(COPY_URL, "tribuntimur", desk_copy("football_a")))
    assert stats.get_value("newscrawl/dropped/near_duplicate") == 1


def test_mark_mode_counts() -> None:
    stats = MemoryStatsCollector(get_crawler())
    pipeline = CorpusPipeline(Plan(language=False), "mark", stats)
    pipeline.measured_here(item(ORIGINAL_URL, "tribunbengkulu", original("football_b")))
    pipeline.measured_here(item(COPY_URL, "tribuntimur", desk_copy("football_b")))
    assert stats.get_value("newscrawl/near_duplicates/marked") == 1


def test_modes_from_settings() -> None:
    off = {"NEWSCRAWL_NEAR_DUPLICATES": "off", "NEWSCRAWL_LANGUAGE": False}
    with pytest.raises(NotConfigured):
        CorpusPipeline.from_crawler(get_crawler(settings_dict=off))
    assert near_duplicate_mode(" DROP ") == "drop"
    with pytest.raises(ValueError, match="must be one of mark, drop, off, not 'marks'"):
        near_duplicate_mode("marks")


def test_dedup_drops_exact_copies_on_one_portal_only() -> None:
    dedup, near = DedupPipeline(), CorpusPipeline()
    body = original("flood_b")
    first = Article(url="https://a.example/1", site="a", content_hash="h", body=body)
    near.measured_here(dedup.process_item(first))
    with pytest.raises(DropItem, match="duplicate_content"):
        dedup.process_item(Article(url="https://a.example/1-variant", site="a", content_hash="h"))
    other = Article(url="https://b.example/1", site="b", content_hash="h", body=body)
    assert dedup.process_item(other) is other  # a syndicated copy: kept, and marked
    assert near.measured_here(other).duplicate_of == "https://a.example/1"


@pytest.mark.parametrize("make", [lambda tmp: MemoryIndex(), lambda tmp: SqliteIndex(tmp / "i")])
def test_many_copies_compare_only_the_earliest(make: Any, tmp_path: Path) -> None:
    # A body copied 100 times (a daily price page): each new copy is compared with the 64
    # earliest, and still points to the first.
    index = make(tmp_path)
    finder = NearDuplicates(index)
    body = original("market_a")
    verdicts = [finder.original_of(f"https://p.example/{n}", "p", body) for n in range(100)]
    assert verdicts == [None] + ["https://p.example/0"] * 99
    assert len(index.candidates(band_keys(signature(body)))) == 64  # type: ignore[arg-type]


def random_body(n: int) -> str:
    """A distinct body per ``n``: 120 words drawn from the fixture stories' vocabulary."""
    words = sorted(
        {w for story in ("flood_a", "market_a", "road_b") for w in original(story).split()}
    )
    rng = random.Random(n)
    return " ".join(rng.choices(words, k=120))


def test_sqlite_index_batches_answer_before_and_after_commit(tmp_path: Path) -> None:
    # 450 bodies: two batches go to the writer thread, 50 stay in memory until close.
    path = tmp_path / "state.neardup.sqlite"
    index = SqliteIndex(path)
    finder = NearDuplicates(index)
    verdicts = [
        finder.original_of(f"https://a.example/{n}", "a", random_body(n)) for n in range(450)
    ]
    assert verdicts == [None] * 450
    assert (
        finder.original_of("https://b.example/copy", "b", random_body(449))
        == "https://a.example/449"
    )
    assert finder.original_of("https://b.example/old", "b", random_body(3)) == "https://a.example/3"
    assert index.get("https://a.example/449") is not None
    index.close()
    again = SqliteIndex(path)
    assert again.count() == 452
    found = NearDuplicates(again).original_of("https://c.example/x", "c", random_body(200))
    assert found == "https://a.example/200"
    again.close()


def test_no_worker_process_to_be_had_measures_here(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def no_process(*_: Any) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr("newscrawl.corpus.pipelines.CorpusWorker", no_process)
    stats = MemoryStatsCollector(get_crawler())
    pipeline = CorpusPipeline(Plan(), "mark", stats, in_worker=True)
    pipeline.open_spider()
    pipeline.process_item(item(ORIGINAL_URL, "tribunbengkulu", original("road_a")))
    copy = pipeline.process_item(item(COPY_URL, "tribuntimur", desk_copy("road_a")))
    assert isinstance(copy, Article) and copy.duplicate_of == ORIGINAL_URL
    assert copy.language == "id"
    assert stats.get_value("newscrawl/corpus/worker_lost") == 1
    assert "Cannot start the corpus worker process ([Errno 11] Resource temporarily" in caplog.text
    pipeline.close_spider()

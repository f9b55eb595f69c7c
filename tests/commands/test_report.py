"""``scrapy report``: what it folds out of the summaries, and the page it writes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from newscrawl.exitcodes import ExitCode
from newscrawl.report.runs import read
from tests.commands.running import scrapy
from tests.commands.summaries import write_runs


def test_runs_folded(tmp_path: Path) -> None:
    runs = read(write_runs(tmp_path))
    assert [r["started"][:13] for r in runs.runs] == ["2024-06-10T01", "2024-06-10T13",
                                                      "2024-06-11T01"]  # fmt: skip
    assert runs.skipped == [str(tmp_path / "prmn" / "broken.summary.json")]
    assert runs.days == ["2024-06-10", "2024-06-11"]
    assert runs.articles_per_day() == {
        "alpha": Counter({"2024-06-10": 6}),
        "beta": Counter({"2024-06-10": 2, "2024-06-11": 3}),
        "gamma": Counter(
            {
                "2024-06-10": 1,
            }
        ),
    }
    coverage = runs.coverage()
    assert coverage["alpha"]["authors"] == 0.667  # 4 records at 1.0, 2 at 0.0
    assert coverage["beta"]["authors"] == 0.6  # 2 at 0.0, 3 at 1.0
    assert coverage["gamma"] == {"title": 1.0, "body": 1.0, "authors": 0.5}
    assert runs.over_time("dropped") == [
        ("2024-06-10T01:00:00+00:00", Counter({"no_body": 1})),
        ("2024-06-10T13:00:00+00:00", Counter()),
        ("2024-06-11T01:00:00+00:00", Counter({"no_body": 2, "no_date": 1})),
    ]
    assert [c for _, c in runs.over_time("errors")] == [
        Counter({"http_404": 2}),
        Counter({"dns": 3}),
        Counter(),
    ]
    assert runs.slowest() == [("beta", 1.5, 12), ("alpha", 0.5, 16), ("gamma", 0.5, 3)]
    assert runs.dead() == [("gamma", "2024-06-10T13:00:00+00:00", {"dns": 3})]


def test_report_page(tmp_path: Path) -> None:
    folder = write_runs(tmp_path)
    done = scrapy("report", str(folder))
    broken = folder / "prmn" / "broken.summary.json"
    assert (done.code, done.stdout) == (0, f"{folder / 'report.html'}: 3 runs\n")
    assert done.stderr == [
        f"Not a run summary, skipped: {broken} (Expecting property name enclosed in double "
        "quotes: line 1 column 2 (char 1))"
    ]
    assert f"<li>{broken}</li>" in (folder / "report.html").read_text("utf-8")
    page = (folder / "report.html").read_text("utf-8")
    assert page.count("<svg") == 4  # articles, coverage, drops, errors
    assert "<script" not in page and "src=" not in page and "<link" not in page  # self-contained
    dead = page.split("Dead portals", 1)[1].split("</table>", 1)[0]
    assert "<td>gamma</td>" in dead and "<td>dns 3</td>" in dead and "alpha" not in dead
    assert page.index("Dead portals") < page.index("Articles per portal per day")


def test_report_refusals(tmp_path: Path) -> None:
    missing = scrapy("report", str(tmp_path / "nope"))
    assert (missing.code, missing.stderr) == (
        ExitCode.USAGE, [f"scrapy report: no such folder: {tmp_path / 'nope'}"],
    )  # fmt: skip
    empty = scrapy("report", str(tmp_path))
    assert (empty.code, empty.stderr) == (
        ExitCode.USAGE, [f"scrapy report: no run summary (*.summary.json) under {tmp_path}"],
    )  # fmt: skip

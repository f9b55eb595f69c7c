"""The report page: charts and tables over :class:`~newscrawl.report.runs.Runs`, in one HTML
file with its style inline (it is mailed and archived; nothing may load from elsewhere)."""

from __future__ import annotations

from collections import Counter
from html import escape

from newscrawl.items import RECORD_FIELDS
from newscrawl.report import svg
from newscrawl.report.runs import Runs

TOP_PORTALS = 8  # lines in the articles chart; the rest are added up as one
STYLE = """body{font-family:sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}p.note{color:#555}"""


def articles_chart(runs: Runs) -> str:
    per_day = runs.articles_per_day()
    days = runs.days
    ranked = sorted(per_day, key=lambda s: (-sum(per_day[s].values()), s))
    series = {site: [per_day[site][d] for d in days] for site in ranked[:TOP_PORTALS]}
    rest: Counter[str] = Counter()
    for site in ranked[TOP_PORTALS:]:
        rest.update(per_day[site])
    if rest:
        series[f"{len(ranked) - TOP_PORTALS} other portals"] = [rest[d] for d in days]
    return svg.lines(days, series, "Articles per portal per day")


def over_time_chart(runs: Runs, key: str, title: str) -> str:
    rows = runs.over_time(key)
    names = sorted({name for _, counts in rows for name in counts})
    if not names:
        return f'<p class="note">No {escape(key)} in any run.</p>'
    labels = [started[:16].replace("T", " ") for started, _ in rows]
    return svg.lines(labels, {n: [counts[n] for _, counts in rows] for n in names}, title)


def table(head: list[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f'<p class="note">{escape(empty)}</p>'
    cells = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                    for row in rows)  # fmt: skip
    return ("<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>"
            + cells + "</table>")  # fmt: skip


def render(runs: Runs, folder: str) -> str:
    """The whole page."""
    first, last = (runs.runs[0]["started"], runs.runs[-1]["started"]) if runs.runs else ("", "")
    slow = [[s, f"{rate:.2f}", str(pages)] for s, rate, pages in runs.slowest()]
    dead = [[s, when, ", ".join(f"{k} {v}" for k, v in errors.items()) or "no request answered"]
            for s, when, errors in runs.dead()]  # fmt: skip
    skipped = "".join(f"<li>{escape(p)}</li>" for p in runs.skipped)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>newscrawl report: {escape(folder)}</title>
<style>{STYLE}</style></head><body>
<h1>newscrawl report</h1>
<p>{len(runs.runs)} runs in <code>{escape(folder)}</code>, {escape(str(first))} to
{escape(str(last))}.</p>
<h2>Dead portals (latest run fetched no page)</h2>
{table(["portal", "latest run", "errors"], dead, "None: every portal answered in its last run.")}
<h2>Articles per portal per day</h2>
{articles_chart(runs)}
<h2>Field coverage per portal</h2>
{svg.heat_map(runs.coverage(), RECORD_FIELDS, "Field coverage per portal")}
<h2>Drops over time (by reason)</h2>
{over_time_chart(runs, "dropped", "Drops per run by reason")}
<h2>Errors over time (by kind)</h2>
{over_time_chart(runs, "errors", "Errors per run by kind")}
<h2>Slowest portals (seconds per fetched page)</h2>
{table(["portal", "s/page", "pages"], slow, "No page fetched in any run.")}
{f"<h2>Files skipped</h2><ul>{skipped}</ul>" if skipped else ""}
</body></html>
"""

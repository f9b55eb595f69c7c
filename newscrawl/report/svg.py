"""Charts as inline SVG: no script, no external file, readable in any browser or mail client.

Each function returns one ``<svg>`` element as text; values are escaped, sizes fixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf")  # fmt: skip
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 1080, 320, 60, 60, 20


def lines(labels: Sequence[str], series: dict[str, list[int]], title: str) -> str:
    """A line chart: one line per series over ``labels`` (x), a legend on the right."""
    peak = max([1, *(v for values in series.values() for v in values)])
    plot_w, plot_h = WIDTH - LEFT - 200, HEIGHT - BOTTOM - TOP
    step = plot_w / max(1, len(labels) - 1)

    def point(i: int, v: int) -> str:
        return f"{LEFT + i * step:.1f},{TOP + plot_h - v / peak * plot_h:.1f}"

    parts = [axes(plot_w, plot_h, peak), x_labels(labels, step)]
    for n, (name, values) in enumerate(series.items()):
        colour = PALETTE[n % len(PALETTE)]
        pts = " ".join(point(i, v) for i, v in enumerate(values))
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{pts}"/>')
        parts.extend(f'<circle cx="{point(i, v).split(",")[0]}" cy="{point(i, v).split(",")[1]}" '
                     f'r="3" fill="{colour}"/>' for i, v in enumerate(values))  # fmt: skip
        y = TOP + 14 + n * 18
        parts.append(f'<rect x="{LEFT + plot_w + 20}" y="{y - 10}" width="12" height="12" '
                     f'fill="{colour}"/><text x="{LEFT + plot_w + 38}" y="{y}">'
                     f"{escape(name)}</text>")  # fmt: skip
    return frame(title, "".join(parts))


def axes(plot_w: float, plot_h: float, peak: int) -> str:
    """The two axes and the top value."""
    x0, y0 = LEFT, TOP + plot_h
    return (f'<line x1="{x0}" y1="{TOP}" x2="{x0}" y2="{y0}" stroke="#333"/>'
            f'<line x1="{x0}" y1="{y0}" x2="{x0 + plot_w}" y2="{y0}" stroke="#333"/>'
            f'<text x="{x0 - 8}" y="{TOP + 4}" text-anchor="end">{peak}</text>'
            f'<text x="{x0 - 8}" y="{y0}" text-anchor="end">0</text>')  # fmt: skip


def x_labels(labels: Sequence[str], step: float) -> str:
    """At most ~12 labels under the x axis, turned to fit."""
    every = max(1, len(labels) // 12)
    y = HEIGHT - BOTTOM + 16
    return "".join(
        f'<text x="{LEFT + i * step:.1f}" y="{y}" font-size="11" '
        f'transform="rotate(30 {LEFT + i * step:.1f} {y})">{escape(label)}</text>'
        for i, label in enumerate(labels) if i % every == 0
    )  # fmt: skip


def heat_map(rows: dict[str, dict[str, float]], columns: Sequence[str], title: str) -> str:
    """Rows x columns of shares 0..1: red (0) to green (1), the value written in each cell."""
    cell_w, cell_h, left, top = 44, 22, 160, 110
    parts = []
    for c, name in enumerate(columns):
        x = left + c * cell_w + cell_w / 2
        parts.append(f'<text x="{x}" y="{top - 6}" font-size="11" '
                     f'transform="rotate(-60 {x} {top - 6})">{escape(name)}</text>')  # fmt: skip
    for r, (row, values) in enumerate(rows.items()):
        y = top + r * cell_h
        parts.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end">{escape(row)}</text>')
        for c, name in enumerate(columns):
            share = values.get(name, 0.0)
            parts.append(f'<rect x="{left + c * cell_w}" y="{y}" width="{cell_w - 1}" '
                         f'height="{cell_h - 1}" fill="{shade(share)}"/>'
                         f'<text x="{left + c * cell_w + cell_w / 2}" y="{y + 15}" '
                         f'font-size="10" text-anchor="middle">{share:.0%}</text>')  # fmt: skip
    width, height = left + len(columns) * cell_w + 10, top + len(rows) * cell_h + 10
    return frame(title, "".join(parts), width, height)


def shade(share: float) -> str:
    """Red at 0, yellow at 0.5, green at 1."""
    share = min(1.0, max(0.0, share))
    red = 220 if share < 0.5 else round(220 * (1 - share) * 2)
    green = round(200 * share * 2) if share < 0.5 else 200
    return f"rgb({red},{green},80)"


def frame(title: str, body: str, width: int = WIDTH, height: int = HEIGHT) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
            f'font-family="sans-serif" font-size="12">{body}</svg>')  # fmt: skip

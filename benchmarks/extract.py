"""Extraction speed: ``python benchmarks/extract.py [REAL_PAGES_DIR]``.

CPU time per article page for our extraction plus every item pipeline (parsing included), on
the fixture articles and on the labelled real pages when a folder is given, next to
trafilatura's ``extract(..., with_metadata=True)`` on the same pages in the same process, and
next to the floor: parsing the same pages with lxml alone (what any extractor pays before it
reads anything). Median and p95 ms per page, and the ratios (target: at most 3x the floor).
Run by hand; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse
from scrapy.utils.project import get_project_settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newscrawl.offline import pipelines  # noqa: E402
from newscrawl.resolve import resolve_page  # noqa: E402

ROUNDS = 5


def fixture_pages() -> list[tuple[str, bytes]]:
    """(url, html) of every fixture article's first page, real origins."""
    pages = []
    for path in sorted((ROOT / "fixtures" / "expected").glob("*.json")):
        if path.stem == "dropped":
            continue
        site = json.loads((ROOT / "fixtures/portals" / path.stem / "site.json").read_text())
        for record in json.loads(path.read_text("utf-8")):
            rel = record["url"].removeprefix(site["origin"]).strip("/")
            pages.append(
                (
                    record["url"],
                    (ROOT / "fixtures/portals" / path.stem / rel / "index.html").read_bytes(),
                )
            )
    return pages


def real_pages(folder: Path) -> list[tuple[str, bytes]]:
    labels = sorted(folder.rglob("*.expected.json"))
    found = []
    for path in labels:
        label = json.loads(path.read_text("utf-8"))
        found.append((label["url"], (path.parent / label["html"]).read_bytes()))
    return found


def ours() -> Callable[[str, bytes], object]:
    chain = pipelines(get_project_settings())

    def run(url: str, html: bytes) -> object:
        response = HtmlResponse(url=url, body=html)
        page = resolve_page(response.selector, url)
        item = page.network.extractor.extract(page)
        try:
            for pipeline in chain:
                item = pipeline.process_item(item)
        except DropItem:
            return None
        return item

    return run


def trafilatura_run() -> Callable[[str, bytes], object]:
    import trafilatura  # benchmark-only dependency: pip install -e '.[bench]'

    def run(url: str, html: bytes) -> object:
        return trafilatura.extract(html, url=url, with_metadata=True, output_format="json")

    return run


def lxml_floor() -> Callable[[str, bytes], object]:
    from lxml.html import document_fromstring

    def run(url: str, html: bytes) -> object:
        return document_fromstring(html)

    return run


def timings(run: Callable[[str, bytes], object], pages: list[tuple[str, bytes]]) -> list[float]:
    """Per-page CPU milliseconds, the best of ROUNDS for each page (after one warm-up)."""
    for url, html in pages[:2]:
        run(url, html)
    best = []
    for url, html in pages:
        samples = []
        for _ in range(ROUNDS):
            began = time.process_time()
            run(url, html)
            samples.append((time.process_time() - began) * 1000)
        best.append(min(samples))
    return best


def p95(values: list[float]) -> float:
    return sorted(values)[max(int(len(values) * 0.95) - 1, 0)]


def report(name: str, pages: list[tuple[str, bytes]]) -> None:
    size = statistics.mean(len(h) for _, h in pages) / 1024
    a, b = timings(ours(), pages), timings(trafilatura_run(), pages)
    floor = timings(lxml_floor(), pages)
    print(f"{name}: {len(pages)} pages, mean {size:.0f} KB")
    print(f"  newscrawl   median {statistics.median(a):6.2f} ms  p95 {p95(a):6.2f} ms")
    print(f"  trafilatura median {statistics.median(b):6.2f} ms  p95 {p95(b):6.2f} ms")
    print(f"  lxml parse  median {statistics.median(floor):6.2f} ms  p95 {p95(floor):6.2f} ms")
    ratio = statistics.median(a) / statistics.median(b)
    print(f"  ratio (newscrawl / trafilatura, medians): {ratio:.2f}")
    print(f"  ratio (newscrawl / lxml parse floor, totals): {sum(a) / sum(floor):.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("real_pages", nargs="?", type=Path)
    args = parser.parse_args()
    report("fixture articles", fixture_pages())
    if args.real_pages:
        report("real pages", real_pages(args.real_pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())

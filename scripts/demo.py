"""Offline demo: serve the bundled fixture portals on 127.0.0.1 and crawl them with each
spider (``prmn``, ``tribun``, ``news``), writing ``output/demo/<spider>.jsonl``.
No network needed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # fixtures/ is a folder of the checkout, not an installed package

from fixtures.server import start  # noqa: E402

OUTPUT = ROOT / "output" / "demo"
SPIDERS = {"prmn": "prmn", "tribun": "tribun", "news": None}  # spider -> fixture network


def portals_by_network() -> dict[str | None, list[str]]:
    """Fixture portal ids by the network their expected records name."""
    found: dict[str | None, list[str]] = {}
    for path in sorted((ROOT / "fixtures" / "expected").glob("*.json")):
        records = json.loads(path.read_text("utf-8"))
        if path.stem != "dropped" and records:
            found.setdefault(records[0]["network"], []).append(path.stem)
    return found


def crawl(spider: str, start_urls: list[str]) -> list[dict[str, object]]:
    feed = OUTPUT / f"{spider}.jsonl"
    command = [sys.executable, "-m", "scrapy", "crawl", spider, "-a",
               f"start_urls={','.join(start_urls)}", "-O", str(feed), "-s", "DOWNLOAD_DELAY=0",
               "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=ERROR",
               "-s", "NEWSCRAWL_STATE="]  # fmt: skip
    print("$ scrapy", " ".join(command[3:]), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)
    return [json.loads(line) for line in feed.read_text("utf-8").splitlines() if line]


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    portals = portals_by_network()
    with start() as servers:
        for spider, network in SPIDERS.items():
            urls = [f"{servers.origins[site]}/" for site in portals.get(network, [])]
            records = crawl(spider, urls)
            first = records[0]
            print(f"  {len(records)} articles -> output/demo/{spider}.jsonl; first: "
                  f"{first['title']!r} ({first['published_at']})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

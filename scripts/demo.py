"""Offline demo: crawl the bundled fixture portals under their real hosts, replayed from the
WARC archive shipped in ``fixtures/portals.warc.gz`` (``NEWSCRAWL_REPLAY``), with each spider
(``prmn``, ``tribun``, ``news``, ``detik``, ``kompas``, ``antara``, ``suara``, and
``regional`` for one province), writing ``output/demo/<spider>.jsonl``. No network needed:
a URL the archive lacks is answered 404 without leaving the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "fixtures" / "portals.warc.gz"
OUTPUT = ROOT / "output" / "demo"
CRAWLS = {
    "prmn": ["-a", "sites=wartabulukumba,zonapriangan"],
    "tribun": ["-a", "sites=tribunbengkulu,tribuntimur"],
    "news": ["-a", "start_urls=https://kabarpesisir.id/,https://suarabukit.com/,"
             "https://lenteratimur.net/"],
    "detik": ["-a", "sites=detikjabar"],
    "kompas": ["-a", "sites=kompasregional"],
    "antara": ["-a", "sites=antarajabar"],
    "suara": ["-a", "sites=suarajateng"],
    "regional": ["-a", "region=ID-JT"],  # Jawa Tengah: every network's portals the WARC holds
}  # fmt: skip


def crawl(spider: str, args: list[str]) -> list[dict[str, object]]:
    feed = OUTPUT / f"{spider}.jsonl"
    command = [sys.executable, "-m", "scrapy", "crawl", spider, *args, "-O", str(feed),
               "-s", f"NEWSCRAWL_REPLAY={ARCHIVE}", "-s", "NEWSCRAWL_STATE=",
               "-s", f"NEWSCRAWL_SUMMARY={OUTPUT / spider}.summary.json",
               "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
               "-s", "LOG_LEVEL=ERROR"]  # fmt: skip
    print("$ scrapy", " ".join(command[3:]), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)
    return [json.loads(line) for line in feed.read_text("utf-8").splitlines() if line]


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for spider, args in CRAWLS.items():
        records = crawl(spider, args)
        first = records[0]
        print(f"  {len(records)} articles -> output/demo/{spider}.jsonl; first: "
              f"{first['url']} ({first['published_at']})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

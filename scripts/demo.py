"""Offline demo: serve the bundled fixture portals on 127.0.0.1 and crawl them with
``scrapy crawl prmn``, writing ``output/demo.jsonl``. No network needed.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "output" / "demo.jsonl"


def fixture_server() -> ModuleType:
    """``fixtures/server.py``, which is a script beside the fixtures, not a package module."""
    spec = importlib.util.spec_from_file_location("fixture_server", ROOT / "fixtures/server.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


def main() -> int:
    servers = fixture_server().start()
    try:
        start_urls = ",".join(f"{origin}/" for origin in servers.origins.values())
        OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "scrapy", "crawl", "prmn", "-a",
                   f"start_urls={start_urls}", "-O", str(OUTPUT), "-s", "DOWNLOAD_DELAY=0",
                   "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING"]  # fmt: skip
        print("$", " ".join(command[1:]), flush=True)
        done = subprocess.run(command, cwd=ROOT, check=False)
    finally:
        servers.stop()
    records = [json.loads(line) for line in OUTPUT.read_text("utf-8").splitlines() if line]
    for record in records[:3]:
        print(json.dumps({k: record[k] for k in ("site", "title", "published_at")},
                         ensure_ascii=False))  # fmt: skip
    print(f"{len(records)} articles written to {OUTPUT.relative_to(ROOT)}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())

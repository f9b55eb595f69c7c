"""Finish what a killed run left: repair its feeds' last line and remember what they hold.

A run is killed between writing a record to its feed and remembering it in the state, or in
the middle of a line. The next run truncates a partial last line (that article was not
delivered and will be fetched again) and adds every complete record to the state, so across
the two runs each article is delivered exactly once.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


def repair_last_line(path: Path) -> bool:
    """Truncate a partial last line of a JSONL file; True when something was cut."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    with path.open("rb+") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(size - 1, 0))
        if handle.read(1) == b"\n":
            return False
        data = path.read_bytes()
        keep = data.rfind(b"\n") + 1
        handle.truncate(keep)
    logger.warning("Repaired %s: cut a partial last line of %d bytes", path, size - keep)
    return True


def records(path: Path) -> Iterator[dict[str, Any]]:
    """Complete JSON records of a JSONL file (a line that does not parse is skipped)."""
    if not path.exists() or path.suffix == ".gz":
        return
    with path.open("rb") as handle:
        for line in handle:
            try:
                yield json.loads(line)
            except ValueError:
                logger.warning("Unreadable line in %s skipped", path)

"""Output files on a full disk: a failed write is undone to the last whole record and reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

# Run apart: RLIMIT_FSIZE (``ulimit -f``) would limit the test runner's own files too.
# Python ignores SIGXFSZ, so a write past the limit raises EFBIG, as on a full disk.
FULL_DISK = """
import json, resource, sys
from pathlib import Path
from newscrawl.state.outputs import GuardedFile
resource.setrlimit(resource.RLIMIT_FSIZE, (5000, 5000))
failed = []
out = GuardedFile(Path(sys.argv[1]), "wb", lambda path, error: failed.append(error.errno))
for n in range(4):
    out.write(b"%d" % n + b"x" * 1998 + b"\\n")
out.close()
print(json.dumps(failed))
"""


def test_a_record_the_disk_could_not_take_is_undone_and_reported(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    result = subprocess.run([sys.executable, "-c", FULL_DISK, str(feed)], cwd=ROOT,
                            capture_output=True, text=True, check=True)  # fmt: skip
    assert json.loads(result.stdout) == [27, 27]  # EFBIG, for records 3 and 4
    assert feed.read_bytes() == b"".join(b"%d" % n + b"x" * 1998 + b"\n" for n in range(2))

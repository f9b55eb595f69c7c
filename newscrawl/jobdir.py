"""``JOBDIR`` after a kill: Scrapy's disk queue is consistent only after a clean stop.

Scrapy writes queued requests to ``JOBDIR/requests.queue`` as it goes but its index only when
it stops cleanly, and the seen-set ``requests.seen`` at once: after ``kill -9`` the resumed
crawl dies on a cut queue (``struct.error``) or skips requests that were seen but never
crawled. A marker file, written when the crawl opens and removed when it closes cleanly
(``Ctrl-C`` pauses included), tells the next run which case it is in:

- with the incremental state, the killed run's queue is reset and the crawl starts again from
  its seeds: the state skips what was delivered, so nothing comes out twice;
- without it, nothing can tell which articles were delivered, so the crawl is refused with a
  message saying how to go on (a new ``JOBDIR``, or a state).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from newscrawl.errors import ConfigError

logger = logging.getLogger(__name__)
MARKER = "newscrawl.running"


class KilledJob(ConfigError):
    """The last crawl in this JOBDIR was killed and there is no state to recover with."""

    def __init__(self, jobdir: Path) -> None:
        super().__init__(
            f"the last crawl in JOBDIR {jobdir} was killed (kill -9, OOM or power loss): its "
            "queue cannot be trusted, and without NEWSCRAWL_STATE a resumed crawl would lose "
            "or repeat articles. Start with a new -s JOBDIR=..., or keep a state "
            "(-s NEWSCRAWL_STATE=PATH) so that killed runs can be resumed"
        )


def was_killed(jobdir: Path) -> bool:
    """True when a crawl opened this JOBDIR and never closed it."""
    return (jobdir / MARKER).exists()


def recover(jobdir: Path, with_state: bool) -> bool:
    """Make a killed JOBDIR safe to resume, or refuse it; True when the queue was reset."""
    if not was_killed(jobdir):
        return False
    if not with_state:
        raise KilledJob(jobdir)
    queue = jobdir / "requests.queue"
    if queue.exists():
        shutil.rmtree(queue)
    logger.warning("The last run was killed: its JOBDIR queue %s cannot be trusted and was "
                   "reset; crawling again from the seeds", queue)  # fmt: skip
    return True


def mark_running(jobdir: Path) -> None:
    jobdir.mkdir(parents=True, exist_ok=True)
    (jobdir / MARKER).touch()


def mark_stopped(jobdir: Path) -> None:
    (jobdir / MARKER).unlink(missing_ok=True)

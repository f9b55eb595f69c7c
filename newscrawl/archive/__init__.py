"""WARC archives of what a crawl downloaded, and crawls replayed from them.

Why: a portal changes every hour, so a bug in extraction can only be re-checked on the bytes
the crawl actually saw. ``NEWSCRAWL_ARCHIVE`` keeps them (``writer.ArchiveMiddleware``),
``NEWSCRAWL_REPLAY`` serves them again instead of the network (``replay.ReplayMiddleware``),
and ``scrapy extract ARCHIVE.warc.gz`` re-extracts them without a crawl (``articles``).
"""

from __future__ import annotations

REPLAY_FLAG = "replay"
"""``Response.flags`` mark of a response served from an archive: it was never downloaded, so
the writer does not archive it again."""

NOT_DOWNLOADED_FLAGS = frozenset({REPLAY_FLAG, "cached"})
"""Responses with one of these flags did not come from the network (replay, HTTP cache)."""

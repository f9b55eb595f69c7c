"""Where a crawl keeps its near-duplicate index: memory, an SQLite file, or a store class.

Kept apart from :mod:`newscrawl.corpus.index` so that the corpus worker process, which only
opens the index it is given, never imports Scrapy.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import cast

from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object

from newscrawl.corpus.index import IndexRecipe, MemoryIndex

logger = logging.getLogger(__name__)


def index_path(settings: BaseSettings) -> Path | None:
    """``NEWSCRAWL_NEAR_DUPLICATES_INDEX``, else ``<state>.neardup.sqlite`` next to
    ``NEWSCRAWL_STATE``; None (memory only) when both are empty."""
    explicit = settings.get("NEWSCRAWL_NEAR_DUPLICATES_INDEX")
    if explicit:
        return Path(explicit)
    state = settings.get("NEWSCRAWL_STATE")
    return Path(state).with_suffix(".neardup.sqlite") if state else None


def index_recipe(crawler: Crawler) -> IndexRecipe:
    """How to open the crawl's index, wherever it is used (the corpus worker opens its own):
    the class ``NEWSCRAWL_NEAR_DUPLICATES_STORE`` names (the Redis add-on sets it; its
    ``recipe(crawler)``), else the SQLite file of :func:`index_path`, else memory."""
    custom = crawler.settings.get("NEWSCRAWL_NEAR_DUPLICATES_STORE")
    if custom:
        return cast(IndexRecipe, load_object(custom).recipe(crawler))
    path = index_path(crawler.settings)
    if path is None:
        logger.info("No state: near-duplicates are found within this run only")
        return MemoryIndex
    from newscrawl.corpus.sqlite_index import SqliteIndex

    return partial(SqliteIndex, path)

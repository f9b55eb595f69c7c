"""The spiders' own settings, carried into any Scrapy project that lists ``newscrawl.spiders``.

Run from another project, a spider would otherwise lose the pipelines that clean its records,
the incremental state, the run summary, and the replay and archive middlewares: a "replay"
would quietly go to the live network. :func:`carry` adds what ``newscrawl/settings.py``
declares and the host project does not: component tables are merged (the host's entries win,
so it can still disable one of ours), our ``NEWSCRAWL_*`` and record settings are filled in
where the host left them at Scrapy's default. Inside the newscrawl project it does nothing,
and so it does for a crawler without a project (``SPIDER_MODULES`` empty: unit tests'
``get_crawler``, a bare script), which gets exactly the settings it was given.
"""

from __future__ import annotations

from types import ModuleType

from scrapy.settings import BaseSettings

COMPONENTS = ("ITEM_PIPELINES", "EXTENSIONS", "SPIDER_MIDDLEWARES", "DOWNLOADER_MIDDLEWARES",
              "ADDONS", "FEED_STORAGES")  # fmt: skip
SCALARS = ("DUPEFILTER_CLASS", "LOG_FORMATTER", "FEED_EXPORT_FIELDS", "FEED_EXPORT_ENCODING")
# Just above Scrapy's defaults (0), below everything else: ``CrawlerProcess.crawl`` updates the
# crawler's settings from the process's again, and at 0 its defaults would win back.
ABOVE_DEFAULT = 1


def own() -> ModuleType:
    from newscrawl import settings

    return settings


def carry(settings: BaseSettings) -> None:
    """Merge newscrawl's components and settings into a host project's ``settings``."""
    module = own()
    if settings.get("BOT_NAME") == module.BOT_NAME or not settings.getlist("SPIDER_MODULES"):
        return  # the newscrawl project itself (settings.py in force), or no project at all
    for name in COMPONENTS:
        merged = {**getattr(module, name), **settings.getdict(name)}
        settings.set(name, merged, priority="spider")
    ours = [n for n in dir(module) if n.startswith("NEWSCRAWL_")] + list(SCALARS)
    for name in ours:
        if not settings.getpriority(name):  # unset, or Scrapy's default: the host chose nothing
            settings.set(name, getattr(module, name), priority=ABOVE_DEFAULT)

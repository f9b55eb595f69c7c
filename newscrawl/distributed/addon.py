"""The switch: a Scrapy add-on that turns a crawl into one worker of a Redis-backed fleet.

``ADDONS`` in settings.py always lists :class:`RedisAddon`; it does nothing unless
``NEWSCRAWL_REDIS_URL`` is set (settings.py, ``-s``, or the environment). An add-on rather
than code in settings.py because Scrapy runs add-ons after ``-s`` and the spider's own
settings are applied, so ``scrapy crawl prmn -s NEWSCRAWL_REDIS_URL=redis://...`` works like
the environment variable. This module imports nothing of Redis: with the switch off, neither
``redis`` nor ``scrapy_redis`` is ever loaded.
"""

from __future__ import annotations

import importlib.util

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

from newscrawl.distributed.switch import key_template, redis_url, with_worker, worker_id
from newscrawl.errors import MissingExtra

PACKAGE = "newscrawl.distributed"
# Above settings.py's own choices (DUPEFILTER_CLASS, ...) yet below ``-s`` on the command line.
OVER_PROJECT = "project"
COMPONENTS = {
    "EXTENSIONS": {f"{PACKAGE}.worker.RedisWorker": 100},  # before StateKeeper (500)
    "SPIDER_MIDDLEWARES": {f"{PACKAGE}.worker.SeedOnce": 50},
    "ITEM_PIPELINES": {f"{PACKAGE}.worker.ClaimPipeline": 600},  # last: claims what is emitted
}


class RedisAddon:
    """Adds scrapy-redis's scheduler and dupefilter (persistent), the Redis state store, the
    fleet components, and the worker id in output file names, when Redis is on."""

    def update_settings(self, settings: BaseSettings) -> None:
        url = redis_url(settings)
        if not url:
            return
        if not all(importlib.util.find_spec(m) for m in ("redis", "scrapy_redis")):
            raise MissingExtra("NEWSCRAWL_REDIS_URL (several workers sharing a crawl)", "redis")
        prefix = str(settings.get("NEWSCRAWL_REDIS_PREFIX") or settings.get("BOT_NAME"))
        on = OVER_PROJECT
        settings.set("REDIS_URL", url, on)
        settings.set("SCHEDULER", f"{PACKAGE}.scheduler.FleetScheduler", on)
        settings.set("DUPEFILTER_CLASS", f"{PACKAGE}.scheduler.RedisDupeFilter", on)
        settings.set("SCHEDULER_PERSIST", True, on)  # one worker stopping keeps the others' queue
        settings.set("SCHEDULER_QUEUE_KEY", key_template(prefix, "requests"), on)
        settings.set("SCHEDULER_DUPEFILTER_KEY", key_template(prefix, "dupefilter"), on)
        # scrapy-redis waits 30 s on a silent server; a stalled worker should say so sooner.
        settings.set("REDIS_PARAMS", {"socket_timeout": 10, "socket_connect_timeout": 5}, "addon")
        settings.set("NEWSCRAWL_STATE_STORE", f"{PACKAGE}.store.RedisStateStore", on)
        settings.set("NEWSCRAWL_NEAR_DUPLICATES_STORE", "newscrawl.corpus.redis_index.RedisIndex",
                     on)  # fmt: skip
        settings.set("FEED_URI_PARAMS", f"{PACKAGE}.switch.uri_params", on)
        for name, added in COMPONENTS.items():
            components = settings.getdict(name)
            components.update(added)
            settings.set(name, components, settings.getpriority(name) or 0)
        self.name_outputs(settings, worker_id(settings))

    @staticmethod
    def name_outputs(settings: BaseSettings, worker: str) -> None:
        """Workers never write the same file: the default feed gets ``%(worker)s``, the run
        summary and partitioned feeds the worker id itself (they are not Scrapy feeds).
        Feeds given with ``-o``/``-O`` are the user's: ``%(worker)s`` works in them too."""
        default = settings.get("NEWSCRAWL_DEFAULT_FEED")
        feeds = settings.getdict("FEEDS")
        spider_set = settings.getpriority("FEEDS") == SETTINGS_PRIORITIES["spider"]
        if default and spider_set and list(feeds) == [default]:
            named = with_worker(default, "%(worker)s")
            settings.set("FEEDS", {named: feeds[default]}, "spider")
        if default:
            settings.set("NEWSCRAWL_DEFAULT_FEED", with_worker(default, "%(worker)s"), "spider")
        for name in ("NEWSCRAWL_SUMMARY", "NEWSCRAWL_PARTITION"):
            template = settings.get(name)
            if template:
                priority = settings.getpriority(name) or 0
                settings.set(name, with_worker(template, worker), priority)

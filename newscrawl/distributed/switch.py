"""What the Redis switch reads and names, without importing Redis.

The add-on, the feed URI parameters and the settings module import this module whether or not
Redis is on, so it must stay free of ``redis`` and ``scrapy_redis`` imports: a crawl without
``NEWSCRAWL_REDIS_URL`` never loads them.
"""

from __future__ import annotations

import os
import re
import socket
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scrapy.settings import BaseSettings

URL_SETTING = "NEWSCRAWL_REDIS_URL"
WORKER_SETTING = "NEWSCRAWL_WORKER_ID"
UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# A file name's stem: placeholders (``%(time)s``, which hold no dot) and other non-dots.
STEM = re.compile(r"((?:%\([^)]*\)[a-z]|[^.])*)(.*)", re.DOTALL)


def redis_url(settings: BaseSettings) -> str:
    """The setting (``-s`` or settings.py) when not empty, else the environment variable;
    empty means off."""
    return str(settings.get(URL_SETTING) or os.environ.get(URL_SETTING, "")).strip()


def redacted(url: str) -> str:
    """``url`` without its password, for log lines."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def worker_id(settings: BaseSettings | None = None) -> str:
    """``NEWSCRAWL_WORKER_ID`` (setting, then environment), else ``<hostname>-<pid>``;
    reduced to ``[A-Za-z0-9._-]`` because it goes into file names."""
    value = (settings.get(WORKER_SETTING) if settings is not None else None) or os.environ.get(
        WORKER_SETTING
    )
    raw = str(value) if value else f"{socket.gethostname()}-{os.getpid()}"
    return UNSAFE.sub("_", raw).strip("._") or "worker"


def with_worker(template: str, worker: str) -> str:
    """``template`` with ``-<worker>`` before the file name's first suffix:
    ``output/%(name)s/%(time)s.jsonl`` -> ``output/%(name)s/%(time)s-%(worker)s.jsonl``."""
    if "%(worker)s" in template:
        return template
    head, sep, name = template.rpartition("/")
    match = STEM.fullmatch(name)
    stem, suffix = (match.group(1), match.group(2)) if match else (name, "")
    return f"{head}{sep}{stem}-{worker}{suffix}"


def uri_params(params: dict[str, Any], spider: Any) -> dict[str, Any]:
    """``FEED_URI_PARAMS``: adds ``%(worker)s`` to what feed URIs may use."""
    return {**params, "worker": worker_id(spider.settings)}


def key_template(prefix: str, name: str) -> str:
    """scrapy-redis key templates under the project's prefix: ``<prefix>:%(spider)s:<name>``."""
    return f"{prefix}:%(spider)s:{name}"

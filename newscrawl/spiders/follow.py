"""What the crawl strategy decides: the pages to fetch next, each with its kind.

Discovery, stitching and link sorting return :class:`Follow` decisions; the spider alone turns
them into Scrapy requests (scope, priority, callback). The kinds' priorities finish started
work first: later pages of an article, the next listing page, articles, sitemaps, a
backfill's date-archive pages, sections, then articles reached only through related links.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PRIORITY = {"article_page": 40, "next_page": 30, "article": 20, "discovery": 15, "archive": 12,
            "section": 10, "related": 0}  # fmt: skip


@dataclass(frozen=True)
class Follow:
    """Fetch ``url`` as a page of ``kind``, carrying ``carry`` in the request's meta."""

    url: str
    kind: str
    carry: dict[str, Any] = field(default_factory=dict)
    refetch: bool = False  # bypass the dupefilter (a later page a listing may have linked)


def follows(urls: list[str], kind: str, **carry: Any) -> list[Follow]:
    """One decision per URL, all of one kind."""
    return [Follow(url, kind, dict(carry)) for url in urls]

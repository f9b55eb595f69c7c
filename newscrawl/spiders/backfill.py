"""Date-range backfill: a network's date-indexed archive, walked day by day.

With ``-a since=DAY -a until=DAY`` a portal whose network serves an archive by date
(``Network.ARCHIVE``: detik's and Kompas's ``indeks``) is not crawled from its live front
pages: each day of the range is one archive listing (and its later pages), each listed
article is read, and nothing else is followed, so a past month comes out as exactly that
month. Each archive page counts its articles into ``newscrawl/backfill/<portal>/<day>``.
Returns decisions; the spider makes the requests.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any, Protocol

from scrapy.http import Request, Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy.statscollectors import StatsCollector

from newscrawl import stats
from newscrawl.extract.base import Page
from newscrawl.networks import Network
from newscrawl.spiders.follow import Follow, follows


class _Spider(Protocol):
    """What :class:`BackfillRouting` uses of the spider it is mixed into."""

    network: Network
    backfill: Backfiller
    max_pages: int | None
    settings: BaseSettings

    def html(self, response: Response, what: str) -> TextResponse | None: ...
    def page(self, response: TextResponse) -> Page: ...
    def requests(self, decided: Iterable[Follow], meta: dict[str, Any]) -> Iterator[Request]: ...


logger = logging.getLogger(__name__)


def days_between(since: date, until: date) -> list[date]:
    """Every day from ``since`` to ``until``, both included."""
    if until < since:
        raise ValueError(f"until ({until}) is before since ({since})")
    return [since + timedelta(days=n) for n in range((until - since).days + 1)]


class Backfiller:
    """Archive walking for one crawl's date range (inactive without both ends)."""

    def __init__(
        self, since: date | None, until: date | None, collector: StatsCollector | None = None
    ) -> None:
        self.days = days_between(since, until) if since and until else []
        self.stats = collector

    def seeds(self, home: str, network: Network) -> list[Follow]:
        """One archive listing per day of the range, if the network has an archive."""
        found = [(day, network.archive_url(home, day)) for day in self.days]
        carry = {"archive_page": 1, "backfill": True}  # what descends from it is the backfill's
        return [Follow(url, "archive", {**carry, "day": d.isoformat()}) for d, url in found if url]

    def from_archive(self, page: Page, meta: dict[str, Any], limit: int) -> list[Follow]:
        """An archive page: its articles, counted for its day, and its next page."""
        network, day = page.network, meta["day"]
        seen = set(meta.get("listing_seen", ()))
        dated = network.dated_entries(page)
        fresh = [u for u in network.article_links(page) if u not in seen]
        stats.inc(self.stats, f"backfill/{page.site}/{day}", len(fresh))
        logger.info("Backfill %s %s: %d article(s) on %s", page.site, day, len(fresh), page.url)
        decided = [Follow(u, "article", {"listed": _listed(dated.get(u))}) for u in fresh]
        number = int(meta.get("archive_page", 1))
        next_url = network.next_page(page)
        if next_url and fresh and number < limit:
            carry = {
                "day": day,
                "archive_page": number + 1,
                "listing_seen": sorted(seen | set(fresh)),
            }
            decided.append(Follow(next_url, "archive", carry))
        return decided


class BackfillRouting:
    """The spider's side of a backfill (mixed into ``NetworkSpider``): the archive callback,
    no related links below an archive, and which network seeds a portal."""

    def network_of(self: _Spider, portal_id: str | None) -> Network:
        """The network whose rules seed a portal (``regional``: each portal's own)."""
        return self.network

    def parse_archive(self: _Spider, response: Response) -> Iterator[Request]:
        """A day's page of a date archive: its articles and its next page."""
        text = self.html(response, "archive")
        if text is not None:
            limit = self.max_pages or self.settings.getint("NEWSCRAWL_MAX_LISTING_PAGES")
            found = self.backfill.from_archive(self.page(text), response.meta, limit)
            yield from self.requests(found, response.meta)

    def related(self: _Spider, page: Page, meta: dict[str, Any]) -> list[Follow]:
        """Articles an article points to; none in a backfill (the range is the archive's)."""
        if meta.get("backfill"):
            return []
        return follows(page.network.related_links(page), "related")


def _listed(text: str | None) -> tuple[str, str] | None:
    return (text, "listing") if text else None

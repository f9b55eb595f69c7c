"""Articles split into ``?page=N`` pages, whatever the markup of the page links.

Where the evidence gives a network's paging scheme (``?page=N``, with ``?page=all`` for the
whole article) but not its markup, page 1's links to its own URL with a ``page`` number are
the other pages: no selector to guess.
"""

from __future__ import annotations

from newscrawl.extract.base import Page
from newscrawl.networks.base import Network
from newscrawl.normalize.urls import page_number, with_page, without_query


class QueryPaged(Network):
    """A network whose long articles page by ``?page=N`` (no name: not a network itself)."""

    def page_urls(self, page: Page) -> list[str]:
        first = without_query(page.url)
        hrefs = page.sel.css("a[href*='page=']").xpath("@href").getall()
        urls = [page.absolute(h.strip()) for h in hrefs if h.strip()]
        numbers = {page_number(u) for u in urls if without_query(u) == first}
        return [with_page(first, n) for n in sorted(numbers) if n > 1]

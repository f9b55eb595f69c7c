"""Desks: portals that live under a path of a shared host (``www.detik.com/jabar/``).

A desk's page links to the other desks and sections of the same host; the scope of a request
is a host, so a network with desks keeps, of every link it sorts, only those under the
page's own desk. A portal that owns its host (prefix ``/``) keeps them all.
"""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from newscrawl.extract.base import Page
from newscrawl.networks.base import Network


def on_desk(page: Page, urls: list[str]) -> list[str]:
    """The URLs of ``urls`` under the page's desk (all of them off a desk)."""
    portal = page.portal
    if portal is None or portal.prefix == "/":
        return urls
    return [u for u in urls if portal.owns_path(urlsplit(u).path)]


class DeskNetwork(Network):
    """A network whose portals may be desks: links are kept within the page's desk."""

    ARTICLES_ON_DESK: ClassVar[bool] = True  # False: a desk lists articles of a shared path

    def section_links(self, page: Page) -> list[str]:
        return on_desk(page, super().section_links(page))

    def article_links(self, page: Page) -> list[str]:
        found = super().article_links(page)
        return on_desk(page, found) if self.ARTICLES_ON_DESK else found

    def related_links(self, page: Page) -> list[str]:
        found = super().related_links(page)
        return on_desk(page, found) if self.ARTICLES_ON_DESK else found

    def next_page(self, page: Page) -> str | None:
        found = on_desk(page, [u] if (u := super().next_page(page)) else [])
        return found[0] if found else None

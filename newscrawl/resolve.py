"""Where a page comes from, decided once: the network whose rules read it, and its portal.

Every response (and every saved or archived page) becomes a :class:`~newscrawl.extract.base.Page`
here and nowhere else, so extraction, link-following and stitching cannot disagree. The portal
is the request's, else the registry's entry for the host, else the one whose name the page
gives in ``og:site_name`` (a mirror or a test server); the network is the spider's, or for a
spider of any portal (``news``) the portal's, else the template's that the page shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from parsel import Selector

from newscrawl.extract import metadata
from newscrawl.extract.base import Page
from newscrawl.networks import INDEPENDENT, NETWORKS, Network
from newscrawl.normalize.urls import host_of
from newscrawl.portals import Portal, is_desk_host, portal_for_name, portal_for_url


class Resolver:
    """Builds pages; remembers per host what it found, so each host is looked up once."""

    def __init__(self, network: Network | None = None, portals: Iterable[Portal] = ()) -> None:
        """``network``: the one network every page is read with; None: decide per page."""
        self.network = None if network is None or network.name == INDEPENDENT else network
        self.by_id = {p.id: p for p in portals}
        self.portal_of_host: dict[str, Portal | None] = {}
        self.network_of_host: dict[str, Network] = {}

    def page(
        self,
        sel: Selector,
        url: str,
        portal_id: str | None = None,
        http_date: str | None = None,
        listed: tuple[str, str] | None = None,
    ) -> Page:
        """The page at ``url``, with its network and portal decided."""
        portal = self.by_id.get(portal_id or "") or self.portal_for(sel, url)
        network = self.network_for(sel, url, portal)
        return Page(sel, url, network, portal, http_date, listed)

    def portal_for(self, sel: Selector, url: str) -> Portal | None:
        host = host_of(url)
        if is_desk_host(host):  # desks share the host: the path decides, page by page
            return portal_for_url(url)
        if host not in self.portal_of_host:
            found = portal_for_url(url)
            if found is None:
                name = metadata.meta_map(sel).get("og:site_name")
                found = portal_for_name(name) if name else None
            self.portal_of_host[host] = found
        return self.portal_of_host[host]

    def network_for(self, sel: Selector, url: str, portal: Portal | None) -> Network:
        """The spider's network; else the portal's; else the template's (remembered per host
        once an article shows it); else the independent portals' rules."""
        if self.network is not None:
            return self.network
        if portal is not None and portal.network in NETWORKS:
            return NETWORKS[portal.network]
        host = host_of(url)
        if host in self.network_of_host:
            return self.network_of_host[host]
        for net in NETWORKS.values():
            if net.TEMPLATE_MARK and sel.css(net.TEMPLATE_MARK):
                self.network_of_host[host] = net
                return net
        return NETWORKS[INDEPENDENT]


def resolve_page(sel: Selector, url: str, http_date: str | None = None) -> Page:
    """One page on its own (a saved page, a test): decided from its URL and markup alone."""
    return Resolver().page(sel, url, http_date=http_date)

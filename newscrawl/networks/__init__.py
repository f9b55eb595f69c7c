"""Networks by name, and the lookup from a URL or a page to the network that reads it."""

from __future__ import annotations

from newscrawl.extract.base import Page
from newscrawl.networks.base import Network
from newscrawl.networks.generic import Generic
from newscrawl.networks.prmn import Prmn
from newscrawl.networks.tribun import Tribun
from newscrawl.portals import portal_for_host

NETWORKS: dict[str, Network] = {net.name: net for net in (Prmn(), Tribun(), Generic())}
GENERIC = NETWORKS["generic"]


def get_network(name: str) -> Network:
    """The network called ``name``; KeyError names the known ones."""
    try:
        return NETWORKS[name]
    except KeyError:
        raise KeyError(f"unknown network {name!r}; known: {', '.join(NETWORKS)}") from None


def network_for(page: Page) -> Network:
    """The network of a page: by its host's registry entry, else by its template's marks."""
    host = page.url.split("/")[2] if "//" in page.url else ""
    portal = portal_for_host(host)
    if portal and portal.network in NETWORKS:
        return NETWORKS[portal.network]
    for net in NETWORKS.values():
        if net is not GENERIC and net.is_template(page):
            return net
    return GENERIC

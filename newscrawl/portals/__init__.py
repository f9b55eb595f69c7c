"""Portal registry: every portal of every network, as package data.

A portal is one site of a network. Its row in ``<network>.csv`` (id, host, name, region) is
all it takes to crawl it; hosts are space-separated when a portal answers on several.
The region decides the portal's time zone, used only when a page prints none.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

WITA_REGIONS = frozenset(
    {
        "bali",
        "nusa tenggara barat",
        "nusa tenggara timur",
        "kalimantan selatan",
        "kalimantan timur",
        "kalimantan utara",
        "sulawesi utara",
        "sulawesi tengah",
        "sulawesi selatan",
        "sulawesi tenggara",
        "sulawesi barat",
        "gorontalo",
    }
)
WIT_REGIONS = frozenset(
    {
        "maluku",
        "maluku utara",
        "papua",
        "papua barat",
        "papua barat daya",
        "papua tengah",
        "papua pegunungan",
        "papua selatan",
    }
)


INDEPENDENT = "independent"  # the registry of portals that belong to no network
_SUFFIXES = (".co.id", ".or.id", ".go.id", ".ac.id", ".my.id", ".com", ".net", ".org", ".id")


def site_id_of_host(host: str) -> str:
    """A site id for a host no registry knows: ``economy.okezone.com`` -> ``okezone``."""
    name = host.split(":")[0].lower().removeprefix("www.")
    if name.replace(".", "").isdigit():
        return name
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            return name.removesuffix(suffix).rsplit(".", 1)[-1]
    return name


def zone_of_region(region: str) -> str:
    """Indonesian zone name (WIB, WITA, WIT) for a province; WIB, Jakarta's, by default."""
    key = region.strip().casefold()
    if key in WITA_REGIONS:
        return "WITA"
    if key in WIT_REGIONS:
        return "WIT"
    return "WIB"


@dataclass(frozen=True)
class Portal:
    """One site of a network."""

    id: str
    network: str
    hosts: tuple[str, ...]
    name: str
    region: str

    @property
    def zone(self) -> str:
        return zone_of_region(self.region)

    @property
    def home_url(self) -> str:
        return f"https://{self.hosts[0]}/"


@cache
def load_network(network: str) -> tuple[Portal, ...]:
    """All portals of ``network`` from its CSV file, in file order."""
    text = resources.files(__package__).joinpath(f"{network}.csv").read_text("utf-8")
    return tuple(
        Portal(
            id=row["id"].strip(),
            network=network,
            hosts=tuple(row["host"].split()),
            name=row["name"].strip(),
            region=row["region"].strip(),
        )
        for row in csv.DictReader(text.splitlines())
        if row.get("id", "").strip()
    )


def known_networks() -> tuple[str, ...]:
    """Networks that have a registry file."""
    files = resources.files(__package__).iterdir()
    return tuple(sorted(f.name[:-4] for f in files if f.name.endswith(".csv")))


@cache
def _by_host() -> dict[str, Portal]:
    return {host: p for net in known_networks() for p in load_network(net) for host in p.hosts}


@cache
def _by_name() -> dict[str, Portal]:
    return {p.name.casefold(): p for net in known_networks() for p in load_network(net)}


def portal_for_host(host: str) -> Portal | None:
    """The portal serving ``host`` (port ignored), if any network knows it."""
    return _by_host().get(host.split(":")[0].lower())


def portal_for_name(name: str) -> Portal | None:
    """The portal whose display name is ``name`` (as in og:site_name), if known."""
    return _by_name().get(" ".join(name.split()).casefold())


def select_portals(network: str, ids: list[str] | None) -> list[Portal]:
    """Portals of ``network`` named in ``ids`` (all when None); unknown ids raise ValueError."""
    portals = load_network(network)
    if not ids:
        return list(portals)
    by_id = {p.id: p for p in portals}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise ValueError(f"unknown {network} portal id(s): {', '.join(unknown)}")
    return [by_id[i] for i in ids]

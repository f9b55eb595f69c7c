"""Portal registry: every portal of every network, as package data.

A portal is one site of a network. Its row in ``<network>.csv`` (id, host, name, region) is
all it takes to crawl it; hosts are space-separated when a portal answers on several.
The region decides the portal's time zone, used only when a page prints none.

A desk that lives under a path of a shared host (``www.detik.com/jabar/``) adds an optional
``home`` column: its home URL. Its path is the desk's prefix: a URL belongs to the portal
whose prefix it starts with, and a shared host alone names no portal.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

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
    home: str = ""  # a desk's home URL on a shared host; "" for a portal that owns its hosts

    @property
    def zone(self) -> str:
        return zone_of_region(self.region)

    @property
    def home_url(self) -> str:
        return self.home or f"https://{self.hosts[0]}/"

    @property
    def prefix(self) -> str:
        """The path every URL of the portal starts with: ``/jabar/`` for a desk, else ``/``."""
        return urlsplit(self.home).path.rstrip("/") + "/" if self.home else "/"

    def owns_path(self, path: str) -> bool:
        """Whether a URL path is the portal's (its desk home, with or without the slash)."""
        return path.startswith(self.prefix) or path == self.prefix.rstrip("/")


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
            home=(row.get("home") or "").strip(),
        )
        for row in csv.DictReader(text.splitlines())
        if row.get("id", "").strip()
    )


def known_networks() -> tuple[str, ...]:
    """Networks that have a registry file."""
    files = resources.files(__package__).iterdir()
    return tuple(sorted(f.name[:-4] for f in files if f.name.endswith(".csv")))


def all_portals() -> tuple[Portal, ...]:
    """Every portal of every registry, registry by registry."""
    return tuple(p for net in known_networks() for p in load_network(net))


@cache
def _by_host() -> dict[str, Portal]:
    """Hosts a portal owns; a host shared by desks (a path prefix each) names none."""
    return {host: p for p in all_portals() if not p.home for host in p.hosts}


@cache
def _desks() -> dict[str, tuple[Portal, ...]]:
    """Desks by host, longest prefix first."""
    found: dict[str, list[Portal]] = {}
    for portal in all_portals():
        if portal.home:
            for host in portal.hosts:
                found.setdefault(host, []).append(portal)
    return {h: tuple(sorted(ps, key=lambda p: -len(p.prefix))) for h, ps in found.items()}


@cache
def _by_name() -> dict[str, Portal]:
    return {p.name.casefold(): p for p in all_portals()}


def portal_for_host(host: str) -> Portal | None:
    """The portal serving ``host`` (port ignored), if any network knows it."""
    return _by_host().get(host.split(":")[0].lower())


def portal_for_url(url: str) -> Portal | None:
    """The portal a URL belongs to: the desk whose path prefix it starts with, else the
    portal owning its host."""
    parts = urlsplit(url)
    host = parts.netloc.split(":")[0].lower()
    for desk in _desks().get(host, ()):
        if desk.owns_path(parts.path):
            return desk
    return _by_host().get(host)


def is_desk_host(host: str) -> bool:
    """Whether desks share the host (the portal then depends on the path, not the host)."""
    return host.split(":")[0].lower() in _desks()


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

"""Every network, found from its module: adding a network is adding one module here.

Each module of this package (``base`` aside) defines one :class:`Network` subclass with a
``name``; ``NETWORKS`` holds one instance of each, the independent portals' last (it claims
no template). Which network reads a given page is ``newscrawl.resolve``'s decision.
"""

from __future__ import annotations

import importlib
import pkgutil

from newscrawl.networks.base import Network
from newscrawl.normalize.boilerplate import Rules
from newscrawl.portals import INDEPENDENT  # the one name for "no network" (record: null)


def _discover() -> dict[str, Network]:
    found: list[Network] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, Network)
                    and value.__module__ == module.__name__ and value.name):  # fmt: skip
                found.append(value())
    found.sort(key=lambda net: (net.name == INDEPENDENT, net.name))
    return {net.name: net for net in found}


NETWORKS: dict[str, Network] = _discover()


def get_network(name: str) -> Network:
    """The network called ``name``; KeyError names the known ones."""
    try:
        return NETWORKS[name]
    except KeyError:
        raise KeyError(f"unknown network {name!r}; known: {', '.join(NETWORKS)}") from None


__all__ = ["INDEPENDENT", "NETWORKS", "Network", "get_network", "rules_for"]


def rules_for(network: str | None) -> Rules:
    """The boilerplate rules of a record's network (``None``: independent portals)."""
    return get_network(network or INDEPENDENT).rules

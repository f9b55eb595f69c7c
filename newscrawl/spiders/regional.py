"""``scrapy crawl regional -a region=...``: every portal of every network in one province.

The province is a name (``Sulawesi Selatan``) or an ISO 3166-2 code (``ID-SN``);
``-a region=list`` prints the provinces with their portal counts and crawls nothing. Each
portal is read with its own network's rules (the resolver decides per portal); every other
argument is the network spiders' (``max_pages``, ``since``, ``until``, ``discover``, ...).
"""

from __future__ import annotations

from typing import Any

from newscrawl.errors import ConfigError
from newscrawl.networks import Network, get_network
from newscrawl.portals import all_portals
from newscrawl.regions import Province, find_province, portals_in, region_table
from newscrawl.resolve import Resolver
from newscrawl.spiders.base import NetworkSpider


class RegionalSpider(NetworkSpider):
    """Crawls the portals of one province, across the registries."""

    name = "regional"
    network_name = "independent"  # no one network: each portal's own (see network_of)

    @classmethod
    def check_arguments(cls, spargs: dict[str, str]) -> Province | None:
        """The province ``-a region=`` names (None for ``list``); ConfigError if none."""
        value = " ".join(spargs.get("region", "").split())
        if value.casefold() == "list":
            return None
        province = find_province(value)
        if province is None:
            raise ConfigError(
                f"unknown region {value!r}: give a province name (Sulawesi Selatan) or an "
                "ISO 3166-2 code (ID-SN); -a region=list lists them"
            )
        return province

    def __init__(self, region: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resolver = Resolver(None, all_portals())
        province = self.check_arguments({"region": region or ""})
        if province is None:  # region=list: print the table, crawl nothing
            print("\n".join(region_table()), flush=True)
            self.portals = []
            return
        self.portals = portals_in(province)
        self.logger.info("Region %s (%s): %d portal(s)", province.name, province.code,
                         len(self.portals))  # fmt: skip

    def network_of(self, portal_id: str | None) -> Network:
        """Each portal's own network (the independent portals' rules for a start URL)."""
        portal = self.resolver.by_id.get(portal_id or "")
        return get_network(portal.network) if portal else self.network

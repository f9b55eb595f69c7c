"""Connect-time address check: a host name that resolves to an internal address is refused.

:class:`~newscrawl.guards.scope.ScopeGuard` reads the URL; a portal's name can still resolve
to 127.0.0.1 or 169.254.169.254 (a hijacked or rebinding domain). The check belongs where the
address the crawler connects to is known: the resolver. Scrapy builds one resolver per process
(``TWISTED_DNS_RESOLVER``, before any spider exists), so the hosts the user named on the
command line reach it through :data:`POLICY`, filled by the ScopeGuard when the spider opens.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from scrapy.resolver import CachingThreadedResolver
from scrapy.statscollectors import StatsCollector
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError

from newscrawl.guards.addresses import internal_address, parse_address
from newscrawl.stats import inc

logger = logging.getLogger(__name__)


class AddressPolicy:
    """Which names may resolve to internal addresses (the user's), which were refused."""

    def __init__(self) -> None:
        self.allowed: set[str] = set()
        self.refused: set[str] = set()
        self.stats: StatsCollector | None = None

    def allow(self, hosts: Iterable[str], stats: StatsCollector | None) -> None:
        """Names the user gave as start URLs: their addresses are whatever the user meant."""
        self.allowed.update(h.lower() for h in hosts if h)
        self.stats = stats

    def check(self, name: str, address: str) -> str:
        """``address`` when ``name`` may connect to it; raises DNSLookupError otherwise."""
        name = name.lower()
        parsed = parse_address(address)
        if name in self.allowed or parsed is None or not internal_address(parsed):
            return address
        if name not in self.refused:
            self.refused.add(name)
            inc(self.stats, "guard/private_resolution")
            logger.warning("Refused %s: it resolves to %s, an internal address", name, address)
        raise DNSLookupError(f"{name} resolves to an internal address ({address}): refused")


POLICY = AddressPolicy()


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing internal addresses of names the user did not give."""

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:
        resolved = super().getHostByName(name, timeout)
        return resolved.addCallback(lambda address: POLICY.check(name, address))

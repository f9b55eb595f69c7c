"""Which hosts are internal: loopback, private, link-local, reserved, in any spelling.

An address can be written many ways that all connect to the same machine: ``2130706434``,
``0x7f.0.0.2``, ``0177.0.0.2`` and ``127.2`` are all 127.0.0.2 to ``inet_aton`` (which the
resolver uses), and ``[::ffff:127.0.0.2]`` is the same address in IPv6. A guard that only
reads the dotted form is walked around; this module reads them all.
"""

from __future__ import annotations

import ipaddress
import re
import socket

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_NUMERIC = re.compile(r"[0-9a-fx.]+")  # what inet_aton may read as an IPv4 address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")


def parse_address(host: str) -> Address | None:
    """``host`` (bracketed or not, any IPv4 spelling, IPv6 with a zone) as an address, or
    None when it is a name."""
    name = host.strip().strip("[]").rstrip(".").lower().split("%", 1)[0]
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        pass
    if not _NUMERIC.fullmatch(name):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(name))
    except OSError:
        return None


def _embedded_v4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries: mapped, 6to4, NAT64 or IPv4-compatible."""
    if address.ipv4_mapped or address.sixtofour:
        return address.ipv4_mapped or address.sixtofour
    if address in _NAT64 or int(address) >> 32 == 0:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def internal_address(address: Address) -> bool:
    """Not a public unicast address: loopback, private, link-local, shared, reserved,
    documentation, unspecified or multicast (or an IPv6 address carrying one)."""
    if isinstance(address, ipaddress.IPv6Address) and (v4 := _embedded_v4(address)):
        return internal_address(v4) or int(address) >> 32 == 0
    return not address.is_global or address.is_multicast


def internal_host(host: str) -> bool:
    """A host name or address no public portal is on (``localhost`` names included)."""
    name = host.strip().strip("[]").rstrip(".").lower()
    if name in LOCAL_NAMES or name.endswith(".localhost"):
        return True
    address = parse_address(name)
    return address is not None and internal_address(address)

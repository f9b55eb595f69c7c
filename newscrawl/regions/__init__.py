"""Indonesia's provinces, by name and ISO 3166-2 code, and the portals of each.

A portal's ``region`` (its row in ``portals/<network>.csv``) is a province name from
``provinces.csv``, or ``Nasional`` for a portal of no one province. ``scrapy crawl regional
-a region=...`` takes either form; the table is data, the lookup is here.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newscrawl.portals import Portal, all_portals

NATIONAL = "Nasional"  # the region of a portal that covers no one province


@dataclass(frozen=True)
class Province:
    code: str  # ISO 3166-2, "ID-SN"
    name: str  # as the portal tables spell it, "Sulawesi Selatan"


@cache
def provinces() -> tuple[Province, ...]:
    """Every province, in the table's order (west to east)."""
    text = resources.files(__package__).joinpath("provinces.csv").read_text("utf-8")
    return tuple(Province(r["code"], r["name"]) for r in csv.DictReader(text.splitlines()))


def find_province(value: str) -> Province | None:
    """The province named ``value`` or coded ``value`` (case and spacing ignored)."""
    key = " ".join(value.split()).casefold()
    return next((p for p in provinces() if key in (p.code.casefold(), p.name.casefold())), None)


def portals_in(province: Province) -> list[Portal]:
    """Every portal of every registry whose region is ``province``."""
    return [p for p in all_portals() if p.region.casefold() == province.name.casefold()]


def region_table() -> list[str]:
    """One line per province: code, name, portal count and the count per network."""
    lines = []
    for province in provinces():
        found = portals_in(province)
        per = {p.network: 0 for p in found}
        for portal in found:
            per[portal.network] += 1
        detail = ", ".join(f"{net} {n}" for net, n in sorted(per.items()))
        lines.append(f"{province.code:<6} {province.name:<26} {len(found):>3}  {detail}".rstrip())
    national = [p for p in all_portals() if p.region == NATIONAL]
    lines.append(f"{'-':<6} {NATIONAL + ' (no province)':<26} {len(national):>3}")
    return lines

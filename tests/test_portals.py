"""The portal registry is data: these tests hold it to its promises."""

import pytest

from newscrawl.portals import (
    load_network,
    portal_for_host,
    portal_for_name,
    select_portals,
    site_id_of_host,
)


def test_prmn_registry_lists_the_network() -> None:
    portals = load_network("prmn")
    assert len(portals) >= 110
    assert len({p.id for p in portals}) == len(portals)
    assert all(h.endswith("pikiran-rakyat.com") for p in portals for h in p.hosts)


@pytest.mark.parametrize(
    ("host", "portal_id", "zone"),
    [
        ("wartabulukumba.pikiran-rakyat.com", "wartabulukumba", "WITA"),
        ("zonapriangan.pikiran-rakyat.com:443", "zonapriangan", "WIB"),
        ("portalmaluku.pikiran-rakyat.com", "portalmaluku", "WIT"),
        ("www.pikiran-rakyat.com", "pikiranrakyat", "WIB"),
    ],
)
def test_lookup_by_host(host: str, portal_id: str, zone: str) -> None:
    portal = portal_for_host(host)
    assert portal is not None
    assert (portal.id, portal.zone) == (portal_id, zone)


def test_lookup_by_name_and_selection() -> None:
    found = portal_for_name("  warta   bulukumba ")
    assert found is not None and found.id == "wartabulukumba"
    assert [p.id for p in select_portals("prmn", ["zonapriangan"])] == ["zonapriangan"]
    with pytest.raises(ValueError, match="nope"):
        select_portals("prmn", ["nope"])
    assert portal_for_host("example.com") is None


@pytest.mark.parametrize(
    ("host", "site"),
    [
        ("economy.okezone.com", "okezone"),
        ("kabarpesisir.id", "kabarpesisir"),
        ("www.suarabukit.com", "suarabukit"),
        ("portal.co.id", "portal"),
        ("127.0.0.1:8080", "127.0.0.1"),
    ],
)
def test_site_id_of_unknown_hosts(host: str, site: str) -> None:
    assert site_id_of_host(host) == site


def test_tribun_and_independent_registries() -> None:
    tribun = load_network("tribun")
    assert len(tribun) >= 50
    timur = portal_for_host("makassar.tribunnews.com")
    assert timur is not None and (timur.id, timur.zone) == ("tribuntimur", "WITA")
    assert portal_for_host("tribun-timur.com") == timur
    bali = portal_for_host("metrobali.com")
    assert bali is not None and (bali.network, bali.zone) == ("independent", "WITA")

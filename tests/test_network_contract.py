"""The network contract, driven by the registry: every network in ``NETWORKS`` must sort its
own example URLs right, and have a portal table, a spider and a complete fixture.

Adding a network module without the rest fails here (see docs/adding_a_network.md).
"""

from __future__ import annotations

import pytest
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from newscrawl.networks import INDEPENDENT, NETWORKS, Network
from newscrawl.portals import known_networks, load_network
from tests.conftest import FIXTURES, expected_records

ALL = sorted(NETWORKS.values(), key=lambda net: net.name)
ids = [net.name for net in ALL]


@pytest.mark.parametrize("net", ALL, ids=ids)
def test_example_articles_are_articles_in_their_own_form(net: Network) -> None:
    assert net.EXAMPLES is not None
    for url in net.EXAMPLES.articles:
        assert net.is_article(url), url
        assert net.article_url(url) == url, url


@pytest.mark.parametrize("net", ALL, ids=ids)
def test_example_listings_and_others_are_not_articles(net: Network) -> None:
    assert net.EXAMPLES is not None
    assert net.EXAMPLES.listings, f"{net.name}: give listing examples"
    for url in net.EXAMPLES.listings + net.EXAMPLES.others:
        assert not net.is_article(url), url


@pytest.mark.parametrize("net", ALL, ids=ids)
def test_example_variants_collapse_to_their_article(net: Network) -> None:
    assert net.EXAMPLES is not None
    for variant, article in net.EXAMPLES.variants:
        assert net.article_url(variant) == article, variant


@pytest.mark.parametrize("net", ALL, ids=ids)
def test_every_network_has_a_portal_table(net: Network) -> None:
    assert net.registry in known_networks()
    portals = load_network(net.registry)
    assert portals, f"portals/{net.registry}.csv is empty"
    assert len({p.id for p in portals}) == len(portals), "portal ids repeat"


@pytest.mark.parametrize("net", ALL, ids=ids)
def test_every_network_has_a_spider(net: Network) -> None:
    loader = SpiderLoader.from_settings(get_project_settings())
    spiders = [loader.load(name) for name in loader.list()]
    assert [s for s in spiders if getattr(s, "network_name", None) == net.name], net.name


@pytest.mark.parametrize("net", ALL, ids=ids)
def test_every_network_has_a_complete_fixture(net: Network) -> None:
    """Fixture portals with pages and expected records; a multi-page article where the
    network stitches pages."""
    portals = expected_records(None if net.name == INDEPENDENT else net.name)
    assert portals, f"{net.name}: no fixture portal in fixtures/expected/"
    for portal in portals:
        assert (FIXTURES / "portals" / portal / "site.json").is_file(), portal
    records = [r for rs in portals.values() for r in rs]
    assert len(records) >= 5, f"{net.name}: too few fixture articles"
    assert any(r["pages"] > 1 for r in records), f"{net.name}: no multi-page fixture article"

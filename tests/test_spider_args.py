"""Spider arguments as ``-a`` passes them: strings."""

from datetime import date

import pytest

from newscrawl.spiders.prmn import PrmnSpider


def test_default_is_every_portal() -> None:
    spider = PrmnSpider()
    assert len(spider.portals) >= 110
    assert spider.seeds == [] and spider.max_pages is None and spider.since is None


def test_sites_max_pages_since() -> None:
    spider = PrmnSpider(sites="wartabulukumba, zonapriangan", max_pages="3", since="2024-06-01")
    assert [p.id for p in spider.portals] == ["wartabulukumba", "zonapriangan"]
    assert spider.max_pages == 3
    assert spider.since == date(2024, 6, 1)


def test_start_urls_replace_the_registry() -> None:
    spider = PrmnSpider(start_urls="http://127.0.0.1:8080/,http://127.0.0.1:8081/x")
    assert spider.seeds == ["http://127.0.0.1:8080/", "http://127.0.0.1:8081/x"]
    assert spider.portals == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"sites": "nope"}, "unknown prmn portal id"), ({"since": "19-06-2024"}, "Invalid isoformat")],
)
def test_bad_arguments_fail_clearly(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PrmnSpider(**kwargs)

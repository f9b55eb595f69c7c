"""Kompas's URL rules on real links: every link of the saved real www.kompas.com home page
(2017), read from ``../shared/real-pages/kompas`` (skipped when absent, never copied)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from parsel import Selector

from newscrawl.extract.base import Page
from newscrawl.networks import get_network
from tests.networks.test_detik_real_links import REAL

KOMPAS = REAL.parent / "kompas" / "kompas-home-2017.html"
# /read/<yyyy>/<mm>/<dd>/<8-9 digit id>/<slug> on a channel host, or on a sister site of the
# same template (otomania.com: the crawl's scope keeps it out, not the rule)
ARTICLE = re.compile(
    r"^https?://(?:[a-z]+\.kompas\.com|www\.otomania\.com)/read/\d{4}/\d\d/\d\d/\d{8,9}/[\w.-]+$"
)


@pytest.mark.skipif(not KOMPAS.is_file(), reason=f"real page not beside the checkout ({KOMPAS})")
def test_every_real_link_of_the_kompas_home() -> None:
    sel = Selector(KOMPAS.read_text("utf-8"))
    page = Page(sel, "http://www.kompas.com/", None, None)
    hrefs = [h.strip() for h in sel.css("a::attr(href)").getall()]
    urls = [page.absolute(h) if h and not h.startswith(("#", "javascript")) else h for h in hrefs]
    net = get_network("kompas")
    for url in urls:
        assert net.is_article(url) == bool(ARTICLE.match(url)), url
    counts = Counter("article" if ARTICLE.match(u) else "other" for u in urls)
    assert dict(counts) == {"article": 40, "other": 197}
    regional = {u for u in urls if ARTICLE.match(u) and "//regional.kompas.com/" in u}
    assert len(regional) == 4  # distinct regional articles (6 links)

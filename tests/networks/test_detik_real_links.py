"""detik's URL rules on real links: every link of the saved real detik pages, sorted.

The pages are read from ``../shared/real-pages/detik`` beside the checkout, or the folder
``NEWSCRAWL_REAL_PAGES`` names (never copied into the project); without it the test is
skipped. Each link is classified by the
hand-verified table below (first match wins), and the network must agree: articles are
``is_article``, listings and others are not. The counts per page pin the table down.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from parsel import Selector

from newscrawl.extract.base import Page
from newscrawl.networks import get_network
from newscrawl.portals import load_network
from tests.conftest import ROOT

# ../shared/real-pages beside the checkout; NEWSCRAWL_REAL_PAGES names it from a worktree
REAL = Path(os.environ.get("NEWSCRAWL_REAL_PAGES", ROOT.parent / "shared" / "real-pages")) / "detik"
pytestmark = pytest.mark.skipif(
    not REAL.is_dir(), reason=f"real pages not beside the checkout ({REAL})"
)
DESKS = "jabar|jateng|jatim|jogja|bali|sulsel|sumut|sumbagsel"
# (class, pattern), first match wins; hand-checked against every link of the three pages.
TABLE: list[tuple[str, str]] = [
    # photo and video pages carry a d-<id> too: galleries, detikTV, the readfoto form
    ("other", r"/(?:detiktv|foto|foto-[a-z]+|fototravel|oto-galeri)/d-\d{7}/"),
    ("other", r"^https://[a-z]+\.detik\.com/(?:[a-z]+/)?readfoto/"),
    ("other", r"^https://20\.detik\.com/"),  # the video site
    # articles: /<kanal>[/<sub>]/d-<7 digits>/<slug>, and the 2017 /read/ form
    ("article", r"^https://(?:news|finance|hot|inet|sport|oto|travel|food|health|wolipop"
                r"|www)\.detik\.com/(?:[a-z-]+/){1,2}d-\d{7}/[a-z0-9-]+$"),
    # a sister site on the same template (the crawl's scope keeps it out, not the rule)
    ("article", r"^https://www\.haibunda\.com/[a-z-]+/d-\d{7}/[a-z0-9-]+$"),
    ("article", r"^https://[a-z]+\.detik\.com/read/\d{4}/\d\d/\d\d/\d{6}/\d{7}/\d+/[a-z0-9-]+$"),
    # listings: channel homes, desks and sections, indeks pages
    ("listing", r"^https?://(?:[a-z]+\.)?detik\.com/?$"),
    ("listing", rf"^https://(?:www\.)?detik\.com/(?:{DESKS}|edu|hikmah|properti|pop|pilkada)/?$"),
    ("listing", r"^https://[a-z]+\.detik\.com/(?:[a-z]+/)?indeks(?:/\d+)?/?$"),
    ("listing", r"^https://news\.detik\.com/(?:berita|jabodetabek|internasional|hukum|kolom"
                r"|blak-blakan|pro-kontra|infografis|foto|video|suara-pembaca|pemilu)/?$"),
    ("listing", r"^https://sport\.detik\.com/sepakbola/?$"),
    ("other", r""),  # other sites, focus pages, search, tags, javascript: and empty hrefs
]  # fmt: skip
COUNTS = {
    "detik-home-2017.html": {"article": 109, "listing": 28, "other": 212},
    "detik-home-2022.html": {"article": 110, "listing": 71, "other": 87},
    "detiknews-indeks-2024.html": {"article": 30, "listing": 106, "other": 62},
}


def classify(url: str) -> str:
    return next(cls for cls, pattern in TABLE if re.search(pattern, url))


def links(name: str) -> list[str]:
    sel = Selector((REAL / name).read_text("utf-8"))
    page = Page(sel, "https://www.detik.com/", None, None)
    hrefs = [h.strip() for h in sel.css("a::attr(href)").getall()]
    return [page.absolute(h) if h and not h.startswith("#") else h for h in hrefs]


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_every_real_link_is_sorted_as_the_table_says(name: str) -> None:
    net = get_network("detik")
    found = links(name)
    for url in found:
        assert net.is_article(url) == (classify(url) == "article"), url
    assert dict(Counter(classify(u) for u in found)) == COUNTS[name]


def real_page(name: str, url: str, portal_id: str | None = None) -> Page:
    portals = {p.id: p for p in load_network("detik")}
    sel = Selector((REAL / name).read_text("utf-8"))
    return Page(sel, url, get_network("detik"), portals.get(portal_id or ""))


def test_indeks_page_entries_dates_and_next_page() -> None:
    page = real_page("detiknews-indeks-2024.html", "https://news.detik.com/indeks")
    net = get_network("detik")
    dated = net.dated_entries(page)
    assert len(dated) == 15  # of 20 entries: 4 detikUpdate videos and a photo page are not
    assert all(re.fullmatch(r"\w+, \d\d \w{3} 2024 \d\d:\d\d WIB", d) for d in dated.values())
    assert net.next_page(page) == "https://news.detik.com/indeks/2"


def test_desk_page_keeps_its_own_desk_only() -> None:
    """On a page read as detikSumut's, links to other desks and channels are dropped."""
    page = real_page("detik-home-2022.html", "https://www.detik.com/sumut", "detiksumut")
    net = get_network("detik")
    articles = net.article_links(page)
    assert articles and all(u.startswith("https://www.detik.com/sumut/") for u in articles)
    assert len(articles) == 1

"""Tribun Network: tribunnews.com's regional portals (``bengkulu.tribunnews.com`` ...).

URL shapes, selectors and phrases of the Tribun article template; portals are data in
``portals/tribun.csv``. Tribun prints ``<time>`` without a zone, so dates come from JSON-LD
when it agrees with the printed day (see the dates pipeline), else from the portal's region.
"""

from __future__ import annotations

import re

from newscrawl.extract.base import Page, photo_records
from newscrawl.extract.blocks import Photo
from newscrawl.extract.generic import GenericExtractor
from newscrawl.networks.base import Examples, Network
from newscrawl.normalize.boilerplate import Rules
from newscrawl.normalize.text import clean_space
from newscrawl.normalize.urls import page_number, with_page, without_query

TRIBUN_RULES = Rules().extend(
    # "TRIBUNBENGKULU.COM, CURUP --", "TRIBUN-TIMUR.COM, MAKASSAR -"
    dateline=(r"TRIBUN[\w-]*\.(?i:COM)(?:\s*,\s*[A-Z][A-Z .'’-]{1,40})?",),
    promo=(r"^ikuti\s+kami\s+di\b", r"^lihat\s+foto$"),
)


class TribunExtractor(GenericExtractor):
    """The Tribun article template (``h1#arttitle``, ``div.txt-article``)."""

    rules = TRIBUN_RULES
    TITLE = "h1#arttitle"
    DATE = "#article time, div.bdr3 time"
    BODY = "div.side-article.txt-article, div.txt-article"
    TAIL = "//div[@id='editor'] | //div[@id='editor']/following-sibling::div[contains(., 'Sumber')]"
    SECTION = "ul.breadcrumb a"
    TAGS = "h5.tagcloud3 a, h5.tagcload3 a"
    AUTHORS = "div#penulis a"
    RELATED = "div.f14 th.bdr2 a, div#artikel-terkait a"
    LEAD_PHOTO = "div#artimg"
    RELATED_BLOCKS = "p.baca"
    EDITOR = "div#editor"

    def images(self, page: Page, photos: list[Photo]) -> list[dict[str, str | None]]:
        """Tribun's lead photo keeps its caption and its credit in two separate boxes."""
        box = page.sel.css(self.LEAD_PHOTO or "")
        src = box.css("img.imgfull::attr(src), img.imgfull::attr(data-src)").get()
        if not src:
            return super().images(page, photos)
        caption = clean_space(box.css("div.arial").xpath("string()").get()) or None
        credit = clean_space(box.css("div.f11").xpath("string()").get()) or None
        lead: dict[str, str | None] = {
            "url": page.absolute(src),
            "caption": caption,
            "credit": credit,
        }
        return [lead, *photo_records(photos)]


class Tribun(Network):
    """Crawl rules of the Tribun template."""

    name = "tribun"
    extractor = TribunExtractor()
    EXAMPLES = Examples(
        articles=(
            "https://bengkulu.tribunnews.com/2024/06/19/revitalisasi-pasar-panorama-tahap-dua",
            "https://makassar.tribunnews.com/2024/06/19/uji-coba-bus-listrik-rute-losari",
            "https://solo.tribunnews.com/2020/10/07/warga-diminta-disiplin-3m",
            "https://www.tribunnews.com/regional/2024/06/19/kabar-dari-daerah",
        ),
        listings=(
            "https://bengkulu.tribunnews.com/",
            "https://bengkulu.tribunnews.com/bengkulu",
            "https://makassar.tribunnews.com/makassar?page=2",
            "https://makassar.tribunnews.com/index-news",
        ),
        others=(
            "https://bengkulu.tribunnews.com/tag/pasar-panorama",
            "https://bengkulu.tribunnews.com/redaksi",
            "https://bengkulu.tribunnews.com/rss",
            "https://bengkulu.tribunnews.com/foto/2024/06/galeri-pasar",
        ),
        variants=(
            (
                "https://bengkulu.tribunnews.com/2024/06/19/revitalisasi-pasar-panorama-tahap-dua?page=3",
                "https://bengkulu.tribunnews.com/2024/06/19/revitalisasi-pasar-panorama-tahap-dua",
            ),
            (
                "https://bengkulu.tribunnews.com/amp/2024/06/19/revitalisasi-pasar-panorama-tahap-dua",
                "https://bengkulu.tribunnews.com/2024/06/19/revitalisasi-pasar-panorama-tahap-dua",
            ),
        ),
    )
    # /<yyyy>/<mm>/<dd>/<slug>, sometimes under a section prefix
    ARTICLE_PATH = re.compile(r"^/(?:[\w-]+/)?\d{4}/\d{2}/\d{2}/[\w-]+/?$")
    TEMPLATE_MARK = "h1#arttitle"
    SECTION_LINKS = "#main-menu a, div.main-menu a, div.menu3 a"
    LISTING_ENTRY = "li.art-list"
    ENTRY_DATE = "time.timeago::attr(title)"
    NEXT_PAGE = "div.paging a[rel=next], a[rel=next]"
    ARTICLE_PAGING = "div.paging a[href], a.bgblue[href*='page=']"
    DISCOVERY = (("feeds", "/rss"),)  # <link rel=alternate> on every Tribun page names it too

    def page_urls(self, page: Page) -> list[str]:
        """Tribun splits long articles into ``?page=N`` ("Halaman selanjutnya")."""
        first = without_query(page.url)
        numbers = {
            page_number(page.absolute(href))
            for href in page.sel.css(self.ARTICLE_PAGING).xpath("@href").getall()
            if without_query(page.absolute(href)) == first
        }
        return [with_page(first, n) for n in sorted(numbers) if n > 1]

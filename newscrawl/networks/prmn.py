"""Pikiran Rakyat Media Network (PRMN): ~200 regional portals on one template.

Everything PRMN-specific lives here: URL shapes, selectors, the multi-page article scheme
and the phrases PRMN prints around its articles. Portals are data in ``portals/prmn.csv``.
"""

from __future__ import annotations

import re

from newscrawl.extract.base import Page
from newscrawl.extract.generic import GenericExtractor
from newscrawl.networks.base import Examples, Network
from newscrawl.normalize.boilerplate import Rules
from newscrawl.normalize.urls import page_number, with_page, without_query

PRMN_RULES = Rules().extend(
    dateline=(r"PIKIRAN[ -]RAKYAT(?:\.COM)?",),
    promo=(r"^pikiran-?rakyat\.com\s*[-–]\s*$",),
)


class PrmnExtractor(GenericExtractor):
    """The PRMN article template (``read__*`` classes), 2020 to today."""

    rules = PRMN_RULES
    TITLE = "h1.read__title"
    AUTHORS = "div.read__info__author a, div.read__info__author span.author"
    DATE = "div.read__info__date"
    BODY = "article.read__content"
    TAIL = "following-sibling::p"
    SECTION = "ul.breadcrumb__wrap a.breadcrumb__link, div.breadcrumb__wrap a.breadcrumb__link"
    TAGS = "div.tag--article ul.tag__list a, section.read__tagging ul.tag__list a"
    RELATED = "div.read__related a.related__link, ul.related__list a"
    LEAD_PHOTO = "div.read__info ~ div.photo"
    PHOTO_CLASS = "photo"

    def editor(self, page: Page) -> str | None:
        """PRMN prints "Editor:" after the body, where the boilerplate pipeline reads it."""
        return None


class Prmn(Network):
    """Crawl rules of the PRMN template."""

    name = "prmn"
    extractor = PrmnExtractor()
    EXAMPLES = Examples(
        articles=(
            "https://wartabulukumba.pikiran-rakyat.com/bulukumba/pr-8725134401/pasar-sentral-direnovasi",
            "https://zonajakarta.pikiran-rakyat.com/internasional/pr-18808737/kabar-dari-luar-negeri",
            "https://www.pikiran-rakyat.com/news/nasional/pr-01234567/sub-section-article",
        ),
        listings=(
            "https://wartabulukumba.pikiran-rakyat.com/",
            "https://wartabulukumba.pikiran-rakyat.com/bulukumba",
            "https://wartabulukumba.pikiran-rakyat.com/bulukumba?page=2",
            "https://zonajakarta.pikiran-rakyat.com/internasional/eropa",
        ),
        others=(
            "https://wartabulukumba.pikiran-rakyat.com/tag/pasar",
            "https://wartabulukumba.pikiran-rakyat.com/redaksi",
            "https://wartabulukumba.pikiran-rakyat.com/pedoman-media-siber",
            "https://wartabulukumba.pikiran-rakyat.com/sitemap-news.xml",
        ),
        variants=(
            (
                "https://wartabulukumba.pikiran-rakyat.com/bulukumba/pr-8725134401/pasar-sentral-direnovasi?page=2",
                "https://wartabulukumba.pikiran-rakyat.com/bulukumba/pr-8725134401/pasar-sentral-direnovasi",
            ),
            (
                "https://wartabulukumba.pikiran-rakyat.com/amp/bulukumba/pr-8725134401/pasar-sentral-direnovasi",
                "https://wartabulukumba.pikiran-rakyat.com/bulukumba/pr-8725134401/pasar-sentral-direnovasi",
            ),
        ),
    )
    # /<section>[/<sub-section>]/pr-<digits>/<slug>
    ARTICLE_PATH = re.compile(r"^/[\w.-]+(?:/[\w.-]+)?/pr-\d{5,}/[^/?#]+/?$")
    TEMPLATE_MARK = "article.read__content"
    SECTION_LINKS = "ul.nav__wrap a, ul.nav__wrap.more a"
    LISTING_ENTRY = "div.latest__item"
    ENTRY_DATE = "date.latest__date, .latest__date"
    NEXT_PAGE = "div.paging:not(.paging--article) a.paging__link[rel=next]"
    ARTICLE_PAGING = "div.paging--article a.paging__link"
    INLINE_RELATED = "article.read__content a"
    DISCOVERY = (("sitemaps", "/sitemap-news.xml"),)  # per portal, as public PRMN scrapers use

    def page_urls(self, page: Page) -> list[str]:
        """PRMN splits long articles into ``?page=N``; page 1 lists the others."""
        first = without_query(page.url)
        numbers = {
            page_number(page.absolute(href))
            for href in page.sel.css(self.ARTICLE_PAGING).xpath("@href").getall()
            if href.strip() and href.strip() != "#"
        }
        for raw in page.sel.css(self.ARTICLE_PAGING).xpath("@data-ci-pagination-page").getall():
            if raw.strip().isdigit():
                numbers.add(int(raw))
        return [with_page(first, n) for n in sorted(numbers) if n > 1]

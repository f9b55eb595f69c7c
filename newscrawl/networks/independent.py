"""The independent portals: any portal no network claims, by URL heuristics, not templates.

This is the one name for "no network": the network ``independent``, its portal table
``portals/independent.csv`` (optional there: it gives known portals their zone), the spider
``news``, and ``network: null`` in records.

What an article URL looks like across Indonesian portals: a dated path
(``/2024/06/19/slug``), a numeric id next to a slug (``/read/.../2243366/slug``,
``/berita/123456/slug``), or a long slug of five or more words. Listings page with
``rel=next``, ``/page/N`` or ``?page=N``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newscrawl.extract.base import Page
from newscrawl.extract.generic import GenericExtractor
from newscrawl.networks.base import Examples, Network
from newscrawl.normalize.urls import page_number, without_query

NOT_ARTICLE = re.compile(
    r"/(?:tag|tags|topic|topik|category|kategori|kanal|rubrik|author|penulis|page|search|cari"
    r"|feed|wp-admin|wp-content|wp-json|login|register|indeks|index|video|foto|galeri)(?:/|$)"
    r"|\.(?:jpe?g|png|gif|webp|pdf|xml|rss|js|css)$",
    re.IGNORECASE,
)
DATED = re.compile(r"/(?:19|20)\d\d/[01]?\d/[0-3]?\d/[^/]+")
NUMERIC_ID = re.compile(r"/\d{5,}(?:/|-)[^/]*[a-z][^/]*")
LONG_SLUG = re.compile(r"/[a-z0-9]+(?:-[a-z0-9]+){4,}/?$", re.IGNORECASE)
NEXT_WORDS = frozenset({"berikutnya", "selanjutnya", "next", "»", "›", "next page", ">"})


class Independent(Network):
    """URL heuristics and conventions shared by independent portals."""

    name = "independent"
    extractor = GenericExtractor()
    EXAMPLES = Examples(
        articles=(
            "https://kabarpesisir.id/2024/06/19/nelayan-pesisir-mulai-tanam-mangrove/",
            "https://economy.okezone.com/read/2020/10/07/320/2290000/harga-cabai-naik-lagi",
            "https://www.beritasatu.com/nusantara/690000/warga-medan-gelar-aksi-damai-di-alun-alun",
            "https://metrobali.com/warga-badung-diminta-disiplin-protokol-kesehatan-saat-upacara/",
        ),
        listings=(
            "https://kabarpesisir.id/",
            "https://kabarpesisir.id/category/ekonomi/",
            "https://kabarpesisir.id/category/ekonomi/page/2/",
            "https://metrobali.com/kanal/daerah?page=3",
        ),
        others=(
            "https://kabarpesisir.id/tag/mangrove/",
            "https://kabarpesisir.id/author/redaksi/",
            "https://kabarpesisir.id/wp-content/uploads/2024/06/foto-pantai.jpg",
            "https://kabarpesisir.id/feed/",
            "https://kabarpesisir.id/kontak",
        ),
        variants=(
            (
                "https://kabarpesisir.id/2024/06/19/nelayan-pesisir-mulai-tanam-mangrove/amp/",
                "https://kabarpesisir.id/2024/06/19/nelayan-pesisir-mulai-tanam-mangrove/",
            ),
        ),
    )

    @property
    def record_name(self) -> str | None:
        return None

    TRAILING_SLASH = None  # as linked: WordPress posts end in "/", other CMSs' do not
    SECTION_LINKS = "nav a, header a, [class*=menu] a, [id*=menu] a"
    NEXT_PAGE = "a[rel=next], link[rel=next]"
    ARTICLE_PAGING = "div.page-links a, .post-page-numbers"

    def is_article(self, url: str) -> bool:
        path = urlsplit(url).path
        if NOT_ARTICLE.search(path) or _paged_article(path):
            return False
        return bool(DATED.search(path) or NUMERIC_ID.search(path) or LONG_SLUG.search(path))

    def next_page(self, page: Page) -> str | None:
        """``rel=next``, else a link labelled "Berikutnya"/"Next", else ``page/N+1``."""
        found = super().next_page(page)
        if found:
            return found
        current = _page_of(page.url)
        for anchor in page.sel.css("a[href]"):
            href = page.absolute(anchor.attrib["href"])
            label = " ".join(anchor.xpath("string()").get("").split()).casefold()
            if label in NEXT_WORDS or (
                _page_of(href) == current + 1 and _same_listing(href, page.url)
            ):
                return href
        return None

    def page_urls(self, page: Page) -> list[str]:
        """WordPress splits posts as ``/slug/2/``; the first page links the others."""
        first = without_query(page.url).rstrip("/")
        urls = [page.absolute(h) for h in page.sel.css(self.ARTICLE_PAGING).xpath("@href").getall()]
        pages = sorted({u for u in urls if u.rstrip("/").startswith(first + "/")}, key=_page_of)
        return [u for u in pages if _page_of(u) > 1]


def _page_of(url: str) -> int:
    """Page number of a listing or post URL: ``/page/3``, ``/slug/3/`` or ``?page=3``."""
    path = urlsplit(url).path.rstrip("/")
    match = re.search(r"/(?:page/)?(\d{1,3})$", path)
    return int(match.group(1)) if match else page_number(url)


def _paged_article(path: str) -> bool:
    return bool(re.search(r"/[^/]+-[^/]+/\d{1,3}/?$", path))


def _same_listing(url: str, base: str) -> bool:
    strip = re.compile(r"/(?:page/)?\d{1,3}/?$")
    return strip.sub("", urlsplit(url).path.rstrip("/")) == strip.sub(
        "", urlsplit(base).path.rstrip("/")
    )

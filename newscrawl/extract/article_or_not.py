"""Is this page an article at all? A home or listing page must not become a short "article".

The decision weighs evidence the page gives about itself, never one sign alone: its declared
type (``og:type``, JSON-LD ``@type``), the shape of its URL (a slug or a date in the path, or
the site root, ``/page/N``, ``/tag/...``), how much of the body text is links, and how long
the body is. A page that declares itself an article is believed unless everything else
says listing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newscrawl.extract import metadata
from newscrawl.extract.blocks import element_text
from newscrawl.normalize.datetext import date_in_url

if TYPE_CHECKING:
    from newscrawl.extract.base import Page

LISTING_TYPES = frozenset({"WebSite", "CollectionPage", "ItemList", "SearchResultsPage"})
LISTING_PATH = re.compile(
    r"/(?:page|halaman)/\d+/?$|[?&](?:page|p)=\d+|^/(?:tag|tags|topik|topic|kategori|category"
    r"|kanal|rubrik|indeks|index|search|cari|author|penulis)(?:/[^/]*)?/?$",
    re.IGNORECASE,
)
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){3,}", re.IGNORECASE)  # four words or more
SHORT_BODY = 60  # words: less than a short news item
TEASER = 40  # words: a teaser, not a story, when the page also lists many headlines
MANY_HEADLINES = 15  # linked headings (h1-h4 links of 20+ characters): a front page


def declares_article(page: Page) -> bool:
    """The page says it is an article: ``og:type=article`` or a JSON-LD article type."""
    return (page.meta("og:type") or "").lower() == "article" or bool(page.jsonld)


def declares_listing(page: Page) -> bool:
    """The page says it is a site or a list: ``og:type=website`` or a listing JSON-LD type."""
    types = {t for n in page.jsonld_nodes for t in metadata.node_types(n)}
    return (page.meta("og:type") or "").lower() == "website" or bool(types & LISTING_TYPES)


def listing_url(url: str) -> bool:
    """The site's root, a paging URL, or a tag/section/index path."""
    parts = urlsplit(url)
    path = parts.path or "/"
    return path == "/" or bool(LISTING_PATH.search(path + (f"?{parts.query}" if parts.query
                                                              else "")))  # fmt: skip


def article_url(url: str) -> bool:
    """A path that names one story: a date in it, or a slug of four words or more."""
    path = urlsplit(url).path
    return date_in_url(url) is not None or bool(SLUG.search(path.rsplit("/", 2)[-1] or path))


def link_share(container: HtmlElement) -> float:
    """How much of the container's text sits in links."""
    text = element_text(container)
    linked = sum(len(element_text(a)) for a in container.iter("a"))
    return linked / max(len(text), 1)


def headline_links(page: Page) -> int:
    """Linked headings of headline length: a front page lists dozens, an article a few."""
    links = page.sel.xpath("//h1//a | //h2//a | //h3//a | //h4//a")
    return sum(len(" ".join((a.xpath("string()").get() or "").split())) >= 20 for a in links)


def not_article_reason(page: Page, container: HtmlElement | None) -> str | None:
    """Why ``page`` is not an article (for the drop's log line), or None when it is one."""
    words = len(element_text(container).split()) if container is not None else 0
    listing = {
        "listing URL": listing_url(page.url),
        "declared a website or list": declares_listing(page) and not page.jsonld,
        "mostly links": container is not None and link_share(container) > 0.5,
        f"under {SHORT_BODY} words": container is not None and words < SHORT_BODY,
    }
    teaser = container is not None and words < TEASER and headline_links(page) >= MANY_HEADLINES
    listing["a teaser among many headlines"] = teaser
    article = 2 * declares_article(page) + article_url(page.url)
    found = [reason for reason, seen in listing.items() if seen]
    weight = len(found) + listing["listing URL"] + teaser  # these two count double
    return ", ".join(found) if weight > article else None

"""The extractor base: selectors as class constants, one small method per field.

A network subclasses :class:`Extractor` and sets the selectors its template uses; a portal
that deviates subclasses the network's extractor and changes one constant. Every field falls
back to page metadata (JSON-LD, OpenGraph) when the template's selector finds nothing, so a
markup change degrades a field instead of losing the article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urljoin

from lxml.html import HtmlElement
from parsel import Selector

from newscrawl.corpus.hints import html_lang
from newscrawl.extract import metadata
from newscrawl.extract.blocks import Photo, element_text, extract_blocks, photo_of
from newscrawl.extract.select import compiled
from newscrawl.items import Article, Block
from newscrawl.normalize.boilerplate import Rules
from newscrawl.normalize.datetext import date_in_url
from newscrawl.normalize.text import clean_space, split_caption
from newscrawl.normalize.urls import clean_url, host_of
from newscrawl.portals import Portal, site_id_of_host

if TYPE_CHECKING:
    from newscrawl.networks.base import Network

# Breadcrumb items that name no section: the home page and the portal-wide news index.
HOME_LABELS = frozenset({"home", "beranda", "index", "indeks", "news", "berita"})


@dataclass
class Page:
    """One fetched or saved HTML page and where it came from, decided once.

    ``newscrawl.resolve`` builds it: the network whose rules read it and the portal it
    belongs to are fixed here, so extraction, link-following and stitching all read the same
    page with the same rules. ``listed`` is the date a listing or sitemap printed for the
    article, carried from the request that found it: weaker evidence than the page's own.
    """

    sel: Selector
    url: str
    network: Network
    portal: Portal | None = None
    http_date: str | None = None
    listed: tuple[str, str] | None = None  # (date text, "listing" | "sitemap")
    memo: dict[str, Any] = field(default_factory=dict)  # per-page results computed once

    @property
    def site(self) -> str:
        """The portal id, else a site id from the host (``economy.okezone.com`` -> okezone)."""
        return self.portal.id if self.portal else site_id_of_host(host_of(self.url) or "unknown")

    @property
    def network_id(self) -> str | None:
        """The record's ``network``: None for a portal of no network (the independent one)."""
        return self.network.record_name

    def nodes(self, css: str | None) -> list[HtmlElement]:
        """Elements matching ``css`` (none for ``None``), in document order."""
        return compiled(css)(self.sel.root) if css else []

    def absolute(self, href: str) -> str:
        return clean_url(urljoin(self.url, href.strip()))

    @cached_property
    def jsonld_nodes(self) -> list[dict[str, Any]]:
        """Every JSON-LD object of the page (read once per page)."""
        return metadata.jsonld_nodes(self.sel)

    @cached_property
    def jsonld(self) -> dict[str, Any]:
        """The page's NewsArticle-like JSON-LD object, or an empty dict."""
        return metadata.jsonld_article(self.sel, self.jsonld_nodes)

    @cached_property
    def metas(self) -> dict[str, str]:
        """Every ``<meta>`` of the page by property, name or itemprop (first one wins)."""
        return metadata.meta_map(self.sel)

    def meta(self, *names: str) -> str | None:
        """The first non-empty ``<meta>`` content among ``names``, read from one scan."""
        return next((self.metas[n] for n in names if self.metas.get(n)), None)


class Extractor:
    """Generic extraction from metadata and plain HTML; networks override selectors."""

    rules: ClassVar[Rules] = Rules()
    TITLE: ClassVar[str] = "h1"
    AUTHORS: ClassVar[str | None] = None
    DATE: ClassVar[str | None] = None
    BODY: ClassVar[str | None] = None
    TAIL: ClassVar[str | None] = None  # XPath from the body to lines printed after it
    SECTION: ClassVar[str | None] = None  # breadcrumb links
    TAGS: ClassVar[str | None] = None
    RELATED: ClassVar[str | None] = None  # the "Terkait" list's links
    LEAD_PHOTO: ClassVar[str | None] = None
    PHOTO_CLASS: ClassVar[str] = "photo"
    RELATED_BLOCKS: ClassVar[str | None] = None  # CSS of related-link boxes inside the body

    def extract(self, page: Page) -> Article:
        """All raw fields of the article on ``page``; pipelines clean them. A pure function
        of the page: where it came from (url, site, network, zone) is the page's, and when it
        was fetched is the caller's (``newscrawl.articles``)."""
        blocks, photos = self.body(page)
        portal = page.portal
        return Article(
            url=page.url,
            canonical_url=self.canonical_url(page),
            site=page.site,
            network=page.network_id,
            title=self.title(page),
            authors=self.authors(page, portal),
            editor=self.editor(page),
            section=self.section(page),
            tags=self.tags(page),
            published_raw=self.published_raw(page),
            published_meta=self.published_meta(page),
            modified_meta=self.modified_meta(page),
            url_date=date_in_url(page.url),
            listed=page.listed,
            not_article=self.not_article(page),
            body_blocks=blocks + self.tail(page),
            images=self.images(page, photos),
            related_urls=self.related(page),
            pages=1,
            zone=portal.zone if portal else None,
            http_date=page.http_date,
            html_lang=html_lang(page.sel),
        )

    def not_article(self, page: Page) -> str | None:
        """Why ``page`` is a home or listing page, not an article; None: an article. A
        network's templates are known, so only the generic extractor weighs this."""
        return None

    def canonical_url(self, page: Page) -> str | None:
        found = metadata.canonical(page.sel)
        return page.absolute(found) if found else None

    # -- fields ----------------------------------------------------------------------------

    def _text(self, page: Page, css: str | None) -> str | None:
        node = page.nodes(css)
        return element_text(node[0]) or None if node else None

    def title(self, page: Page) -> str | None:
        found = self._text(page, self.TITLE)
        return found or clean_space(page.meta("og:title")) or None

    def authors(self, page: Page, portal: Portal | None) -> list[str]:
        names = self.css_names(page) or metadata.jsonld_names(page.jsonld.get("author"))
        site_names = {portal.name.casefold()} if portal else set()
        return [n for n in dict.fromkeys(names) if n.casefold() not in site_names]

    def css_names(self, page: Page) -> list[str]:
        """Names in the template's byline elements (``AUTHORS``)."""
        found = [element_text(n) for n in page.nodes(self.AUTHORS)]
        return [n for n in found if n]

    def editor(self, page: Page) -> str | None:
        """An editor printed apart from the body; "Editor:" lines in it are the pipeline's."""
        return None

    def published_raw(self, page: Page) -> str | None:
        return self._text(page, self.DATE)

    def published_meta(self, page: Page) -> str | None:
        value = page.meta("article:published_time", "datePublished")
        return value or text_or_none(page.jsonld.get("datePublished"))

    def modified_meta(self, page: Page) -> str | None:
        value = text_or_none(page.jsonld.get("dateModified"))
        return value or page.meta("article:modified_time", "dateModified")

    def section(self, page: Page) -> str | None:
        labels = [element_text(n) for n in page.nodes(self.SECTION)]
        labels = [x for x in labels if x and x.casefold() not in HOME_LABELS]
        return labels[-1] if labels else page.meta("article:section")

    def tags(self, page: Page) -> list[str]:
        found = [element_text(n) for n in page.nodes(self.TAGS)]
        return list(dict.fromkeys(t.lstrip("#").strip() for t in found if t.lstrip("#").strip()))

    def container(self, page: Page) -> HtmlElement | None:
        """The body container, or None when the template lost it (found once per page)."""
        if "container" not in page.memo:
            page.memo["container"] = self.find_container(page)
        found: HtmlElement | None = page.memo["container"]
        return found

    def find_container(self, page: Page) -> HtmlElement | None:
        found = page.nodes(self.BODY)
        return found[0] if found else None

    def body(self, page: Page) -> tuple[list[Block], list[Photo]]:
        """The body's blocks and photos (walked once per page)."""
        if "body" not in page.memo:
            root = self.container(page)
            found = (
                ([], [])
                if root is None
                else extract_blocks(root, page.absolute, self.is_photo, self.is_related_box(root))
            )
            page.memo["body"] = found
        blocks, photos = page.memo["body"]
        return list(blocks), list(photos)

    def is_related_box(self, root: HtmlElement) -> Callable[[HtmlElement], bool]:
        """A test for the template's related-link boxes inside the body container."""
        # lxml hands out one proxy per node while it is referenced: the set keeps them alive.
        boxes = set(compiled(self.RELATED_BLOCKS)(root)) if self.RELATED_BLOCKS else set()
        return lambda el: el in boxes

    def is_photo(self, el: HtmlElement) -> bool:
        return self.PHOTO_CLASS in (el.get("class") or "").split()

    def tail(self, page: Page) -> list[Block]:
        """Lines printed after the body ("Editor:", "Sumber:"), for the boilerplate pipeline."""
        root = self.container(page)
        if root is None or not self.TAIL:
            return []
        return [Block(text=element_text(el), links=[], kind="tail") for el in root.xpath(self.TAIL)]

    def images(self, page: Page, photos: list[Photo]) -> list[dict[str, str | None]]:
        """The lead photo, then the body's photos; ``og:image`` when the page shows none."""
        lead = page.nodes(self.LEAD_PHOTO)
        found = [p for node in lead[:1] if (p := photo_of(node, page.absolute))]
        if not found and not photos:
            og = page.meta("og:image")
            found = [Photo(url=page.absolute(og), caption="")] if og else []
        return photo_records(found + photos)

    def related(self, page: Page) -> list[str]:
        """The template's related-article list (found once per page)."""
        if "related" not in page.memo:
            hrefs = [a.get("href") or "" for a in page.nodes(self.RELATED)]
            page.memo["related"] = list(dict.fromkeys(page.absolute(h) for h in hrefs if h.strip()))
        return list(page.memo["related"])

    def page_urls(self, page: Page) -> list[str]:
        """URLs of this article's other pages (multi-page articles), in order."""
        return []

    def add_page(self, item: Article, page: Page) -> None:
        """Append a later page of a multi-page article: its body, photos and related links."""
        blocks, photos = self.body(page)
        item.body_blocks.extend(blocks + self.tail(page))
        item.images.extend(photo_records(photos))
        item.related_urls.extend(u for u in self.related(page) if u not in item.related_urls)
        item.pages += 1


def photo_records(photos: list[Photo]) -> list[dict[str, str | None]]:
    """Photos as record entries, the caption's trailing credit split off."""
    out: list[dict[str, str | None]] = []
    for photo in photos:
        caption, credit = split_caption(photo.caption)
        out.append({"url": photo.url, "caption": caption, "credit": credit})
    return out


def text_or_none(value: Any) -> str | None:
    """A JSON-LD or meta value as stripped text; None for empty text and for non-strings."""
    return value.strip() or None if isinstance(value, str) else None

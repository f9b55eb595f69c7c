"""Turn an article container into blocks: paragraphs, headings, list items, captions.

Real bodies are messy: ``div.photo`` nested inside ``<p>`` (which lxml splits), text loose in
the container, ``<br>``-separated lines, ad slots with scripts. One walk over the tree keeps
the reading order, splits at block boundaries and ``<br>``, skips scripts and ad slots, and
marks photo captions so the boilerplate pipeline can drop them while images keep them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.items import Block
from newscrawl.normalize.text import clean_space

SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "iframe", "form", "button", "svg", "ins", "select", "template"}
)
BLOCK_KINDS = {
    "p": "p",
    "blockquote": "p",
    "pre": "p",
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "li": "li",
    "dt": "li",
    "dd": "li",
    "figcaption": "caption",
    "td": "p",
}
CONTAINER_TAGS = frozenset(
    {"div", "section", "article", "center", "ul", "ol", "dl", "figure", "table", "tbody",
     "thead", "tr", "main", "aside", "header", "footer", "body", "html"}
)  # fmt: skip
AD_SLOT = re.compile(
    r"(?:^|[\s_-])(?:ads?|advert\w*|iklan|gpt-ad|banner|adsbygoogle)(?:$|[\s_-])", re.I
)
# Widgets inside article containers: share bars, tag lists, recommendation feeds, comments.
WIDGET = re.compile(
    r"(?:^|[\s_-])(?:share\w*|social\w*|sharer|addtoany|essb\w*|tags?|tagcloud\d*|related"
    r"|recommend\w*|popin|comments?|newsletter|subscribe|sidebar|widget|jp-relatedposts"
    r"|sharedaddy|author-box|post-tags|navigation|pagination|page-links|print-no)(?:$|[\s_-])",
    re.I,
)


@dataclass
class Photo:
    """An image met in the article area."""

    url: str
    caption: str


@dataclass
class _Walk:
    """State of one walk: the open block and everything collected so far."""

    is_photo: Callable[[HtmlElement], bool]
    url_of: Callable[[str], str]
    is_related: Callable[[HtmlElement], bool] = lambda el: False
    blocks: list[Block] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    in_link: int = 0
    in_italic: int = 0
    chars: list[int] = field(default_factory=lambda: [0, 0, 0])  # all, linked, italic

    def add(self, text: str | None) -> None:
        if not text:
            return
        self.parts.append(text)
        size = len(text.strip())
        self.chars[0] += size
        self.chars[1] += size if self.in_link else 0
        self.chars[2] += size if self.in_italic else 0

    def flush(self, kind: str = "p") -> None:
        text = clean_space("".join(self.parts))
        if text or self.links:
            total = max(self.chars[0], 1)
            self.blocks.append(
                Block(
                    text=text,
                    links=self.links,
                    kind=kind,
                    linked=self.chars[1] >= 0.9 * total,
                    italic=self.chars[2] >= 0.95 * total,
                )
            )
        self.parts, self.links, self.chars = [], [], [0, 0, 0]


def is_ad_slot(el: HtmlElement) -> bool:
    """Ad slots and widgets by their class or id (``div.ads``, ``div-gpt-ad-*``, share bars)."""
    names = f"{el.get('class', '')} {el.get('id', '')}"
    return bool(AD_SLOT.search(names) or WIDGET.search(names))


def photo_of(el: HtmlElement, url_of: Callable[[str], str]) -> Photo | None:
    """The image and caption of a photo box (``div.photo``, ``figure``), if it has an image."""
    img = el.xpath(".//img[@src or @data-src][1]")
    if not img:
        return None
    caption_nodes = el.xpath(
        ".//figcaption | .//*[contains(@class, 'caption') or contains(@class, 'ket')"
        " or contains(@class, 'credit') or contains(@class, 'keterangan')]"
    )
    caption = clean_space(" ".join(caption_nodes[0].itertext())) if caption_nodes else ""
    src = img[0].get("data-src") or img[0].get("src") or ""
    return Photo(url=url_of(src), caption=caption or clean_space(img[0].get("alt")))


def _photo(el: HtmlElement, walk: _Walk) -> None:
    photo = photo_of(el, walk.url_of)
    walk.flush()
    if photo:
        walk.photos.append(photo)
    caption = element_text(el) if photo is None else photo.caption
    if caption:
        walk.blocks.append(Block(text=caption, links=[], kind="caption"))


Step = Callable[[], None]


def _visit(el: HtmlElement, walk: _Walk, kind: str, todo: list[Step]) -> None:
    """Open ``el``: act on it now and schedule its children on ``todo`` (no recursion, so a
    page of 10,000 nested elements is walked like any other)."""
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if not tag or tag in SKIP_TAGS or is_ad_slot(el):
        return
    if walk.is_photo(el):
        _photo(el, walk)
    elif walk.is_related(el):  # a template's own related-link box, e.g. Tribun's p.baca
        walk.flush(kind)
        _children(el, walk, "related", todo, lambda: walk.flush("related"))
    elif tag == "br":
        walk.flush(kind)
    elif tag in BLOCK_KINDS or tag in CONTAINER_TAGS:
        inner = BLOCK_KINDS.get(tag, kind)
        walk.flush(kind)
        _children(el, walk, inner, todo, lambda: walk.flush(inner))
    else:
        _inline(el, tag, walk, kind, todo)


def _inline(el: HtmlElement, tag: str, walk: _Walk, kind: str, todo: list[Step]) -> None:
    """Inline markup: text joins the open block; links and italics are noted."""
    href = el.get("href", "").strip() if tag == "a" else ""
    italic = tag in ("em", "i")
    if href and not href.startswith(("#", "javascript:")):
        walk.links.append(walk.url_of(href))
    walk.in_link += bool(href)
    walk.in_italic += italic

    def close() -> None:
        walk.in_link -= bool(href)
        walk.in_italic -= italic

    _children(el, walk, kind, todo, close)


def _children(el: HtmlElement, walk: _Walk, kind: str, todo: list[Step], close: Step) -> None:
    """Add ``el``'s own text now; schedule each child and its tail, then ``close``."""
    walk.add(el.text)
    todo.append(close)
    for child in reversed(el):
        todo.append(partial(walk.add, child.tail))
        todo.append(partial(_visit, child, walk, kind, todo))


def extract_blocks(
    container: HtmlElement,
    url_of: Callable[[str], str],
    is_photo: Callable[[HtmlElement], bool] = lambda el: False,
    is_related: Callable[[HtmlElement], bool] = lambda el: False,
) -> tuple[list[Block], list[Photo]]:
    """Blocks and photos of ``container`` in reading order; ``url_of`` resolves hrefs."""
    walk = _Walk(is_photo=is_photo, url_of=url_of, is_related=is_related)
    todo: list[Step] = []
    _children(container, walk, "p", todo, walk.flush)
    while todo:
        todo.pop()()
    return walk.blocks, walk.photos


_VISIBLE_TEXT = etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style)]", smart_strings=False
)  # compiled once: element_text runs on every candidate block of every page


def element_text(el: HtmlElement | etree._Element) -> str:
    """Visible text of an element, scripts and styles left out, whitespace collapsed."""
    return clean_space(" ".join(_VISIBLE_TEXT(el)))


PHOTO_BOX = re.compile(r"(?:^|[\s_-])(?:foto|photo|gambar|image|img|pic)(?:$|[\s_-])", re.I)
LEAD_CLASS = re.compile(r"featured|post-thumbnail|wp-post-image|lead-?image|foto-?utama", re.I)


def is_lead_photo(el: HtmlElement) -> bool:
    """A photo box near the headline: a figure, or a "featured image" container."""
    if el.tag == "figure":
        return True
    return bool(LEAD_CLASS.search(el.get("class", ""))) and el.tag != "img"

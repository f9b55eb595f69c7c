"""The generic extractor: any portal no network claims, field by field.

Each field is a cascade, most specific first: the byline printed near the headline, then
markup conventions (``rel=author``, breadcrumbs, ``rel=tag``), then JSON-LD and OpenGraph.
The body container is ``itemprop=articleBody`` when marked, else the element holding the
most paragraph text (readability's idea, in a few lines).
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml.html import HtmlElement

from newscrawl.extract import metadata
from newscrawl.extract.base import HOME_LABELS, Extractor, Page, _str, photo_records
from newscrawl.extract.blocks import Photo, element_text, photo_of
from newscrawl.normalize.datetext import find_date_text
from newscrawl.normalize.text import clean_space
from newscrawl.portals import Portal

BYLINE_LABEL = re.compile(
    r"\b(?i:penulis|reporter|wartawan|pewarta|kontributor|ditulis\s+oleh|oleh|by)\b *:? *"
    r"(?P<names>[A-Z][\w.'’-]*(?: *(?:[A-Z][\w.'’-]*|dan|&|,))*)",
)
LINE_TAGS = frozenset({"div", "p", "br", "li", "ul", "ol", "h2", "h3", "h4", "h5", "h6", "figure",
                       "section", "header", "footer", "table", "tr"})  # fmt: skip
# Where a byline's names end: a separator, or a role word ("Natasha, Jurnalis", "X Editor: Y").
NAME_STOP = re.compile(
    r"\s*(?:[/|·•]|\b(?:jurnalis|editor|redaktur|wartawan|reporter|kontributor)\b).*$",
    re.IGNORECASE,
)
AUTHOR_CSS = (
    "[rel=author]",
    "[itemprop=author] [itemprop=name]",
    "[class*=meta_author] a",
    "[class*=author-name]",
    ".author a",
    "[class~=reporter]",
)
# Tag links, and how far above the body container to look for them.
TAG_CSS = (("a[rel~=tag]", 2), ("[class*=tag] a[href]", 2), ("a[href*='/tag/']", 0))
MIN_PARAGRAPH = 20
FURNITURE = re.compile(r"(?:^|[\s_-])(?:sidebar|widget|comments?|footer|menu)(?:$|[\s_-])", re.I)
MIN_BODY = 150  # less paragraph text than this anywhere: the page has no article body


class GenericExtractor(Extractor):
    """Extraction from conventions and metadata, for independent portals."""

    TITLE = "h1"
    RELATED = (
        "[class*=related] h2 a, [class*=related] h3 a, [class*=related] h4 a, "
        "[class*=terkait] li a, [class*=terkait] h2 a, [class*=terkait] h3 a"
    )
    EDITOR: str | None = None  # where a template prints its "Editor:" line outside the byline

    # -- the body container ------------------------------------------------------------------

    def find_container(self, page: Page) -> HtmlElement | None:
        template = super().find_container(page)
        if template is not None:
            return template
        marked = page.sel.css("[itemprop=articleBody]")
        if marked:
            return marked[0].root
        scores: dict[HtmlElement, float] = defaultdict(float)
        for p in page.sel.root.iter("p"):
            if _skipped(p):
                continue
            text = element_text(p)
            if len(text) < MIN_PARAGRAPH or _link_share(p, text) > 0.5:
                continue
            parent = p.getparent()
            if parent is not None:
                scores[parent] += len(text)
                grand = parent.getparent()
                if grand is not None:
                    scores[grand] += len(text) / 2
        best = max(scores, key=scores.__getitem__) if scores else None
        return best if best is not None and scores[best] >= MIN_BODY else None

    def is_photo(self, el: HtmlElement) -> bool:
        """A figure, or a box named like a photo (``div.foto-dalam``) that holds an image."""
        if el.tag == "figure" or super().is_photo(el):
            return True
        named = PHOTO_BOX.search(el.get("class", "")) and el.tag in ("div", "span", "p")
        return bool(named) and el.find(".//img") is not None

    def editor(self, page: Page) -> str | None:
        return self.editor_line(page)

    # -- the area between headline and body: byline, date -----------------------------------

    def byline_text(self, page: Page) -> str:
        """Text printed after the ``<h1>`` and before the body, where bylines live; one line
        per block element, so a name never runs into the next line's text."""
        if "byline" in page.memo:
            return str(page.memo["byline"])
        h1, container = page.sel.css("h1"), self.container(page)
        parts: list[str] = []
        started = not h1
        for el in page.sel.root.iter():
            if h1 and el is h1[0].root:
                started = True
                continue
            if el is container or sum(map(len, parts)) > 1500:
                break
            if started and isinstance(el.tag, str) and el.tag not in ("script", "style"):
                brk = "\n" if el.tag in LINE_TAGS else " "
                parts.extend((brk, el.text or "", brk, el.tail or ""))
                if "lead" not in page.memo and _is_lead_photo(el):
                    page.memo["lead"] = el
        lines = (clean_space(line) for line in "".join(parts).split("\n"))
        page.memo["byline"] = "\n".join(line for line in lines if line)
        return str(page.memo["byline"])

    def images(self, page: Page, photos: list[Photo]) -> list[dict[str, str | None]]:
        """The template's lead photo, else a featured image or figure printed between the
        headline and the body; then the body's photos."""
        if self.LEAD_PHOTO:
            return super().images(page, photos)
        self.byline_text(page)
        lead = page.memo.get("lead")
        found = photo_of(lead, page.absolute) if lead is not None else None
        if found is None:
            return super().images(page, photos)
        return photo_records([found, *photos])

    def published_raw(self, page: Page) -> str | None:
        found = super().published_raw(page) or find_date_text(self.byline_text(page))
        if found:
            return found
        times = page.sel.css("time")
        return find_date_text(times[0].xpath("string()").get() or "") if times else None

    def published_meta(self, page: Page) -> str | None:
        return (
            page.meta("article:published_time")
            or _str(page.jsonld.get("datePublished"))
            or page.meta("datePublished")
            or page.sel.css("time::attr(datetime)").get()
        )

    # -- people ------------------------------------------------------------------------------

    def authors(self, page: Page, portal: Portal | None) -> list[str]:
        names = self.css_names(page) or self.byline_names(page) or self.marked_names(page)
        if not names:
            editor = self.editor_line(page)
            names = [n for n in metadata.jsonld_names(page.jsonld.get("author")) if n != editor]
            names = names if _person_author(page.jsonld.get("author")) else []
        site = _squash(page.meta("og:site_name") or (portal.name if portal else ""))
        host = _squash(_host(page))
        accounts = {site, host} - {""}  # "Metro Bali" on metrobali.com is the site, not a writer
        return [n for n in dict.fromkeys(names) if _squash(n) not in accounts]

    def byline_names(self, page: Page) -> list[str]:
        text = self.byline_text(page)
        date = find_date_text(text)
        match = BYLINE_LABEL.search(text.replace(date, " | ") if date else text)
        return _names(match.group("names")) if match else []

    def marked_names(self, page: Page) -> list[str]:
        for css in AUTHOR_CSS:
            found = [_names(element_text(n.root)) for n in page.sel.css(css)]
            names = [name for group in found for name in group]
            if names:
                return names[:1] if css == "[class~=reporter]" else names
        return []

    def editor_line(self, page: Page) -> str | None:
        """The editor's name from the byline or the template's editor line, if printed."""
        texts = [self.byline_text(page)]
        if self.EDITOR:
            texts += [element_text(n.root) for n in page.sel.css(self.EDITOR)]
        for text in texts:
            match = re.search(r"\beditor *: *([A-Z][\w.'’ -]{2,60})", text, re.IGNORECASE)
            if match:
                return clean_space(match.group(1))
        return None

    # -- where the article sits --------------------------------------------------------------

    def section(self, page: Page) -> str | None:
        if self.SECTION and (found := super().section(page)):
            return found
        title = (self.title(page) or "").casefold()
        crumbs = self.breadcrumb(page) or self.jsonld_breadcrumb(page)
        site = {_squash(page.meta("og:site_name") or ""), _squash(_host(page))}
        crumbs = [
            c
            for c in crumbs
            if c.casefold() not in HOME_LABELS and c.casefold() != title and _squash(c) not in site
        ]
        return crumbs[-1] if crumbs else page.meta("article:section")

    def breadcrumb(self, page: Page) -> list[str]:
        trail = page.sel.css("[class*=breadcrumb]")
        if trail:
            return [t for t in (element_text(a.root) for a in trail[:1].css("a")) if t]
        for home in page.sel.xpath("//a[normalize-space()='Home' or normalize-space()='Beranda']"):
            parent = home.root.getparent()  # a link trail: Home > Section > ...
            links = parent.findall("a") if parent is not None else []
            if 2 <= len(links) <= 6 and links[0] is home.root:
                return [t for t in (element_text(a) for a in links) if t]
        return []

    def jsonld_breadcrumb(self, page: Page) -> list[str]:
        for node in metadata.jsonld_nodes(page.sel):
            if node.get("@type") == "BreadcrumbList":
                items = node.get("itemListElement") or []
                names = [_crumb_name(i) for i in items if isinstance(i, dict)]
                return list(dict.fromkeys(n for n in names if n))
        return []

    def tags(self, page: Page) -> list[str]:
        """Tag links near the body (``rel=tag``, a tag box, ``/tag/`` links), not inline ones."""
        if self.TAGS:
            return super().tags(page)
        container = self.container(page)
        for css, levels in TAG_CSS:
            area = _ancestor(container, levels) if container is not None else page.sel.root
            nodes = [n for n in area.cssselect(css) if not _in_text(n)]
            found = [element_text(n).lstrip("#").strip() for n in nodes]
            if any(found):
                return list(dict.fromkeys(t for t in found if t))
        return [t for t in page.sel.css("meta[property='article:tag']::attr(content)").getall()]


PHOTO_BOX = re.compile(r"(?:^|[\s_-])(?:foto|photo|gambar|image|img|pic)(?:$|[\s_-])", re.I)
LEAD_CLASS = re.compile(r"featured|post-thumbnail|wp-post-image|lead-?image|foto-?utama", re.I)


def _is_lead_photo(el: HtmlElement) -> bool:
    """A photo box near the headline: a figure, or a "featured image" container."""
    if el.tag == "figure":
        return True
    return bool(LEAD_CLASS.search(el.get("class", ""))) and el.tag != "img"


def _skipped(el: HtmlElement) -> bool:
    """Paragraphs in page furniture: headers, menus, sidebars, widgets, comment forms."""
    return any(
        a.tag in ("header", "footer", "nav", "aside", "form")
        or FURNITURE.search(a.get("class", ""))
        for a in el.iterancestors()
    )


def _link_share(el: HtmlElement, text: str) -> float:
    linked = sum(len(element_text(a)) for a in el.iter("a"))
    return linked / max(len(text), 1)


def _in_text(el: HtmlElement) -> bool:
    """Inside a paragraph: an inline link, not a tag list."""
    return any(a.tag == "p" for a in el.iterancestors())


def _ancestor(el: HtmlElement, levels: int) -> HtmlElement:
    for _ in range(levels):
        parent = el.getparent()
        if parent is None:
            break
        el = parent
    return el


def _host(page: Page) -> str:
    return page.url.split("/")[2] if "//" in page.url else ""


def _names(value: str) -> list[str]:
    value = NAME_STOP.sub("", clean_space(value))
    value = re.sub(r"^(?:by|oleh)\s+", "", value, flags=re.IGNORECASE)
    parts = re.split(r"\s*(?:,|;|\s&\s|\sdan\s)\s*", value)
    return [p.strip(" .") for p in parts if len(p.strip(" .")) > 2]


def _squash(value: str) -> str:
    name = value.lower().split(":")[0]
    for suffix in (".co.id", ".com", ".id", ".net"):
        name = name.replace(suffix, "")
    return re.sub(r"[\W_]+", "", name.removeprefix("www."))


def _person_author(value: object) -> bool:
    items = value if isinstance(value, list) else [value]
    return any(not isinstance(i, dict) or i.get("@type") != "Organization" for i in items)


def _crumb_name(item: dict[str, object]) -> str | None:
    name = item.get("name")
    inner = item.get("item")
    if not name and isinstance(inner, dict):
        name = inner.get("name")
    return clean_space(str(name)) if name else None

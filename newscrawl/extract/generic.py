"""The generic extractor: any portal no network claims, field by field.

Each field is a cascade, most specific first: the byline printed near the headline, then
markup conventions (``rel=author``, breadcrumbs, ``rel=tag``), then JSON-LD and OpenGraph.
The body container is ``itemprop=articleBody`` when marked, else the element holding the
most paragraph text (readability's idea, in a few lines).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newscrawl.extract import around, authors, headline, metadata, section
from newscrawl.extract.article_or_not import declares_article, not_article_reason
from newscrawl.extract.base import HOME_LABELS, Extractor, Page, photo_records, text_or_none
from newscrawl.extract.blocks import PHOTO_BOX, Photo, element_text, is_lead_photo, photo_of
from newscrawl.extract.container import MIN_BODY, find_body
from newscrawl.extract.select import compiled
from newscrawl.items import Block
from newscrawl.normalize.datetext import find_date_text
from newscrawl.normalize.text import clean_space
from newscrawl.portals import Portal

BYLINE_LABEL = re.compile(
    r"\b(?i:penulis|reporter|wartawan|pewarta|kontributor|ditulis\s+oleh|oleh|by)\b *:? *"
    r"(?P<names>[A-Z][\w.'’-]*(?: *(?:[A-Z][\w.'’-]*|dan|&|,))*)",
)
LINE_TAGS = frozenset({"div", "p", "br", "li", "ul", "ol", "h2", "h3", "h4", "h5", "h6", "figure",
                       "section", "header", "footer", "table", "tr"})  # fmt: skip
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
        """The template's body, else ``itemprop=articleBody`` when it holds the text, else
        the element the page's paragraphs vote for (:mod:`newscrawl.extract.container`)."""
        template = super().find_container(page)
        if template is not None:
            return template
        marked = page.nodes("[itemprop=articleBody]")
        if marked and len(element_text(marked[0])) >= MIN_BODY:
            return marked[0]
        return find_body(page.sel.root, declares_article(page), self.headline(page)[1])

    def title(self, page: Page) -> str | None:
        """The template's headline element, else the heading the metadata agrees with
        (:mod:`newscrawl.extract.headline`)."""
        return self.headline(page)[0]

    def headline(self, page: Page) -> tuple[str | None, HtmlElement | None]:
        """The headline and the element printing it, found once per page. A network's
        template names its headline element and falls back to ``og:title`` only, as before:
        a template that lost its headline is a markup change to be noticed (``no_title``),
        not a page to be read by guesswork."""
        if "headline" not in page.memo:
            page.memo["headline"] = (
                headline.choose(page) if self.TITLE == "h1" else self.template_headline(page)
            )
        found: tuple[str | None, HtmlElement | None] = page.memo["headline"]
        return found

    def template_headline(self, page: Page) -> tuple[str | None, HtmlElement | None]:
        nodes = page.nodes(self.TITLE)
        text = element_text(nodes[0]) if nodes else ""
        if text:
            return text, nodes[0]
        return clean_space(page.meta("og:title")) or None, None

    def not_article(self, page: Page) -> str | None:
        return not_article_reason(page, self.container(page))

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
        head, container = self.headline(page)[1], self.container(page)
        parts: list[str] = []
        started = head is None
        for el in page.sel.root.iter():
            if el is head:
                started = True
                continue
            if el is container or sum(map(len, parts)) > 1500:
                break
            if started and isinstance(el.tag, str) and el.tag not in ("script", "style"):
                brk = "\n" if el.tag in LINE_TAGS else " "
                parts.extend((brk, el.text or "", brk, el.tail or ""))
                if "lead" not in page.memo and is_lead_photo(el):
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
        """The template's date; for a template nobody described, the first date printed in
        the byline window, above the headline, in a ``<time>``, or under the body."""
        found = super().published_raw(page) or find_date_text(self.byline_text(page))
        if found or self.DATE:
            return found
        for window in ("before", "time", "after"):
            found = next(filter(None, map(find_date_text, self.date_window(page, window))), None)
            if found:
                return found
        return None

    def date_window(self, page: Page, where: str) -> list[str]:
        """Lines of one place a date may be printed outside the byline."""
        head, container = self.headline(page)[1], self.container(page)
        if where == "before":
            return around.before(head) if head is not None else []
        if where == "time":
            return page.sel.css("time")[:1].xpath("string()").getall()
        return around.after(container) if container is not None else []

    def published_meta(self, page: Page) -> str | None:
        return (
            page.meta("article:published_time")
            or text_or_none(page.jsonld.get("datePublished"))
            or page.meta("datePublished")
            or page.sel.css("time::attr(datetime)").get()
            or page.sel.css("[itemprop=datePublished]::attr(datetime)").get()
            or page.sel.css("abbr.published::attr(title), abbr.updated::attr(title)").get()
        )

    # -- people ------------------------------------------------------------------------------

    def authors(self, page: Page, portal: Portal | None) -> list[str]:
        """Printed names first (byline, author markup, a "Penulis:" line or a closing credit
        under the body), then JSON-LD unless it names the editor; never the site's account."""
        names = self.css_names(page) or self.byline_names(page) or self.marked_names(page)
        names = names or authors.writers(self.tail_lines(page)) or self.credit(page)
        if not names:
            editor = self.editor_line(page)
            names = [n for n in metadata.jsonld_names(page.jsonld.get("author")) if n != editor]
            names = names if authors.is_person(page.jsonld.get("author")) else []
        site = page.meta("og:site_name") or (portal.name if portal else "")
        keys = authors.site_keys(site, page.url)
        return [n for n in dict.fromkeys(names) if not authors.is_account(n, keys)]

    def credit(self, page: Page) -> list[str]:
        """The closing ``(Name Surname)`` credit the body walk set aside, if any."""
        self.body(page)
        return [page.memo["credit"]] if page.memo.get("credit") else []

    def body(self, page: Page) -> tuple[list[Block], list[Photo]]:
        """The body's blocks without a closing credit line (it names the writer)."""
        if "body" not in page.memo and not self.BODY:
            blocks, photos = super().body(page)
            page.memo["credit"] = authors.pop_credit(blocks)
            page.memo["body"] = (blocks, photos)
        return super().body(page)

    def tail_lines(self, page: Page) -> list[str]:
        """Lines printed under the body (bounded), read once per page."""
        if "tail_lines" not in page.memo:
            container = self.container(page)
            page.memo["tail_lines"] = around.after(container) if container is not None else []
        return list(page.memo["tail_lines"])

    def tail(self, page: Page) -> list[Block]:
        """The template's tail, else the labelled lines under the body ("Editor:")."""
        if self.TAIL:
            return super().tail(page)
        return authors.tail_blocks(self.tail_lines(page))

    def byline_names(self, page: Page) -> list[str]:
        text = self.byline_text(page)
        date = find_date_text(text)
        match = BYLINE_LABEL.search(text.replace(date, " | ") if date else text)
        return authors.split_byline(match.group("names")) if match else []

    def marked_names(self, page: Page) -> list[str]:
        for css in AUTHOR_CSS:
            found = [authors.split_byline(element_text(n)) for n in page.nodes(css)]
            names = [name for group in found for name in group]
            if names:
                return names[:1] if css == "[class~=reporter]" else names
        return []

    def editor_line(self, page: Page) -> str | None:
        """The editor's name from the byline, the template's editor line, or (for a template
        nobody described) an "Editor:" line under the body, if printed."""
        texts = [self.byline_text(page)]
        if self.EDITOR:
            texts += [element_text(n) for n in page.nodes(self.EDITOR)]
        for text in texts:
            match = re.search(r"\beditor *: *([A-Z][\w.'’ -]{2,60})", text, re.IGNORECASE)
            if match:
                return clean_space(match.group(1))
        if self.EDITOR or self.TAIL:
            return None
        found = authors.labelled(self.tail_lines(page), frozenset({"editor"}))
        return clean_space(found[0]) if found else None

    # -- where the article sits --------------------------------------------------------------

    def section(self, page: Page) -> str | None:
        """The template's breadcrumb, any breadcrumb, a label above the headline,
        ``article:section``, then the navigation's current item."""
        if self.SECTION and (found := super().section(page)):
            return found
        title = (self.title(page) or "").casefold()
        crumbs = self.breadcrumb(page) or self.jsonld_breadcrumb(page)
        site = authors.site_keys(page.meta("og:site_name"), page.url) | {""}
        crumbs = [
            c
            for c in crumbs
            if c.casefold() not in HOME_LABELS
            and c.casefold() != title
            and authors.squash(c) not in site
        ]
        if crumbs:
            return crumbs[-1]
        head = self.headline(page)[1]
        above = section.label_above(head, HOME_LABELS) if head is not None else None
        return (
            above or page.meta("article:section") or section.nav_current(page.sel.root, HOME_LABELS)
        )

    def breadcrumb(self, page: Page) -> list[str]:
        trail = page.nodes("[class*=breadcrumb]")
        if trail:
            return [t for t in (element_text(a) for a in trail[0].iter("a")) if t]
        for home in page.sel.xpath("//a[normalize-space()='Home' or normalize-space()='Beranda']"):
            parent = home.root.getparent()  # a link trail: Home > Section > ...
            links = parent.findall("a") if parent is not None else []
            if 2 <= len(links) <= 6 and links[0] is home.root:
                return [t for t in (element_text(a) for a in links) if t]
        return []

    def jsonld_breadcrumb(self, page: Page) -> list[str]:
        for node in page.jsonld_nodes:
            if node.get("@type") == "BreadcrumbList":
                items = node.get("itemListElement") or []
                names = [section.crumb_name(i) for i in items if isinstance(i, dict)]
                return list(dict.fromkeys(n for n in names if n))
        return []

    def tags(self, page: Page) -> list[str]:
        """Tag links near the body (``rel=tag``, a tag box, ``/tag/`` links), not inline ones."""
        if self.TAGS:
            return super().tags(page)
        container = self.container(page)
        for css, levels in TAG_CSS:
            area = _ancestor(container, levels) if container is not None else page.sel.root
            nodes = [n for n in compiled(css)(area) if not _in_text(n)]
            found = [element_text(n).lstrip("#").strip() for n in nodes]
            if any(found):
                return list(dict.fromkeys(t for t in found if t))
        return [t for t in page.sel.css("meta[property='article:tag']::attr(content)").getall()]


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

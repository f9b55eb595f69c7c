"""The article record: what one JSON line of the corpus holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict


class Block(TypedDict):
    """One paragraph-like unit of the article area, as printed."""

    text: str
    links: list[str]
    kind: str  # "p", "heading", "li", "caption", "related" (a link box), "tail" (after the body)
    linked: NotRequired[bool]  # all its text is link text (a related-article title)
    italic: NotRequired[bool]  # all its text is set in italics (captions on some WordPress sites)


# Fields written to feeds, in this order (settings.FEED_EXPORT_FIELDS); the rest are internal.
RECORD_FIELDS = (
    "url",
    "canonical_url",
    "site",
    "network",
    "title",
    "authors",
    "editor",
    "section",
    "tags",
    "published_at",
    "published_raw",
    "published_source",
    "modified_at",
    "body",
    "word_count",
    "images",
    "related_urls",
    "sources",
    "language",
    "pages",
    "crawled_at",
    "content_hash",
    "duplicate_of",
)


@dataclass
class Article:
    """One news article. Extractors fill raw values; pipelines make them clean.

    A field that cannot be found is None or an empty list, never a guess.
    """

    url: str
    """The URL fetched (the first page for multi-page articles)."""
    canonical_url: str | None = None
    """From ``<link rel=canonical>`` or ``og:url``, normalised."""
    site: str | None = None
    """Portal id, e.g. ``wartabulukumba``."""
    network: str | None = None
    """Network id, e.g. ``prmn``."""
    title: str | None = None
    """Headline, whitespace-normalised."""
    authors: list[str] = field(default_factory=list)
    """Writers and reporters as the byline names them."""
    editor: str | None = None
    """From the "Editor:" line or markup."""
    section: str | None = None
    """The portal's section (kanal), the breadcrumb's last item."""
    tags: list[str] = field(default_factory=list)
    """Tag labels in page order."""
    published_at: str | None = None
    """ISO 8601 with the printed zone's offset (WIB +07:00, WITA +08:00, WIT +09:00)."""
    published_raw: str | None = None
    """The date text as printed, separators and whitespace trimmed."""
    published_source: str | None = None
    """Where ``published_at`` comes from, strongest first: ``byline`` (printed on the page),
    ``metadata`` (``article:published_time``, JSON-LD), ``url`` (a date in the URL, day
    only), ``listing`` or ``sitemap`` (the date printed where the crawl found the link)."""
    modified_at: str | None = None
    """ISO 8601, from metadata."""
    body: str | None = None
    """Clean article text, paragraphs joined by a blank line."""
    word_count: int = 0
    """Whitespace-separated words in ``body``."""
    images: list[dict[str, str | None]] = field(default_factory=list)
    """Photos as ``{url, caption, credit}``, the lead photo first."""
    related_urls: list[str] = field(default_factory=list)
    """"Baca Juga" links in body order, then the Terkait list."""
    sources: list[str] = field(default_factory=list)
    """From the "Sumber:" line."""
    language: str | None = None
    """ISO 639 code of the body's language, measured (``newscrawl.corpus.language``)."""
    pages: int = 1
    """Pages stitched into this record."""
    crawled_at: str | None = None
    """When the first page was fetched, UTC ISO 8601."""
    content_hash: str | None = None
    """SHA-256 of the normalised body, for deduplication."""
    duplicate_of: str | None = None
    """URL of the earliest copy seen of this story (another portal's, or an earlier run's);
    None for a first copy (``newscrawl.corpus.neardup``)."""

    # Internal: raw material for pipelines, never exported (not in RECORD_FIELDS).
    body_blocks: list[Block] = field(default_factory=list)
    """Paragraph-like blocks of the article area, boilerplate still in."""
    published_meta: str | None = None
    """Machine-readable publication date (``article:published_time``, JSON-LD)."""
    modified_meta: str | None = None
    """Machine-readable modification date."""
    url_date: str | None = None
    """A date spelled in the URL (``/2015/06/17/``) as ``YYYY-MM-DD``: a weak fallback."""
    not_article: str | None = None
    """Why the page looks like a home or listing page rather than an article, else None."""
    listed: tuple[str, str] | None = None
    """(date text, "listing"|"sitemap") from the page that linked here: the weakest fallback."""
    zone: str | None = None
    """The portal's own zone (WIB, WITA, WIT), for dates printed without one; None: unknown."""
    html_lang: str | None = None
    """The page's ``<html lang>``: a hint for the language identifier, never the answer."""
    http_date: str | None = None
    """The response's ``Date`` header: "now" for relative dates such as "2 jam yang lalu"."""

    def record(self) -> dict[str, Any]:
        """The exported fields only, in feed order."""
        return {name: getattr(self, name) for name in RECORD_FIELDS}

"""URL hygiene: what a link means, independent of how a page spelled it."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "_ga", "mc_")
FOLLOWABLE_SCHEMES = frozenset({"http", "https"})


def _is_tracking(key: str) -> bool:
    return key.lower().startswith(TRACKING_PREFIXES)


# URLs clean_url would return unchanged: http(s), a lower-case host, a path, nothing else.
_ALREADY_CLEAN = re.compile(r"https?://[a-z0-9.:\[\]-]+/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*")


def clean_url(url: str) -> str:
    """Drop the fragment and tracking parameters; percent-encode raw spaces and non-ASCII.

    PRMN tag links carry raw spaces (``/tag/Pasar Sentral``); requests need them encoded.
    """
    if _ALREADY_CLEAN.fullmatch(url):  # no query, fragment, space or capitals in the host
        return url
    parts = urlsplit(url.strip())
    path = quote(parts.path, safe="/%:@!$&'()*+,;=-._~")
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), path or "/", urlencode(query), "")
    )


def without_query(url: str) -> str:
    """The URL with no query and no fragment: the identity of an article on most portals."""
    parts = urlsplit(clean_url(url))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def with_page(url: str, page: int) -> str:
    """The URL of page ``page`` of a multi-page article or listing (``?page=N``)."""
    base = without_query(url)
    return base if page <= 1 else f"{base}?page={page}"


def page_number(url: str) -> int:
    """The ``page`` query parameter of ``url``; 1 when absent or not a number."""
    for key, value in parse_qsl(urlsplit(url).query):
        if key == "page" and value.isdigit():
            return max(int(value), 1)
    return 1


def host_of(url: str) -> str:
    """The network location (host[:port]) of ``url``, lower-cased."""
    return urlsplit(url).netloc.lower()


def is_followable(url: str) -> bool:
    """Only http(s) URLs are ever requested: never file:, data:, javascript: or mailto:."""
    return urlsplit(url).scheme.lower() in FOLLOWABLE_SCHEMES

"""Find the date inside a byline: "Natasha, Jurnalis · Kamis 09 Juli 2020 07:26 WIB" -> the date.

Bylines mix names, labels and the date; a generic extractor needs the date's span as printed
(for ``published_raw``) before :mod:`newscrawl.normalize.dates` turns it into an instant.
"""

from __future__ import annotations

import re

_MONTH = (
    r"(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober"
    r"|november|nopember|desember|january|february|march|may|june|july|august|october"
    r"|december|jan|feb|peb|mar|apr|jun|jul|agu|agt|ags|aug|sep|sept|okt|oct|nov|nop|des|dec)"
)
_WEEKDAY = (
    r"(?:(?:senin|selasa|rabu|kamis|jum'?at|jum’at|sabtu|minggu|ahad|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday)\s*,?\s*)?"
)
_TIME = (
    r"(?:\s*(?:[,|·•–-]\s*|at\s+)?(?:pukul\s*|jam\s*)?\d{1,2}[:.]\d{2}(?::\d{2})?"
    r"(?:\s*(?:WIB|WITA|WIT)\b)?)?"
)
_DATE_TEXT = re.compile(
    rf"{_WEEKDAY}(?:\d{{1,2}}\s+{_MONTH}\.?\s+\d{{4}}|{_MONTH}\.?\s+\d{{1,2}},\s*\d{{4}}"
    rf"|\d{{1,2}}[/-]\d{{1,2}}[/-]\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}){_TIME}",
    re.IGNORECASE,
)


def find_date_text(text: str) -> str | None:
    """The first date expression in ``text``, with its weekday, time and zone if printed."""
    match = _DATE_TEXT.search(text)
    return " ".join(match.group(0).split()) if match else None


# /2015/06/17/, /read/2015/06/17/, /2024-06-19/ and /20240619/ path segments.
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})(?P<sep>[/-]?)(?P<month>[01]\d)(?P=sep)(?P<day>[0-3]\d)(?:[/_-]|$)"
)


def date_in_url(url: str) -> str | None:
    """The day a URL path spells (``/read/2015/06/17/...`` -> ``2015-06-17``), else None.

    Many portals put the publication day in the path; it is evidence printed by the portal,
    weaker than the page's own date, used only when the page gives none."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = path.split("//", 1)[1] if "//" in path else path
    match = _URL_DATE.search(path[path.find("/") :] if "/" in path else "")
    if not match or not ("01" <= match["month"] <= "12" and "01" <= match["day"] <= "31"):
        return None
    return f"{match['year']}-{match['month']}-{match['day']}"

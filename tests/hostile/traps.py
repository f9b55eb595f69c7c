"""Traps the crawler's caps must end, served by :mod:`tests.hostile.server`.

``/rubrik/<name>/`` is a WordPress-style section whose pages ``/rubrik/<name>/page/<n>/`` go on
forever (``rel=next`` to n+1), list no article (so "nothing new listed" never stops them), and
each link one section no page linked before, ``/rubrik/<name>-<n>/``, in the PRMN menu.
"""

from __future__ import annotations

import re

RUBRIK = "/rubrik/"
_PAGE = re.compile(r"^/rubrik/([a-z0-9-]+)(?:/page/(\d+))?$")


def rubrik_page(origin: str, path: str) -> str | None:
    """The page at ``path`` (no trailing slash), or None when it is none of the trap's."""
    found = _PAGE.match(path)
    if not found or found.group(2) in ("0", "1"):
        return None
    name, n = found.group(1), int(found.group(2) or 1)
    section = f"{origin}{RUBRIK}{name}-{n}/"
    after = f"{origin}{RUBRIK}{name}/page/{n + 1}/"
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>Rubrik {name} - Halaman {n}</title></head><body>\n"
        f'<nav class="nav"><ul class="nav__wrap"><li><a href="{section}">Rubrik {name}-{n}</a>'
        "</li></ul></nav>\n"
        '<div class="paging"><div class="paging__wrap"><div class="paging__all">'
        f'<a class="paging__link" rel="next" href="{after}">Selanjutnya</a></div></div></div>\n'
        "</body></html>\n"
    )


TRICKLE_LISTING = "/tetes"
TRICKLES = tuple(f"/s/pr-100070{i}/tetes-lambat-{i}" for i in (1, 2, 3))
TRICKLE_LENGTH = 5000  # announced; one byte every TRICKLE_INTERVAL seconds is what comes
TRICKLE_INTERVAL = 0.25


def trickle_listing(origin: str) -> str:
    """A bare listing of the slow pages (no menu, no paging)."""
    links = "".join(f'<li><a href="{origin}{p}">Tetes {i}</a></li>' for i, p in enumerate(TRICKLES))
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Tetes</title></head>'
        f"<body>\n<ul>{links}</ul>\n</body></html>\n"
    )

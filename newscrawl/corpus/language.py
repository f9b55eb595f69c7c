"""The language of an article, measured on its body; ``<html lang>`` is only a hint.

Two offline identifiers whose models ship inside their wheels (nothing is downloaded):

- CLD3 (``cld3-py``, import name ``gcld3``) names the language: it knows Indonesian, Malay,
  Javanese, Sundanese, English and ~100 more (py3langid knows no Sundanese, CLD2 misreads
  Javanese as Indonesian: see the README's table).
- CLD3 reads Indonesian news as Malay (28 of the 106 fixture articles came out ``ms``), so
  when it says Malay, or is unsure of Indonesian, py3langid restricted to those two decides
  (106 of 106). A confident ``id`` from CLD3 stands: on our texts it never said so of Malay,
  and skipping the second identifier there halves the cost for most articles.

The hint decides only when CLD3 is unsure of a language outside that pair (a short body):
portals label Javanese and Sundanese pages ``lang="id"``, so a confident measurement wins.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import gcld3
import numpy
from py3langid.langid import MODEL_FILE, LanguageIdentifier

MAX_BYTES = 600  # CLD3 reads this much of the body (characters, and at most these bytes)
PAIR_CHARS = 300  # py3langid (id or ms) reads this much: its time grows with the text
MALAY_PAIR = ("id", "ms")
MIN_WORDS = 8  # below this many words a page's own label is worth more than a measurement
_CODE = re.compile(r"^([a-z]{2,3})(?:[-_]|$)", re.IGNORECASE)
_LEGACY = {"in": "id", "jw": "jv", "iw": "he"}  # old ISO 639 codes pages still print


_models: list[tuple[Any, LanguageIdentifier]] = []
_loading = threading.Lock()


def models() -> tuple[Any, LanguageIdentifier]:
    """CLD3 and py3langid restricted to id/ms, loaded once per process (0.6 s, mostly
    py3langid's model); :func:`warm_up` can do it on another thread before the first body."""
    if not _models:
        with _loading:
            if not _models:
                pair = LanguageIdentifier.from_model_file(MODEL_FILE)
                pair.set_languages(list(MALAY_PAIR))
                # Its two columns of a 100,000 x 97 table, copied out: scoring then reads
                # 0.4 MB instead of a cache line of the whole table per feature.
                pair.nb_ptc = numpy.ascontiguousarray(pair.nb_ptc)
                cld3 = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=MAX_BYTES)
                _models.append((cld3, pair))
    return _models[0]


def warm_up() -> threading.Thread:
    """Load the models on a daemon thread (a crawl fetches robots.txt, home pages and
    listings before its first article, so the load costs it nothing)."""
    thread = threading.Thread(target=models, name="language-models", daemon=True)
    thread.start()
    return thread


def hint_code(lang: str | None) -> str | None:
    """``<html lang>`` reduced to its primary code: ``id-ID`` -> ``id``, ``in`` -> ``id``."""
    match = _CODE.match((lang or "").strip())
    if not match:
        return None
    code = match.group(1).lower()
    return _LEGACY.get(code, code)


def identify(text: str | None, hint: str | None = None) -> str | None:
    """The ISO 639 code of ``text``'s language; the hint's when the text says too little,
    None when there is neither text nor hint."""
    sample = (text or "").strip()[:MAX_BYTES]
    hinted = hint_code(hint)
    if not sample or (hinted and len(sample.split()) < MIN_WORDS):
        return hinted
    cld3, pair = models()
    try:
        guess = cld3.FindLanguage(sample)
    except TypeError:  # half a UTF-16 pair cannot cross into C++: measured without it
        sample = sample.encode("utf-8", "replace").decode("utf-8")
        guess = cld3.FindLanguage(sample)
    base = str(guess.language).split("-")[0]
    code = _LEGACY.get(base, base)
    if code == "ms" or (code == "id" and not guess.is_reliable):
        return str(pair.classify(sample[:PAIR_CHARS])[0])
    if code == "id":
        return code
    if not guess.is_reliable and hinted:
        return hinted
    return code if code != "und" else hinted

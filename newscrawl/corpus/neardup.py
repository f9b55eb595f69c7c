"""Near-duplicate detection: is this body a copy of one seen before, and of which?

A body is a copy when the estimated Jaccard similarity of its word 3-shingles with a body in
the index reaches the threshold (``NEWSCRAWL_NEAR_DUPLICATES_THRESHOLD``, 0.3: on the fixture
pairs copies score 0.46 and more, different stories 0.08 and less). The copy points to the
*earliest* copy seen: the original its best match points to, so a chain of re-edits keeps one
original. Every body is added to the index, copies too, so a later copy of a copy is found.
"""

from __future__ import annotations

from newscrawl.corpus.index import NearDupIndex, Seen
from newscrawl.corpus.minhash import Signature, band_keys, signature, similarity

THRESHOLD = 0.3


class NearDuplicates:
    """Finds copies through an index, and adds every body it is shown."""

    def __init__(self, index: NearDupIndex, threshold: float = THRESHOLD) -> None:
        self.index, self.threshold = index, threshold

    def original_of(self, url: str, site: str | None, body: str | None) -> str | None:
        """The earliest copy's URL when ``body`` repeats a body seen before, else None.

        A URL already in the index keeps its first verdict (an article emitted again because
        it changed is not a copy of itself)."""
        known = self.index.get(url)
        if known is not None:
            return known.original if known.original != url else None
        return self.decide(url, site, signature(body or ""))

    def original_for(self, url: str, site: str | None, sig: Signature | None) -> str | None:
        """:meth:`original_of` for a signature already computed (``scrapy corpus dedup``)."""
        known = self.index.get(url)
        if known is not None:
            return known.original if known.original != url else None
        return self.decide(url, site, sig)

    def decide(self, url: str, site: str | None, sig: Signature | None) -> str | None:
        """Match ``sig`` against the index, then add it (a URL the index does not hold)."""
        if sig is None:
            return None
        keys = band_keys(sig)
        best = self.best_match(sig, keys)
        original = best.original if best else url
        self.index.add(Seen(url, site, original, sig), keys)
        return original if best else None

    def best_match(self, sig: Signature, keys: list[int]) -> Seen | None:
        """The most similar candidate at or above the threshold (the earliest on a tie)."""
        best, best_score = None, self.threshold
        for seen in self.index.candidates(keys):
            score = similarity(sig, seen.signature)
            if score >= best_score and (best is None or score > best_score):
                best, best_score = seen, score
        return best

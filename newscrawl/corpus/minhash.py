"""MinHash signatures of a body's word shingles, and their LSH band keys.

Why these numbers: on the fixture pairs (``tests/corpus/pairs.py``) copies of one story, even
re-edited, share at least 0.46 of their word 3-shingles while different stories of one desk
share at most 0.08. 128 permutations estimate a Jaccard of 0.3 within ±0.05; 42 bands of 3
rows make a pair at 0.45 a candidate with probability 0.99 and one at 0.02 almost never.
rensa computes the signatures (Rust, deterministic for a seed across processes).
"""

from __future__ import annotations

import re
import struct

from rensa import RMinHash

NUM_PERM = 128
SEED = 1515
SHINGLE = 3  # words per shingle (shingles() is written for 3)
BANDS, ROWS = 42, 3  # LSH bands x rows <= NUM_PERM
# Band keys are Python's hash of a tuple of ints: not salted per process (only str and bytes
# hashes are), and ~7x cheaper than a digest. Its value for a fixed tuple goes into PARAMS, so
# an interpreter hashing differently makes the index start afresh instead of matching nothing.
_HASH_PROBE = hash((1515, 1, 2, 3)) & 0xFFFFFFFF
PARAMS = f"rensa-{NUM_PERM}-{SEED}-{SHINGLE}-{BANDS}x{ROWS}-h{_HASH_PROBE:08x}"  # with the index
_WORD = re.compile(r"\w+")
_SIG = struct.Struct(f"<{NUM_PERM}I")

Signature = tuple[int, ...]


def shingles(text: str) -> list[str]:
    """Lower-cased word 3-grams; a text shorter than that is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= SHINGLE:
        return [" ".join(words)] if words else []
    return [f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:], strict=False)]


def signature(text: str) -> Signature | None:
    """The MinHash signature of ``text``'s shingles; None for a text without words."""
    grams = shingles(text)
    if not grams:
        return None
    minhash = RMinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update(grams)
    return tuple(minhash.digest())


def band_keys(sig: Signature) -> list[int]:
    """One signed 64-bit key per band (the band's number is part of the key)."""
    return [hash((band, *sig[band * ROWS : (band + 1) * ROWS])) for band in range(BANDS)]


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity: the share of equal MinHash values."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / NUM_PERM


def pack(sig: Signature) -> bytes:
    return _SIG.pack(*sig)


def unpack(data: bytes) -> Signature:
    return tuple(_SIG.unpack(data))

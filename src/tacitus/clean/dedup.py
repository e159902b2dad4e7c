"""Near-duplicate detection: MinHash signatures over word shingles, LSH bands.

Signatures are computed on look-alike-folded, lower-cased words, so a copy
spun with Cyrillic letters hashes like the original.  A signature is a plain
list of ints and each of its LSH bands a 64-bit key, so the store can keep
both and look copies up in the database rather than in memory.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable, Sequence
from functools import lru_cache
from hashlib import blake2b

import numpy as np
from datasketch import MinHash, MinHashLSH

from tacitus.clean.lookalikes import fold_text

NUM_PERM = 128
SEED = 20240501
# Pinned so persisted signatures stay comparable across datasketch upgrades.
SCHEME = "affine32"
# Word n-grams: long enough that two articles on the same story rarely share
# many, short enough that a few swapped synonyms leave most intact.
SHINGLE_WORDS = 2
_WORD = re.compile(r"[^\W_]+")

Signature = Sequence[int]
Match = tuple[str, float]


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(fold_text(text).lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    # datasketch draws a MinHash's permutations anew for each one; they depend only on the seed.
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> list[int]:
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch(sorted(shingles(text)))
    return [int(value) for value in minhash.hashvalues]


def _values(sig: Signature) -> np.ndarray:
    if len(sig) != NUM_PERM:
        raise ValueError(f"a signature has {NUM_PERM} values, got {len(sig)}")
    return np.asarray(sig, dtype=np.uint64)


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of two signatures' shingle sets."""
    return float(np.count_nonzero(_values(a) == _values(b))) / NUM_PERM


def best_match(
    sig: Signature, candidates: Iterable[tuple[str, Signature]], threshold: float
) -> Match | None:
    """The closest candidate at or above ``threshold``: highest similarity, then smallest id."""
    best: tuple[float, str] | None = None
    for doc_id, other in candidates:
        score = similarity(sig, other)
        if score >= threshold and (best is None or (-score, doc_id) < (-best[0], best[1])):
            best = (score, doc_id)
    return (best[1], round(best[0], 4)) if best else None


class BandLayout:
    """How signatures are cut into LSH bands for a similarity threshold.

    datasketch picks the number of bands and rows per band that balance missed
    and spurious candidates at the threshold.  Two documents are candidates when
    one of their band keys is equal; the layout is part of every key, so keys
    made for another threshold never match.
    """

    def __init__(self, threshold: float) -> None:
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.bands, self.rows = lsh.b, lsh.r

    def keys(self, sig: Signature) -> list[int]:
        values = _values(sig)
        keys = []
        for band in range(self.bands):
            chunk = values[band * self.rows : (band + 1) * self.rows]
            head = struct.pack("<HHH", self.bands, self.rows, band)
            digest = blake2b(head + chunk.tobytes(), digest_size=8).digest()
            keys.append(int.from_bytes(digest, "little"))
        return keys


class DuplicateIndex:
    """Documents held in memory by their bands; ``find`` names the closest earlier copy.

    Add only canonical documents (those ``find`` did not match), so that a
    match always names the original rather than another copy.
    """

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.layout = BandLayout(threshold)
        self._buckets: dict[int, set[str]] = {}
        self._signatures: dict[str, Signature] = {}

    @staticmethod
    def signature(text: str) -> list[int]:
        return signature(text)

    def add(self, doc_id: str, sig: Signature) -> None:
        if doc_id in self._signatures:
            return
        self._signatures[doc_id] = list(sig)
        for key in self.layout.keys(sig):
            self._buckets.setdefault(key, set()).add(doc_id)

    def remove(self, doc_id: str) -> None:
        sig = self._signatures.pop(doc_id, None)
        if sig is None:
            return
        for key in self.layout.keys(sig):
            bucket = self._buckets[key]
            bucket.discard(doc_id)
            if not bucket:
                del self._buckets[key]

    def candidates(self, sig: Signature) -> list[tuple[str, Signature]]:
        ids = {doc_id for key in self.layout.keys(sig) for doc_id in self._buckets.get(key, ())}
        return [(doc_id, self._signatures[doc_id]) for doc_id in sorted(ids)]

    def find(self, sig: Signature) -> Match | None:
        """The best match at or above the threshold: highest similarity, then smallest id."""
        return best_match(sig, self.candidates(sig), self.threshold)

    def __len__(self) -> int:
        return len(self._signatures)

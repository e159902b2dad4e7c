"""Near-duplicate detection: MinHash signatures over word shingles, LSH lookup.

Signatures are computed on look-alike-folded, lower-cased words, so a copy
spun with Cyrillic letters hashes like the original.  A signature is a plain
list of ints, so the store can persist it and rebuild the index on open.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(fold_text(text).lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


class DuplicateIndex:
    """Documents indexed by MinHash; ``find`` names the closest earlier copy.

    Add only canonical documents (those ``find`` did not match), so that a
    match always names the original rather than another copy.
    """

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._hashes: dict[str, MinHash] = {}

    def signature(self, text: str) -> list[int]:
        minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
        minhash.update_batch(sorted(shingles(text)))
        return [int(value) for value in minhash.hashvalues]

    def add(self, doc_id: str, signature: Sequence[int]) -> None:
        if doc_id in self._hashes:
            return
        minhash = self._minhash(signature)
        self._hashes[doc_id] = minhash
        self._lsh.insert(doc_id, minhash)

    def find(self, signature: Sequence[int]) -> tuple[str, float] | None:
        """The best match at or above the threshold: highest similarity, then smallest id."""
        minhash = self._minhash(signature)
        best: tuple[float, str] | None = None
        for doc_id in self._lsh.query(minhash):
            similarity = float(self._hashes[doc_id].jaccard(minhash))
            if similarity < self.threshold:
                continue
            if best is None or (-similarity, doc_id) < (-best[0], best[1]):
                best = (similarity, doc_id)
        return (best[1], round(best[0], 4)) if best else None

    def __len__(self) -> int:
        return len(self._hashes)

    @staticmethod
    def _minhash(signature: Sequence[int]) -> MinHash:
        if len(signature) != NUM_PERM:
            raise ValueError(f"a signature has {NUM_PERM} values, got {len(signature)}")
        values = np.array(signature, dtype=np.uint64)
        return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values, scheme=SCHEME)

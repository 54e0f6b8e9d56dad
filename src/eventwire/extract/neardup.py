"""Near-duplicate articles (the same wire story on several sites) with MinHash over word shingles.

Exact duplicates share a content hash and never reach this index. Shingles are word 3-grams of the
normalised text (case-folded, NFKC): short enough that one edited word spoils only three shingles, long
enough that two different texts rarely share them. Threshold 0.4 on the estimated Jaccard similarity:
a short wire story (7 sentences) re-published with other furniture and two sentences reworded still
scores 0.63 (tests/test_extract.py), while a different story on the same topic and place scores 0.0-0.1;
0.4 leaves a margin of several standard errors of the estimate (about 0.045 with 128 permutations) on
both sides.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

from eventwire.records import normalise_for_hash

NUM_PERM = 128
SHINGLE_WORDS = 3
THRESHOLD = 0.4
# Fixed seed and hashing scheme: signatures persisted by the store must stay comparable across runs.
_SEED = 1
_SCHEME = "affine32"
_WORD = re.compile(r"\w+")


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(normalise_for_hash(text))
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    starts = range(len(words) - SHINGLE_WORDS + 1)
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in starts}


def _as_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype("<u8").tobytes()


def _minhash(text: str) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)
    shingles = _shingles(text)
    if shingles:
        minhash.update_batch(list(shingles))
    return minhash


class NearDuplicateIndex:
    """Articles seen so far; `find` names an earlier one whose text is a near-duplicate of a new text."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._order: dict[str, int] = {}  # id -> insertion order = row of _hashvalues
        self._ids: list[str] = []
        # All signatures in one matrix, so a query scores its candidates in one vector operation: a feed
        # of thousands of near-identical items makes every article a candidate of every later one.
        self._hashvalues = np.empty((64, NUM_PERM), dtype=np.uint64)

    def __len__(self) -> int:
        return len(self._ids)

    @staticmethod
    def signature(text: str) -> bytes:
        """The text's MinHash signature as bytes, for the store to persist (NUM_PERM x uint64)."""
        return _as_bytes(_minhash(text))

    def admit(self, article_id: str, text: str) -> tuple[str | None, bytes]:
        """For a new article: the earlier near-duplicate it repeats (or None), then add it to the index.
        Returns that and the signature to persist, computing the MinHash once."""
        minhash = _minhash(text)
        original = self._find(minhash)
        self._insert(article_id, minhash)
        return original, _as_bytes(minhash)

    def add(self, article_id: str, text: str) -> None:
        self._insert(article_id, _minhash(text))

    def add_signature(self, article_id: str, signature: bytes) -> None:
        if len(signature) != NUM_PERM * 8:
            raise ValueError(f"signature of {article_id} has {len(signature)} bytes, expected {NUM_PERM * 8}")
        values = np.frombuffer(signature, dtype="<u8").astype(np.uint64)
        self._insert(article_id, MinHash(num_perm=NUM_PERM, seed=_SEED, hashvalues=values, scheme=_SCHEME))

    def find(self, text: str) -> str | None:
        """The id of the most similar earlier article with estimated Jaccard >= threshold, else None."""
        return self._find(_minhash(text))

    def _find(self, minhash: MinHash) -> str | None:
        if minhash.is_empty():
            return None
        candidates = self._lsh.query(minhash)
        if not candidates:
            return None
        rows = np.fromiter((self._order[candidate] for candidate in candidates), dtype=np.int64)
        # Estimated Jaccard = share of equal hash values (as MinHash.jaccard computes it).
        similarity = np.count_nonzero(self._hashvalues[rows] == minhash.hashvalues, axis=1) / NUM_PERM
        similar = similarity >= self.threshold
        if not similar.any():
            return None
        best = similarity == similarity[similar].max()
        return self._ids[int(rows[best].min())]  # the most similar; of equals, the earliest stored

    def _insert(self, article_id: str, minhash: MinHash) -> None:
        if article_id in self._order or minhash.is_empty():
            return
        row = len(self._ids)
        if row == len(self._hashvalues):
            self._hashvalues = np.concatenate([self._hashvalues, np.empty_like(self._hashvalues)])
        self._hashvalues[row] = minhash.hashvalues
        self._order[article_id] = row
        self._ids.append(article_id)
        self._lsh.insert(article_id, minhash)

"""Near-duplicate articles (the same wire story on several sites) with MinHash over word shingles.

Exact duplicates share a content hash and never reach this index. Shingles are word 3-grams of the
normalised text (case-folded, NFKC): short enough that one edited word spoils only three shingles, long
enough that two different texts rarely share them. Threshold 0.4 on the estimated Jaccard similarity:
a short wire story (7 sentences) re-published with other furniture and two sentences reworded still
scores 0.63 (tests/test_extract.py), while a different story on the same topic and place scores 0.0-0.1;
0.4 leaves a margin of several standard errors of the estimate (about 0.045 with 128 permutations) on
both sides.

Candidates are found by locality-sensitive hashing: the 128 values are cut into 32 bands of 4, and each
band hashes to one 64-bit key. Two texts share at least one key with probability 1 - (1 - J^4)^32: 0.56
at the threshold, 0.87 at J = 0.5, 0.996 at J = 0.63, 0.05 at J = 0.2. The keys are what the store
indexes (table `article_bands`), so the index of a million stored articles lives on disk, not in memory;
only articles admitted but not yet written are held here (`NearDuplicateFinder`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from datasketch import MinHash

from eventwire.records import normalise_for_hash

NUM_PERM = 128
BANDS = 32
ROWS_PER_BAND = NUM_PERM // BANDS
SHINGLE_WORDS = 3
THRESHOLD = 0.4
# A feed of thousands of near-identical items makes every stored item a candidate of every new one:
# scoring the ones that share the most bands keeps each look-up bounded (they are also the most similar).
CANDIDATE_LIMIT = 64
# Fixed seed and hashing scheme: signatures persisted by the store must stay comparable across runs.
_SEED = 1
_SCHEME = "affine32"
_WORD = re.compile(r"\w+")
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(normalise_for_hash(text))
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    starts = range(len(words) - SHINGLE_WORDS + 1)
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in starts}


def _minhash(text: str) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, permutations=_PERMUTATIONS)
    shingles = _shingles(text)
    if shingles:
        minhash.update_batch(list(shingles))
    return minhash


def band_keys(hashvalues: np.ndarray) -> tuple[int, ...]:
    """One signed 64-bit key per band of the signature (the band's number is hashed in, so equal values
    in different bands give different keys)."""
    values = np.ascontiguousarray(hashvalues, dtype="<u8").tobytes()
    width = ROWS_PER_BAND * 8
    return tuple(
        int.from_bytes(
            hashlib.blake2b(values[band * width:(band + 1) * width], digest_size=8,
                            person=band.to_bytes(2, "little")).digest(),
            "little", signed=True,
        )
        for band in range(BANDS)
    )


def hash_values(data: bytes, *, name: str = "signature") -> np.ndarray:
    """The hash values of a persisted signature."""
    if len(data) != NUM_PERM * 8:
        raise ValueError(f"{name} has {len(data)} bytes, expected {NUM_PERM * 8}")
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)


@dataclass(frozen=True, slots=True)
class Signature:
    """A text's MinHash values and their band keys; `empty` for a text without words."""

    hashvalues: np.ndarray  # NUM_PERM x uint64
    keys: tuple[int, ...]

    @classmethod
    def of_text(cls, text: str) -> Signature:
        minhash = _minhash(text)
        values = minhash.hashvalues.astype(np.uint64)
        return cls(values, () if minhash.is_empty() else band_keys(values))

    @classmethod
    def from_bytes(cls, data: bytes, *, name: str = "signature") -> Signature:
        values = hash_values(data, name=name)
        return cls(values, band_keys(values))

    @property
    def empty(self) -> bool:
        return not self.keys

    def as_bytes(self) -> bytes:
        return self.hashvalues.astype("<u8").tobytes()


class CandidateSource(Protocol):
    def near_duplicate_candidates(self, keys: Sequence[int], limit: int) -> list[tuple[str, bytes]]:
        """Up to `limit` stored (id, signature bytes) sharing a band key, those sharing most first
        (ties: stored first), returned in the order they were stored."""
        ...


def best_match(signature: Signature, candidates: Sequence[tuple[str, np.ndarray]],
               threshold: float = THRESHOLD) -> str | None:
    """The candidate (id, hash values) most similar to the signature with estimated Jaccard >= threshold;
    of equals, the first listed. None when none qualifies."""
    if signature.empty or not candidates:
        return None
    matrix = np.stack([values for _, values in candidates])
    # Estimated Jaccard = share of equal hash values (as MinHash.jaccard computes it).
    similarity = np.count_nonzero(matrix == signature.hashvalues, axis=1) / NUM_PERM
    if similarity.max() < threshold:
        return None
    return candidates[int(np.argmax(similarity))][0]


class NearDuplicateIndex:
    """Signatures held in memory: `find` names an earlier article whose text is a near-duplicate.

    The pipeline keeps the index in the store (`NearDuplicateFinder`); this class serves the articles not
    yet written, and callers that want a standalone index.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._signatures: dict[str, tuple[int, Signature]] = {}  # id -> (insertion number, signature)
        self._by_key: dict[int, set[str]] = {}
        self._inserted = 0

    def __len__(self) -> int:
        return len(self._signatures)

    @staticmethod
    def signature(text: str) -> bytes:
        """The text's MinHash signature as bytes, for the store to persist (NUM_PERM x uint64)."""
        return Signature.of_text(text).as_bytes()

    def admit(self, article_id: str, text: str) -> tuple[str | None, bytes]:
        """For a new article: the earlier near-duplicate it repeats (or None), then add it to the index.
        Returns that and the signature to persist, computing the MinHash once."""
        signature = Signature.of_text(text)
        original = self._find(signature)
        self.insert(article_id, signature)
        return original, signature.as_bytes()

    def add(self, article_id: str, text: str) -> None:
        self.insert(article_id, Signature.of_text(text))

    def add_signature(self, article_id: str, signature: bytes) -> None:
        self.insert(article_id, Signature.from_bytes(signature, name=f"signature of {article_id}"))

    def find(self, text: str) -> str | None:
        """The id of the most similar earlier article with estimated Jaccard >= threshold, else None."""
        return self._find(Signature.of_text(text))

    def _find(self, signature: Signature) -> str | None:
        return best_match(signature, self.nearest(signature.keys, CANDIDATE_LIMIT), self.threshold)

    def nearest(self, keys: Sequence[int], limit: int) -> list[tuple[str, np.ndarray]]:
        """Up to `limit` (id, hash values) sharing a band key, those sharing most first (ties: the first
        added), returned in the order they were added."""
        shared: dict[str, int] = {}
        for key in keys:
            for article_id in self._by_key.get(key, ()):
                shared[article_id] = shared.get(article_id, 0) + 1
        order = {article_id: self._signatures[article_id][0] for article_id in shared}
        chosen = sorted(shared, key=lambda i: (-shared[i], order[i]))[:limit]
        return [(i, self._signatures[i][1].hashvalues) for i in sorted(chosen, key=order.__getitem__)]

    def near_duplicate_candidates(self, keys: Sequence[int], limit: int) -> list[tuple[str, bytes]]:
        """`nearest` as persisted signatures: this index can stand in for the store (CandidateSource)."""
        return [(i, values.astype("<u8").tobytes()) for i, values in self.nearest(keys, limit)]

    def insert(self, article_id: str, signature: Signature) -> None:
        if article_id in self._signatures or signature.empty:
            return
        self._signatures[article_id] = (self._inserted, signature)
        self._inserted += 1
        for key in signature.keys:
            self._by_key.setdefault(key, set()).add(article_id)

    def discard(self, article_id: str) -> None:
        entry = self._signatures.pop(article_id, None)
        if entry is None:
            return
        for key in entry[1].keys:
            holders = self._by_key[key]
            holders.discard(article_id)
            if not holders:
                del self._by_key[key]


@dataclass(frozen=True, slots=True)
class Admission:
    original: str | None  # the stored or pending article this one repeats
    signature: Signature


class NearDuplicateFinder:
    """Near-duplicates among the stored articles (looked up by band key in the store) and among those
    admitted but not yet written (held in memory until `written`): memory does not grow with the store."""

    def __init__(self, stored: CandidateSource, threshold: float = THRESHOLD) -> None:
        self.stored = stored
        self.threshold = threshold
        self.pending = NearDuplicateIndex(threshold)

    def admit(self, article_id: str, text: str) -> Admission:
        signature = Signature.of_text(text)
        if signature.empty:
            return Admission(None, signature)
        stored = self.stored.near_duplicate_candidates(signature.keys, CANDIDATE_LIMIT)
        candidates = [(i, hash_values(data, name=f"signature of {i}")) for i, data in stored]
        candidates += self.pending.nearest(signature.keys, CANDIDATE_LIMIT)  # written after the stored ones
        original = best_match(signature, candidates, self.threshold)
        self.pending.insert(article_id, signature)
        return Admission(original, signature)

    def written(self, article_ids: Iterable[str]) -> None:
        """These articles are in the store now: the store finds them from here on."""
        for article_id in article_ids:
            self.pending.discard(article_id)

"""Metric definitions shared by the scorers and the benchmarks.

Body-text overlap follows the definition of the article-extraction benchmark whose figures we compare with
(see ../shared/eval/README.md): word 4-gram shingles as multisets; each document's TP/FP/FN are scaled to
sum to one so long pages do not dominate; precision and recall are averaged over the documents where they
are defined, and F1 is the harmonic mean of those two averages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class OverlapCounts:
    """One document's shingle overlap, scaled so that tp + fp + fn == 1 (or all zero)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else None

    @property
    def recall(self) -> float | None:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else None


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float
    documents: int


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text or "")
    if len(words) < size:  # a short text is one (short) shingle, so it can still match
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def shingle_overlap(gold: str, predicted: str, size: int = 4) -> OverlapCounts:
    gold_shingles, predicted_shingles = shingles(gold, size), shingles(predicted, size)
    tp = sum((gold_shingles & predicted_shingles).values())
    fp = sum(predicted_shingles.values()) - tp
    fn = sum(gold_shingles.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return OverlapCounts(0.0, 0.0, 0.0)
    return OverlapCounts(tp / total, fp / total, fn / total)


def macro_prf(documents: Iterable[OverlapCounts]) -> PRF:
    documents = list(documents)
    precisions = [p for d in documents if (p := d.precision) is not None and (d.tp + d.fp > 0)]
    recalls = [r for d in documents if (r := d.recall) is not None and (d.tp + d.fn > 0)]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1, len(documents))

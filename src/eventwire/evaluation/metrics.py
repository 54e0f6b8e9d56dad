"""Metric definitions shared by the scorers and the benchmarks.

Body-text overlap follows the definition of the article-extraction benchmark whose figures we compare with
(see ../shared/eval/README.md): word 4-gram shingles as multisets; each document's TP/FP/FN are scaled to
sum to one so long pages do not dominate; precision and recall are averaged over the documents where they
are defined, and F1 is the harmonic mean of those two averages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
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


# --- Counting metrics used by the other scorers -----------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CountPRF:
    """Precision/recall/F1 from raw counts; an undefined ratio (0/0) is None, not 0."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return harmonic_mean(self.precision, self.recall)

    def counts(self) -> dict[str, int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn}


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def harmonic_mean(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0




def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by two half-open spans (start, end)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]], *, strict: bool
) -> list[tuple[int, int]]:
    """One-to-one matching of gold and predicted spans as (gold index, predicted index) pairs.

    strict: identical offsets only. Relaxed: any overlap; where several spans compete, the largest overlaps
    are paired first so one long prediction cannot be credited for two gold spans.
    """
    if strict:
        by_offsets = {span: index for index, span in reversed(list(enumerate(predicted)))}
        pairs, used = [], set()
        for gold_index, span in enumerate(gold):
            predicted_index = by_offsets.get(span)
            if predicted_index is not None and predicted_index not in used:
                used.add(predicted_index)
                pairs.append((gold_index, predicted_index))
        return pairs
    candidates = sorted(
        (
            (overlap(g, p), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(predicted)
            if overlap(g, p)
        ),
        key=lambda candidate: (-candidate[0], candidate[1], candidate[2]),
    )
    pairs, used_gold, used_predicted = [], set(), set()
    for _, gold_index, predicted_index in candidates:
        if gold_index in used_gold or predicted_index in used_predicted:
            continue
        used_gold.add(gold_index)
        used_predicted.add(predicted_index)
        pairs.append((gold_index, predicted_index))
    return sorted(pairs)


def macro_f1(
    gold_labels: Sequence[str], predicted_labels: Sequence[str], classes: Iterable[str]
) -> float | None:
    """Unweighted mean of per-class F1 over `classes` (a class never gold nor predicted scores nothing)."""
    scores = []
    for label in classes:
        tp = sum(1 for g, p in zip(gold_labels, predicted_labels, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold_labels, predicted_labels, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold_labels, predicted_labels, strict=True) if g == label and p != label)
        if tp + fp + fn:
            scores.append(CountPRF(tp, fp, fn).f1 or 0.0)
    return sum(scores) / len(scores) if scores else None


def median(values: Sequence[float]) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def calibration_error(pairs: Sequence[tuple[float, bool]], bins: int = 10
                      ) -> tuple[float | None, list[tuple[str, int, float, float]]]:
    """Expected calibration error of (confidence, right) pairs over equal-width bins, and the reliability
    table behind it: (bin, records, mean confidence, share right)."""
    if not pairs:
        return None, []
    table = []
    ece = 0.0
    for number in range(bins):
        lo, hi = number / bins, (number + 1) / bins
        inside = [(c, r) for c, r in pairs if lo <= c < hi or (number == bins - 1 and c == hi)]
        if not inside:
            continue
        confidence = sum(c for c, _ in inside) / len(inside)
        accuracy = sum(1 for _, r in inside if r) / len(inside)
        ece += len(inside) / len(pairs) * abs(confidence - accuracy)
        table.append((f"{lo:.1f}-{hi:.1f}", len(inside), round(confidence, 3), round(accuracy, 3)))
    return ece, table

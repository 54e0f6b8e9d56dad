"""Time expressions against TimeML (TempEval-3 platinum), scored as TempEval-3 scores them.

Gold: a folder of .tml files (or one file). Each has <DCT><TIMEX3 value=...></DCT> (the document creation
time, not scored) and <TEXT> with inline <TIMEX3 tid type value> elements; offsets are characters into the
text content of <TEXT> with all tags removed, which is also the text given to the stage.

Scores (UzZaman et al. 2013, TempEval-3):
- strict match: identical span; relaxed match: overlapping spans (paired one-to-one, largest overlap first);
- P = matched / predicted, R = matched / gold, F1 harmonic mean, for strict and for relaxed;
- value accuracy = relaxed matches with the identical value / relaxed matches;
- value F1 = relaxed F1 x value accuracy (equivalently P and R counting only matches with the right value).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.evaluation.metrics import CountPRF, match_spans, ratio
from eventwire.evaluation.registry import GoldFormatError, on_item, require
from eventwire.evaluation.results import ErrorCase, Figure, StageResult


@dataclass(frozen=True, slots=True)
class GoldTimex:
    tid: str
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    id: str
    dct: dt.date
    text: str
    timexes: tuple[GoldTimex, ...]


# What the scorer calls per document: (text, dct) -> objects with .start .end .text .type .value
TimexFinder = Callable[[str, dt.date], Sequence[Any]]


def read_timeml(path: Path) -> TimeMLDocument:
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as failure:
        raise GoldFormatError(f"{path}: not readable TimeML ({failure})") from failure
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None or not dct_timex.get("value"):
        raise GoldFormatError(f"{path}: no <DCT><TIMEX3 value=...> document creation time")
    try:
        dct = dt.date.fromisoformat(dct_timex.get("value", "")[:10])
    except ValueError as failure:
        raise GoldFormatError(f"{path}: DCT value {dct_timex.get('value')!r} is not a date") from failure
    text_element = root.find("TEXT")
    if text_element is None:
        raise GoldFormatError(f"{path}: no <TEXT> element")
    pieces: list[str] = []
    timexes: list[GoldTimex] = []
    _flatten(text_element, pieces, timexes, path, is_root=True)
    doc_id = (root.findtext("DOCID") or path.stem).strip()
    return TimeMLDocument(doc_id, dct, "".join(pieces), tuple(timexes))


def _flatten(
    element: ElementTree.Element,
    pieces: list[str],
    timexes: list[GoldTimex],
    path: Path,
    is_root: bool = False,
) -> None:
    """Append the element's text content to pieces, recording TIMEX3 offsets as we go."""
    start = sum(map(len, pieces))
    if element.text:
        pieces.append(element.text)
    for child in element:
        _flatten(child, pieces, timexes, path)
    if element.tag == "TIMEX3" and not is_root:
        end = sum(map(len, pieces))
        missing = [name for name in ("tid", "type", "value") if element.get(name) is None]
        if missing:
            raise GoldFormatError(f"{path}: TIMEX3 at offset {start} lacks {', '.join(missing)}")
        text = "".join(pieces)[start:end]
        timexes.append(
            GoldTimex(
                element.get("tid", ""), start, end, text, element.get("type", ""), element.get("value", "")
            )
        )
    if element.tail and not is_root:
        pieces.append(element.tail)


def load_gold(gold: Path) -> list[TimeMLDocument]:
    paths = [gold] if gold.is_file() else sorted(gold.glob("*.tml"))
    if not paths:
        raise GoldFormatError(f"{gold}: no .tml files")
    return [read_timeml(path) for path in paths]


@dataclass(frozen=True, slots=True)
class TimexScore:
    """The TempEval-3 counts of one set of documents and the cases it got wrong."""

    n_gold: int
    n_predicted: int
    strict_tp: int
    relaxed_tp: int
    value_correct: int
    errors: tuple[ErrorCase, ...]

    def figures(self, prefix: str = "") -> tuple[Figure, ...]:
        """The scorer's figures; `prefix` names a split ("dev_", "locked_") when one stage reports two."""
        strict = CountPRF(self.strict_tp, self.n_predicted - self.strict_tp, self.n_gold - self.strict_tp)
        relaxed = CountPRF(self.relaxed_tp, self.n_predicted - self.relaxed_tp, self.n_gold - self.relaxed_tp)
        value = CountPRF(self.value_correct, self.n_predicted - self.value_correct,
                         self.n_gold - self.value_correct)
        span_counts = {"gold": self.n_gold, "predicted": self.n_predicted}
        return (
            Figure(f"{prefix}strict_precision", strict.precision, {**strict.counts(), **span_counts}),
            Figure(f"{prefix}strict_recall", strict.recall, strict.counts()),
            Figure(f"{prefix}strict_f1", strict.f1, strict.counts(), "exact span match"),
            Figure(f"{prefix}relaxed_precision", relaxed.precision, {**relaxed.counts(), **span_counts}),
            Figure(f"{prefix}relaxed_recall", relaxed.recall, relaxed.counts()),
            Figure(f"{prefix}relaxed_f1", relaxed.f1, relaxed.counts(), "overlapping span"),
            Figure(
                f"{prefix}value_accuracy",
                ratio(self.value_correct, self.relaxed_tp),
                {"n": self.relaxed_tp, "correct": self.value_correct},
                "right value among relaxed matches",
            ),
            Figure(f"{prefix}value_f1", value.f1, value.counts(),
                   "TempEval-3 value F1: relaxed F1 x value accuracy"),
        )


def score_documents(stage: str, documents: Sequence[TimeMLDocument], find: TimexFinder) -> TimexScore:
    """Run `find` on every document and count matches as TempEval-3 does (see the module docstring)."""
    n_gold = n_predicted = strict_tp = relaxed_tp = value_correct = 0
    errors: list[ErrorCase] = []
    for document in documents:
        with on_item(stage, document.id):
            predictions = list(find(document.text, document.dct))
        gold_spans = [(timex.start, timex.end) for timex in document.timexes]
        predicted_spans = [(p.start, p.end) for p in predictions]
        n_gold += len(gold_spans)
        n_predicted += len(predicted_spans)
        strict_tp += len(match_spans(gold_spans, predicted_spans, strict=True))
        relaxed = match_spans(gold_spans, predicted_spans, strict=False)
        relaxed_tp += len(relaxed)
        matched_gold = {g for g, _ in relaxed}
        matched_predicted = {p for _, p in relaxed}
        for gold_index, predicted_index in relaxed:
            timex, prediction = document.timexes[gold_index], predictions[predicted_index]
            if prediction.value == timex.value:
                value_correct += 1
                if (prediction.start, prediction.end) == (timex.start, timex.end):
                    continue
                note = "span differs"
            else:
                note = "wrong value" + (
                    "" if gold_spans[gold_index] == predicted_spans[predicted_index] else ", span differs"
                )
            errors.append(
                ErrorCase(f"{document.id}:{timex.tid}", _describe(timex), _describe(prediction), note)
            )
        for index, timex in enumerate(document.timexes):
            if index not in matched_gold:
                errors.append(ErrorCase(f"{document.id}:{timex.tid}", _describe(timex), "none", "missed"))
        for index, prediction in enumerate(predictions):
            if index not in matched_predicted:
                errors.append(
                    ErrorCase(f"{document.id}:{prediction.start}", "none", _describe(prediction), "spurious")
                )
    return TimexScore(n_gold, n_predicted, strict_tp, relaxed_tp, value_correct, tuple(errors))


def evaluate(gold: Path, *, limit: int | None = None, system: TimexFinder | None = None) -> StageResult:
    documents = load_gold(gold)[:limit]
    find = system or require("timex", "eventwire.temporal", "find_timexes")
    score = score_documents("timex", documents, find)
    notes = (
        "TempEval-3 definitions; the DCT is given to the stage and not scored; "
        "values compared as exact strings",
        f"{len(documents)} document(s), {score.n_gold} gold timexes: one timex moves F1 by several points; "
        "the published HeidelTime/SUTime figures are on the whole TempEval-3 platinum set",
    )
    return StageResult("timex", str(gold), len(documents), score.figures(), score.errors, notes=notes)


def _describe(timex: Any) -> str:
    return f"{timex.text!r} [{timex.start}:{timex.end}] {timex.type} {timex.value}"

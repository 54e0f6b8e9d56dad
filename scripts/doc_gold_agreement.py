"""How far two annotators of the document gold agree, scored the way the stage scores the coder (issue #15).

    PYTHONPATH=src python scripts/doc_gold_agreement.py --shared ../shared \
        [--first eval/documents/gold.jsonl] [--second eval/documents/second-annotator.jsonl]

The second annotator's events stand in for the coder's records and the first annotator's for the gold,
on the articles the second file holds: an event of the second annotator is a record whose evidence
sentence is the sentence (as the coder's spaCy pipeline splits the text) holding its trigger, and it
matches a first-annotator event when that sentence contains the event's trigger offset and the types are
equal - `evaluation.documents.score_document` itself does the matching and the counting, so repeats,
fields and type accuracy are treated exactly as for the coder. Precision, recall and F1 of annotator 2
against annotator 1, overall and per type, are the ceiling a coder can reach on this gold: a coder that
agreed with annotator 1 no better than a second careful reader does cannot be told apart from one.

Dates compare the way the scorer compares a record's day with the gold period: the second annotator's
date must lie within the first's day, month or year (a month against a day counts as a disagreement).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventwire.evaluation.documents import (
    ANNOTATIONS,
    GoldDocument,
    GoldEvent,
    _Tally,
    load_gold,
    load_texts,
    score_document,
)
from eventwire.evaluation.metrics import harmonic_mean, ratio

SECOND_ANNOTATOR = Path("eval/documents/second-annotator.jsonl")
FIELDS = ("source", "target", "factuality", "date", "place")
SentenceSplitter = Callable[[str], Sequence[tuple[int, int]]]


@dataclass(frozen=True, slots=True)
class _Evidence:
    start: int
    end: int
    trigger_start: int
    trigger: str


@dataclass(frozen=True, slots=True)
class _Actor:
    text: str
    country: str | None


@dataclass(frozen=True, slots=True)
class _Date:
    start: str | None


@dataclass(frozen=True, slots=True)
class _Location:
    country: str | None


@dataclass(frozen=True, slots=True)
class _AnnotatorRecord:
    """One event of the second annotator, shaped like the coder's record where the scorer reads it."""

    type: str
    evidence: _Evidence
    source: tuple[_Actor, ...]
    target: tuple[_Actor, ...]
    factuality: str
    date: _Date | None
    location: _Location | None


@dataclass(frozen=True, slots=True)
class Agreement:
    """The scorer's counts for one set of articles (and, optionally, one type)."""

    records: int
    matched: int
    gold: int
    found: int
    type_right: int
    in_event_sentences: int
    fields: dict[str, tuple[int, int]]  # name -> (agreeing, compared)

    @property
    def precision(self) -> float | None:
        return ratio(self.matched, self.records)

    @property
    def recall(self) -> float | None:
        return ratio(self.found, self.gold)

    @property
    def f1(self) -> float | None:
        return harmonic_mean(self.precision, self.recall)


def spacy_sentences() -> SentenceSplitter:
    """The coder's own sentence split (its evidence sentences come from the same pipeline)."""
    from eventwire.nlp import load_pipeline

    pipeline = load_pipeline()

    def split(text: str) -> list[tuple[int, int]]:
        return [(sentence.start_char, sentence.end_char) for sentence in pipeline(text).sents]

    return split


def _actors(phrase: str | None, country: str | None) -> tuple[_Actor, ...]:
    # An annotator who names only a country (no phrase) still claims that country.
    if phrase is None and country is None:
        return ()
    return (_Actor(phrase or "", country),)


def as_records(events: Sequence[GoldEvent], text: str, sentences: Sequence[tuple[int, int]]
               ) -> list[_AnnotatorRecord]:
    """The second annotator's events as records: each takes the sentence that holds its trigger."""
    records = []
    for event in events:
        start, end = next(((s, e) for s, e in sentences if s <= event.trigger_start < e),
                          (event.sentence_start, event.trigger_start + len(event.trigger)))
        records.append(_AnnotatorRecord(
            event.type, _Evidence(start, end, event.trigger_start, event.trigger),
            _actors(event.source, event.source_country), _actors(event.target, event.target_country),
            event.factuality, _Date(event.date) if event.date else None,
            _Location(event.place_country) if event.place_country else None))
    return records


def agreement(first: Sequence[GoldDocument], second: Sequence[GoldDocument], texts: dict[str, str],
              split_sentences: SentenceSplitter, event_type: str | None = None) -> Agreement:
    """Annotator 2 scored against annotator 1 on the articles both annotated (those of `second`)."""
    by_doc = {document.doc: document for document in first}
    tally = _Tally()
    for document in second:
        reference = by_doc[document.doc]
        chosen = [event for event in document.events if event_type in (None, event.type)]
        gold = GoldDocument(reference.doc, reference.published, reference.split,
                            tuple(event for event in reference.events if event_type in (None, event.type)))
        text = texts[document.doc]
        score_document(gold, as_records(chosen, text, split_sentences(text)), tally)
    fields = {name: (tally.fields[name][0], tally.fields[name][1]) for name in FIELDS}
    return Agreement(tally.records, tally.matched_records, tally.gold, tally.gold_found,
                     tally.type_right_in_event_sentences, tally.records_in_event_sentences, fields)


def _cell(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def report(first: Sequence[GoldDocument], second: Sequence[GoldDocument], texts: dict[str, str],
           split_sentences: SentenceSplitter) -> list[str]:
    lines = [f"articles: {len(second)} ({', '.join(document.doc[:20] for document in second)})"]
    overall = agreement(first, second, texts, split_sentences)
    lines.append(f"annotator 2 against annotator 1: precision {_cell(overall.precision)} "
                 f"({overall.matched}/{overall.records}), recall {_cell(overall.recall)} "
                 f"({overall.found}/{overall.gold} not repeats), F1 {_cell(overall.f1)}, type accuracy "
                 f"{_cell(ratio(overall.type_right, overall.in_event_sentences))} "
                 f"({overall.type_right}/{overall.in_event_sentences})")
    lines.append("fields of matched pairs: " + ", ".join(
        f"{name} {_cell(ratio(right, compared))} ({right}/{compared})"
        for name, (right, compared) in overall.fields.items()))
    reverse = agreement(second, first_subset(first, second), texts, split_sentences)
    lines.append(f"annotator 1 against annotator 2 (the other way round): precision "
                 f"{_cell(reverse.precision)}, recall {_cell(reverse.recall)}, F1 {_cell(reverse.f1)}")
    types = sorted({event.type for document in (*first_subset(first, second), *second)
                    for event in document.events})
    lines.append(f"{'type':<10} {'A2 events':>9} {'matched':>7} {'A1 (not rep.)':>13} {'found':>5} "
                 f"{'precision':>9} {'recall':>7} {'F1':>6}")
    for name in types:
        typed = agreement(first, second, texts, split_sentences, name)
        lines.append(f"{name:<10} {typed.records:>9} {typed.matched:>7} {typed.gold:>13} {typed.found:>5} "
                     f"{_cell(typed.precision):>9} {_cell(typed.recall):>7} {_cell(typed.f1):>6}")
    return lines


def first_subset(first: Sequence[GoldDocument], second: Sequence[GoldDocument]) -> list[GoldDocument]:
    """Annotator 1's lines for the articles annotator 2 annotated, in annotator 2's order."""
    by_doc = {document.doc: document for document in first}
    return [by_doc[document.doc] for document in second]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, required=True, help="the shared folder holding eval/")
    parser.add_argument("--first", type=Path, default=ANNOTATIONS, help="annotator 1 (the gold)")
    parser.add_argument("--second", type=Path, default=SECOND_ANNOTATOR, help="annotator 2")
    arguments = parser.parse_args()
    first, second = load_gold(arguments.first), load_gold(arguments.second)
    missing = {document.doc for document in second} - {document.doc for document in first}
    if missing:
        raise SystemExit(f"annotator 1 has no line for {', '.join(sorted(missing))}")
    texts = load_texts(arguments.shared / "eval")
    for line in report(first, second, texts, spacy_sentences()):
        print(line)


if __name__ == "__main__":
    main()

"""Which PLOVER types the learned head and the coder mistake for which (issue #15, session 21).

Two tables, both on data that may be read while tuning:

- `folds`: the head alone on the dev folds of the authored train part (each fold scored by the head fitted
  without it, as `train.run` measures them), every labelled candidate counted by (gold class, predicted
  class), NONE included; `--variant` fits other heads on the same features (class-weight power, hidden
  units, epochs, L2) so a change is compared on the same folds in one run.
- `heads`: trained heads (model folders) on the authored calibration part, which none was fitted on, the
  same sentences for each (a batch one of them added is left out by its id prefix).
- `documents`: the coder on the dev halves of the document gold's given lines (records in sentences with
  a gold event whose type is none of that sentence's gold types). Only dev errors exist to count: the
  scorer withholds the locked half's.

    PYTHONPATH=src python -m eventwire.events.learned.confusion folds --cache /tmp/c [--variant power=0.75]
    PYTHONPATH=src python -m eventwire.events.learned.confusion heads A B --leave-out t21- --cache /tmp/c
    PYTHONPATH=src python -m eventwire.events.learned.confusion documents --shared ../shared --lines 0:90
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from eventwire.events.learned.authored import CLASSES, NO_EVENT

if TYPE_CHECKING:
    from spacy.tokens import Token

Confusion = Counter[tuple[str, str]]  # (gold, predicted) -> count


@dataclass(frozen=True)
class HeadSettings:
    """What `train.fit_mlp` is given (0: its default)."""

    class_weight_power: float
    hidden: int = 0
    epochs: int = 0
    l2: float = 1e-5

    @classmethod
    def parse(cls, text: str, default_power: float) -> HeadSettings:
        """`power=0.75,hidden=96,epochs=8,l2=1e-4` (any subset)."""
        values: dict[str, float] = {}
        for item in filter(None, (part.strip() for part in text.split(","))):
            key, _, value = item.partition("=")
            if key not in {"power", "hidden", "epochs", "l2"}:
                raise ValueError(f"unknown head setting {key!r} in {text!r}: use power, hidden, epochs, l2")
            values[key] = float(value)
        return cls(values.get("power", default_power), int(values.get("hidden", 0)),
                   int(values.get("epochs", 0)), values.get("l2", 1e-5))


def count(gold: Iterable[int], predicted: Iterable[int]) -> Confusion:
    """(gold class, predicted class) counts from class indices."""
    return Counter((CLASSES[g], CLASSES[p]) for g, p in zip(gold, predicted, strict=True))


def type_pairs(confusion: Confusion) -> list[tuple[tuple[str, str], int]]:
    """The confusions between two PLOVER types, unordered (A/B counts A read as B and B read as A), most
    frequent first."""
    pairs: Counter[tuple[str, str]] = Counter()
    for (gold, predicted), n in confusion.items():
        if gold != predicted and NO_EVENT not in (gold, predicted):
            pairs[tuple(sorted((gold, predicted)))] += n  # type: ignore[index]
    return pairs.most_common()


def table(confusion: Confusion, classes: Sequence[str] = CLASSES) -> str:
    """The matrix as text: one row per gold class, one column per predicted class (4-letter heads)."""
    shown = [c for c in classes if any(confusion[(c, p)] or confusion[(p, c)] for p in classes)]
    lines = ["gold \\ predicted " + " ".join(f"{c[:4]:>5s}" for c in shown) + "   n  right"]
    for gold in shown:
        row = [confusion[(gold, predicted)] for predicted in shown]
        total = sum(confusion[(gold, p)] for p in classes)
        right = confusion[(gold, gold)] / total if total else 0.0
        lines.append(f"{gold:17s} " + " ".join(f"{n:5d}" for n in row) + f" {total:5d} {right:.3f}")
    return "\n".join(lines)


def summary(confusion: Confusion, top: int = 12) -> str:
    """Type accuracy on events, events read as NONE, types mistaken, and the most confused pairs."""
    events = sum(n for (gold, _), n in confusion.items() if gold != NO_EVENT)
    right = sum(n for (gold, predicted), n in confusion.items() if gold == predicted != NO_EVENT)
    as_none = sum(n for (gold, predicted), n in confusion.items() if gold != NO_EVENT == predicted)
    false = sum(n for (gold, predicted), n in confusion.items() if gold == NO_EVENT != predicted)
    pairs = type_pairs(confusion)
    mistyped = sum(n for _, n in pairs)
    text = (f"events {events}: right type {right} ({right / max(events, 1):.4f}), read as NONE {as_none}, "
            f"another type {mistyped}; NONE candidates read as an event {false}\n"
            + "most confused type pairs: " + ", ".join(f"{a}/{b} {n}" for (a, b), n in pairs[:top]))
    return text


# --- the head on the dev folds ------------------------------------------------------------------------


def fold_confusions(data_folder: Path, cache: Path | None, settings: Sequence[HeadSettings],
                    echo: Callable[[str], None] = print, folds: int | None = None) -> list[Confusion]:
    """One confusion per head setting, summed over the dev folds (authored sentences only, as the
    floors' dev-fold figures)."""
    from eventwire.events.learned import split, train
    from eventwire.events.learned.candidates import candidate_lexicon
    from eventwire.events.triggers import TriggerTable
    from eventwire.nlp import load_pipeline

    started = time.perf_counter()
    sentences, _files, _rejected, _real = train.load_sentences(data_folder, None, echo, use_real=False)
    nlp = load_pipeline()
    docs = train.parse_all(nlp, sentences, cache)
    parts = [split.part_of_sentence(s) for s in sentences]
    lemmas = train.trigger_lemmas([d for d, p in zip(docs, parts, strict=True) if p != "locked"],
                                  [s for s, p in zip(sentences, parts, strict=True) if p != "locked"])
    prepared = train.prepare(docs, sentences, TriggerTable.load(), candidate_lexicon(lemmas))
    echo(f"features in {time.perf_counter() - started:.0f} s")
    train_ids = {i for i, p in enumerate(parts) if p == "train"}
    by_fold = {f: {i for i in train_ids if split.fold_of_sentence(sentences[i]) == f}
               for f in range(split.FOLDS)}
    chosen_folds = list(by_fold.items())[:folds] if folds else list(by_fold.items())
    results: list[Confusion] = []
    for setting in settings:
        confusion: Confusion = Counter()
        for _fold, held_out in chosen_folds:
            head = train.fit_mlp([e for e in prepared.examples if e.sentence in train_ids - held_out],
                                 setting.l2, hidden=setting.hidden, epochs=setting.epochs,
                                 class_weight_power=setting.class_weight_power)
            scored = [e for e in prepared.examples if e.sentence in held_out and e.label != train.IGNORED]
            predicted = head.probabilities([e.features for e in scored]).argmax(axis=1)
            confusion += count([e.label for e in scored], predicted.tolist())
        echo(f"{setting}: {time.perf_counter() - started:.0f} s\n{summary(confusion)}")
        results.append(confusion)
    return results


def part_confusions(data_folder: Path, cache: Path | None, folders: Sequence[Path], part: str = "calibration",
                    leave_out: Sequence[str] = ()) -> list[Confusion]:
    """Trained heads (model folders) on one part of the authored sentences that no head was fitted on:
    the same sentences for every head, those whose id starts with one of `leave_out` left out (a batch
    one of the heads added). Never the locked part: its errors are not looked at."""
    from eventwire.events.learned import split, train
    from eventwire.events.learned.candidates import candidate_lexicon, read_lemmas
    from eventwire.events.learned.model import LinearHead
    from eventwire.events.triggers import TriggerTable
    from eventwire.nlp import load_pipeline

    if part not in {"calibration", "train"}:
        raise ValueError(f"part {part!r}: only calibration (or train) may be read; the locked part is not")
    sentences, _files, _rejected, _real = train.load_sentences(data_folder, None, lambda _: None,
                                                               use_real=False)
    chosen = [s for s in sentences
              if split.part_of_sentence(s) == part and not s.id.startswith(tuple(leave_out))]
    docs = train.parse(load_pipeline(), chosen, cache)
    results: list[Confusion] = []
    for folder in folders:
        head, _manifest = LinearHead.read(folder)
        lexicon = candidate_lexicon(read_lemmas(folder / "candidate_lemmas.txt"))
        prepared = train.prepare(docs, chosen, TriggerTable.load(), lexicon)
        scored = [e for e in prepared.examples if e.label != train.IGNORED]
        predicted = head.probabilities([e.features for e in scored]).argmax(axis=1)
        results.append(count([e.label for e in scored], predicted.tolist()))
    return results


# --- the coder on the document gold's dev halves --------------------------------------------------------


def document_confusion(shared: Path, lines: slice, gold_file: Path | None = None
                       ) -> tuple[Confusion, int, dict[tuple[str, str], list[str]]]:
    """(sentence's gold types, record type) for each dev record in a gold-event sentence whose type is not
    a gold type of that sentence, the number of dev records in gold-event sentences, and the records'
    trigger words per pair."""
    from eventwire.evaluation import documents
    from eventwire.events import EventCoder

    source = gold_file or documents.annotations_path()
    chosen = source.read_text(encoding="utf-8").splitlines()[lines]
    with tempfile.TemporaryDirectory() as folder:
        part = Path(folder) / "lines.jsonl"
        part.write_text("\n".join(chosen) + "\n", encoding="utf-8")
        result = documents.evaluate(shared / "eval", system=EventCoder.load(), annotations=part)
        gold_events = {d.doc: d.events for d in documents.load_gold(part)}
    confusion: Confusion = Counter()
    triggers: dict[tuple[str, str], list[str]] = {}
    for error in result.errors:  # dev errors only: the scorer withholds the locked half's
        if error.note != "record matches no gold event" or error.gold == "no event":
            continue
        record_type = error.predicted.split(" ", 1)[0]
        gold_types = [t.strip() for t in error.gold.split(",")]
        if record_type not in gold_types:
            doc, _, at = error.id.rpartition("@")
            word = error.predicted.split(" ", 1)[-1].strip("()")
            start, end = int(at), int(at) + len(word)
            on_gold = any(e.trigger_start < end and start < e.trigger_start + len(e.trigger)
                          for e in gold_events.get(doc, ()))
            # a record on a gold trigger with another type is the head's (or the table's) confusion; a
            # record on another word of the sentence is a false event beside the gold one
            where = "on the gold trigger" if on_gold else "on another word"
            confusion[(f"{error.gold} [{where}]", record_type)] += 1
            triggers.setdefault((f"{error.gold} [{where}]", record_type), []).append(word)
    figures = {f.name: f for f in result.figures}
    in_event_sentences = int(figures["type_accuracy_dev"].counts["n"])
    return confusion, in_event_sentences, triggers


# --- the relation between a wrong record's word and the gold trigger (session 22) ------------------------

# Relations between a record's word and a gold trigger of its sentence, most specific first.
RELATIONS = ("same word", "record inside the gold trigger's complement", "gold trigger inside the record's "
             "complement", "sibling conjunct", "unrelated", "no gold event in the sentence")


def relation(record_word: Token, gold_word: Token) -> str:
    """How the record's word stands to a gold trigger of its sentence in the parse: the same word, below it
    (the record names an act inside the gold act's content: "accused X of killing"), above it (the gold act
    is inside the record's content: a frame whose record took another type), conjuncts of one another or of
    one word ("attacked and killed"), or unrelated."""
    if record_word.i == gold_word.i:
        return RELATIONS[0]
    if _conjuncts(record_word, gold_word):
        return RELATIONS[3]
    if gold_word in record_word.ancestors:
        return RELATIONS[1]
    if record_word in gold_word.ancestors:
        return RELATIONS[2]
    return RELATIONS[4]


def _conjuncts(one: Token, other: Token) -> bool:
    """Joined by "and/or" links alone: one the conjunct of the other, or both of one first conjunct."""
    def first_conjunct(word: Token) -> Token:
        while word.dep_ == "conj" and word.head.i != word.i:
            word = word.head
        return word
    return first_conjunct(one).i == first_conjunct(other).i


@dataclass(frozen=True)
class WrongRecord:
    """A dev record that matches no gold event, with its word and how that word stands to the gold triggers
    of its sentence (the most specific relation to any of them)."""

    doc: str
    record_type: str
    record_word: str
    gold: str  # the sentence's gold types and trigger words, or "no event"
    relation: str
    composed: bool  # the record's reading took in an embedded act (a frame's `action`)
    of_a_gold_type: bool  # its type is one of the sentence's gold types (a second record of one act)


def wrong_records(shared: Path, lines: slice, gold_file: Path | None = None, coder: Any = None
                  ) -> tuple[list[WrongRecord], dict[str, int]]:
    """The dev records of the gold's given lines that match no gold event, each placed by `relation`, and
    the dev figures (records, matched, gold, found). Only dev articles are coded: the locked half is not
    read at all."""
    from eventwire.evaluation import documents
    from eventwire.events import EventCoder
    from eventwire.events.coder_pipeline import run_steps
    from eventwire.events.doc_state import ArticleInfo

    source = gold_file or documents.annotations_path()
    chosen = [d for d in documents.load_gold(_lines_file(source, lines)) if d.split == "dev"]
    articles = documents.load_articles(shared / "eval", chosen)
    coder = coder or EventCoder.load()
    found: list[WrongRecord] = []
    tally: Counter[str] = Counter()
    for document in chosen:
        text, url = articles[document.doc]
        doc = run_steps(coder.steps, coder.nlp(text), ArticleInfo(document.published, None, url or None))
        records = list(doc._.events or ())
        composed = {r.candidate.token.idx for r in (doc._.event_readings or ()) if r.action is not None}
        pairs = documents.match_records(document, records)
        tally["records"] += len(pairs)
        tally["matched"] += sum(1 for _, event in pairs if event is not None)
        tally["gold"] += sum(1 for event in document.events if not event.repeat)
        tally["found"] += sum(1 for _, event in pairs if event is not None and not event.repeat)
        for record, event in pairs:
            if event is not None:
                continue
            evidence = record.evidence
            here = [g for g in document.events if evidence.start <= g.trigger_start < evidence.end]
            word = _token_at(doc, record.evidence.trigger_start)
            if not here or word is None:
                kind = RELATIONS[5] if not here else RELATIONS[4]
            else:
                kinds = [relation(word, gold_word) for g in here
                         if (gold_word := _token_at(doc, g.trigger_start)) is not None]
                kind = min(kinds, key=RELATIONS.index, default=RELATIONS[4])
            gold = ", ".join(f"{g.type} ({g.trigger})" for g in here) or "no event"
            found.append(WrongRecord(document.doc, record.type or "", record.evidence.trigger, gold, kind,
                                     record.evidence.trigger_start in composed,
                                     any(g.type == record.type for g in here)))
    return found, dict(tally)


def _lines_file(source: Path, lines: slice) -> Path:
    chosen = source.read_text(encoding="utf-8").splitlines()[lines]
    part = Path(tempfile.mkdtemp()) / "lines.jsonl"
    part.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return part


def _token_at(doc: Any, offset: int) -> Token | None:
    for token in doc:
        if token.idx <= offset < token.idx + len(token.text_with_ws):
            return token
    return None


def relation_table(wrong: Sequence[WrongRecord]) -> str:
    """Counts by relation, split into mistyped records (in a gold-event sentence, of none of its types) and
    extra ones (a second record of a gold type already matched, or no gold event in the sentence)."""
    lines = [f"{'relation':52s} mistyped  extra  composed"]
    for kind in RELATIONS:
        here = [w for w in wrong if w.relation == kind]
        mistyped = sum(1 for w in here if not w.of_a_gold_type and kind != RELATIONS[5])
        lines.append(f"{kind:52s} {mistyped:8d} {len(here) - mistyped:6d} {sum(w.composed for w in here):9d}")
    extra = sum(1 for w in wrong if w.of_a_gold_type or w.relation == RELATIONS[5])
    lines.append(f"{'all':52s} {len(wrong) - extra:8d} {extra:6d}"
                 f" {sum(w.composed for w in wrong):9d}")
    return "\n".join(lines)


def _slice(text: str) -> slice:
    start, _, stop = text.partition(":")
    return slice(int(start) if start else None, int(stop) if stop else None)


def main(argv: Sequence[str] | None = None) -> int:
    from eventwire.events.learned import train

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    folds = commands.add_parser("folds", help="the head alone on the dev folds of the authored train part")
    folds.add_argument("--data", type=Path, default=Path("data/training/events"))
    folds.add_argument("--cache", type=Path, default=None, help="the parse cache of `train events --cache`")
    folds.add_argument("--variant", action="append", default=[],
                       help="another head on the same features: power=0.75,hidden=96,epochs=8,l2=1e-4")
    folds.add_argument("--folds", type=int, default=None, help="only the first N folds (screening)")
    folds.add_argument("--matrix", action="store_true", help="print the whole matrix of each head")
    heads = commands.add_parser("heads", help="trained heads on the calibration part (same sentences)")
    heads.add_argument("folders", type=Path, nargs="+", help="model folders (weights.npz, manifest.json)")
    heads.add_argument("--data", type=Path, default=Path("data/training/events"))
    heads.add_argument("--cache", type=Path, default=None)
    heads.add_argument("--leave-out", action="append", default=[], help="an id prefix to leave out")
    heads.add_argument("--matrix", action="store_true")
    docs = commands.add_parser("documents", help="the coder on the document gold's dev halves")
    docs.add_argument("--shared", type=Path, default=Path("../shared"))
    docs.add_argument("--lines", default="0:90", help="lines of the gold file (python slice), default 0:90")
    relations = commands.add_parser("relations", help="dev records matching no gold event, by where their"
                                    " word stands to the sentence's gold trigger")
    relations.add_argument("--shared", type=Path, default=Path("../shared"))
    relations.add_argument("--lines", default="0:90")
    relations.add_argument("--list", action="store_true", help="also each record (dev only)")
    arguments = parser.parse_args(argv)
    if arguments.command == "folds":
        settings = [HeadSettings(train.CLASS_WEIGHT_POWER)] + [
            HeadSettings.parse(text, train.CLASS_WEIGHT_POWER) for text in arguments.variant]
        for setting, confusion in zip(settings, fold_confusions(arguments.data, arguments.cache, settings,
                                                                folds=arguments.folds), strict=True):
            if arguments.matrix:
                print(f"{setting}\n{table(confusion)}", flush=True)
        return 0
    if arguments.command == "heads":
        found = part_confusions(arguments.data, arguments.cache, arguments.folders,
                                leave_out=arguments.leave_out)
        for folder, matrix in zip(arguments.folders, found, strict=True):
            shown = f"\n{table(matrix)}" if arguments.matrix else ""
            print(f"{folder}\n{summary(matrix)}{shown}", flush=True)
        return 0
    lines = _slice(arguments.lines)
    if (lines.stop or 10**9) > 90 or (lines.start or 0) >= 90:
        parser.error("only lines 0:90 (first90) may be read: lines 91 on are the untouched measure")
    if arguments.command == "relations":
        wrong, figures = wrong_records(arguments.shared, lines)
        print(f"dev: records {figures['records']}, matched {figures['matched']}, gold {figures['gold']}, "
              f"found {figures['found']}\n{relation_table(wrong)}")
        listed = sorted(wrong, key=lambda w: (RELATIONS.index(w.relation), w.record_type))
        for w in listed if arguments.list else ():
            print(f"{w.relation[:24]:24s} {w.record_type:9s} {w.record_word!r:22s} gold {w.gold}"
                  f"{' [composed]' if w.composed else ''}")
        return 0
    confusion, in_event_sentences, triggers = document_confusion(arguments.shared, lines)
    print(f"dev records in gold-event sentences: {in_event_sentences}; of another type than the sentence's "
          f"gold types: {sum(confusion.values())}")
    for (gold, predicted), n in sorted(confusion.items(), key=lambda item: -item[1]):
        print(f"{n:3d}  gold {gold:48s} record {predicted:10s} {' '.join(triggers[(gold, predicted)])}")
    counts = np.array(list(confusion.values()) or [0])
    print(f"pairs {len(confusion)}, largest {counts.max()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Magnitudes (dead, injured, arrested, participants, money) read from sentences we annotated.

Gold: eval/magnitudes/sentences.jsonl points into real articles of ../shared/eval (`doc` as in
eval/documents: `tr-news:<docid>` or `page:<id>`, and the sentence's character offsets; no text is stored),
and eval/magnitudes/authored.jsonl holds sentences we wrote for kinds the real articles rarely give
(crowd sizes, other currencies, arrests). Each gold item lists the values the sentence gives for each field
(eval/magnitudes/README.md says what counts). Items were split dev/locked by a hash of their reference (of
their text for authored ones) before the extractor was written; locked errors are never printed.

Scored per field and split: a predicted value is right when the sentence's gold has that value (money: the
same amount within 0.5 %, and the currency scored apart); precision over predicted values, recall over
gold values, `exact` the share of sentences with a gold value for the field whose predicted set equals
the gold set, `approximate_right` the share of right counts whose approximate flag agrees with the gold.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.evaluation.documents import load_texts
from eventwire.evaluation.metrics import harmonic_mean, ratio
from eventwire.evaluation.registry import GoldFormatError, on_item
from eventwire.evaluation.results import ErrorCase, Figure, StageResult

STAGE = "magnitudes"
SPLITS = ("dev", "locked")
COUNT_FIELDS = ("dead", "injured", "arrested", "participants")
FIELDS = (*COUNT_FIELDS, "money")

# (kind, value, approximate, currency) as the extractor reads them from one sentence's text
Reading = tuple[str, float, bool, "str | None"]
SentenceReader = Callable[[Sequence[str]], list[list[Reading]]]


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str  # doc:start-end, or authored:<n>
    text: str
    split: str
    values: dict[str, tuple[float, ...]]
    currencies: tuple[str | None, ...]  # of the money values, in order
    approximate: frozenset[str]


@dataclass
class _Tally:
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    exact: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    with_gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    approximate_right: int = 0
    approximate_scored: int = 0
    currency_right: int = 0
    currency_scored: int = 0
    sentences: int = 0
    empty_sentences: int = 0  # gold gives no value: every prediction there reads a number it must not
    empty_clean: int = 0


def gold_folder() -> Path:
    return Path(__file__).resolve().parents[3] / "eval" / "magnitudes"


def _shown(folder: Path) -> str:
    """The folder as the report shows it: relative to the repository when inside it, so the report does
    not change with the checkout's location."""
    root = gold_folder().parents[1]
    try:
        return str(folder.resolve().relative_to(root))
    except ValueError:
        return str(folder)


def _values(row: dict[str, Any], where: str) -> tuple[dict[str, tuple[float, ...]], tuple[str | None, ...]]:
    values: dict[str, tuple[float, ...]] = {}
    try:
        for name in COUNT_FIELDS:
            values[name] = tuple(float(value) for value in row.get(name, ()))
        money = row.get("money", ())
        values["money"] = tuple(float(item["amount"]) for item in money)
        currencies = tuple(item.get("currency") for item in money)
    except (TypeError, ValueError, KeyError) as error:
        raise GoldFormatError(f"{where}: bad values ({error})") from error
    return values, currencies


def load_gold(folder: Path, texts: dict[str, str]) -> list[GoldSentence]:
    """The annotated sentences: references into the shared articles, and the authored sentences."""
    sentences: list[GoldSentence] = []
    references = folder / "sentences.jsonl"
    for number, line in enumerate(references.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        where = f"{references}:{number}"
        text = texts.get(row["doc"])
        if text is None:
            raise GoldFormatError(f"{where}: no text for {row['doc']}")
        start, end = int(row["start"]), int(row["end"])
        values, currencies = _values(row, where)
        sentences.append(
            GoldSentence(
                f"{row['doc']}:{start}-{end}",
                text[start:end],
                row["split"],
                values,
                currencies,
                frozenset(row.get("approximate", ())),
            )
        )
    authored = folder / "authored.jsonl"
    if authored.exists():
        for number, line in enumerate(authored.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            values, currencies = _values(row, f"{authored}:{number}")
            sentences.append(
                GoldSentence(
                    f"authored:{number}",
                    row["text"],
                    row["split"],
                    values,
                    currencies,
                    frozenset(row.get("approximate", ())),
                )
            )
    for sentence in sentences:
        if sentence.split not in SPLITS:
            raise GoldFormatError(f"{folder}: {sentence.id}: split must be dev or locked")
    return sentences


def spacy_reader() -> SentenceReader:
    """The real extractor: each sentence parsed on its own, every quantity of it read."""
    from eventwire.events.magnitudes import sentence_quantities
    from eventwire.nlp import load_pipeline

    nlp = load_pipeline()

    def read(texts: Sequence[str]) -> list[list[Reading]]:
        readings = []
        for doc in nlp.pipe(texts):
            readings.append(
                [
                    (q.kind, q.value, q.approximate, q.currency)
                    for sentence in doc.sents
                    for q in sentence_quantities(sentence)
                ]
            )
        return readings

    return read


def coder_reader() -> SentenceReader:
    """The whole coder: each sentence coded on its own, the magnitudes its event records carry."""
    from eventwire.events import EventCoder

    coder = EventCoder.load()

    def read(texts: Sequence[str]) -> list[list[Reading]]:
        readings: list[list[Reading]] = []
        for text in texts:
            found: list[Reading] = []
            for event in coder.code_text(text):
                size = event.magnitudes
                if size is None:
                    continue
                for name in COUNT_FIELDS:
                    count = getattr(size, name)
                    if count is not None:
                        found.append((name, float(count.value), count.approximate, None))
                if size.money is not None:
                    found.append(("money", size.money.amount, size.money.approximate, size.money.currency))
            readings.append(found)
        return readings

    return read


def _same_amount(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1e-9)


def _score(sentence: GoldSentence, readings: Iterable[Reading], tally: _Tally) -> list[str]:
    """Add one sentence to the tally; the differences, for the error list."""
    tally.sentences += 1
    differences = []
    predicted: dict[str, list[tuple[float, bool, str | None]]] = {name: [] for name in FIELDS}
    for kind, value, approximate, currency in readings:
        if kind in predicted and not any(_same_amount(value, v) for v, _, _ in predicted[kind]):
            predicted[kind].append((value, approximate, currency))
    if not any(sentence.values[name] for name in FIELDS):
        tally.empty_sentences += 1
        tally.empty_clean += not any(predicted.values())
    for name in FIELDS:
        gold = list(dict.fromkeys(sentence.values[name]))
        mine = predicted[name]
        tally.gold[name] += len(gold)
        tally.predicted[name] += len(mine)
        matched = [
            (value, approximate, currency)
            for value, approximate, currency in mine
            if any(_same_amount(value, g) for g in gold)
        ]
        tally.right[name] += len(matched)
        if gold:
            tally.with_gold[name] += 1
            tally.exact[name] += len(matched) == len(gold) == len(mine)
        for value, approximate, currency in matched:
            if name == "money":
                index = next(i for i, g in enumerate(sentence.values["money"]) if _same_amount(value, g))
                tally.currency_scored += 1
                tally.currency_right += currency == sentence.currencies[index]
                if currency != sentence.currencies[index]:
                    differences.append(
                        f"money {value:g}: gold currency {sentence.currencies[index]} read {currency}"
                    )
            else:
                tally.approximate_scored += 1
                tally.approximate_right += approximate == (name in sentence.approximate)
        if sorted(gold) != sorted(value for value, _, _ in mine):
            differences.append(f"{name}: gold {gold or '-'} read {[value for value, _, _ in mine] or '-'}")
    return differences


def _figures(split: str, tally: _Tally) -> list[Figure]:
    figures: list[Figure] = []
    all_right = sum(tally.right.values())
    all_predicted = sum(tally.predicted.values())
    all_gold = sum(tally.gold.values())
    precision, recall = ratio(all_right, all_predicted), ratio(all_right, all_gold)
    figures += [
        Figure(
            f"{split}_precision",
            precision,
            {"right": all_right, "read": all_predicted},
            f"{split}: values read that the sentence's gold has (all fields)",
        ),
        Figure(
            f"{split}_recall",
            recall,
            {"right": all_right, "gold": all_gold},
            f"{split}: gold values read (all fields)",
        ),
        Figure(
            f"{split}_f1",
            harmonic_mean(precision, recall),
            {"sentences": tally.sentences},
            f"{split}: all fields",
        ),
        Figure(
            f"{split}_clean_negatives",
            ratio(tally.empty_clean, tally.empty_sentences),
            {"sentences": tally.empty_sentences, "nothing_read": tally.empty_clean},
            f"{split}: sentences with numbers but no magnitude where nothing was read",
        ),
        Figure(
            f"{split}_approximate_right",
            ratio(tally.approximate_right, tally.approximate_scored),
            {"n": tally.approximate_scored, "right": tally.approximate_right},
            f"{split}: right counts whose approximate flag agrees with the gold",
        ),
        Figure(
            f"{split}_currency_right",
            ratio(tally.currency_right, tally.currency_scored),
            {"n": tally.currency_scored, "right": tally.currency_right},
            f"{split}: right amounts whose ISO currency agrees with the gold",
        ),
    ]
    for name in FIELDS:
        p = ratio(tally.right[name], tally.predicted[name])
        r = ratio(tally.right[name], tally.gold[name])
        figures += [
            Figure(
                f"{split}_{name}_precision",
                p,
                {"right": tally.right[name], "read": tally.predicted[name]},
                f"{split}: {name} values read that are right",
            ),
            Figure(
                f"{split}_{name}_recall",
                r,
                {"right": tally.right[name], "gold": tally.gold[name]},
                f"{split}: gold {name} values read",
            ),
            Figure(
                f"{split}_{name}_exact",
                ratio(tally.exact[name], tally.with_gold[name]),
                {"sentences": tally.with_gold[name], "exact": tally.exact[name]},
                f"{split}: sentences with a gold {name} whose values are read exactly, nothing more",
            ),
        ]
    return figures


def evaluate(
    gold: Path,
    *,
    limit: int | None = None,
    system: SentenceReader | None = None,
    records: SentenceReader | None = None,
    annotations: Path | None = None,
) -> StageResult:
    """`gold` is the evaluation folder (../shared/eval) holding the articles; the annotations are the
    repository's eval/magnitudes/ unless `annotations` names another folder."""
    if not gold.is_dir():
        raise GoldFormatError(f"{gold}: the evaluation folder (../shared/eval) holding the texts is needed")
    folder = annotations or gold_folder()
    if not (folder / "sentences.jsonl").exists():
        raise FileNotFoundError(f"gold data for {STAGE} not found: {folder / 'sentences.jsonl'}")
    sentences = load_gold(folder, load_texts(gold))[:limit]
    if system is None:
        system, records = spacy_reader(), records or coder_reader()
    texts = [sentence.text for sentence in sentences]
    with on_item(STAGE, "all sentences"):
        readings = system(texts)
        carried = records(texts) if records is not None else None
    tallies = {split: _Tally() for split in SPLITS}
    errors: list[ErrorCase] = []
    for sentence, found in zip(sentences, readings, strict=True):
        differences = _score(sentence, found, tallies[sentence.split])
        if differences and sentence.split == "dev":  # locked errors are withheld, so nobody tunes on them
            errors.append(ErrorCase(sentence.id, sentence.text, "; ".join(differences)))
    figures = [figure for split in SPLITS for figure in _figures(split, tallies[split])]
    if carried is not None:
        # the same scoring on what the coder's event records carry: a value is read only when an event of
        # the sentence is coded and the value's clause is the event's
        record_tallies = {split: _Tally() for split in SPLITS}
        for sentence, found in zip(sentences, carried, strict=True):
            _score(sentence, found, record_tallies[sentence.split])
        for split in SPLITS:
            tally = record_tallies[split]
            right, read, gold_values = (
                sum(tally.right.values()),
                sum(tally.predicted.values()),
                sum(tally.gold.values()),
            )
            precision, recall = ratio(right, read), ratio(right, gold_values)
            figures += [
                Figure(
                    f"{split}_records_precision",
                    precision,
                    {"right": right, "read": read},
                    f"{split}: values on the coder's event records that the sentence's gold has",
                ),
                Figure(
                    f"{split}_records_recall",
                    recall,
                    {"right": right, "gold": gold_values},
                    f"{split}: gold values some event record of the sentence carries",
                ),
                Figure(f"{split}_records_f1", harmonic_mean(precision, recall), {}, f"{split}: records"),
            ]
    notes = (
        f"annotations: {_shown(folder)} (references into {gold}, and authored sentences)",
        "each sentence parsed alone; every quantity it gives is read (events/magnitudes.sentence_quantities)",
        "errors are listed for the dev split only; the locked split's errors are withheld",
    )
    return StageResult(STAGE, _shown(folder), len(sentences), tuple(figures), tuple(errors), notes=notes)

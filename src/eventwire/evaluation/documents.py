"""Whole articles against a hand-made gold list of every political event they report (stage `events-docs`).

Gold: eval/documents/gold.jsonl (see eval/documents/README.md): one line per real news article of the
evaluation folder, `{doc, published, split, events: [...]}`, each gold event with its trigger offset, PLOVER
type, actors, factuality, date and place. The article texts stay in the shared evaluation folder and are
read from there: TR-News `<text>` (stripped) for `tr-news:<docid>`, the page's gold `articleBody` in
article-extraction/ground-truth.json for `page:<id>`, and for `pubdate:<file>` the main text eventwire's own
extraction gives of the publication-date set's page pubdate/html/<file> (its URL from
pubdate/gold.json). That text has no gold of its own, so its gold line records the SHA-256 of the text the
offsets refer to (`text_sha256`), and loading fails, naming the article, when the extraction now gives
another text. The stage is therefore anchored, like `records`, at
the evaluation folder (`--shared`), and the annotations are the repository's file.

Each article is coded whole with the real coder (`code_text(text, published=...)`); a record matches a gold
event when its evidence sentence contains the gold trigger offset and its type equals the gold type. Each
gold event is matched at most once (the free gold event of that type nearest to the record's trigger). A
gold event marked `repeat` restates an act an earlier sentence reported: a record matching it is right, but
a repeat no record matches is not a miss. Records without a PLOVER type (CAMEO-only statements) make no
PLOVER claim and are counted, not scored.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from eventwire.evaluation import corpora, metrics
from eventwire.evaluation.metrics import harmonic_mean, ratio
from eventwire.evaluation.registry import GoldFormatError, on_item, require
from eventwire.evaluation.results import ErrorCase, Figure, StageResult

STAGE = "events-docs"
ANNOTATIONS = Path("eval/documents/gold.jsonl")
PUBDATE_DOC = "pubdate:"  # + the page's file name in pubdate/html/
PUBDATE = Path("pubdate")  # the publication-date set under the evaluation folder: gold.json, html/
SPLITS = ("dev", "locked")
# Words that say nothing about who an actor is; two phrases that share only these do not overlap.
_FUNCTION_WORDS = frozenset({
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "for", "to", "by", "from", "with", "s", "its",
    "his", "her", "their", "our", "this", "that", "these", "those",
})


class DocumentCoder(Protocol):
    def code_text(self, text: str, published: str | None = None, url: str | None = None) -> Sequence[Any]: ...


@dataclass(frozen=True, slots=True)
class GoldEvent:
    sentence_start: int
    trigger: str
    trigger_start: int
    type: str
    source: str | None
    source_country: str | None
    target: str | None
    target_country: str | None
    factuality: str
    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    place_country: str | None
    repeat: bool


@dataclass(frozen=True, slots=True)
class GoldDocument:
    doc: str
    published: str | None
    split: str
    events: tuple[GoldEvent, ...]
    text_sha256: str | None = None  # pubdate pages: the SHA-256 of the extracted text the offsets refer to


def annotations_path() -> Path:
    """The repository's gold file: from the working directory, else next to this (editable) package."""
    if ANNOTATIONS.exists():
        return ANNOTATIONS
    in_repository = Path(__file__).resolve().parents[3] / ANNOTATIONS
    return in_repository if in_repository.exists() else ANNOTATIONS


def load_gold(path: Path) -> list[GoldDocument]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as failure:
        raise GoldFormatError(f"{path}: cannot read the document gold ({failure})") from failure
    documents = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            documents.append(GoldDocument(
                str(record["doc"]), record.get("published"), str(record["split"]),
                tuple(_gold_event(event) for event in record["events"]), record.get("text_sha256")))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as failure:
            raise GoldFormatError(f"{path}: line {number}: not a gold document ({failure!r})") from failure
        if documents[-1].split not in SPLITS:
            raise GoldFormatError(f"{path}: line {number}: split must be one of {SPLITS}")
        if documents[-1].doc.startswith(PUBDATE_DOC) and not documents[-1].text_sha256:
            raise GoldFormatError(f"{path}: line {number}: {documents[-1].doc} needs `text_sha256`, the"
                                  " SHA-256 of the extracted text its offsets refer to")
    return documents


def _gold_event(event: Mapping[str, Any]) -> GoldEvent:
    return GoldEvent(
        int(event["sentence_start"]), str(event["trigger"]), int(event["trigger_start"]), str(event["type"]),
        event.get("source"), event.get("source_country"), event.get("target"), event.get("target_country"),
        str(event["factuality"]), event.get("date"), event.get("place_country"), bool(event.get("repeat")))


def load_articles(eval_folder: Path, documents: Sequence[GoldDocument] | None = None
                  ) -> dict[str, tuple[str, str | None]]:
    """doc id -> (the text the gold offsets refer to, the article's address or None), for every TR-News
    and article-extraction article the evaluation folder holds, and the publication-date pages of
    `documents` (default: those the repository's gold names; extracting a page costs time, so only the
    annotated ones are read; `()` reads none). The address is where the coder reads the outlet's country
    from, as it does when `ingest` passes the page's URL."""
    return _articles(eval_folder, _pubdate_hashes(documents))


def load_texts(eval_folder: Path, documents: Sequence[GoldDocument] | None = None) -> dict[str, str]:
    """doc id -> the text the gold offsets refer to (`load_articles` without the addresses)."""
    return {doc: text for doc, (text, _url) in load_articles(eval_folder, documents).items()}


def load_urls(eval_folder: Path, documents: Sequence[GoldDocument] | None = None) -> dict[str, str]:
    """doc id -> the article's address where the evaluation folder gives one (`load_articles`)."""
    return {doc: url for doc, (_text, url) in load_articles(eval_folder, documents).items() if url}


def _pubdate_hashes(documents: Sequence[GoldDocument] | None) -> dict[str, str | None]:
    if documents is None:
        gold = annotations_path()
        documents = load_gold(gold) if gold.exists() else []
    return {document.doc: document.text_sha256 for document in documents
            if document.doc.startswith(PUBDATE_DOC)}


def _articles(eval_folder: Path, pubdate_hashes: Mapping[str, str | None] | None = None
              ) -> dict[str, tuple[str, str | None]]:
    articles: dict[str, tuple[str, str | None]] = {}
    if (eval_folder / corpora.TR_NEWS).exists():
        articles.update((f"tr-news:{item.id}", (item.text.strip(), item.url))
                        for item in corpora.tr_news(eval_folder / corpora.TR_NEWS))
    if (eval_folder / corpora.PAGES).exists():
        articles.update((f"page:{item.id}", (item.text, item.url))
                        for item in corpora.article_pages(eval_folder / corpora.PAGES))
    if pubdate_hashes and (eval_folder / PUBDATE).exists():
        articles.update(pubdate_articles(eval_folder / PUBDATE, pubdate_hashes))
    return articles


def pubdate_articles(folder: Path, hashes: Mapping[str, str | None]) -> dict[str, tuple[str, str]]:
    """`pubdate:<file>` -> (main text, URL) for the wanted pages of the publication-date set: the text
    eventwire's extraction gives (as `ingest` would read the page), checked against the SHA-256 the gold
    recorded, because the gold's offsets are only right for that text. `None` skips the check."""
    from eventwire.extract.html import extract_page  # trafilatura only when these pages are read

    try:
        addresses = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as failure:
        raise GoldFormatError(f"{folder}/gold.json: cannot read the publication-date set ({failure})"
                              ) from failure
    urls = {entry["file"]: url for url, entry in addresses.items()}
    articles = {}
    for doc, expected in hashes.items():
        file = doc.removeprefix(PUBDATE_DOC)
        if file not in urls:
            raise GoldFormatError(f"{doc}: no page {file!r} in {folder}/gold.json")
        page = (folder / "html" / file).read_bytes().decode("utf-8", "replace")
        text = extract_page(page, urls[file], find_date=False).text
        found = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if expected is not None and found != expected:
            raise GoldFormatError(
                f"{doc}: the text extracted from {folder / 'html' / file} has changed (SHA-256 {found[:12]}…,"
                f" the gold's offsets refer to {expected[:12]}…): the extraction (eventwire.extract.html or"
                " trafilatura) now gives another text, so re-find this page's offsets before scoring it")
        articles[doc] = (text, urls[file])
    return articles


# --- matching one article -----------------------------------------------------------------------------

@dataclass
class _Tally:
    """Counts of one split."""

    documents: int = 0
    records: int = 0
    statements: int = 0  # records without a PLOVER type: counted, not scored
    matched_records: int = 0
    records_in_event_sentences: int = 0
    type_right_in_event_sentences: int = 0
    gold: int = 0  # not repeats
    repeats: int = 0
    gold_found: int = 0  # not repeats matched
    repeats_found: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # [right, n]
    types: Counter[str] = field(default_factory=Counter)
    # (confidence, matched a gold event, matched one that is not a repeat) of each scored record
    confidences: list[tuple[float, bool, bool]] = field(default_factory=list)


def _in_sentence(record: Any, offset: int) -> bool:
    return bool(record.evidence.start <= offset < record.evidence.end)


def match_records(document: GoldDocument, records: Sequence[Any]) -> list[tuple[Any, GoldEvent | None]]:
    """The scorer's matching: the records with a PLOVER type, in text order, each with the gold event it
    matches (of its type, in its sentence, still free, the nearest to its trigger) or None."""
    free = list(document.events)
    typed = sorted((record for record in records if record.type),
                   key=lambda record: (record.evidence.start, record.evidence.trigger_start))
    pairs: list[tuple[Any, GoldEvent | None]] = []
    for record in typed:
        candidates = [event for event in free
                      if event.type == record.type and _in_sentence(record, event.trigger_start)]
        event = min(candidates, key=lambda gold: abs(gold.trigger_start - record.evidence.trigger_start),
                    default=None)
        if event is not None:
            free.remove(event)
        pairs.append((record, event))
    return pairs


def score_document(document: GoldDocument, records: Sequence[Any], tally: _Tally) -> list[ErrorCase]:
    """Match one article's records to its gold events, add the counts to `tally`, return its errors."""
    errors: list[ErrorCase] = []
    tally.documents += 1
    tally.gold += sum(1 for event in document.events if not event.repeat)
    tally.repeats += sum(1 for event in document.events if event.repeat)
    free = list(document.events)
    pairs = match_records(document, records)
    tally.statements += len(records) - len(pairs)
    for record, event in pairs:
        tally.records += 1
        tally.types[record.type] += 1
        in_sentence = [gold for gold in document.events if _in_sentence(record, gold.trigger_start)]
        if in_sentence:
            tally.records_in_event_sentences += 1
            tally.type_right_in_event_sentences += any(gold.type == record.type for gold in in_sentence)
        confidence = getattr(record, "confidence", None)  # another annotator's records have none
        if confidence is not None:
            tally.confidences.append((confidence, event is not None, event is not None and not event.repeat))
        if event is None:
            gold_here = ", ".join(sorted({gold.type for gold in in_sentence})) or "no event"
            errors.append(ErrorCase(f"{document.doc}@{record.evidence.trigger_start}", gold_here,
                                    f"{record.type} ({record.evidence.trigger})",
                                    "record matches no gold event"))
            continue
        free.remove(event)
        tally.matched_records += 1
        if event.repeat:
            tally.repeats_found += 1
        else:
            tally.gold_found += 1
        for name, right in _field_checks(event, record).items():
            if right is not None:
                tally.fields[name][0] += right
                tally.fields[name][1] += 1
    for event in free:
        if not event.repeat:
            errors.append(ErrorCase(f"{document.doc}@{event.trigger_start}",
                                    f"{event.type} ({event.trigger})", "no record", "gold event missed"))
    return errors


def _field_checks(event: GoldEvent, record: Any) -> dict[str, bool | None]:
    """Each field of a matched pair: right, wrong, or None when the gold does not give it."""
    date = getattr(record, "date", None)
    location = getattr(record, "location", None)
    return {
        "source": _actor_right(event.source, event.source_country, record.source),
        "target": _actor_right(event.target, event.target_country, record.target),
        "factuality": record.factuality == event.factuality,
        "date": None if event.date is None else _date_within(date.start if date else None, event.date),
        "place": None if event.place_country is None else (
            location is not None and location.country == event.place_country),
    }


def _words(phrase: str) -> set[str]:
    return {word for word in re.findall(r"\w+", phrase.casefold()) if word not in _FUNCTION_WORDS}


def _actor_right(phrase: str | None, country: str | None, actors: Sequence[Any]) -> bool | None:
    """Right when some actor's phrase shares a content word with the gold phrase (when the gold gives one)
    and that actor's country equals the gold country (when both are given)."""
    if phrase is None and country is None:
        return None
    if not actors:
        return False
    chosen = actors[0]
    if phrase is not None:
        overlapping = [actor for actor in actors if _words(actor.text) & _words(phrase)]
        if not overlapping:
            return False
        chosen = overlapping[0]
    return country is None or chosen.country is None or chosen.country == country


def _date_within(start: str | None, period: str) -> bool:
    """The record's start day lies in the gold period (a year, a month or a day)."""
    return start is not None and start[: len(period)] == period


# --- the stage ----------------------------------------------------------------------------------------

_FIELDS = {
    "source": "matched pairs: a source phrase shares a content word with the gold and the country agrees",
    "target": "matched pairs: a target phrase shares a content word with the gold and the country agrees",
    "factuality": "matched pairs: the record's factuality equals the gold's",
    "date": "matched pairs: the record's date start lies in the gold's day, month or year",
    "place": "matched pairs: the record's location country equals the gold place's country",
}


def evaluate(gold: Path, *, limit: int | None = None, system: DocumentCoder | None = None,
             annotations: Path | None = None) -> StageResult:
    """`gold` is the evaluation folder (../shared/eval) holding the texts; the annotations are the
    repository's eval/documents/gold.jsonl unless `annotations` names another file."""
    if not gold.is_dir():
        raise GoldFormatError(f"{gold}: the evaluation folder (../shared/eval) holding the texts is needed")
    annotation_file = annotations or annotations_path()
    if not annotation_file.exists():
        raise FileNotFoundError(f"gold data for {STAGE} not found: {annotation_file}")
    documents = load_gold(annotation_file)[:limit]
    articles = load_articles(gold, documents)
    texts = {doc: text for doc, (text, _url) in articles.items()}
    urls = {doc: url for doc, (_text, url) in articles.items() if url}
    missing = [document.doc for document in documents if document.doc not in texts]
    if missing:
        raise GoldFormatError(f"{gold}: no text for {', '.join(missing)}")
    for document in documents:
        _check_offsets(document, texts[document.doc], gold)
    coder = system or require(STAGE, "eventwire.events", "EventCoder").load()
    tallies = {split: _Tally() for split in SPLITS}
    dev_errors: list[ErrorCase] = []
    for document in documents:
        with on_item(STAGE, document.doc):
            records = list(coder.code_text(texts[document.doc], published=document.published,
                                           url=urls.get(document.doc)))
        errors = score_document(document, records, tallies[document.split])
        if document.split == "dev":  # the locked split's errors are not shown, so nobody tunes on them
            dev_errors += errors
    figures = tuple(figure for split in SPLITS for figure in _figures(split, tallies[split]))
    notes = (
        f"annotations: {annotation_file}; texts: TR-News <text>, article-extraction articleBody and the"
        f" extracted main text of publication-date pages under {gold}",
        "a record matches a gold event when its evidence sentence contains the gold trigger offset and the "
        "types are equal; each gold event is matched once; a matched repeat counts as right, a missed "
        "repeat is not a miss",
        "event_precision: records whose sentence holds any gold event; type_accuracy: of those records, "
        "the ones whose type is among that sentence's gold types",
        "records without a PLOVER type (CAMEO-only statements) are counted as `statements`, not scored",
        "errors are listed for the dev split only; the locked split's errors are withheld",
        "records by confidence, dev: " + reliability(tallies["dev"]),
        "records by confidence, locked: " + reliability(tallies["locked"]),
        "reliability of confidence, dev: " + _reliability_table(tallies["dev"]),
        "reliability of confidence, locked: " + _reliability_table(tallies["locked"]),
        "types of scored records, dev: " + _type_list(tallies["dev"].types)
        + "; locked: " + _type_list(tallies["locked"].types),
    )
    return StageResult(STAGE, str(gold), len(documents), figures, tuple(dev_errors), notes=notes)


def _check_offsets(document: GoldDocument, text: str, folder: Path) -> None:
    """Every gold trigger offset must point at its trigger in the text (texts changed = gold unusable)."""
    for event in document.events:
        written = " ".join(text[event.trigger_start:event.trigger_start + 2 * len(event.trigger)].split())
        if not written.startswith(" ".join(event.trigger.split())):
            raise GoldFormatError(f"{folder}: {document.doc}: the trigger {event.trigger!r} is not at offset "
                                  f"{event.trigger_start}")


def _type_list(types: Counter[str]) -> str:
    return ", ".join(f"{name} {count}" for name, count in types.most_common()) or "none"


# The thresholds an analyst would pass as `--min-confidence`: what share of the records they keep is right,
# and what share of the gold events they still find.
CONFIDENCE_THRESHOLDS = (0.3, 0.5, 0.7, 0.8)
# Equal-width bins of the expected calibration error, as the authored scorers count it
CALIBRATION_BINS = 10


def _threshold_figures(split: str, tally: _Tally) -> list[Figure]:
    figures = []
    for threshold in CONFIDENCE_THRESHOLDS:
        kept = [(matched, new) for confidence, matched, new in tally.confidences if confidence >= threshold]
        right = sum(1 for matched, _ in kept if matched)
        found = sum(1 for _, new in kept if new)
        figures += [
            Figure(f"precision_at_{threshold}_{split}", ratio(right, len(kept)),
                   {"records": len(kept), "matched": right},
                   f"{split}: records of confidence >= {threshold} that match a gold event"),
            Figure(f"recall_at_{threshold}_{split}", ratio(found, tally.gold),
                   {"gold": tally.gold, "found": found},
                   f"{split}: gold events (not repeats) matched by a record of confidence >= {threshold}"),
        ]
    return figures


def calibration_error(tally: _Tally, bins: int = CALIBRATION_BINS
                      ) -> tuple[float | None, list[tuple[str, int, float, float]]]:
    """Expected calibration error of the records' confidence against matching a gold event of their type
    in their sentence (what `confidence` predicts: a real event of this type), over equal-width bins, and
    the reliability table behind it: (bin, records, mean confidence, share matched)."""
    return metrics.calibration_error([(confidence, matched) for confidence, matched, _ in tally.confidences],
                                     bins)


def _reliability_table(tally: _Tally) -> str:
    _, table = calibration_error(tally)
    return "; ".join(f"{name}: n={n} conf={mean:.3f} matched={share:.3f}"
                     for name, n, mean, share in table) or "no records"


def reliability(tally: _Tally, bands: Sequence[float] = (0.0, 0.5, 0.7, 0.85, 1.0)) -> str:
    """Records by confidence band: how many, their mean confidence and the share that match a gold event
    of their type (what confidence predicts)."""
    parts = []
    for low, high in itertools.pairwise(bands):
        inside = [(confidence, matched) for confidence, matched, _ in tally.confidences
                  if low <= confidence < high or (high == bands[-1] and confidence == high)]
        if inside:
            mean = sum(confidence for confidence, _ in inside) / len(inside)
            share = sum(1 for _, matched in inside if matched) / len(inside)
            parts.append(f"{low:.2f}-{high:.2f}: n={len(inside)} conf={mean:.3f} matched={share:.3f}")
    return "; ".join(parts) or "no records"


def _figures(split: str, tally: _Tally) -> list[Figure]:
    precision = ratio(tally.matched_records, tally.records)
    recall = ratio(tally.gold_found, tally.gold)
    record_counts = {"documents": tally.documents, "records": tally.records,
                     "matched": tally.matched_records, "statements": tally.statements}
    figures = [
        Figure(f"precision_{split}", precision, record_counts,
               f"{split}: records that match a gold event of their type in their sentence"),
        Figure(f"event_precision_{split}", ratio(tally.records_in_event_sentences, tally.records),
               {"records": tally.records, "in_event_sentences": tally.records_in_event_sentences},
               f"{split}: records in a sentence that reports any gold event"),
        Figure(f"recall_{split}", recall,
               {"gold": tally.gold, "found": tally.gold_found, "repeats": tally.repeats,
                "repeats_found": tally.repeats_found},
               f"{split}: gold events (not repeats) that a record matches"),
        Figure(f"f1_{split}", harmonic_mean(precision, recall),
               {"precision": precision or 0.0, "recall": recall or 0.0}, f"{split}: of precision and recall"),
        Figure(f"type_accuracy_{split}",
               ratio(tally.type_right_in_event_sentences, tally.records_in_event_sentences),
               {"n": tally.records_in_event_sentences, "correct": tally.type_right_in_event_sentences},
               f"{split}: records in gold-event sentences whose type is one of that sentence's gold types"),
    ]
    figures += _threshold_figures(split, tally)
    error, _ = calibration_error(tally)
    figures.append(Figure(f"confidence_ece_{split}", None if error is None else round(error, 4),
                          {"records": len(tally.confidences)},
                          f"{split}: expected calibration error of `confidence` ({CALIBRATION_BINS} bins)"
                          " against matching a gold event of the record's type", higher_is_better=False))
    for name, description in _FIELDS.items():
        right, scored = tally.fields[name]
        figures.append(Figure(f"{name}_right_{split}", ratio(right, scored),
                              {"n": scored, "correct": right}, f"{split}: {description}"))
    return figures

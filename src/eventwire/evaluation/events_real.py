"""The whole coder on the labelled sentences of real articles (data/training/events/real-*.jsonl).

Annotators labelled every sentence (up to 80 per article) of 96 real articles under ../shared/eval that the
document gold does not use: most are sentences with no event, of exactly the kinds that gave false records.
The rows hold offsets only; the texts are read from the shared folder (`gold` is its eval/ folder).

Each article is coded whole, as `ingest` codes it (its address given, so the outlet's country is read); a
record belongs to the labelled sentence that holds its trigger (records in sentences past the labelled ones
are not scored; records without a PLOVER type are statements, not scored). Articles are split by the
trainer's article hash (split.part_of_doc): `dev` is the calibration part (the trainer fits the temperature
and the combination of rules and model there, never the weights), `locked` is the locked part, never looked
at (its errors are never listed). The train part is not scored: the head is fitted on it.

Per labelled sentence with no event: given no record or not (`negatives_without_record`, higher is
better). Per record: true when its trigger overlaps a labelled trigger (`record_precision`); right when it
also has the type and names the labelled source and target (`record_accuracy`). Per labelled event: found
when a record's trigger overlaps it (`event_recall`), right when one of those has its type
(`type_accuracy`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from eventwire.evaluation.metrics import ratio
from eventwire.evaluation.registry import GoldFormatError, on_item, require
from eventwire.evaluation.results import ErrorCase, Figure, StageResult

STAGE = "events-real"
PARTS = {"dev": "calibration", "locked": "locked"}
EVENTS_FOLDER = Path("data/training/events")


def rows_folder() -> Path:
    """The repository's training folder: from the working directory, else next to this package."""
    if EVENTS_FOLDER.is_dir():
        return EVENTS_FOLDER
    return Path(__file__).resolve().parents[3] / EVENTS_FOLDER


def in_article(sentence: Any) -> Any:
    """The sentence with its events' offsets moved from the sentence to the article."""
    shift = sentence.offset

    def moved(span: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if span is None else (span[0] + shift, span[1] + shift)

    events = tuple(replace(event, trigger_start=event.trigger_start + shift,
                           trigger_end=event.trigger_end + shift, source=moved(event.source),
                           target=moved(event.target)) for event in sentence.events)
    return replace(sentence, events=events)


def records_by_sentence(sentences: Sequence[Any], records: Sequence[Any]) -> list[list[Any]]:
    """Each labelled sentence's records: those with a PLOVER type whose trigger starts inside it."""
    found: list[list[Any]] = [[] for _ in sentences]
    for record in records:
        if not record.type:
            continue
        start = record.evidence.trigger_start
        for index, sentence in enumerate(sentences):
            if sentence.offset <= start < sentence.offset + len(sentence.text):
                found[index].append(record)
                break
    return found


def score_articles(sentences: Sequence[Any], texts: dict[str, str], urls: dict[str, str], coder: Any
                   ) -> tuple[list[Any], list[list[Any]]]:
    """The sentences (offsets in their article) and each one's records, coding each article once."""
    by_article: dict[str, list[Any]] = {}
    for sentence in sentences:
        by_article.setdefault(sentence.doc, []).append(sentence)
    moved: list[Any] = []
    coded: list[list[Any]] = []
    for doc, chosen in sorted(by_article.items()):
        with on_item(STAGE, doc):
            records = list(coder.code_text(texts[doc], url=urls.get(doc)))
        moved += [in_article(s) for s in chosen]
        coded += records_by_sentence(chosen, records)
    return moved, coded


def evaluate(gold: Path, *, limit: int | None = None, system: Any = None) -> StageResult:
    from eventwire.evaluation.documents import load_articles
    from eventwire.evaluation.events_authored import score_part
    from eventwire.events.learned import real, split

    if not gold.is_dir():
        raise GoldFormatError(f"{gold}: the evaluation folder (../shared/eval) with the articles is needed")
    # the real rows are TR-News and article-extraction sentences: no publication-date page is extracted
    articles = load_articles(gold, documents=())
    texts = {doc: text for doc, (text, _url) in articles.items()}
    rows = real.read_rows(real.real_files(rows_folder()), texts)
    if not rows.sentences:
        raise GoldFormatError(f"no real rows to score in {rows_folder()} ({rows.status})")
    coder = system or require(STAGE, "eventwire.events", "EventCoder").load()
    urls = {doc: url for doc, (_text, url) in articles.items() if url}
    results: dict[str, dict[str, Any]] = {}
    articles: dict[str, int] = {}
    for name, part in PARTS.items():
        chosen_docs = sorted({s.doc for s in rows.sentences if split.part_of_doc(s.doc) == part})[:limit]
        articles[name] = len(chosen_docs)
        wanted = set(chosen_docs)
        chosen = [s for s in rows.sentences if s.doc in wanted]
        sentences, coded = score_articles(chosen, texts, urls, coder)
        results[name] = score_part(sentences, coded)
    figures: list[Figure] = []
    for name, result in results.items():
        n = {"articles": articles[name], "sentences": result["sentences"]}
        negatives = result["negatives"]
        clean = negatives - result["negatives_with_record"]
        figures += [
            Figure(f"{name}_negatives_without_record", ratio(clean, negatives),
                   {**n, "negatives": negatives, "without_record": clean},
                   "sentences with no labelled event given no record"),
            Figure(f"{name}_record_precision", result["event_precision"],
                   {"records": result["records"], "true": result["true_records"]},
                   "records whose trigger is a labelled event's"),
            Figure(f"{name}_record_accuracy", result["record_accuracy"],
                   {"records": result["records"], "right": result["right_records"]},
                   "records of the labelled type between the labelled actors"),
            Figure(f"{name}_event_recall", result["event_recall"],
                   {"gold_events": result["gold_events"], "found": result["found"]},
                   "labelled events with any record on their trigger"),
            Figure(f"{name}_type_accuracy", result["type_accuracy"],
                   {"gold_events": result["gold_events"], "correct": result["right"]},
                   "labelled events with a record of their type on their trigger"),
        ]
    errors = tuple(ErrorCase(i, g, p) for i, g, p in results["dev"]["errors"])  # never the locked part's
    kinds: Counter[str] = Counter(s.negative_kind or "?" for s in rows.sentences if not s.events)
    notes = (
        rows.status,
        "dev = the trainer's calibration part of the real articles, locked = its locked part (split by "
        "article); the train part is not scored; locked errors are never listed",
        "negative kinds of all rows: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()),
    )
    items = sum(r["sentences"] for r in results.values())
    return StageResult(STAGE, str(gold), items, tuple(figures), errors, (), notes)

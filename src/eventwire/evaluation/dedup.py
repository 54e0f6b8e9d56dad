"""Cross-article deduplication against story clusters written for the sample corpus.

Gold: eval/dedup/stories.yaml, real-world events each with the mentions the corpus has of it. The corpus
is ingested into a temporary store with the real coder; each gold mention is found among the stored
events by document, trigger and sentence start. Pairwise precision: of the pairs of listed mentions the
store put in one cluster, how many are one gold event; recall: of the gold pairs, how many the store
linked. A gold mention the coder did not produce counts against recall (its pairs are missed).
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from eventwire.evaluation.metrics import harmonic_mean, ratio
from eventwire.evaluation.registry import GoldFormatError
from eventwire.evaluation.results import ErrorCase, Figure, StageResult


@dataclass(frozen=True, slots=True)
class GoldMention:
    document: str
    trigger: str
    sentence: str


@dataclass(frozen=True, slots=True)
class GoldEvent:
    name: str
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True, slots=True)
class StoredMention:
    origin: str
    trigger: str
    sentence: str
    cluster_id: str


# The system under test: corpus folder -> every stored event mention with its cluster.
Deduplicator = Callable[[Path], list[StoredMention]]


def load_gold(path: Path) -> tuple[Path, list[GoldEvent]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as failure:
        raise GoldFormatError(f"{path}: cannot read the story clusters ({failure})") from failure
    if not isinstance(data, dict) or not isinstance(data.get("events"), list) or not data.get("corpus"):
        raise GoldFormatError(f"{path}: needs `corpus:` and a list of `events:`")
    events = []
    for number, entry in enumerate(data["events"], start=1):
        try:
            mentions = tuple(GoldMention(str(m["document"]), str(m["trigger"]), str(m["sentence"]))
                             for m in entry["mentions"])
        except (KeyError, TypeError) as failure:
            raise GoldFormatError(f"{path}: event {number}: each mention needs document, trigger, sentence"
                                  ) from failure
        events.append(GoldEvent(str(entry.get("name", f"event {number}")), mentions))
    corpus = Path(data["corpus"])
    if not corpus.is_absolute():
        corpus = path.resolve().parents[2] / corpus  # eval/dedup/stories.yaml -> the repository root
    return corpus, events


def ingest_and_read(corpus: Path) -> list[StoredMention]:
    """Ingest every folder of the corpus with the real coder into a temporary store."""
    from eventwire.events import EventCoder
    from eventwire.pipeline import ingest
    from eventwire.store import Store

    folders = sorted(str(p) for p in corpus.iterdir() if p.is_dir())
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "dedup.db") as store:
        ingest(folders, store, on_error=lambda error: None, coder=EventCoder.load())
        rows = store.execute(
            "SELECT a.origin, e.record, e.cluster_id FROM events e JOIN articles a ON a.id = e.article_id"
            " ORDER BY e.rowid"
        ).fetchall()
    mentions = []
    for origin, record, cluster_id in rows:
        evidence = json.loads(record)["evidence"]
        mentions.append(StoredMention(origin, evidence["trigger"], evidence["sentence"], cluster_id))
    return mentions


def _find(mention: GoldMention, stored: Iterable[StoredMention]) -> StoredMention | None:
    return next((s for s in stored if mention.document in s.origin and s.trigger == mention.trigger
                 and s.sentence.startswith(mention.sentence)), None)


def evaluate(gold: Path, *, limit: int | None = None, system: Deduplicator | None = None) -> StageResult:
    corpus, events = load_gold(gold)
    events = events[:limit]
    stored = (system or ingest_and_read)(corpus)
    found: list[tuple[int, GoldMention, StoredMention | None]] = [
        (index, mention, _find(mention, stored)) for index, event in enumerate(events)
        for mention in event.mentions
    ]
    gold_pairs = predicted_pairs = linked_gold_pairs = 0
    errors = []
    for (event_a, mention_a, stored_a), (event_b, mention_b, stored_b) in itertools.combinations(found, 2):
        same_event = event_a == event_b
        linked = stored_a is not None and stored_b is not None and stored_a.cluster_id == stored_b.cluster_id
        gold_pairs += same_event
        predicted_pairs += linked
        linked_gold_pairs += same_event and linked
        if same_event != linked:
            errors.append(ErrorCase(
                f"{events[event_a].name} / {events[event_b].name}",
                "same event" if same_event else "different events",
                "linked" if linked else ("not linked" if stored_a and stored_b else "mention not coded"),
                f"{mention_a.document}:{mention_a.trigger} ~ {mention_b.document}:{mention_b.trigger}",
            ))
    missing = [mention for _, mention, hit in found if hit is None]
    precision = ratio(linked_gold_pairs, predicted_pairs)
    recall = ratio(linked_gold_pairs, gold_pairs)
    counts = {"gold_pairs": gold_pairs, "linked_pairs": predicted_pairs, "correct": linked_gold_pairs}
    figures = (
        Figure("pairwise_precision", precision, counts, "linked pairs that are one real-world event"),
        Figure("pairwise_recall", recall, counts, "pairs of one real-world event that are linked"),
        Figure("pairwise_f1", harmonic_mean(precision, recall), counts),
        Figure("mentions_found", ratio(len(found) - len(missing), len(found)),
               {"n": len(found), "missing": len(missing)}, "gold mentions the coder produced"),
    )
    notes = (
        "story clusters written for this project on the sample corpus (no published figure)",
        "pairs involving a mention the coder did not produce count as missed",
    )
    return StageResult("dedup", str(gold), len(events), figures, tuple(errors), notes=notes)

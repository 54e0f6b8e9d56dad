"""The authored training sentences (data/training/events/*.jsonl, GUIDELINE.md there)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
NO_EVENT = "NONE"
CLASSES = (NO_EVENT, *PLOVER_TYPES)


@dataclass(frozen=True, slots=True)
class AuthoredEvent:
    type: str
    trigger: str
    trigger_start: int  # character offsets of the trigger in the text
    trigger_end: int
    factuality: str
    mode: str | None = None
    source: tuple[int, int] | None = None  # character offsets of the source phrase, None when not named
    target: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class AuthoredSentence:
    id: str
    text: str
    events: tuple[AuthoredEvent, ...]
    negative_kind: str | None = None
    # a real article's sentence (real.py): the article's id and where the sentence starts in its text;
    # None for the authored sentences, which stand alone
    doc: str | None = None
    offset: int = 0


def _locate(text: str, phrase: str, taken: set[int]) -> int:
    """Where a trigger phrase is in the text: its first occurrence not already used by another event."""
    start = text.find(phrase)
    while start >= 0 and start in taken:
        start = text.find(phrase, start + 1)
    return start if start >= 0 else text.find(phrase)


def _phrase(text: str, phrase: object) -> tuple[int, int] | None:
    if not isinstance(phrase, str) or not phrase or phrase not in text:
        return None
    start = text.find(phrase)
    return start, start + len(phrase)


def on_trigger(record: Any, gold: AuthoredEvent) -> bool:
    """Does a coded record's trigger overlap the authored event's?"""
    evidence = record.evidence
    return evidence.trigger_start < gold.trigger_end and gold.trigger_start < evidence.trigger_end


def _names(actors: Any, span: tuple[int, int] | None) -> bool:
    return span is None or any(a.start < span[1] and span[0] < a.end for a in actors)


def record_right(record: Any, gold_events: Iterable[AuthoredEvent]) -> bool:
    """A record is right when it stands on an authored event's trigger with its type, and names the
    authored source and target where the sentence names them (text overlap): the analyst's question,
    "a real event, of the right kind, between the right actors"."""
    return any(on_trigger(record, gold) and record.type == gold.type and _names(record.source, gold.source)
               and _names(record.target, gold.target) for gold in gold_events)



def event_of_type(record: Any, gold_events: Iterable[AuthoredEvent]) -> bool:
    """Is the record a real event of its type, what its `confidence` predicts: does its sentence report an
    authored event of that type (the actors not asked)?"""
    return any(gold.type == record.type for gold in gold_events)

def parse_row(row: dict) -> AuthoredSentence | None:
    """One JSON row -> a sentence, or None when it breaks the guideline (unknown type, trigger not in
    the text): such rows are counted and left out, never guessed at."""
    text, sentence_id = row.get("text"), row.get("id")
    events_in = row.get("events")
    if not isinstance(text, str) or not isinstance(sentence_id, str) or not isinstance(events_in, list):
        return None
    events: list[AuthoredEvent] = []
    taken: set[int] = set()
    for event in events_in:
        trigger = event.get("trigger") if isinstance(event, dict) else None
        if event.get("type") not in PLOVER_TYPES or not isinstance(trigger, str) or not trigger:
            return None
        start = _locate(text, trigger, taken)
        if start < 0:
            return None
        taken.add(start)
        events.append(AuthoredEvent(event["type"], trigger, start, start + len(trigger),
                                    str(event.get("factuality") or "occurred"), event.get("mode"),
                                    _phrase(text, event.get("source")), _phrase(text, event.get("target"))))
    return AuthoredSentence(sentence_id, text, tuple(events), row.get("negative_kind"))


def data_files(folder: Path) -> list[Path]:
    """The authored files: every *.jsonl but the real articles' rows (real-*.jsonl, read by real.py,
    which hold no text)."""
    return sorted(p for p in folder.glob("*.jsonl") if not p.name.startswith("real-"))


def load(paths: Iterable[Path], parse: Callable[[Any], AuthoredSentence | None] | None = None
         ) -> tuple[list[AuthoredSentence], int]:
    """The sentences of the files, first of each id kept; and the number of rows left out. `parse` reads
    one decoded row (default `parse_row`; the real rows' reader adds the article's text)."""
    parse = parse or parse_row
    sentences: list[AuthoredSentence] = []
    seen: set[str] = set()
    rejected = 0
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                parsed = parse(json.loads(line))
            except (json.JSONDecodeError, AttributeError):
                parsed = None
            if parsed is None or parsed.id in seen:
                rejected += 1
                continue
            seen.add(parsed.id)
            sentences.append(parsed)
    return sentences, rejected


def digest(paths: Iterable[Path]) -> str:
    """sha256 over the files' names and bytes: the manifest records which data trained the weights."""
    hasher = hashlib.sha256()
    for path in sorted(paths):
        hasher.update(path.name.encode())
        hasher.update(path.read_bytes())
    return hasher.hexdigest()

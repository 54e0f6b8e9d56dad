"""The authored training sentences (data/training/events/*.jsonl, GUIDELINE.md there)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True, slots=True)
class AuthoredSentence:
    id: str
    text: str
    events: tuple[AuthoredEvent, ...]
    negative_kind: str | None = None


def _locate(text: str, phrase: str, taken: set[int]) -> int:
    """Where a trigger phrase is in the text: its first occurrence not already used by another event."""
    start = text.find(phrase)
    while start >= 0 and start in taken:
        start = text.find(phrase, start + 1)
    return start if start >= 0 else text.find(phrase)


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
                                    str(event.get("factuality") or "occurred"), event.get("mode")))
    return AuthoredSentence(sentence_id, text, tuple(events), row.get("negative_kind"))


def data_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.jsonl"))


def load(paths: Iterable[Path]) -> tuple[list[AuthoredSentence], int]:
    """The sentences of the files, first of each id kept; and the number of rows left out."""
    sentences: list[AuthoredSentence] = []
    seen: set[str] = set()
    rejected = 0
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                parsed = parse_row(json.loads(line))
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

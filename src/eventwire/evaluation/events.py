"""Event coding against the PLOVER gold standard records (GSR, coded with PLOVER 0.5b1).

Gold: a JSON list of records {id, text, event, source: [{actorText, code, sector?}], target: [...] | ""}.
Each record's text is coded on its own; the predicted type is that of the highest-confidence event, and
a sentence with no event is predicted "NONE" (always wrong, shown in the confusion matrix).

Comparisons:
- event types of the older PLOVER version are mapped to today's (OLD_PLOVER_TYPES, from the gold README);
- countries: the first gold actor's code against the first predicted actor's ISO3 country. Gold codes are
  CAMEO-style: country codes that differ from ISO 3166 alpha-3 are mapped (the country table's `cameo`), codes
  that are not countries (IGO, NGO, ...) are not scored, and the number skipped is reported;
- sectors: the first three letters of the gold sector (CAMEO role code; ethnic/religious suffixes such as
  "CVLalb" are dropped), upper-case; "***" (unknown) is not scored.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from eventwire import countries
from eventwire.evaluation.metrics import macro_f1, ratio
from eventwire.evaluation.registry import GoldFormatError, on_item, require
from eventwire.evaluation.results import ErrorCase, Figure, Matrix, StageResult

NO_EVENT = "NONE"

# The gold file's PLOVER 0.5b1 labels -> current PLOVER types (gold README, notes).
OLD_PLOVER_TYPES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

# Current PLOVER types and their quad category (PLOVER manual, per-category sections).
PLOVER_QUAD: dict[str, str] = {
    "AGREE": "verbal cooperation",
    "CONSULT": "verbal cooperation",
    "SUPPORT": "verbal cooperation",
    "CONCEDE": "verbal cooperation",
    "COOPERATE": "material cooperation",
    "AID": "material cooperation",
    "RETREAT": "material cooperation",
    "REQUEST": "verbal conflict",
    "ACCUSE": "verbal conflict",
    "REJECT": "verbal conflict",
    "THREATEN": "verbal conflict",
    "PROTEST": "material conflict",
    "SANCTION": "material conflict",
    "MOBILIZE": "material conflict",
    "COERCE": "material conflict",
    "ASSAULT": "material conflict",
}

UNKNOWN_SECTOR = "***"


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    country: str | None  # ISO3 after mapping; None when the code is not a country
    code: str
    sector: str | None  # normalised three-letter role code


@dataclass(frozen=True, slots=True)
class GoldEventRecord:
    id: str
    text: str
    label: str  # as written in the file
    type: str  # current PLOVER type
    source: GoldActor | None
    target: GoldActor | None


class EventCoder(Protocol):
    def code_text(self, text: str, published: str | None = None) -> Sequence[Any]: ...


def gold_country(code: str) -> str | None:
    """The ISO3 of a gold actor code that is a country (an ISO3, or CAMEO's own older code such as "ROM"
    for Romania, from the country table); None for codes that are not countries (IGO, NGO, ...)."""
    country = countries.by_cameo(code.strip())
    return country.iso3 if country else None


# Older CAMEO role codes that the current ones replaced (CIV for civilians is CVL today).
LEGACY_SECTORS = {"CIV": "CVL"}


def normalise_sector(sector: str | None) -> str | None:
    if not sector or sector.strip() == UNKNOWN_SECTOR:
        return None
    code = sector.strip()[:3].upper()
    return LEGACY_SECTORS.get(code, code)


def load_gold(path: Path) -> list[GoldEventRecord]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as failure:
        raise GoldFormatError(f"{path}: cannot read the PLOVER records ({failure})") from failure
    if not isinstance(records, list):
        raise GoldFormatError(f"{path}: expected a JSON list of records")
    items = []
    for index, record in enumerate(records):
        record_id = record.get("id") or f"record {index + 1}"
        if not isinstance(record.get("text"), str) or not isinstance(record.get("event"), str):
            raise GoldFormatError(f"{path}: {record_id} lacks a text or event field")
        label = record["event"].strip().upper()
        items.append(
            GoldEventRecord(
                record_id,
                record["text"],
                label,
                OLD_PLOVER_TYPES.get(label, label),
                _first_actor(record.get("source")),
                _first_actor(record.get("target")),
            )
        )
    return items


def _first_actor(actors: object) -> GoldActor | None:
    if not isinstance(actors, list) or not actors or not isinstance(actors[0], dict):
        return None
    first = actors[0]
    code = str(first.get("code") or "")
    return GoldActor(
        str(first.get("actorText") or ""),
        gold_country(code),
        code,
        normalise_sector(first.get("sector")),
    )


@dataclass
class _FieldTally:
    """Accuracy of one actor field (source/target country/sector)."""

    scored: int = 0
    correct: int = 0
    skipped: int = 0  # gold has the actor but the field is not scorable (non-country code, unknown sector)

    def figure(self, name: str, description: str) -> Figure:
        counts = {"n": self.scored, "correct": self.correct, "not_scored": self.skipped}
        return Figure(name, ratio(self.correct, self.scored), counts, description)


def evaluate(gold: Path, *, limit: int | None = None, system: EventCoder | None = None) -> StageResult:
    records = load_gold(gold)[:limit]
    coder = system or require("events", "eventwire.events", "EventCoder").load()
    gold_types: list[str] = []
    predicted_types: list[str] = []
    tallies: dict[str, _FieldTally] = defaultdict(_FieldTally)
    errors: list[ErrorCase] = []
    for record in records:
        with on_item("events", record.id):
            events = list(coder.code_text(record.text))
        best = max(events, key=lambda event: event.confidence or 0.0) if events else None
        predicted_type = str(best.type).upper() if best is not None else NO_EVENT
        gold_types.append(record.type)
        predicted_types.append(predicted_type)
        problems = [] if predicted_type == record.type else ["type"]
        for role in ("source", "target"):
            gold_actor: GoldActor | None = getattr(record, role)
            if gold_actor is None:
                continue
            actors = list(getattr(best, role, None) or []) if best is not None else []
            predicted_actor = actors[0] if actors else None
            country = getattr(predicted_actor, "country", None)
            sector = normalise_sector(getattr(predicted_actor, "sector", None))
            problems += _tally(tallies[f"{role}_country"], gold_actor.country, country, f"{role} country")
            problems += _tally(tallies[f"{role}_sector"], gold_actor.sector, sector, f"{role} sector")
        if problems:
            errors.append(
                ErrorCase(
                    record.id,
                    _describe_gold(record),
                    _describe_prediction(best),
                    "wrong " + ", ".join(problems) + f"; text: {record.text.strip()}",
                )
            )
    type_correct = sum(1 for g, p in zip(gold_types, predicted_types, strict=True) if g == p)
    type_classes = sorted(set(gold_types) | (set(predicted_types) - {NO_EVENT}))
    gold_quads = [PLOVER_QUAD.get(t, t) for t in gold_types]
    predicted_quads = [PLOVER_QUAD.get(t, t) for t in predicted_types]
    quad_classes = sorted(set(PLOVER_QUAD.values()))
    quad_correct = sum(1 for g, p in zip(gold_quads, predicted_quads, strict=True) if g == p)
    n = len(records)
    counts = {"n": n, "correct": type_correct, "no_event": predicted_types.count(NO_EVENT)}
    figures = (
        Figure("type_accuracy", ratio(type_correct, n), counts, "top event's PLOVER type"),
        Figure(
            "type_macro_f1",
            macro_f1(gold_types, predicted_types, type_classes),
            {"n": n, "classes": len(type_classes)},
            "unweighted mean of per-type F1",
        ),
        Figure(
            "quad_accuracy",
            ratio(quad_correct, n),
            {"n": n, "correct": quad_correct},
            "PLOVER quad category of the top event",
        ),
        Figure(
            "quad_macro_f1",
            macro_f1(gold_quads, predicted_quads, quad_classes),
            {"n": n, "classes": len(quad_classes)},
            "closest to the published 5-class figure",
        ),
        tallies["source_country"].figure("source_country_accuracy", "first source actor's ISO3 country"),
        tallies["target_country"].figure("target_country_accuracy", "first target actor's ISO3 country"),
        tallies["source_sector"].figure("source_sector_accuracy", "first source actor's sector"),
        tallies["target_sector"].figure("target_sector_accuracy", "first target actor's sector"),
    )
    labels = (*tuple(sorted(set(gold_types) | set(predicted_types) - {NO_EVENT})), NO_EVENT)
    cells: dict[str, dict[str, int]] = {label: {} for label in labels}
    for (gold_type, predicted_type), count in Counter(zip(gold_types, predicted_types, strict=True)).items():
        cells[gold_type][predicted_type] = count
    remapped = sum(1 for record in records if record.label != record.type)
    notes = (
        f"{remapped} gold label(s) mapped from PLOVER 0.5b1 (DEMAND->REQUEST, "
        "DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT)",
        "macro-F1 over the PLOVER types present in gold or predictions; NONE (no event) is never a class but "
        "counts as a miss",
        "the published ConfliBERT figure is 5-class (pentacode) macro-F1 on other data; ours is 4-class "
        "PLOVER quad macro-F1 on these sentences (no 'neutral' class, SANCTION as material conflict)",
        "each sentence is coded alone with no publication date (the file's dates are placeholders)",
        "gold countries are CAMEO-style codes: JAP->JPN, VTN->VNM etc. mapped to ISO3; non-country codes "
        "(IGO, NGO, ...) not scored",
    )
    matrix = Matrix("confusion matrix (PLOVER type)", labels, cells)
    return StageResult("events", str(gold), n, figures, tuple(errors), (matrix,), notes)


def _tally(tally: _FieldTally, gold_value: str | None, predicted_value: str | None, what: str) -> list[str]:
    if gold_value is None:
        tally.skipped += 1
        return []
    tally.scored += 1
    if predicted_value is not None and predicted_value.upper() == gold_value:
        tally.correct += 1
        return []
    return [what]


def _describe_gold(record: GoldEventRecord) -> str:
    label = record.type if record.label == record.type else f"{record.type} (file: {record.label})"
    return f"{label} {_describe_actor(record.source)} -> {_describe_actor(record.target)}"


def _describe_actor(actor: GoldActor | None) -> str:
    if actor is None:
        return "-"
    return f"{actor.text}[{actor.country or actor.code}/{actor.sector or '-'}]"


def _describe_prediction(event: Any) -> str:
    if event is None:
        return NO_EVENT

    def first(actors: Any) -> str:
        actor = (list(actors or []) or [None])[0]
        if actor is None:
            return "-"
        label = getattr(actor, "name", None) or getattr(actor, "text", None) or ""
        country, sector = getattr(actor, "country", None), getattr(actor, "sector", None)
        return f"{label}[{country or '-'}/{sector or '-'}]"

    confidence = event.confidence
    shown = f"{confidence:.2f}" if isinstance(confidence, int | float) else str(confidence)
    return f"{event.type} {first(event.source)} -> {first(event.target)} (confidence {shown})"

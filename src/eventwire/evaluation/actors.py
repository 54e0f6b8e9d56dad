"""Actor resolution against the repository's own cases (eval/actors/cases.jsonl).

Gold: JSON lines {id?, text, date?, country, sector}. `country` is ISO3 or null (the actor has no country,
e.g. an international organisation); `sector` is a sector code or null. A field absent from a case is not
scored for it; a null is scored (the resolver must return None). Comparison is case-insensitive.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from eventwire.evaluation.metrics import ratio
from eventwire.evaluation.registry import GoldFormatError, on_item, require
from eventwire.evaluation.results import ErrorCase, Figure, StageResult

ABSENT = object()  # a field the case does not state (distinct from an explicit null)


@dataclass(frozen=True, slots=True)
class ActorCase:
    id: str
    text: str
    date: dt.date | None
    country: str | object | None  # ABSENT when not stated
    sector: str | object | None


class ActorResolver(Protocol):
    def resolve(self, text: str, when: dt.date | None) -> Any: ...


def load_gold(path: Path) -> list[ActorCase]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as failure:
        raise GoldFormatError(f"{path}: cannot read the actor cases ({failure})") from failure
    cases = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as failure:
            raise GoldFormatError(f"{path}:{number}: not JSON ({failure})") from failure
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise GoldFormatError(f"{path}:{number}: a case needs a text string")
        try:
            date = dt.date.fromisoformat(record["date"][:10]) if record.get("date") else None
        except (TypeError, ValueError) as failure:
            raise GoldFormatError(f"{path}:{number}: bad date {record.get('date')!r}") from failure
        cases.append(
            ActorCase(
                str(record.get("id") or f"line {number}"),
                record["text"],
                date,
                _field(record, "country"),
                _field(record, "sector"),
            )
        )
    return cases


def _field(record: dict[str, Any], name: str) -> str | object | None:
    if name not in record:
        return ABSENT
    value = record[name]
    return str(value).strip().upper() if value else None


def _same(gold: str | object | None, predicted: str | None) -> bool:
    return gold == (predicted.strip().upper() if predicted else None)


def evaluate(gold: Path, *, limit: int | None = None, system: ActorResolver | None = None) -> StageResult:
    cases = load_gold(gold)[:limit]
    resolver = system or require("actors", "eventwire.actors", "ActorResolver").load()
    country_n = country_ok = sector_n = sector_ok = both_n = both_ok = 0
    errors = []
    for case in cases:
        with on_item("actors", case.id):
            resolution = resolver.resolve(case.text, case.date)
        country, sector = getattr(resolution, "country", None), getattr(resolution, "sector", None)
        right_country = right_sector = True
        if case.country is not ABSENT:
            country_n += 1
            right_country = _same(case.country, country)
            country_ok += right_country
        if case.sector is not ABSENT:
            sector_n += 1
            right_sector = _same(case.sector, sector)
            sector_ok += right_sector
        if case.country is not ABSENT and case.sector is not ABSENT:
            both_n += 1
            both_ok += right_country and right_sector
        if not (right_country and right_sector):
            gold_text = f"{_show(case.country)}/{_show(case.sector)}"
            predicted = (
                f"{country or '-'}/{sector or '-'} ({getattr(resolution, 'actor_id', None) or 'no actor'})"
            )
            errors.append(
                ErrorCase(case.id, gold_text, predicted, f"{case.text!r} at {case.date or 'no date'}")
            )
    figures = (
        Figure("country_accuracy", ratio(country_ok, country_n), {"n": country_n, "correct": country_ok}),
        Figure("sector_accuracy", ratio(sector_ok, sector_n), {"n": sector_n, "correct": sector_ok}),
        Figure(
            "both_accuracy",
            ratio(both_ok, both_n),
            {"n": both_n, "correct": both_ok},
            "country and sector both right",
        ),
    )
    notes = ("cases written for this project (no published figure to compare with)",)
    return StageResult("actors", str(gold), len(cases), figures, tuple(errors), notes=notes)


def _show(value: str | object | None) -> str:
    if value is ABSENT:
        return "(not stated)"
    return str(value) if value else "-"

"""Running every stage in one process (`eventwire eval all`) and checking the floors."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from eventwire.evaluation.registry import STAGES, GoldFormatError, run_stage
from eventwire.evaluation.results import StageResult

Status = Literal["scored", "no gold", "failed"]
Floors = dict[str, dict[str, float]]


@dataclass(frozen=True, slots=True)
class StageOutcome:
    stage: str
    status: Status
    gold: Path
    result: StageResult | None = None
    message: str = ""


class FloorsError(ValueError):
    """The floors file cannot be used; the message names the file and the entry."""


def run_all(shared: Path, *, limit: int | None = None, stages: Iterable[str] = STAGES) -> list[StageOutcome]:
    outcomes = []
    for stage in stages:
        gold = STAGES[stage].default_gold(shared)
        try:
            result = run_stage(stage, gold, limit=limit, shared=shared)
            outcomes.append(StageOutcome(stage, "scored", gold, result))
        except FileNotFoundError as absent:
            outcomes.append(StageOutcome(stage, "no gold", gold, message=str(absent)))
        except GoldFormatError as bad_gold:
            outcomes.append(StageOutcome(stage, "failed", gold, message=str(bad_gold)))
        except Exception as crash:  # one broken stage must not hide the others' figures
            outcomes.append(StageOutcome(stage, "failed", gold, message=f"{type(crash).__name__}: {crash}"))
    return outcomes


def load_floors(path: Path) -> Floors:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as failure:
        raise FloorsError(f"{path}: cannot read the floors file ({failure})") from failure
    except tomllib.TOMLDecodeError as failure:
        raise FloorsError(f"{path}: not valid TOML ({failure})") from failure
    floors: Floors = {}
    for stage, metrics in document.items():
        if stage not in STAGES:
            raise FloorsError(f"{path}: [{stage}] is not a stage (stages: {', '.join(STAGES)})")
        if not isinstance(metrics, dict):
            raise FloorsError(f"{path}: [{stage}] must be a table of metric = minimum")
        for metric, minimum in metrics.items():
            if isinstance(minimum, bool) or not isinstance(minimum, int | float):
                raise FloorsError(f"{path}: [{stage}] {metric} = {minimum!r} is not a number")
        floors[stage] = {metric: float(minimum) for metric, minimum in metrics.items()}
    return floors


def floor_violations(
    outcomes: Iterable[StageOutcome], floors: Mapping[str, Mapping[str, float]]
) -> list[str]:
    """Every reason `make eval` must fail: a figure below its floor, a floored stage that did not score,
    a floor naming a figure the stage does not report, and any stage that crashed."""
    violations = []
    by_stage = {outcome.stage: outcome for outcome in outcomes}
    for outcome in by_stage.values():
        if outcome.status == "failed":
            violations.append(f"{outcome.stage}: failed: {outcome.message}")
    for stage, metrics in floors.items():
        outcome = by_stage.get(stage)
        if outcome is None:
            continue  # not run in this invocation
        if outcome.status == "no gold":
            violations.append(f"{stage}: has floors but {outcome.status}: {outcome.message}")
            continue
        if outcome.result is None:
            continue  # failed, already reported
        for metric, minimum in metrics.items():
            figure = outcome.result.figure(metric)
            if figure is None:
                known = ", ".join(f.name for f in outcome.result.figures)
                violations.append(f"{stage}: floor on unknown figure {metric!r} (figures: {known})")
            elif figure.value is None:
                violations.append(f"{stage}: {metric} could not be computed (floor {minimum:g})")
            elif figure.higher_is_better and figure.value < minimum:
                violations.append(f"{stage}: {metric} = {figure.formatted()} is below its floor {minimum:g}")
            elif not figure.higher_is_better and figure.value > minimum:
                violations.append(f"{stage}: {metric} = {figure.formatted()} is above its limit {minimum:g}")
    return violations

"""Typed results of one stage's evaluation: figures with the counts behind them, failures, matrices.

A `StageResult` is what every scorer returns; the CLI prints it (`as_table`, `as_json`) and the report
generator writes it into docs/quality.md. Floors in eval/floors.toml refer to `Figure.name`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Count = int | float


@dataclass(frozen=True, slots=True)
class Figure:
    """One score, named as in floors.toml, with the counts it was computed from."""

    name: str  # stable key, e.g. "f1", "accuracy", "strict_f1"
    value: float | None  # None when undefined (nothing to score)
    counts: Mapping[str, Count] = field(default_factory=dict)  # n, tp/fp/fn, correct ... behind the value
    description: str = ""
    higher_is_better: bool = True  # False for errors (median_error_km): its floor is a maximum

    def formatted(self) -> str:
        if self.value is None:
            return "n/a"
        if self.name.endswith("_km"):
            return f"{self.value:.1f}"
        return f"{self.value:.3f}"

    def counts_text(self) -> str:
        return " ".join(f"{key}={_format_count(value)}" for key, value in self.counts.items())


@dataclass(frozen=True, slots=True)
class ErrorCase:
    """One gold item the stage got wrong: enough for a developer to see what happened."""

    id: str
    gold: str
    predicted: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Matrix:
    """A confusion matrix: cells[gold label][predicted label] = count."""

    title: str
    labels: tuple[str, ...]
    cells: Mapping[str, Mapping[str, int]]

    def as_json(self) -> dict[str, Any]:
        cells = {gold: dict(row) for gold, row in self.cells.items()}
        return {"title": self.title, "labels": list(self.labels), "cells": cells}

    def as_rows(self) -> list[list[str]]:
        predicted_labels = [
            label for label in self.labels if any(row.get(label) for row in self.cells.values())
        ]
        header = ["gold \\ predicted", *predicted_labels]
        rows = [header]
        for gold_label in self.labels:
            row = self.cells.get(gold_label)
            if not row or not any(row.values()):
                continue
            rows.append([gold_label, *(str(row.get(label, 0) or "") for label in predicted_labels)])
        return rows


@dataclass(frozen=True, slots=True)
class StageResult:
    stage: str
    gold_path: str
    items: int  # gold documents / records scored
    figures: tuple[Figure, ...]
    errors: tuple[ErrorCase, ...] = ()
    matrices: tuple[Matrix, ...] = ()
    notes: tuple[str, ...] = ()  # how the computation is done, where it differs from the published one
    seconds: float = 0.0

    def figure(self, name: str) -> Figure | None:
        return next((figure for figure in self.figures if figure.name == name), None)

    def as_table(self, errors: bool = False) -> str:
        lines = [f"{self.stage}: {self.items} gold items from {self.gold_path} ({self.seconds:.1f} s)"]
        lines += _align(
            [["metric", "value", "counts"]] + [[f.name, f.formatted(), f.counts_text()] for f in self.figures]
        )
        for matrix in self.matrices:
            lines += ["", matrix.title]
            lines += _align(matrix.as_rows())
        if self.notes:
            lines += ["", *(f"note: {note}" for note in self.notes)]
        if errors:
            lines += ["", f"errors ({len(self.errors)}):"]
            lines += [_error_line(case) for case in self.errors]
        return "\n".join(lines)

    def as_json(self, errors: bool = False) -> dict[str, Any]:
        document: dict[str, Any] = {
            "stage": self.stage,
            "gold": self.gold_path,
            "items": self.items,
            "seconds": round(self.seconds, 2),
            "figures": {
                f.name: {"value": f.value, "counts": dict(f.counts), "description": f.description}
                for f in self.figures
            },
            "matrices": [matrix.as_json() for matrix in self.matrices],
            "notes": list(self.notes),
        }
        if errors:
            document["errors"] = [
                {"id": e.id, "gold": e.gold, "predicted": e.predicted, "note": e.note} for e in self.errors
            ]
        return document


def _format_count(value: Count) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _error_line(case: ErrorCase) -> str:
    note = f"  ({case.note})" if case.note else ""
    return f"- {case.id}: gold={case.gold!r} predicted={case.predicted!r}{note}"


def _align(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows if i < len(row)) for i in range(max(map(len, rows)))]
    return ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]

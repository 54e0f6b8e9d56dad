"""The scorer shared by our own sets of time-expression passages (kinds, narrative): TempEval-3-style gold
in the format of eval/temporal/te3style.jsonl, scored per half by the parity of each passage id's SHA-256.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from eventwire.evaluation.registry import require
from eventwire.evaluation.results import StageResult
from eventwire.evaluation.timex import TimexFinder
from eventwire.evaluation.timex_news import scored_halves
from eventwire.evaluation.timex_te3style import load_gold

PassageScorer = Callable[..., StageResult]


def passage_set_scorer(stage: str, about: str) -> PassageScorer:
    """The `evaluate` of a passage set's stage: `about` names the passages in the report."""

    def evaluate(gold: Path, *, limit: int | None = None, system: TimexFinder | None = None) -> StageResult:
        documents = load_gold(gold)[:limit]
        find = system or require(stage, "eventwire.temporal", "find_timexes")
        return scored_halves(stage, gold, documents, find, unit="passage", about=about)

    return evaluate

"""Time expressions of the kinds issue #17 left undone, on short news passages we wrote ourselves.

Gold: eval/temporal/kinds.jsonl in the repository (built from eval/temporal/kinds-passages.txt by
eval/temporal/build_kinds.py), in the format of eval/temporal/te3style.jsonl: sets, half-years, `at the time`
with no earlier date, narrative anchoring, durations, times of day, decades, quarters and fiscal years among
ordinary dates (eval/temporal/README-kinds.md). Two halves by the parity of the SHA-256 of the passage id;
the locked half's errors are listed only with EVENTWIRE_SHOW_LOCKED_ERRORS=1.
"""

from __future__ import annotations

from pathlib import Path

from eventwire.evaluation.registry import require
from eventwire.evaluation.results import StageResult
from eventwire.evaluation.timex import TimexFinder
from eventwire.evaluation.timex_news import scored_halves
from eventwire.evaluation.timex_te3style import load_gold


def evaluate(gold: Path, *, limit: int | None = None, system: TimexFinder | None = None) -> StageResult:
    documents = load_gold(gold)[:limit]
    find = system or require("timex-kinds", "eventwire.temporal", "find_timexes")
    return scored_halves("timex-kinds", gold, documents, find, unit="passage",
                         about="news passages of the undone kinds (eval/temporal/README-kinds.md)")

"""Time expressions anchored on the narrative, in newswire passages of several paragraphs we wrote ourselves.

Gold: eval/temporal/narrative.jsonl in the repository (built from eval/temporal/narrative-passages.txt by
eval/temporal/build_narrative.py), in the format of eval/temporal/te3style.jsonl: TempEval-3-style wire copy
whose relative expressions (`the following spring`, `In October` after a year, `That December`, `that
evening`, a weekday after a past date) take the date the narrative last gave, among DCT-relative dates,
durations, sets, times and PRESENT_REF / PAST_REF (eval/temporal/README-narrative.md). Two halves by the
parity of the SHA-256 of the passage id; the locked half's errors are listed only with
EVENTWIRE_SHOW_LOCKED_ERRORS=1.
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
    find = system or require("timex-narrative", "eventwire.temporal", "find_timexes")
    return scored_halves("timex-narrative", gold, documents, find, unit="passage",
                         about="wire passages anchored on the narrative (eval/temporal/README-narrative.md)")

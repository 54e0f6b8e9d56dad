"""Time expressions of the kinds issue #17 left undone, on short news passages we wrote ourselves.

Gold: eval/temporal/kinds.jsonl in the repository (built from eval/temporal/kinds-passages.txt by
eval/temporal/build_passage_set.py kinds), in the format of eval/temporal/te3style.jsonl: sets, half-years,
`at the time` with no earlier date, narrative anchoring, durations, times of day, decades, quarters and fiscal
years among ordinary dates (eval/temporal/README-kinds.md). Two halves by the parity of the SHA-256 of the
passage id; the locked half's errors are listed only with EVENTWIRE_SHOW_LOCKED_ERRORS=1.
"""

from __future__ import annotations

from eventwire.evaluation.timex_passages import passage_set_scorer

evaluate = passage_set_scorer(
    "timex-kinds", "news passages of the undone kinds (eval/temporal/README-kinds.md)")

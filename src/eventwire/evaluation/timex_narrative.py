"""Time expressions anchored on the narrative, in newswire passages of several paragraphs we wrote ourselves.

Gold: eval/temporal/narrative.jsonl in the repository (built from eval/temporal/narrative-passages.txt by
eval/temporal/build_passage_set.py narrative), in the format of eval/temporal/te3style.jsonl: TempEval-3-style
wire copy whose relative expressions (`the following spring`, `In October` after a year, `That December`,
`that evening`, a weekday after a past date) take the date the narrative last gave, among DCT-relative dates,
durations, sets, times and PRESENT_REF / PAST_REF (eval/temporal/README-narrative.md). Two halves by the
parity of the SHA-256 of the passage id; the locked half's errors are listed only with
EVENTWIRE_SHOW_LOCKED_ERRORS=1.
"""

from __future__ import annotations

from eventwire.evaluation.timex_passages import passage_set_scorer

evaluate = passage_set_scorer(
    "timex-narrative", "wire passages anchored on the narrative (eval/temporal/README-narrative.md)")

"""Score a range of the te3style passages alone (a batch), dev and locked apart.

Run from the repository root: `python eval/temporal/score_te3style_batch.py 74 114` scores te3s-74 to
te3s-114 (the fourth batch, README-te3style.md). The scoring is `eventwire eval timex-te3style`'s, so only the
dev half's errors are listed unless EVENTWIRE_SHOW_LOCKED_ERRORS=1.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eventwire.evaluation.timex_news import scored_halves
from eventwire.evaluation.timex_te3style import load_gold
from eventwire.temporal import find_timexes

GOLD = Path(__file__).resolve().parent / "te3style.jsonl"


def main(first: int, last: int) -> None:
    documents = [(split, document) for split, document in load_gold(GOLD)
                 if first <= int(document.id.rsplit("-", 1)[1]) <= last]
    result = scored_halves("timex-te3style", GOLD, documents, find_timexes, unit="passage",
                           about=f"te3style passages {first}-{last}")
    for figure in result.figures:
        print(figure)
    for note in result.notes:
        print("note:", note)
    for error in result.errors:
        print("-", error)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))

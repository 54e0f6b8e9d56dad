"""Time expressions in TempEval-3's conventions on short wire passages we wrote ourselves.

Gold: eval/temporal/te3style.jsonl in the repository (built from eval/temporal/te3style-passages.txt by
eval/temporal/build_te3style.py), one passage a line: `{"id", "dct", "split", "text", "timexes": [{"start",
"end", "text", "type", "value"}]}`. The passages are original text in the style of the 1989-2013 wire copy
of TimeBank and the TempEval-3 platinum set (quarters, fiscal years, "a year earlier", weeks, weekends,
parts of day, ages, PRESENT_REF/PAST_REF); eval/temporal/README-te3style.md says how they were made.

Two halves by the parity of the SHA-256 of the passage id (`split_of`, as for the TR-News annotations):
`dev` is tuned on, `locked` is scored but its errors are listed only with EVENTWIRE_SHOW_LOCKED_ERRORS=1.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from eventwire.evaluation.registry import GoldFormatError, require
from eventwire.evaluation.results import StageResult
from eventwire.evaluation.timex import TimeMLDocument, TimexFinder
from eventwire.evaluation.timex_news import Split, checked_timexes, scored_halves, split_of

TIMEX_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})


def load_gold(path: Path) -> list[tuple[Split, TimeMLDocument]]:
    """The annotated passages; every offset, type and half is checked."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as failure:
        raise GoldFormatError(f"{path}: cannot read the passages ({failure})") from failure
    documents: list[tuple[Split, TimeMLDocument]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
            passage_id, text = str(record["id"]), str(record["text"])
            dct = dt.date.fromisoformat(record["dct"])
            raw_timexes = record["timexes"]
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as failure:
            raise GoldFormatError(f"{where}: not an annotated passage ({failure})") from failure
        if record.get("split") != split_of(passage_id):
            raise GoldFormatError(f"{where}: split {record.get('split')!r} is not the hash's "
                                  f"{split_of(passage_id)!r}")
        timexes = checked_timexes(where, text, raw_timexes, TIMEX_TYPES)
        documents.append((split_of(passage_id), TimeMLDocument(passage_id, dct, text, timexes)))
    if not documents:
        raise GoldFormatError(f"{path}: no annotated passages")
    return documents


def evaluate(gold: Path, *, limit: int | None = None, system: TimexFinder | None = None) -> StageResult:
    documents = load_gold(gold)[:limit]
    find = system or require("timex-te3style", "eventwire.temporal", "find_timexes")
    return scored_halves("timex-te3style", gold, documents, find, unit="passage",
                         about="original wire-style passages (eval/temporal/README-te3style.md)")

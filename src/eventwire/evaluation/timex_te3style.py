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
import os
from pathlib import Path

from eventwire.evaluation.registry import GoldFormatError, require
from eventwire.evaluation.results import StageResult
from eventwire.evaluation.timex import GoldTimex, TimeMLDocument, TimexFinder, score_documents
from eventwire.evaluation.timex_news import SHOW_LOCKED_ERRORS, Split, split_of

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
        timexes = []
        for index, raw in enumerate(raw_timexes):
            start, end = int(raw["start"]), int(raw["end"])
            if text[start:end] != raw["text"]:
                raise GoldFormatError(f"{where}: timex {index} [{start}:{end}] reads {text[start:end]!r}, "
                                      f"not {raw['text']!r}")
            if raw["type"] not in TIMEX_TYPES:
                raise GoldFormatError(f"{where}: timex {index} has type {raw['type']!r}")
            timexes.append(GoldTimex(f"t{index + 1}", start, end, raw["text"], raw["type"], raw["value"]))
        documents.append((split_of(passage_id), TimeMLDocument(passage_id, dct, text, tuple(timexes))))
    if not documents:
        raise GoldFormatError(f"{path}: no annotated passages")
    return documents


def evaluate(gold: Path, *, limit: int | None = None, system: TimexFinder | None = None) -> StageResult:
    documents = load_gold(gold)[:limit]
    find = system or require("timex-te3style", "eventwire.temporal", "find_timexes")
    dev = score_documents("timex-te3style", [doc for split, doc in documents if split == "dev"], find)
    locked = score_documents("timex-te3style", [doc for split, doc in documents if split == "locked"], find)
    show_locked = os.environ.get(SHOW_LOCKED_ERRORS) == "1"
    errors = dev.errors + (locked.errors if show_locked else ())
    n_dev = sum(split == "dev" for split, _ in documents)
    notes = (
        "TempEval-3 definitions on original wire-style passages (eval/temporal/README-te3style.md); the DCT "
        "is given to the stage and not scored",
        f"dev: {n_dev} passages, {dev.n_gold} timexes; locked: {len(documents) - n_dev} passages, "
        f"{locked.n_gold} timexes (halves fixed by a hash of the passage id)",
        "errors listed: dev half only" + ("" if not show_locked else " and the locked half (tuning is over)"),
    )
    figures = dev.figures("dev_") + locked.figures("locked_")
    return StageResult("timex-te3style", str(gold), len(documents), figures, errors, notes=notes)

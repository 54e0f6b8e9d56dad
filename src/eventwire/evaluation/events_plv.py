"""Measurement only: the coder on the PLV news sentences (../shared/eval/plover/plv-dev/PLV_train.tsv).

One row per marked actor pair (`<s>source</s>`, `<t>target</t>` in `marked_sentence`). Per row: an event
of the gold root between the marked source and target (a record's source overlaps the source span and
its target the target span); the share with the gold root anywhere in the sentence; the share with no
event. Roots of the older PLOVER version are mapped (YIELD is today's CONCEDE or RETREAT). The file is
never used for training, rules or tuning.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from eventwire.evaluation.events_authored import code_sentences
from eventwire.evaluation.metrics import ratio
from eventwire.evaluation.registry import GoldFormatError, on_item, require
from eventwire.evaluation.results import Figure, StageResult

ROOTS = {"YIELD": {"CONCEDE", "RETREAT"}, "DEMAND": {"REQUEST"}, "DISAPPROVE": {"ACCUSE"},
         "INVESTIGATE": {"ACCUSE"}, "FIGHT": {"ASSAULT"}}


def _span(marked: str, tag: str) -> tuple[int, int] | None:
    """Character offsets of the <tag>...</tag> phrase in the sentence without marks."""
    match = re.search(f"<{tag}>(.*?)</{tag}>", marked)
    if match is None:
        return None
    before = re.sub(r"</?[st]>", "", marked[: match.start()])
    return len(before), len(before) + len(re.sub(r"</?[st]>", "", match.group(1)))


def _covers(actors: Any, span: tuple[int, int] | None) -> bool:
    return span is not None and any(a.start < span[1] and span[0] < a.end for a in actors)


def evaluate(gold: Path, *, limit: int | None = None, system: Any = None) -> StageResult:
    try:
        with gold.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))[:limit]
    except OSError as failure:
        raise GoldFormatError(f"{gold}: {failure}") from failure
    if not rows or "marked_sentence" not in rows[0] or "gold_root" not in rows[0]:
        raise GoldFormatError(f"{gold}: expected columns marked_sentence and gold_root")
    coder = system or require("events-plv", "eventwire.events", "EventCoder").load()
    texts = [re.sub(r"</?[st]>", "", row["marked_sentence"]) for row in rows]
    with on_item("events-plv", "batch"):
        coded = code_sentences(coder, texts)
    pair = anywhere = none = 0
    for row, events in zip(rows, coded, strict=True):
        root = row["gold_root"].strip().upper()
        wanted = ROOTS.get(root, {root})
        source, target = _span(row["marked_sentence"], "s"), _span(row["marked_sentence"], "t")
        typed = [e for e in events if e.type in wanted]
        anywhere += bool(typed)
        none += not events
        pair += any(_covers(e.source, source) and _covers(e.target, target) for e in typed)
    n = len(rows)
    figures = (
        Figure("pair_root_accuracy", ratio(pair, n), {"n": n, "correct": pair},
               "an event of the gold root between the marked source and target"),
        Figure("root_anywhere", ratio(anywhere, n), {"n": n, "correct": anywhere},
               "an event of the gold root anywhere in the sentence"),
        Figure("no_event", ratio(none, n), {"n": n, "rows": none}, "rows with no event at all",
               higher_is_better=False),
    )
    notes = ("measurement only: never read for decisions; YIELD counts as CONCEDE or RETREAT",)
    return StageResult("events-plv", str(gold), n, figures, (), (), notes)

"""The wire passages anchored on the narrative (eval/temporal/narrative.jsonl), scored by
`eventwire eval timex-narrative`.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

from eventwire.evaluation.registry import STAGES
from eventwire.evaluation.timex_narrative import evaluate
from eventwire.evaluation.timex_te3style import load_gold

REPOSITORY = Path(__file__).resolve().parents[1]
GOLD = REPOSITORY / "eval/temporal/narrative.jsonl"


def test_the_shipped_passages_load_and_match_their_source() -> None:
    documents = load_gold(GOLD)
    assert sum(len(document.timexes) for _, document in documents) >= 150
    halves = Counter(split for split, _ in documents)
    assert halves["dev"] >= 6 and halves["locked"] >= 5
    types = Counter(timex.type for _, document in documents for timex in document.timexes)
    assert min(types[kind] for kind in ("DATE", "TIME", "DURATION", "SET")) >= 8

    builder_file = REPOSITORY / "eval/temporal/build_narrative.py"
    module_spec = importlib.util.spec_from_file_location("build_narrative", builder_file)
    assert module_spec is not None and module_spec.loader is not None
    builder = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(builder)
    rebuilt = [(p["id"], p["text"], len(p["timexes"])) for p in builder.build(builder.SOURCE)]
    assert rebuilt == [(d.id, d.text, len(d.timexes)) for _, d in documents]  # the .jsonl is up to date


def test_the_stage_is_registered_with_the_passages_as_gold() -> None:
    stage = STAGES["timex-narrative"]
    assert stage.module == "timex_narrative" and stage.gold == "eval/temporal/narrative.jsonl"


def test_a_finder_that_finds_nothing_scores_nothing_and_lists_dev_misses_only() -> None:
    result = evaluate(GOLD, system=lambda text, dct: [])
    figures = {figure.name: figure.value for figure in result.figures}
    assert not figures["dev_value_f1"] and not figures["locked_value_f1"]  # no value found right
    dev_ids = {document.id for split, document in load_gold(GOLD) if split == "dev"}
    assert result.errors and {error.id.split(":")[0] for error in result.errors} <= dev_ids

"""Our own sets of time-expression passages (eval/temporal/kinds.jsonl, narrative.jsonl): each file loads,
matches the source its builder reads, is registered as its stage's gold, and is scored per half."""

from __future__ import annotations

import importlib
import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from eventwire.evaluation.registry import STAGES
from eventwire.evaluation.timex_te3style import load_gold
from fixtures.scripts import load_script

REPOSITORY = Path(__file__).resolve().parents[1]

# set name, its stage's scorer module, fewest passages per half, fewest expressions of each TIMEX3 type
PASSAGE_SETS = [("kinds", "timex_kinds", 15, 15), ("narrative", "timex_narrative", 5, 8)]


def _builder():  # a script of eval/temporal, not a package
    builder_file = REPOSITORY / "eval/temporal/build_passage_set.py"
    return load_script(builder_file, "build_passage_set")


@pytest.mark.parametrize(("name", "module", "fewest_passages", "fewest_of_a_type"), PASSAGE_SETS)
def test_the_shipped_passages_load_and_match_their_source(name: str, module: str, fewest_passages: int,
                                                          fewest_of_a_type: int) -> None:
    documents = load_gold(REPOSITORY / f"eval/temporal/{name}.jsonl")
    assert sum(len(document.timexes) for _, document in documents) >= 150
    halves = Counter(split for split, _ in documents)
    assert halves["dev"] >= fewest_passages and halves["locked"] >= fewest_passages
    types = Counter(timex.type for _, document in documents for timex in document.timexes)
    assert min(types[kind] for kind in ("DATE", "TIME", "DURATION", "SET")) >= fewest_of_a_type

    builder = _builder()
    source, _ = builder.SETS[name]
    rebuilt = [(p["id"], p["text"], len(p["timexes"])) for p in builder.build(source)]
    assert rebuilt == [(d.id, d.text, len(d.timexes)) for _, d in documents]  # the .jsonl is up to date


@pytest.mark.parametrize(("name", "module", "fewest_passages", "fewest_of_a_type"), PASSAGE_SETS)
def test_the_stage_is_registered_with_the_passages_as_gold(name: str, module: str, fewest_passages: int,
                                                           fewest_of_a_type: int) -> None:
    stage = STAGES[f"timex-{name}"]
    assert stage.module == module and stage.gold == f"eval/temporal/{name}.jsonl"


@pytest.mark.parametrize(("name", "module", "fewest_passages", "fewest_of_a_type"), PASSAGE_SETS)
def test_a_finder_that_finds_nothing_scores_nothing_and_lists_dev_misses_only(
        name: str, module: str, fewest_passages: int, fewest_of_a_type: int) -> None:
    gold = REPOSITORY / f"eval/temporal/{name}.jsonl"
    evaluate = importlib.import_module(f"eventwire.evaluation.{module}").evaluate
    result = evaluate(gold, system=lambda text, dct: [])
    figures = {figure.name: figure.value for figure in result.figures}
    assert not figures["dev_value_f1"] and not figures["locked_value_f1"]  # no value found right
    assert result.stage == f"timex-{name}"
    dev_ids = {document.id for split, document in load_gold(gold) if split == "dev"}
    assert result.errors and {error.id.split(":")[0] for error in result.errors} <= dev_ids

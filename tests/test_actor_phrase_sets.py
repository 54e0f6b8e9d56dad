"""The actor phrase sets written for issue #16 (eval/actors/<batch>-phrases.src.txt, built by
eval/actors/build_phrases.py): each shipped file is what its source builds, every phrase sits at its offsets
with a known country and a split fixed by its id, and `eventwire eval actors` scores each batch's two
halves beside the gold, listing errors of the dev half only."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from eventwire import countries
from eventwire.evaluation import actors as actor_eval
from fixtures.scripts import load_script

EVAL = Path(__file__).resolve().parents[1] / "eval" / "actors"
# (batch, the file name the scorer reads it from)
BATCHES = list(actor_eval.PHRASE_BATCHES.items())


def _builder() -> ModuleType:
    return load_script(EVAL / "build_phrases.py", "build_phrases")


@pytest.mark.parametrize(("batch", "file_name"), BATCHES)
def test_the_shipped_phrase_file_is_what_its_source_builds(batch: str, file_name: str) -> None:
    lines = (EVAL / file_name).read_text(encoding="utf-8").splitlines()
    shipped = [json.loads(line) for line in lines]
    assert shipped == _builder().build(batch)
    assert len(shipped) >= 500


@pytest.mark.parametrize(("batch", "file_name"), BATCHES)
def test_every_phrase_is_at_its_offsets_with_a_known_country_and_a_split_by_its_id(batch: str,
                                                                                    file_name: str) -> None:
    builder = _builder()
    known = {country.iso3 for country in countries.all_countries()}
    cases = builder.build(batch)
    for case in cases:
        assert case["sentence"][case["start"]:case["end"]] == case["text"]
        assert case.get("country") is None or case["country"] in known, case
        assert case["split"] == builder.split_of(case["id"], batch)
    splits = [case["split"] for case in cases]
    assert 0.4 < splits.count(f"{batch}dev") / len(splits) < 0.6


def test_a_source_line_gives_offsets_nulls_and_unstated_fields() -> None:
    cases = _builder().cases_of_line("@2024-01-02 [Vandals|FRA/CRM] hit a shop, [officials|-/?] said.", "s21")
    assert [(case["text"], case["start"], case["end"]) for case in cases] == [
        ("Vandals", 0, 7), ("officials", 20, 29)]
    assert cases[0]["sentence"] == "Vandals hit a shop, officials said."
    assert cases[0]["date"] == "2024-01-02" and cases[0]["country"] == "FRA" and cases[0]["sector"] == "CRM"
    assert cases[1]["country"] is None and "sector" not in cases[1]


def test_a_source_line_marks_a_phrase_that_must_not_be_linked() -> None:
    cases = _builder().cases_of_line("[Khan|PAK/CVL/!] said [police|-/COP] came late.", "s22")
    spans = [(case["text"], case["start"], case["end"]) for case in cases]
    assert spans == [("Khan", 0, 4), ("police", 10, 16)]
    assert cases[0]["link"] is None and cases[0]["country"] == "PAK" and cases[0]["sector"] == "CVL"
    assert "link" not in cases[1] and cases[1]["country"] is None
    assert sum("link" in case for case in _builder().build("s22")) >= 30  # local namesakes, not to link


class _Civilians:
    def resolve(self, text: str, when: object) -> SimpleNamespace:
        return SimpleNamespace(country=None, sector="CVL", actor_id=None, kind="agent")


@pytest.mark.parametrize(("batch", "file_name"), BATCHES)
def test_a_batch_is_scored_beside_the_gold_and_only_its_dev_errors_are_listed(tmp_path: Path, batch: str,
                                                                              file_name: str) -> None:
    gold = tmp_path / "cases.jsonl"
    gold.write_text('{"id": "g", "text": "voters", "country": null, "sector": "CVL", "split": "locked4"}\n',
                    encoding="utf-8")
    rows = [("a", "police", "COP", f"{batch}dev"), ("b", "farmers", "AGR", f"{batch}locked"),
            ("c", "voters", "CVL", f"{batch}locked")]
    (tmp_path / file_name).write_text(
        "".join(json.dumps({"id": case_id, "text": text, "sector": sector, "split": split}) + "\n"
                for case_id, text, sector, split in rows),
        encoding="utf-8",
    )
    result = actor_eval.evaluate(gold, system=_Civilians())
    counts = {figure.name: figure.counts for figure in result.figures}
    assert counts[f"{batch}dev_sector_accuracy"] == {"n": 1, "correct": 0}
    assert counts[f"{batch}locked_sector_accuracy"] == {"n": 2, "correct": 1}
    assert [error.id for error in result.errors] == ["a"]  # the locked half's "b" is wrong too, never listed

"""`eventwire eval`: exit codes, floors, the Markdown report; fake stages, no ../shared needed."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.evaluation import registry
from eventwire.evaluation.report import anchor_figures, render
from eventwire.evaluation.results import Figure, StageResult
from eventwire.evaluation.suite import FloorsError, StageOutcome, floor_violations, load_floors

FIXTURES = Path(__file__).parent / "fixtures" / "eval"
REPO = Path(__file__).parent.parent


@dataclass(frozen=True)
class FakeResolution:
    actor_id: str
    country: str | None
    sector: str | None


class FakeResolver:
    """Right country for every fixture case; right sector except for a3 (REB) and a4 (COP)."""

    def resolve(self, text: str, when: dt.date | None) -> FakeResolution:
        answers = {
            "Japanese government": ("JPN", "GOV"),
            "the UN": (None, "IGO"),
            "Syrian rebels": ("SYR", "MIL"),
        }
        country, sector = answers.get(text, ("USA", "POL"))
        return FakeResolution(text.lower().replace(" ", "-"), country, sector)


def _no_gold(spec: registry.StageSpec, shared: Path) -> Path:
    """Every stage's gold where there is none (the stages with gold in the repository too)."""
    return shared / "absent" / spec.name


def _result(stage: str, **figures: float | None) -> StageResult:
    return StageResult(
        stage, "gold", 3, tuple(Figure(name, value, {"n": 3}) for name, value in figures.items())
    )


def test_a_stage_that_cannot_load_exits_1_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("eventwire.evaluation.timex.require",
                        lambda *_: registry.require("timex", "eventwire.temporal", "no_such_finder"))
    outcome = CliRunner().invoke(main, ["eval", "timex", "--gold", str(FIXTURES / "temporal")])
    assert outcome.exit_code == 1
    assert "stage timex cannot load eventwire.temporal.no_such_finder" in outcome.output


def test_single_stage_prints_figures_errors_and_json(monkeypatch: pytest.MonkeyPatch) -> None:
    real_run_stage = registry.run_stage

    def run_with_fake(
        stage: str, gold: Path, *, limit: int | None = None, system: Any = None, shared: Path | None = None
    ) -> StageResult:
        return real_run_stage(stage, gold, limit=limit, system=FakeResolver(), shared=shared)

    monkeypatch.setattr("eventwire.cli.eval.run_stage", run_with_fake)
    gold = str(FIXTURES / "actors" / "cases.jsonl")
    table = CliRunner().invoke(main, ["eval", "actors", "--gold", gold, "--errors"])
    assert table.exit_code == 0, table.output
    # a2, a3 are the dev half and a1, a4 the locked half (by the hash of their ids): one sector wrong in each
    assert re.search(r"^sector_accuracy\s+0\.500\s+n=2 correct=1", table.output, re.MULTILINE)
    assert re.search(r"^locked_sector_accuracy\s+0\.500\s+n=2 correct=1", table.output, re.MULTILINE)
    assert "- a3: gold='SYR/REB' predicted='SYR/MIL (syrian-rebels)'" in table.output
    assert "- a4:" not in table.output  # the locked half's errors are never listed
    as_json = CliRunner().invoke(main, ["eval", "actors", "--gold", gold, "--format", "json", "--limit", "2"])
    document = json.loads(as_json.output)
    assert document["items"] == 2
    assert document["figures"]["country_accuracy"] == {
        "value": 1.0,
        "counts": {"n": 1, "correct": 1},
        "description": "",
    }
    assert document["figures"]["locked_country_accuracy"]["counts"] == {"n": 1, "correct": 1}
    assert "errors" not in document


def test_missing_gold_is_an_error_naming_the_path(tmp_path: Path) -> None:
    absent = tmp_path / "nothing.jsonl"
    outcome = CliRunner().invoke(main, ["eval", "actors", "--gold", str(absent)])
    assert outcome.exit_code == 1
    assert "gold data for actors not found" in outcome.output and "nothing.jsonl" in outcome.output


def test_eval_all_writes_the_report_and_fails_on_a_floored_stage_without_gold(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(registry.StageSpec, "default_gold", _no_gold)
    floors = tmp_path / "floors.toml"
    floors.write_text("[timex]\nvalue_f1 = 0.5\n", encoding="utf-8")
    report = tmp_path / "docs" / "quality.md"
    outcome = CliRunner().invoke(
        main,
        ["eval", "all", "--shared", str(tmp_path), "--floors", str(floors), "--report", str(report)],
    )
    assert outcome.exit_code == 1
    assert "timex: has floors but no gold" in outcome.output
    text = report.read_text(encoding="utf-8")
    assert "| timex | no gold | value_f1 |" in text
    assert f"--floors {floors}" in text  # the command that produced the report


def test_eval_all_without_floors_passes_when_no_gold_is_there(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(registry.StageSpec, "default_gold", _no_gold)
    outcome = CliRunner().invoke(main, ["eval", "all", "--shared", str(tmp_path)])
    assert outcome.exit_code == 0, outcome.output
    assert "extract: no gold" in outcome.output


def test_floor_violations_cover_below_unknown_unbuilt_crashed_and_maxima() -> None:
    outcomes = [
        StageOutcome("extract", "scored", Path("g"), _result("extract", f1=0.80, precision=0.99)),
        StageOutcome(
            "geo",
            "scored",
            Path("g"),
            StageResult("geo", "g", 1, (Figure("median_error_km", 250.0, higher_is_better=False),)),
        ),
        StageOutcome("timex", "no gold", Path("g"), message="gold data for timex not found: g"),
        StageOutcome("events", "failed", Path("g"), message="KeyError: 'type'"),
    ]
    floors = {
        "extract": {"f1": 0.9, "precision": 0.9, "recal": 0.5},
        "geo": {"median_error_km": 100.0},
        "timex": {"value_f1": 0.5},
    }
    violations = floor_violations(outcomes, floors)
    assert violations == [
        "events: failed: KeyError: 'type'",
        "extract: f1 = 0.800 is below its floor 0.9",
        "extract: floor on unknown figure 'recal' (figures: f1, precision)",
        "geo: median_error_km = 250.0 is above its limit 100",
        "timex: has floors but no gold: gold data for timex not found: g",
    ]
    assert floor_violations(outcomes[:1], {"extract": {"f1": 0.8}}) == []  # equal to the floor passes


def test_load_floors_checks_stage_names_and_numbers(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text("# comment\n[extract]\nf1 = 0.9\n[geo]\nmedian_error_km = 50\n", encoding="utf-8")
    assert load_floors(good) == {"extract": {"f1": 0.9}, "geo": {"median_error_km": 50.0}}
    for content, message in [
        ("[extrakt]\nf1 = 0.9\n", r"\[extrakt\] is not a stage"),
        ('[extract]\nf1 = "high"\n', r"f1 = 'high' is not a number"),
        ("[extract\n", "not valid TOML"),
    ]:
        bad = tmp_path / "bad.toml"
        bad.write_text(content, encoding="utf-8")
        with pytest.raises(FloorsError, match=message):
            load_floors(bad)


def test_repository_floors_file_is_valid() -> None:
    floors = load_floors(REPO / "eval" / "floors.toml")
    assert set(floors) <= set(registry.STAGES)


def test_report_has_summary_counts_anchor_floor_and_revision(tmp_path: Path) -> None:
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "README.md").write_text(
        "| folder | stage | best published result |\n|---|---|---|\n"
        "| `article-extraction/` | main text | tool X F1 0.950 |\n",
        encoding="utf-8",
    )
    extract_result = StageResult(
        "extract", "gold", 92, (Figure("f1", 0.912, {"n": 92, "failed": 1}, "shingle F1"),), notes=("how",)
    )
    outcomes = [
        StageOutcome("extract", "scored", Path("g"), extract_result),
        StageOutcome("geo", "no gold", Path("g"), message="gold data for geo not found: g"),
    ]
    text = render(
        outcomes,
        {"extract": {"f1": 0.95}},
        shared=tmp_path,
        command="eventwire eval all",
        violations=["extract: f1 = 0.912 is below its floor 0.95"],
        revision="abc1234",
        today=dt.date(2026, 11, 29),
    )
    assert "on 2026-11-29 at commit `abc1234`" in text
    assert "| extract | scored | f1 | 0.912 | tool X F1 0.950 |" in text
    assert "| f1 (shingle F1) | 0.912 | n=92 failed=1 | ≥ 0.95 **FAIL** |" in text
    assert "Published anchor: tool X F1 0.950." in text
    assert "- extract: f1 = 0.912 is below its floor 0.95" in text
    assert "Status: **no gold**" in text


def test_anchor_figures_read_the_gold_readme_table(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "| folder | what | best |\n|---|---|---|\n| `pubdate/` | dates | acc 0.89 |\n"
        "| `geoparsing/TR-News.xml` | places | 87.3% within 161 km |\n",
        encoding="utf-8",
    )
    assert anchor_figures(readme) == {"pubdate": "acc 0.89", "geoparsing/TR-News.xml": "87.3% within 161 km"}
    assert anchor_figures(tmp_path / "absent.md") == {}

"""A record's `confidence` is the probability that it is a real event of its type (issue #15, session 23):
what training calibrates it to, what the document gold reports of it, and `--min-confidence` where an
analyst reads stored events (docs/events.md, "Session 23: a confidence that means")."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.evaluation.documents import _figures, _Tally, calibration_error
from eventwire.events.learned import split
from eventwire.events.learned.authored import AuthoredEvent, event_of_type
from eventwire.events.learned.model import model_dir
from eventwire.events.learned.stage import LearnedStage
from eventwire.events.learned.train import RECORD_CONFIDENCE_PREDICTS, RecordInputs


@dataclass(frozen=True)
class _Record:
    type: str


def _gold(type_: str) -> AuthoredEvent:
    return AuthoredEvent(type_, "word", 0, 4, "occurred", None, None, None)


def test_a_record_is_an_event_of_its_type_when_its_sentence_reports_one() -> None:
    assert event_of_type(_Record("ASSAULT"), [_gold("ASSAULT")])
    assert event_of_type(_Record("ASSAULT"), [_gold("CONSULT"), _gold("ASSAULT")])
    assert not event_of_type(_Record("ASSAULT"), [_gold("COERCE")])
    assert not event_of_type(_Record("ASSAULT"), [])  # a sentence that reports no event


def test_the_map_is_fitted_to_real_events_not_to_actors_right() -> None:
    # records whose actors are never right but whose scores separate real events from the others: the
    # map follows the events (what confidence predicts), not the actors
    rng = np.random.default_rng(0)
    probability = list(rng.uniform(0.01, 0.99, 400))
    event_right = [bool(rng.uniform() < p) for p in probability]
    inputs = RecordInputs(probability, [0.0] * 400, [False] * 400, event_right)
    identity = (1.0, 0.0, 0.0)  # the score is the model's probability itself
    knots = inputs.event_knots(identity)
    assert knots[1] == sorted(knots[1]) and knots[1][0] < 0.3 < 0.7 < knots[1][-1]
    assert inputs.event_ece(identity, knots) < 0.05  # in-sample, the map is calibrated to the events ...
    assert inputs.ece(identity, knots) > 0.3  # ... not to the actors (never right here)
    merged = inputs.extend(inputs)
    assert merged.event_right == event_right * 2 and len(merged.correct) == 800


def test_the_shipped_confidence_says_what_it_predicts_and_grows_with_its_evidence() -> None:
    manifest = json.loads((model_dir() / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["record_confidence_predicts"] == RECORD_CONFIDENCE_PREDICTS
    map_ = manifest["record_recalibration"]
    assert map_["confidence"] == sorted(map_["confidence"]) and map_["right"] == sorted(map_["right"])
    stage = LearnedStage.load()
    assert stage is not None
    by_probability = [stage.record_confidence(p, 0.7) for p in (0.05, 0.3, 0.6, 0.9, 0.99)]
    by_evidence = [stage.record_confidence(0.6, e) for e in (0.4, 0.6, 0.8, 0.95)]
    for values in (by_probability, by_evidence):
        assert values == sorted(values) and values[0] < values[-1]
        assert all(0.0 <= value <= 1.0 for value in values)


def test_the_document_gold_reports_the_calibration_error_of_confidence() -> None:
    tally = _Tally()
    # (confidence, matched a gold event of its type, matched one that is not a repeat)
    tally.confidences = [(0.95, True, True), (0.92, False, False), (0.55, True, True), (0.15, False, False)]
    error, table = calibration_error(tally)
    # bins 0.9-1.0: mean 0.935, half matched; 0.5-0.6: 0.55 vs 1; 0.1-0.2: 0.15 vs 0
    assert error == pytest.approx((2 * abs(0.935 - 0.5) + abs(0.55 - 1.0) + abs(0.15 - 0.0)) / 4)
    assert [(name, n) for name, n, _, _ in table] == [("0.1-0.2", 1), ("0.5-0.6", 1), ("0.9-1.0", 2)]
    figures = {figure.name: figure for figure in _figures("dev", tally)}
    assert figures["confidence_ece_dev"].value == pytest.approx(error, abs=1e-4)
    assert not figures["confidence_ece_dev"].higher_is_better
    assert figures["precision_at_0.8_dev"].counts == {"records": 2, "matched": 1}
    assert figures["precision_at_0.3_dev"].counts == {"records": 3, "matched": 2}
    assert calibration_error(_Tally()) == (None, [])


def _ids(run: CliRunner, *args: str) -> list[dict]:
    result = run.invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_events_and_export_keep_only_records_at_or_above_min_confidence(
        sample: tuple[object, dict[str, str], str], tmp_path: Path) -> None:
    _, _, db = sample
    runner = CliRunner()
    every = _ids(runner, "events", "--db", db, "--format", "jsonl", "--limit", "100")
    threshold = 0.75
    kept = _ids(runner, "events", "--db", db, "--format", "jsonl", "--limit", "100",
                "--min-confidence", str(threshold))
    expected = {record["event_id"] for record in every if record["confidence"] >= threshold}
    assert 0 < len(expected) < len(every)  # the sample store has records on both sides of the cut
    assert {record["event_id"] for record in kept} == expected
    output = tmp_path / "kept.jsonl"
    result = runner.invoke(main, ["export", "--db", db, "--format", "plover-jsonl", "--output", str(output),
                                  "--min-confidence", str(threshold)])
    assert result.exit_code == 0, result.output
    exported = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines() if line]
    assert len(exported) == len(expected)
    assert all(record["confidence"] >= threshold for record in exported)


# Sentences written for this test; their ids are chosen to fall in the calibration part.
_SENTENCES = [
    ("Police arrested twelve protesters outside the parliament in Nairobi on Monday.", "COERCE", "arrested"),
    ("Egypt and Ethiopia signed an agreement on the dam on Friday.", "AGREE", "signed an agreement"),
    ("Rebels attacked an army post near Goma, killing four soldiers.", "ASSAULT", "attacked"),
    ("The foreign ministers of Chile and Peru met in Lima to discuss the border.", "CONSULT", "met"),
    ("Thousands marched in Santiago to protest against the pension reform.", "PROTEST", "marched"),
    ("The minister's speech covered the history of the port and its trade.", None, None),
    ("The company released its quarterly report on Tuesday.", None, None),
]


def _calibration_ids(count: int) -> list[str]:
    found, number = [], 0
    while len(found) < count:
        number += 1
        if split.part_of(f"s23conf-{number:05d}") == "calibration":
            found.append(f"s23conf-{number:05d}")
    return found


def test_calibration_only_refits_the_map_and_keeps_the_weights_and_the_score(tmp_path: Path) -> None:
    from eventwire.events.learned import train
    from eventwire.nlp import load_pipeline

    data = tmp_path / "data"
    data.mkdir()
    rows = []
    chosen = zip(_calibration_ids(len(_SENTENCES)), _SENTENCES, strict=True)
    for sentence_id, (text, type_, trigger) in chosen:
        events = [{"type": type_, "trigger": trigger, "factuality": "occurred"}] if type_ else []
        rows.append(json.dumps({"id": sentence_id, "text": text, "events": events}))
    (data / "t-01.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    folder = tmp_path / "model"
    shutil.copytree(model_dir(), folder)
    before = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    weights = (folder / "weights.npz").read_bytes()
    lines: list[str] = []
    train.recalibrate(data, folder, load_pipeline(), echo=lines.append)
    after = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert after["record_scaling"] == before["record_scaling"]  # the score that ranks is kept
    assert (folder / "weights.npz").read_bytes() == weights
    assert after["record_confidence_predicts"] == RECORD_CONFIDENCE_PREDICTS
    check = after["metrics"]["record_calibration"]
    assert check["records_calibration"] >= 5 and 0 < check["events_of_type"] <= check["records_calibration"]
    knots = after["record_recalibration"]
    assert knots["confidence"] == sorted(knots["confidence"]) and knots["right"] == sorted(knots["right"])
    assert knots != before["record_recalibration"]  # refitted on these sentences
    assert any("halves of the calibration part" in line for line in lines)

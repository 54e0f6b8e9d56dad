"""Both shipped models' `confidence` predicts the same thing, a real event of the record's type (issue #15,
session 23b): the encoder model (`EVENTWIRE_LEARNED=encoder`) was refitted with
`train events --encoder --calibration-only` (docs/events.md, "Session 23: a confidence that means")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.events.learned.model import LinearHead, model_dir
from eventwire.events.learned.stage import record_confidence
from eventwire.events.learned.train import RECORD_CONFIDENCE_PREDICTS

SHIPPED = {"default": False, "encoder": True}


def _manifest(encoder: bool) -> dict[str, Any]:
    return json.loads((model_dir(encoder) / "manifest.json").read_text(encoding="utf-8"))


def test_both_shipped_models_declare_the_same_confidence_target() -> None:
    targets = {name: _manifest(encoder).get("record_confidence_predicts")
               for name, encoder in SHIPPED.items()}
    assert targets == {"default": RECORD_CONFIDENCE_PREDICTS, "encoder": RECORD_CONFIDENCE_PREDICTS}
    for name, encoder in SHIPPED.items():
        # the map itself was fitted to that target (the fit's own record), not only labelled with it
        check = _manifest(encoder)["metrics"]["record_calibration"]
        assert check["predicts"] == RECORD_CONFIDENCE_PREDICTS, name
        assert 0 < check["events_of_type"] < check["records_calibration"], name


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_each_loader_reads_its_manifest_and_maps_the_score_monotonically(name: str) -> None:
    encoder = SHIPPED[name]
    head, manifest = LinearHead.read(model_dir(encoder))  # the weights fit the manifest's feature version
    assert bool(manifest.get("encoder")) is encoder and head.classes[0] == "NONE"
    scaling = manifest["record_scaling"]
    knots = manifest["record_recalibration"]
    assert knots["confidence"] == sorted(knots["confidence"]) and knots["right"] == sorted(knots["right"])
    recalibration = (knots["confidence"], knots["right"])
    by_probability = [record_confidence(p, 0.7, scaling, recalibration) for p in (0.02, 0.3, 0.6, 0.9, 0.99)]
    by_evidence = [record_confidence(0.6, e, scaling, recalibration) for e in (0.2, 0.5, 0.8, 0.95)]
    for values in (by_probability, by_evidence):
        assert values == sorted(values) and values[0] < values[-1]
        assert all(0.0 <= value <= 1.0 for value in values)


def test_the_encoder_map_is_its_own_fit_not_a_copy_of_the_default() -> None:
    # the two heads' Platt scores differ, so a map fitted on one head's records does not suit the other
    default, encoder = _manifest(False), _manifest(True)
    assert encoder["record_scaling"] != default["record_scaling"]
    assert encoder["record_recalibration"] != default["record_recalibration"]


@pytest.mark.parametrize(("option", "encoder"), [("--encoder", True), ("--no-encoder", False)])
def test_calibration_only_refits_the_shipped_folder_of_the_chosen_model(
        monkeypatch: pytest.MonkeyPatch, option: str, encoder: bool) -> None:
    from eventwire import nlp
    from eventwire.events.learned import train

    written: list[Path] = []
    # a folder chosen for coding (EVENTWIRE_LEARNED_MODEL) is not where the shipped model is refitted
    monkeypatch.setenv("EVENTWIRE_LEARNED_MODEL", "/nowhere")
    monkeypatch.setattr(nlp, "load_pipeline", lambda name=None: object())
    monkeypatch.setattr(train, "recalibrate", lambda data, folder, pipeline, **_: written.append(folder))
    monkeypatch.setattr(train, "run", lambda *args, **kwargs: pytest.fail("full training was started"))
    result = CliRunner().invoke(main, ["train", "events", option, "--calibration-only"])
    assert result.exit_code == 0, result.output
    assert written == [model_dir(encoder)]
    assert written[0].name == ("model-encoder" if encoder else "model")

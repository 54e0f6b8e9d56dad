"""The learned stage's optional sentence encoder (MiniLM int8 ONNX from installed packages) and the record
confidence's isotonic recalibration. Sentences here are written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from eventwire.events import TriggerTable
from eventwire.events.learned.authored import CLASSES
from eventwire.events.learned.candidates import candidate_lexicon, candidates
from eventwire.events.learned.encoder import ENCODER_WIDTH, SentenceEncoder
from eventwire.events.learned.features import DENSE_WIDTH, HASH_SIZE, dense_width, sentence_features
from eventwire.events.learned.model import LinearHead, model_dir
from eventwire.events.learned.stage import LearnedStage
from eventwire.events.learned.train import RecordInputs, isotonic
from eventwire.nlp import load_pipeline

needs_encoder = pytest.mark.skipif(not SentenceEncoder.available(),
                                   reason="the encoder packages (eventwire[encoder]) are not installed")


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_pipeline()


@needs_encoder
def test_every_word_gets_the_mean_of_its_pieces(nlp) -> None:  # type: ignore[no-untyped-def]
    encoder = SentenceEncoder.installed()
    doc = nlp("Fishermen in Kisumu said the lake was calm. Villagers blockaded the Mombasa road on Monday.")
    second = list(doc.sents)[1]
    words, mean = encoder.sentence_vectors(second)
    assert words.shape == (len(second), ENCODER_WIDTH) and words.dtype == np.float32
    # every word has pieces here ("blockaded" is split into several): unit vectors, and the mean too
    assert np.allclose(np.linalg.norm(words, axis=1), 1.0, atol=1e-4)
    assert np.linalg.norm(mean) == pytest.approx(1.0, abs=1e-4)
    # contextual: the same word in two sentences gets two vectors
    other = nlp("Villagers blockaded the border crossing after the election.")
    again, _ = encoder.sentence_vectors(next(other.sents))
    assert float(words[1] @ again[1]) < 0.999
    # cached on the Doc: the second call is the same arrays
    assert encoder.sentence_vectors(second)[0] is words


@needs_encoder
def test_the_encoder_columns_follow_the_parse_features(nlp) -> None:  # type: ignore[no-untyped-def]
    encoder = SentenceEncoder.installed()
    doc = nlp("Rebels shelled the army base near the river on Tuesday.")
    sentence = next(doc.sents)
    found = candidates(sentence, TriggerTable.load(), candidate_lexicon([]))
    plain, plain_sparse = sentence_features(found)
    both, both_sparse = sentence_features(found, encoder)
    assert plain.shape == (len(found), DENSE_WIDTH)
    assert both.shape == (len(found), dense_width(True)) == (len(found), DENSE_WIDTH + 4 * ENCODER_WIDTH)
    assert np.array_equal(both[:, :DENSE_WIDTH], plain)  # the parse's columns are untouched
    assert all(np.array_equal(a, b) for a, b in zip(plain_sparse, both_sparse, strict=True))
    shelled = next(i for i, c in enumerate(found) if c.token.lower_ == "shelled")
    words, mean = encoder.sentence_vectors(sentence)
    row = both[shelled, DENSE_WIDTH:].reshape(4, ENCODER_WIDTH)
    assert np.allclose(row[0], words[found[shelled].token.i - sentence.start])  # the word
    assert np.linalg.norm(row[1]) > 0.99  # its subject, "Rebels"
    assert np.allclose(row[3], mean)


def _head(width: int, rng: np.random.Generator) -> LinearHead:
    classes = len(CLASSES)
    return LinearHead(rng.normal(size=(width, classes)).astype(np.float32) * 0.05,
                      np.zeros((HASH_SIZE, classes), dtype=np.float32), np.zeros(classes, dtype=np.float32),
                      CLASSES)


@needs_encoder
def test_a_model_trained_with_the_encoder_loads_it(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(3)
    _head(dense_width(True), rng).save(tmp_path, {"feature_version": "3", "encoder": "all-MiniLM-L6-v2"})
    (tmp_path / "candidate_lemmas.txt").write_text("shell\n", encoding="utf-8")
    stage = LearnedStage.load(tmp_path)
    assert stage is not None and stage.encoder is not None
    decisions = stage.classify(next(nlp("Rebels shelled the army base on Tuesday.").sents))
    assert decisions and all(sum(d.probabilities.values()) == pytest.approx(1.0) for d in decisions.values())
    # weights of the wrong width for their manifest are refused, not run
    broken = tmp_path / "broken"
    _head(DENSE_WIDTH, rng).save(broken, {"feature_version": "3", "encoder": "all-MiniLM-L6-v2"})
    with pytest.raises(ValueError, match="do not fit"):
        LinearHead.read(broken)


def test_the_setting_chooses_the_shipped_weights(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("EVENTWIRE_LEARNED_MODEL", raising=False)
    monkeypatch.setenv("EVENTWIRE_LEARNED", "1")
    assert model_dir().name == "model"
    monkeypatch.setenv("EVENTWIRE_LEARNED", "encoder")
    assert model_dir().name == "model-encoder"
    monkeypatch.setenv("EVENTWIRE_LEARNED_MODEL", str(tmp_path))
    assert model_dir() == tmp_path
    assert model_dir(encoder=False).name == "model"  # training's default output ignores the override


def test_isotonic_knots_are_monotone_and_fit_the_shares() -> None:
    rng = np.random.default_rng(7)
    confidence = rng.uniform(0, 1, 4000)
    # the truth is a steeper curve than the confidence says: too sure at the top, too unsure below
    correct = rng.uniform(0, 1, 4000) < np.clip(1.6 * confidence - 0.3, 0, 1)
    knots, values = isotonic(confidence.tolist(), correct.tolist())
    assert knots == sorted(knots) and values == sorted(values)
    inputs = RecordInputs(confidence.tolist(), [0.0] * 4000, correct.tolist())
    identity = (1.0, 0.0, 0.0)  # Platt scaling that leaves the probability as it is
    assert inputs.ece(identity, (knots, values)) < 0.5 * inputs.ece(identity)
    assert isotonic([0.2, 0.8], [True, False]) == ([0.5], [0.5])  # a violation is pooled


def test_the_stage_applies_the_recalibration_after_platt(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    head = _head(DENSE_WIDTH, rng)
    plain = LearnedStage(head, frozenset(), TriggerTable.load(), "t")
    mapped = LearnedStage(head, frozenset(), TriggerTable.load(), "t",
                          recalibration=([0.1, 0.5, 0.9], [0.05, 0.3, 0.95]))
    assert plain.record_confidence(0.5, 0.0) == pytest.approx(0.5)
    assert mapped.record_confidence(0.5, 0.0) == pytest.approx(0.3)
    assert mapped.record_confidence(0.7, 0.0) == pytest.approx(0.625)
    assert mapped.record_confidence(0.99, 0.0) == pytest.approx(0.95)  # clamped at the last knot
    # the manifest carries the knots
    head.save(tmp_path, {"feature_version": "3", "record_recalibration":
                         {"confidence": [0.2, 0.6], "right": [0.1, 0.7]}})
    loaded = LearnedStage.load(tmp_path)
    assert loaded is not None and loaded.record_confidence(0.4, 0.0) == pytest.approx(0.4)
    assert json.loads((tmp_path / "manifest.json").read_text())["record_recalibration"]["right"] == [0.1, 0.7]


@needs_encoder
def test_the_shipped_encoder_weights_load_by_the_setting(monkeypatch: pytest.MonkeyPatch,
                                                         nlp) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("EVENTWIRE_LEARNED_MODEL", raising=False)
    monkeypatch.setenv("EVENTWIRE_LEARNED", "encoder")
    stage = LearnedStage.load()
    assert stage is not None and stage.encoder is not None
    assert stage.head.dense.shape[0] == dense_width(True)
    decisions = stage.classify(next(nlp("Rebels shelled the airport on Sunday.").sents))
    shelled = next(d for d in decisions.values() if d.candidate.token.lower_ == "shelled")
    assert shelled.type == "ASSAULT"
    monkeypatch.setenv("EVENTWIRE_LEARNED", "1")
    default = LearnedStage.load()
    assert default is not None and default.encoder is None

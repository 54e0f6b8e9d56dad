"""The event coder's steps (spaCy components set up from data/events/coder.cfg): each can be run alone and
leaves typed records on the Doc, a step can be switched or swapped from the config, and the coder version
follows the config."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.events import EventCoder
from eventwire.events.coder_pipeline import DEFAULT_CONFIG, load_coder_config, run_steps
from eventwire.events.doc_state import TRIGGER_SPANS, ArticleInfo, Candidate, Reading

PUBLISHED = "2024-03-01"
# The shipped model reads this "lifted" as a concession; the trigger table's entry alone as a retreat.
MODEL_RETYPES = "The government lifted the curfew in Algiers."


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load(with_places=False)


class _NoClassifier:
    """A classification step that classifies nothing: the rules' candidates go on as they are."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.event_model = None
        return doc


@Language.factory("test_no_classifier")
def _make_no_classifier(nlp: Language, name: str) -> _NoClassifier:
    return _NoClassifier()


def _config(**changes: dict) -> dict:
    config = dict(load_coder_config())
    components = {name: dict(settings) for name, settings in config["components"].items()}
    for name, settings in changes.items():
        components[name] = settings
    return {"coder": dict(config["coder"]), "components": components}


def _step_names(coder: EventCoder) -> list[str]:
    return list(coder.steps.pipe_names)


def test_the_config_names_the_steps_in_order(coder: EventCoder) -> None:
    assert _step_names(coder) == ["candidates", "classify", "factuality", "time_place", "roles", "records",
                                   "relevance"]
    factories = [coder.steps.get_pipe_meta(name).factory for name in _step_names(coder)]
    assert factories == ["eventwire_candidates", "eventwire_classify", "eventwire_factuality",
                         "eventwire_time_place", "eventwire_roles", "eventwire_records",
                         "eventwire_relevance"]


def test_candidates_and_classify_alone_write_candidates_and_nothing_later(coder: EventCoder) -> None:
    doc = coder.nlp("Police did not arrest anyone. Nigerian police arrested twelve journalists in Lagos.")
    run_steps(coder.steps, doc, ArticleInfo(PUBLISHED), only={"candidates"})
    found = doc._.event_candidates
    assert found and all(isinstance(c, Candidate) for c in found)
    assert [c.token.lemma_ for c in found] == ["arrest", "arrest"]
    assert [c.sentence_start for c in found] == [0, found[1].token.sent.start] and found[1].sentence_start > 0
    assert all(c.decision is None for c in found)  # the model has not run yet
    assert [(s.text, s.label_) for s in doc.spans[TRIGGER_SPANS]] == [("arrest", "COERCE"),
                                                                      ("arrested", "COERCE")]
    with pytest.raises(dataclasses.FrozenInstanceError):
        found[0].consumed = True  # type: ignore[misc]
    assert doc._.event_readings is None and doc._.events is None

    run_steps(coder.steps, doc, ArticleInfo(PUBLISHED), only={"classify"})
    assert doc._.event_model is coder.learned is not None
    classified = doc._.event_candidates
    assert {c.token.i for c in found} <= {c.token.i for c in classified}
    assert all(c.decision is not None for c in classified if c.token.lemma_ == "arrest")
    assert doc._.event_readings is None and doc._.events is None


def test_factuality_drops_the_negated_act_and_records_follow(coder: EventCoder) -> None:
    text = "Police did not arrest anyone. Nigerian police arrested twelve journalists in Lagos."
    doc = coder.nlp(text)
    run_steps(coder.steps, doc, ArticleInfo(PUBLISHED), only={"candidates", "classify", "factuality"})
    readings = doc._.event_readings
    assert all(isinstance(r, Reading) for r in readings)
    assert [(r.candidate.token.text, r.type, r.factuality) for r in readings] == [
        ("arrested", "COERCE", "occurred")]
    assert doc._.event_setting is None and doc._.events is None

    run_steps(coder.steps, doc, ArticleInfo(PUBLISHED), only={"time_place", "roles", "records"})
    assert doc._.event_setting.dct.isoformat() == PUBLISHED
    assert doc._.event_mentions is not None
    step_by_step = list(doc._.events)
    assert step_by_step == coder.code_text(text, PUBLISHED)
    assert [e.evidence.trigger for e in step_by_step] == ["arrested"]


def test_a_swapped_classifier_gives_the_rules_alone(coder: EventCoder) -> None:
    no_classifier = _config(classify={"factory": "test_no_classifier"})
    swapped = EventCoder(coder.nlp, coder.resolver, config=no_classifier)
    rules_only = EventCoder(coder.nlp, coder.resolver, learned=None)
    doc = run_steps(swapped.steps, swapped.nlp(MODEL_RETYPES), ArticleInfo(PUBLISHED))
    assert doc._.event_candidates and all(c.decision is None for c in doc._.event_candidates)
    events = swapped.code_text(MODEL_RETYPES, PUBLISHED)
    assert events == list(doc._.events) == rules_only.code_text(MODEL_RETYPES, PUBLISHED)
    shipped = coder.code_text(MODEL_RETYPES, PUBLISHED)
    assert [e.type for e in events] != [e.type for e in shipped], (events, shipped)
    assert swapped.version != coder.version


def test_the_config_switches_the_classification_off(coder: EventCoder) -> None:
    switched = EventCoder(coder.nlp, coder.resolver,
                          config=_config(classify={"factory": "eventwire_classify", "enabled": False}))
    assert switched.learned is None
    assert switched.code_text(MODEL_RETYPES, PUBLISHED) == EventCoder(
        coder.nlp, coder.resolver, learned=None).code_text(MODEL_RETYPES, PUBLISHED)
    assert switched.version != coder.version


def test_the_environment_switch_still_turns_the_model_off(coder: EventCoder,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_LEARNED", "0")
    off = EventCoder(coder.nlp, coder.resolver)
    assert off.learned is None
    doc = off.nlp(MODEL_RETYPES)
    events = off.code_doc(doc, published=PUBLISHED)
    assert doc._.event_model is None and list(doc._.events) == events
    assert doc._.event_candidates is None  # code_doc lets go of what holds the Doc's tokens


def test_the_version_follows_every_setting(coder: EventCoder) -> None:
    same = EventCoder(coder.nlp, coder.resolver, config=_config())
    assert same.version == coder.version
    threshold = EventCoder(coder.nlp, coder.resolver, config=_config(records={
        "factory": "eventwire_records", "time_place": "time_place", "roles": "roles", "min_confidence": 0.5}))
    unplaced = EventCoder(coder.nlp, coder.resolver, config=_config(time_place={
        "factory": "eventwire_time_place", "places": False}))
    assert len({coder.version, threshold.version, unplaced.version}) == 3
    assert all(e.confidence >= 0.5 for e in threshold.code_text(
        "Israeli jets struck targets in Gaza on Sunday, and Turkish police detained forty protesters.",
        PUBLISHED))


def test_code_takes_a_coder_config(coder: EventCoder, tmp_path: Path) -> None:
    """`eventwire code --coder-config FILE` runs the steps that file names: here the rules alone."""
    from eventwire.cli import main

    rules_only = tmp_path / "rules-only.cfg"
    shipped = DEFAULT_CONFIG.read_text(encoding="utf-8")
    assert "enabled = true" in shipped
    rules_only.write_text(shipped.replace("enabled = true", "enabled = false"), encoding="utf-8")
    page = tmp_path / "news.txt"
    page.write_text(MODEL_RETYPES, encoding="utf-8")
    runner = CliRunner()

    def types(*options: str) -> list[str]:
        result = runner.invoke(main, ["code", str(page), "--published", PUBLISHED, *options])
        assert result.exit_code == 0, result.output
        return [json.loads(line)["type"] for line in result.output.splitlines() if line.startswith("{")]

    expected = [e.type for e in EventCoder(coder.nlp, coder.resolver, learned=None).code_text(
        MODEL_RETYPES, PUBLISHED)]
    assert types("--coder-config", str(rules_only)) == expected != types()

"""The learned event stage: the split, the candidate filter, the features, the shipped head, how the
coder uses it (negation scope, one record per act, confidence threshold) and the coder version.
Sentences here are written for these tests."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from eventwire.events import EventCoder, TriggerTable
from eventwire.events.learned import authored, split
from eventwire.events.learned.authored import CLASSES
from eventwire.events.learned.candidates import cameo_verbs, candidate_lexicon, candidates
from eventwire.events.learned.features import DENSE_WIDTH, HASH_SIZE, features, sparse_names
from eventwire.events.learned.model import LinearHead, model_dir, shipped_head
from eventwire.events.learned.stage import LearnedStage
from eventwire.events.learned.train import best_setting, expected_calibration_error, platt
from eventwire.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_pipeline()


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load(with_places=False)


# --- the split ---------------------------------------------------------------------------------------


def test_the_split_is_a_function_of_the_id_alone() -> None:
    ids = [f"d{batch}-{number:05d}" for batch in (1, 2, 3) for number in range(1, 3001)]
    parts = Counter(split.part_of(i) for i in ids)
    assert parts["locked"] / len(ids) == pytest.approx(0.20, abs=0.02)
    assert parts["calibration"] / len(ids) == pytest.approx(0.15, abs=0.02)
    assert parts["train"] / len(ids) == pytest.approx(0.65, abs=0.02)
    assert [split.part_of(i) for i in ids[:50]] == [split.part_of(i) for i in ids[:50]]
    folds = Counter(split.fold_of(i) for i in ids if split.part_of(i) == "train")
    assert set(folds) == set(range(split.FOLDS))
    assert min(folds.values()) > 0.8 * max(folds.values())


def test_adding_sentences_never_moves_old_ones() -> None:
    before = {i: split.part_of(i) for i in (f"d1-{n:05d}" for n in range(200))}
    _ = [split.part_of(f"d9-{n:05d}") for n in range(500)]
    assert before == {i: split.part_of(i) for i in before}


def test_authored_rows_are_checked_not_guessed() -> None:
    text = "Kenyan police fired tear gas at opposition supporters in Kisumu on Tuesday."
    good = authored.parse_row({"id": "t-1", "text": text, "events": [
        {"type": "ASSAULT", "trigger": "fired tear gas", "factuality": "occurred"}]})
    assert good is not None and good.events[0].trigger_start == text.index("fired")
    unknown_type = {"id": "t-2", "text": text, "events": [{"type": "FIGHT", "trigger": "fired"}]}
    assert authored.parse_row(unknown_type) is None
    trigger_not_in_text = {"id": "t-3", "text": text, "events": [{"type": "ASSAULT", "trigger": "shot"}]}
    assert authored.parse_row(trigger_not_in_text) is None
    negative = authored.parse_row({"id": "t-4", "text": "Prices surged.", "events": [],
                                   "negative_kind": "other_sense"})
    assert negative is not None and negative.events == ()


# --- candidates and features --------------------------------------------------------------------------


def test_the_cameo_lexicon_carries_its_licence_and_codes() -> None:
    data = Path(str(model_dir())).parent
    header = (data / "cameo_verbs.tsv").read_text(encoding="utf-8")[:3000]
    assert "MIT License" in header and "PETRARCH2" in header
    assert (data / "CAMEO_VERBS_LICENSE.txt").is_file()
    assert cameo_verbs()["arrest"].startswith("17")
    assert cameo_verbs()["behead"][:2] in {"18", "19"}


def test_candidates_are_rule_triggers_and_lexicon_words(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Militants beheaded two soldiers, and police arrested the suspects on Friday.")
    found = {c.token.lower_: c for c in candidates(doc[:], TriggerTable.load(), candidate_lexicon([]))}
    assert found["arrested"].rule is not None  # the trigger table knows it
    assert found["beheaded"].rule is None and found["beheaded"].cameo  # only the CAMEO lexicon does
    assert "soldiers" not in found and "friday" not in found


def test_a_new_event_needs_the_threshold_or_an_agreeing_cameo_code(nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire.events.learned.stage import Decision

    doc = nlp("Soldiers beheaded two villagers, and the mayor smiled.")
    found = {c.token.lower_: c for c in candidates(doc[:], TriggerTable.load(), candidate_lexicon([]))}
    beheaded, smiled = found["beheaded"], found["smiled"]
    assert beheaded.cameo and beheaded.cameo.startswith("1")  # CAMEO reads "behead" as an assault
    stage = LearnedStage(shipped_head()[0], candidate_lexicon([]), TriggerTable.load(), "test",  # type: ignore[index]
                         {"new_event_probability": 0.6, "cameo_agreeing_probability": 0.4})
    assert stage.adds(Decision(beheaded, {"ASSAULT": 0.45, "NONE": 0.35, "COERCE": 0.2}))  # CAMEO agrees
    assert not stage.adds(Decision(beheaded, {"COERCE": 0.45, "NONE": 0.35, "ASSAULT": 0.2}))  # another type
    assert not stage.adds(Decision(beheaded, {"ASSAULT": 0.35, "NONE": 0.33, "COERCE": 0.32}))  # below 0.4
    assert not stage.adds(Decision(beheaded, {"NONE": 0.55, "ASSAULT": 0.45}))  # "no event" is the answer
    assert stage.adds(Decision(beheaded, {"COERCE": 0.65, "NONE": 0.35}))  # sure enough on its own
    no_code = Decision(smiled, {"SUPPORT": 0.45, "NONE": 0.35, "AID": 0.2})
    assert smiled.cameo is None and not stage.adds(no_code)  # no CAMEO code: 0.6 is needed
    stage.cameo_agreeing_probability = None  # no lower threshold: every word needs 0.6
    assert not stage.adds(Decision(beheaded, {"ASSAULT": 0.45, "NONE": 0.35, "COERCE": 0.2}))
    assert not stage.adds(Decision(beheaded, {"NONE": 0.9, "ASSAULT": 0.1}))


def test_features_are_vectors_and_hashed_scope_cues(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The general has given no order to pull out the troops.")
    pull = next(t for t in doc if t.lower_ == "pull")
    candidate = next(c for c in candidates(doc[:], TriggerTable.load(), candidate_lexicon(["pull"]))
                     if c.token.i == pull.i)
    row = features(candidate)
    assert row.dense.shape == (DENSE_WIDTH,) and row.dense.dtype == np.float32
    assert all(0 <= i < HASH_SIZE for i in row.sparse)
    names = sparse_names(candidate)
    assert any(name.startswith("neg@") or name == "neg_before" for name in names), names
    affirmative = nlp("The general ordered the troops to pull out.")
    pull = next(t for t in affirmative if t.lower_ == "pull")
    plain = next(c for c in candidates(affirmative[:], TriggerTable.load(), candidate_lexicon(["pull"]))
                 if c.token.i == pull.i)
    assert not any(name.startswith("neg") for name in sparse_names(plain))


def test_the_sentence_cache_gives_the_per_word_features(nlp) -> None:  # type: ignore[no-untyped-def]
    """The batched path (one vector matrix per Doc, one quotation scan per sentence) must give what the
    word-by-word lookups give: `Token.vector`, `syntax.quoted`, a fresh computation per candidate."""
    from eventwire.events import syntax
    from eventwire.events.learned.features import (
        CONTEXT_WIDTH,
        VECTOR_WIDTH,
        SentenceView,
        _vector,
        sentence_features,
    )

    doc = nlp('Protesters in Lima chanted "we will march on Congress" and police fired tear gas. '
              "The Qwxzzy militia, officials said, shelled the town; the minister denied it.")
    lexicon = candidate_lexicon(["march", "chant"])
    checked = 0
    quoted: dict[str, bool] = {}
    for sentence in doc.sents:
        found = candidates(sentence, TriggerTable.load(), lexicon)
        dense, sparse = sentence_features(found)
        view = SentenceView(sentence)
        content = [t.vector for t in sentence if t.has_vector and not t.is_punct and not t.is_stop]
        mean = np.mean(content, axis=0)
        for row, indices, candidate in zip(dense, sparse, found, strict=True):
            token = candidate.token
            np.testing.assert_allclose(row[:VECTOR_WIDTH], _vector(token), atol=1e-6)
            np.testing.assert_allclose(row[3 * VECTOR_WIDTH:4 * VECTOR_WIDTH], mean / np.linalg.norm(mean),
                                       atol=1e-6)
            context = doc.tensor[token.i] / np.linalg.norm(doc.tensor[token.i])  # the parse's own vector
            np.testing.assert_allclose(row[4 * VECTOR_WIDTH:4 * VECTOR_WIDTH + CONTEXT_WIDTH], context,
                                       atol=1e-5)
            single = features(candidate)
            np.testing.assert_allclose(single.dense, row, atol=1e-6)
            assert single.sparse == tuple(int(i) for i in indices)
            assert view.is_quoted(token) == syntax.quoted(token)
            quoted[token.lower_] = view.is_quoted(token)
            checked += 1
    assert checked >= 6
    assert quoted["march"] and not quoted["fired"]  # the quotation was seen, and closed
    assert not any(t.has_vector for t in doc if t.text == "Qwxzzy")  # an unknown word: zeros both ways


def test_calibration_error_and_platt_scaling() -> None:
    confidence = np.array([0.9] * 10 + [0.6] * 10)
    correct = np.array([True] * 9 + [False] + [True] * 3 + [False] * 7)
    ece, table = expected_calibration_error(confidence, correct)
    assert ece == pytest.approx(0.5 * 0.0 + 0.5 * 0.3)
    assert [row["n"] for row in table] == [10, 10]
    rng = np.random.default_rng(0)
    probabilities = rng.uniform(0.05, 0.95, 400)
    right = rng.uniform(0, 1, 400) < probabilities ** 2  # over-confident inputs
    a, _c, b = platt(probabilities, np.zeros(400), right)
    scaled = 1 / (1 + np.exp(-(a * np.log(probabilities / (1 - probabilities)) + b)))
    assert abs(scaled.mean() - right.mean()) < abs(probabilities.mean() - right.mean())


# --- the shipped head -------------------------------------------------------------------------------


def test_the_shipped_head_loads_and_gives_distributions(nlp) -> None:  # type: ignore[no-untyped-def]
    shipped = shipped_head()
    assert shipped is not None, "no weights in src/eventwire/data/events/model: run `eventwire train events`"
    head, manifest = shipped
    assert head.classes == CLASSES
    assert manifest["training_data_sha256"] and manifest["feature_version"]
    assert manifest["metrics"]["locked"]["candidate_recall"] >= 0.9
    stage = LearnedStage.load()
    assert stage is not None
    doc = nlp("Rebels shelled the airport, while the minister praised the ceasefire talks.")
    decisions = stage.classify(doc[:])
    assert decisions
    for decision in decisions.values():
        assert sum(decision.probabilities.values()) == pytest.approx(1.0, abs=1e-5)
        assert all(0.0 <= p <= 1.0 for p in decisions[next(iter(decisions))].probabilities.values())


def test_clause_features_name_the_governing_and_reporting_verbs(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The opposition said it had called for talks with the government.")
    talks = next(c for c in candidates(doc[:], TriggerTable.load(), candidate_lexicon(["talk"]))
                 if c.token.lower_ == "talks")
    names = sparse_names(talks)
    assert "gov_verb=call" in names and "report=say" in names
    assert any(name.startswith("path=pobj/prep/") for name in names), names
    # a Doc whose parse kept no contextual vectors gives zeros there, not an error
    bare = nlp("Police arrested the protesters.")
    bare.tensor = np.zeros((0, 0), dtype=np.float32)
    from eventwire.events.learned.features import CONTEXT_WIDTH, VECTOR_WIDTH, sentence_features

    found = candidates(bare[:], TriggerTable.load(), candidate_lexicon([]))
    dense, _ = sentence_features(found)
    assert dense.shape == (len(found), DENSE_WIDTH) and len(found) >= 1
    assert not dense[:, 4 * VECTOR_WIDTH:4 * VECTOR_WIDTH + CONTEXT_WIDTH].any()


def test_the_mlp_head_computes_its_hidden_layer_and_round_trips(tmp_path: Path) -> None:
    """The hidden layer's inference against a plain per-row computation, and save/read keeping it."""
    from eventwire.events.learned.features import Features
    from eventwire.events.learned.model import HiddenLayer, sparse_sums

    rng = np.random.default_rng(3)
    classes, hidden = len(CLASSES), 5
    layer = HiddenLayer(rng.normal(size=(DENSE_WIDTH, hidden)).astype(np.float32) * 0.05,
                        rng.normal(size=(HASH_SIZE, hidden)).astype(np.float32),
                        rng.normal(size=hidden).astype(np.float32),
                        rng.normal(size=(hidden, classes)).astype(np.float32))
    head = LinearHead(rng.normal(size=(DENSE_WIDTH, classes)).astype(np.float32) * 0.05,
                      rng.normal(size=(HASH_SIZE, classes)).astype(np.float32),
                      rng.normal(size=classes).astype(np.float32), CLASSES, 1.3, layer)
    rows = [Features(rng.normal(size=DENSE_WIDTH).astype(np.float32), (1, 7, 4095)),
            Features(rng.normal(size=DENSE_WIDTH).astype(np.float32), ()),
            Features(rng.normal(size=DENSE_WIDTH).astype(np.float32), (HASH_SIZE - 1,))]
    expected = []
    for row in rows:
        picked = list(row.sparse)
        inner = np.maximum(row.dense @ layer.dense + layer.sparse[picked].sum(axis=0) + layer.bias, 0)
        linear = row.dense @ head.dense + head.sparse[picked].sum(axis=0) + head.bias
        expected.append(linear + inner @ layer.out)
    np.testing.assert_allclose(head.logits(rows), np.array(expected), rtol=1e-4, atol=1e-4)
    assert sparse_sums(head.sparse, [np.zeros(0, dtype=np.int64)]).tolist() == [[0.0] * classes]
    probabilities = head.probabilities(rows)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)
    # the hidden layer changes the answer: without it the logits differ
    assert not np.allclose(LinearHead(head.dense, head.sparse, head.bias, CLASSES).logits(rows), expected)
    head.save(tmp_path, {"feature_version": "test"})
    read, manifest = LinearHead.read(tmp_path)
    assert read.hidden is not None and manifest["hidden_units"] == hidden
    np.testing.assert_allclose(read.probabilities(rows), probabilities, atol=1e-6)


def test_the_coder_version_covers_the_weights(tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(model_dir(), copy)
    with np.load(copy / "weights.npz") as weights:
        arrays = {name: weights[name] for name in weights.files}
    arrays["bias"] = arrays["bias"] + 0.5
    np.savez_compressed(copy / "weights.npz", **arrays)
    from eventwire.actors import ActorResolver

    nlp = load_pipeline()
    resolver = ActorResolver.load([])
    shipped = EventCoder(nlp, resolver)
    changed = EventCoder(nlp, resolver, learned=LearnedStage.load(copy))
    rules_only = EventCoder(nlp, resolver, learned=None)
    assert len({shipped.version, changed.version, rules_only.version}) == 3
    assert LinearHead.read(copy)[0].bias[0] == pytest.approx(shipped_head()[0].bias[0] + 0.5)  # type: ignore[index]


# --- the coder with the stage -------------------------------------------------------------------------


def _occurred(events: list, type_: str) -> list:
    return [e for e in events if e.type == type_ and e.factuality == "occurred"]


def test_a_negated_order_is_no_withdrawal(coder: EventCoder) -> None:
    events = coder.code_text("The defence minister said he has given no order to pull out the troops "
                             "stationed along the northern border.")
    assert not _occurred(events, "RETREAT"), events


def test_an_arrest_that_did_not_happen_is_not_an_arrest(coder: EventCoder) -> None:
    positive = coder.code_text("Nigerian police arrested twelve journalists in Lagos on Monday.")
    assert _occurred(positive, "COERCE"), positive
    negated = coder.code_text("Nigerian police did not arrest any of the journalists in Lagos on Monday.")
    assert not _occurred(negated, "COERCE"), negated


def test_a_failed_deal_is_no_agreement(coder: EventCoder) -> None:
    events = coder.code_text("Egypt and Sudan failed to reach an agreement on the dam after two days of "
                             "talks in Cairo.")
    assert not _occurred(events, "AGREE"), events


def test_one_record_per_act_in_a_sentence(coder: EventCoder) -> None:
    events = coder.code_text("The Egyptian foreign minister will meet his Jordanian counterpart in Amman "
                             "next week, and the meeting will focus on water sharing.", "2024-03-01")
    consult = [e for e in events if e.type == "CONSULT"]
    keys = Counter((tuple(a.key for a in e.source), tuple(a.key for a in e.target)) for e in consult)
    assert all(count == 1 for count in keys.values()), consult


def test_confidence_is_a_probability_and_min_confidence_filters(coder: EventCoder) -> None:
    text = ("Israeli jets struck targets in Gaza on Sunday, hours after Egypt hosted talks between the two "
            "sides, and Turkish police detained forty protesters in Ankara.")
    events = coder.code_text(text)
    assert events and all(0.0 <= e.confidence <= 1.0 for e in events)
    threshold = sorted(e.confidence for e in events)[len(events) // 2]
    strict = EventCoder(coder.nlp, coder.resolver, learned=coder.learned, min_confidence=threshold)
    kept = strict.code_text(text)
    assert kept and all(e.confidence >= threshold for e in kept)
    assert len(kept) == sum(1 for e in events if e.confidence >= threshold)
    assert strict.version != coder.version


def test_code_and_ingest_take_min_confidence(tmp_path: Path) -> None:
    from eventwire.cli import main

    text = ("Israeli jets struck targets in Gaza on Sunday. Egypt hosted talks between the two sides in "
            "Cairo on Monday. Turkish police detained forty protesters in Ankara.")
    page = tmp_path / "news.txt"
    page.write_text(text, encoding="utf-8")
    runner = CliRunner()
    everything = runner.invoke(main, ["code", str(page), "--published", "2024-05-02"])
    assert everything.exit_code == 0, everything.output
    all_events = [json.loads(line) for line in everything.output.splitlines() if line.startswith("{")]
    assert all_events
    threshold = max(e["confidence"] for e in all_events)
    strict = runner.invoke(main, ["code", str(page), "--published", "2024-05-02", "--min-confidence",
                                  str(threshold)])
    kept = [json.loads(line) for line in strict.output.splitlines() if line.startswith("{")]
    assert kept and all(e["confidence"] >= threshold for e in kept) and len(kept) < len(all_events) + 1
    assert len(kept) == sum(1 for e in all_events if e["confidence"] >= threshold)
    db = tmp_path / "events.db"
    ingested = runner.invoke(main, ["ingest", str(page), "--db", str(db), "--no-progress",
                                    "--min-confidence", str(threshold)])
    assert ingested.exit_code == 0, ingested.output
    listed = runner.invoke(main, ["events", "--db", str(db), "--format", "jsonl"])
    stored = [json.loads(line) for line in listed.output.splitlines() if line.startswith("{")]
    assert stored and all(e["confidence"] >= threshold for e in stored)
    bad = runner.invoke(main, ["code", str(page), "--min-confidence", "1.5"])
    assert bad.exit_code != 0


# --- the scorers ------------------------------------------------------------------------------------


def test_the_authored_scorer_counts_records_and_events() -> None:
    from types import SimpleNamespace

    from eventwire.evaluation.events_authored import score_part
    from eventwire.evaluation.events_plv import _span

    text = "Rebels shelled Kharkiv on Monday, and the army arrested ten protesters."
    sentence = authored.parse_row({"id": "s-1", "text": text, "events": [
        {"type": "ASSAULT", "trigger": "shelled", "source": "Rebels", "target": "Kharkiv"},
        {"type": "COERCE", "trigger": "arrested", "source": "the army", "target": "ten protesters"}]})
    negative = authored.parse_row({"id": "s-2", "text": "Prices surged.", "events": [],
                                   "negative_kind": "other_sense"})
    assert sentence is not None and negative is not None

    def record(type_: str, word: str, confidence: float, source: str | None, target: str | None
               ) -> SimpleNamespace:
        start = text.find(word)

        def actor(phrase: str | None) -> tuple:
            return () if phrase is None else (SimpleNamespace(start=text.find(phrase),
                                                              end=text.find(phrase) + len(phrase)),)

        evidence = SimpleNamespace(trigger_start=start, trigger_end=start + len(word), trigger=word)
        return SimpleNamespace(type=type_, evidence=evidence, confidence=confidence, source=actor(source),
                               target=actor(target))

    coded = [[record("ASSAULT", "shelled", 0.9, "Rebels", "Kharkiv"),
              record("ASSAULT", "arrested", 0.6, "the army", None)],
             [SimpleNamespace(type="PROTEST", evidence=SimpleNamespace(trigger_start=7, trigger_end=13,
                                                                       trigger="surged"),
                              confidence=0.3, source=(), target=())]]
    figures = score_part([sentence, negative], coded)
    assert figures["gold_events"] == 2 and figures["records"] == 3
    assert figures["type_accuracy"] == 0.5 and figures["event_recall"] == 1.0
    assert figures["event_precision"] == pytest.approx(2 / 3)
    assert figures["right_records"] == 1 and figures["negatives_with_event"] == 1.0
    assert _span("<s>Iran</s> accused <t>the United States</t> of lying.", "t") == (13, 30)


@pytest.mark.parametrize("changed_file",
                         ["data/places/abbreviations.csv", "addresses.py", "data/events/plover.yaml"])
def test_the_coder_version_covers_the_place_data_and_address_words(
        changed_file: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stored articles are re-coded when what decides their events changes, place data and the street
    words of the invariants included."""
    from eventwire.events.coder import _coder_version

    before = _coder_version()
    read_bytes = Path.read_bytes

    def edited(path: Path) -> bytes:
        content = read_bytes(path)
        return content + b"\n# edited" if path.as_posix().endswith(changed_file) else content

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert _coder_version() != before


def test_the_model_vetoes_a_one_word_rule_event_only_past_the_chosen_threshold(coder: EventCoder) -> None:
    """A rule's word the head calls "no event" at or above `none_veto_probability` gives no record; below
    it, or at the default (1.01: the rules always win), the rule's event stays; a frame's composed act
    ("threatened to impose sanctions") is never vetoed by the word-level head."""
    from eventwire.events.learned.stage import NONE_VETO_PROBABILITY, Decision

    assert NONE_VETO_PROBABILITY > 1.0  # weights with no chosen threshold keep every rule event
    stage = coder.learned
    assert stage is not None
    sure_of_nothing = LearnedStage(stage.head, stage.lexicon, stage.triggers, "test",
                                   {"none_veto_probability": 0.9})

    def no_event_everywhere(sentence):  # type: ignore[no-untyped-def]
        return {i: Decision(d.candidate, {"NONE": 0.95, d.type if d.type != "NONE" else "ASSAULT": 0.05})
                for i, d in LearnedStage.classify(sure_of_nothing, sentence).items()}

    sure_of_nothing.classify = no_event_everywhere  # type: ignore[method-assign]
    arrest = "Nigerian police arrested twelve journalists in Lagos on Monday."
    vetoing = EventCoder(coder.nlp, coder.resolver, learned=sure_of_nothing)
    assert not _occurred(vetoing.code_text(arrest), "COERCE")
    sure_of_nothing.none_veto_probability = 0.96  # the head's 0.95 is below it: the rule's event stays
    assert _occurred(vetoing.code_text(arrest), "COERCE")
    sure_of_nothing.none_veto_probability = 0.9
    threat = vetoing.code_text("Washington threatened to impose sanctions on Iran on Monday.")
    assert [e for e in threat if e.type == "THREATEN"], threat


def test_a_setting_that_costs_recall_is_not_chosen_however_much_f1_it_gains() -> None:
    def figures(right: int, records: int, found: int) -> dict[str, float]:
        return {"right": right, "records": records, "gold_events": 100, "event_recall": found / 100}

    results = {0.8: figures(70, 80, 70), 0.9: figures(72, 90, 74), 1.01: figures(73, 110, 75)}
    assert best_setting(results) == 0.8  # the best typed F1 alone
    assert best_setting(results, max_recall_loss=0.01) == 0.9  # 0.8 loses 0.05 of recall
    assert best_setting(results, max_recall_loss=0.0) == 1.01


def test_the_governor_chain_read_once_gives_what_each_feature_read_itself(nlp) -> None:  # type: ignore[no-untyped-def]
    """The features take the word's governors from one walk up the parse table's heads
    (`ParseTable.governors`) where each used to walk them itself (`syntax.governors` with its own limit):
    the same words, in the same order, for every word (the hashed names, and so the shipped weights,
    depend on them)."""
    from eventwire.events import syntax
    from eventwire.events.learned.features import ParseTable, _governing_verb_at

    doc = nlp("The opposition said it had called for talks with the government. "
              "Rebels who shelled the town on Monday were later arrested, officials said. Go!")
    table = ParseTable.of(doc)
    for token in doc:
        chain = table.governors(token.i, 4)
        for limit in (1, 2, 3, 4):
            assert chain[:limit] == [g.i for g in syntax.governors(token, limit=limit)]
        walked = next((g for g in syntax.governors(token, limit=4) if g.pos_ in {"VERB", "AUX"}), None)
        assert _governing_verb_at(table, chain) == (walked.i if walked is not None else None)


def test_the_index_readings_of_the_features_agree_with_the_syntax_they_stand_for(nlp) -> None:  # type: ignore[no-untyped-def]
    """The features read the parse by index (`ParseTable`) for speed; what they read must stay what
    `syntax` says of the same words, or the shipped weights see other names than they were trained on."""
    from eventwire.events import syntax
    from eventwire.events.learned.features import SentenceView, _is_event_reference, _reporting_verb_above

    doc = nlp("The spokesman said that troops attacked the village after the talks. Talk of the strike "
              "spread, and the ministry said it would respond. Rebels shelled the town, officials said.")
    for sentence in doc.sents:
        view = SentenceView(sentence)
        for token in sentence:
            assert _is_event_reference(view.table, token.i) == syntax.is_event_reference(token), token.text
            said = syntax.reporting_verb_above(token)
            assert _reporting_verb_above(token.i, view) == (said.i if said is not None else None), token.text

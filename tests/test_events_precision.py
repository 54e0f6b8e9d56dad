"""Trigger-table entry senses handed to the learned head (issue #15, docs/events.md "Precision audit
(session 19)"): an entry sense that is often no event on the authored sentences gives no record when the
head calls the word "no event" at the table's `head_decides_at`; every other entry and sense keeps the
rules' event whatever the head says."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire.events import EventCoder, TriggerTable
from eventwire.events.learned.stage import Decision, LearnedStage
from eventwire.events.ontology import OntologyError
from eventwire.events.triggers import SENSES, trigger_sense


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load(with_places=False)


def _table(decided: dict[str, frozenset[str]], veto: float) -> TriggerTable:
    """The shipped table with `decided` (lemma -> senses) handed to the head at P(NONE) >= veto."""
    shipped = TriggerTable.load()
    triggers = [replace(t, head_decides=next((senses for lemma, senses in decided.items() if lemma in t.lemmas
                                              and t.type), t.head_decides))
                for t in shipped.triggers]
    table = TriggerTable(triggers, shipped.ontology, shipped.imposing_verbs)
    table.other_domain_words, table.political_agents = shipped.other_domain_words, shipped.political_agents
    table.head_veto = veto
    return table


def _event_type(decision: Decision) -> str:
    return decision.type if decision.type != "NONE" else "COERCE"


def _coder_saying_no_event(coder: EventCoder, table: TriggerTable, no_event: float) -> EventCoder:
    """A coder whose head calls every candidate "no event" with probability `no_event` (its own veto off)."""
    stage = coder.learned
    assert stage is not None
    head = LearnedStage(stage.head, stage.lexicon, table, "test", {"none_veto_probability": 1.01})

    def saying_no_event(sentence):  # type: ignore[no-untyped-def]
        decisions = LearnedStage.classify(head, sentence)
        return {i: Decision(d.candidate, {"NONE": no_event, _event_type(d): 1 - no_event})
                for i, d in decisions.items()}

    head.classify = saying_no_event  # type: ignore[method-assign]
    return EventCoder(coder.nlp, coder.resolver, triggers=table, learned=head)


ARREST = "Nigerian police arrested twelve journalists in Lagos on Monday."
PASSIVE_ARREST = "Twelve journalists were arrested by Nigerian police in Lagos on Monday."


def _coerce(events: list) -> list:
    return [e for e in events if e.type == "COERCE"]


def test_a_sense_handed_to_the_head_gives_no_record_when_the_head_says_no_event(coder: EventCoder) -> None:
    handed = _coder_saying_no_event(coder, _table({"arrest": frozenset({"VERB+obj"})}, 0.9), 0.95)
    assert not _coerce(handed.code_text(ARREST))
    # the same entry in its other sense (no direct object: a passive) is not handed: the rules' event stays
    assert _coerce(handed.code_text(PASSIVE_ARREST))


def test_below_the_threshold_or_for_an_entry_not_handed_the_rules_event_stays(coder: EventCoder) -> None:
    below = _coder_saying_no_event(coder, _table({"arrest": frozenset({"VERB+obj"})}, 0.96), 0.95)
    assert _coerce(below.code_text(ARREST))
    # the arrest entry not handed (another entry is): the head's "no event" does not touch it
    not_handed = _table({"arrest": frozenset(), "sue": frozenset({"VERB+obj"})}, 0.9)
    other_entry = _coder_saying_no_event(coder, not_handed, 0.95)
    assert _coerce(other_entry.code_text(ARREST))


def test_the_head_judges_only_acts_the_rules_read_as_done(coder: EventCoder) -> None:
    """The head says "no event" of a denied or hypothetical act too: that is the act's factuality, which
    the rules keep ("will not attack" stays, denied), not the word's sense."""
    handed = _coder_saying_no_event(coder, _table({"attack": frozenset(SENSES)}, 0.9), 0.99)
    done = handed.code_text("Russian forces attacked the Ukrainian port.")
    assert not [e for e in done if e.type == "ASSAULT"]
    denied = [e for e in handed.code_text("Russian forces will not attack the Ukrainian port.")
              if e.type == "ASSAULT"]
    assert [e.factuality for e in denied] == ["denied"]


def test_a_frame_entry_is_never_handed(coder: EventCoder) -> None:
    """"threatened to impose sanctions": the frame composes an act the word-level head does not see, so
    its "no event" leaves it; a frame's own act with nothing embedded ("made a generous offer") stays too
    (handing those was measured and not kept: docs/events.md, "Precision audit")."""
    table = _table({"threaten": frozenset(SENSES), "offer": frozenset(SENSES)}, 0.5)
    handed = _coder_saying_no_event(coder, table, 0.99)
    events = handed.code_text("Washington threatened to impose sanctions on Iran on Monday.")
    assert [e for e in events if e.type == "THREATEN"], events
    offer = handed.code_text("Turkey made a generous offer to Syria on Monday.")
    assert [e for e in offer if e.type == "AGREE"], offer


def test_senses_are_read_off_the_parse(coder: EventCoder) -> None:
    doc = coder.nlp("Police arrested the journalists. The journalists were arrested. The arrest was quick.")
    assert [trigger_sense(t) for t in doc if t.lemma_ == "arrest"] == ["VERB+obj", "VERB-obj", "NOUN"]


ARREST_ENTRY = {"lemma": "arrest", "pos": "VERB", "cameo": "173"}


def test_the_table_rejects_an_unknown_sense() -> None:
    ontology = TriggerTable.load().ontology
    with pytest.raises(OntologyError, match="head_decides"):
        TriggerTable.parse([{**ARREST_ENTRY, "head_decides": ["obj"]}], ontology)
    table = TriggerTable.parse([{**ARREST_ENTRY, "head_decides": ["NOUN"]}], ontology)
    assert table.triggers[0].head_decides == frozenset({"NOUN"})


def test_the_shipped_table_hands_senses_at_a_chosen_threshold() -> None:
    """The audit's cut is in the shipped table: some entry senses are handed, at a probability below 1."""
    table = TriggerTable.load()
    assert 0.5 <= table.head_veto < 1.0
    assert any(t.head_decides for t in table.triggers)

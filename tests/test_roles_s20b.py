"""Roles by construction, second round (session 20, docs/roles-s20b.md): a receiving verb whose subject
is the one an act is done to ("received aid from X", "won the backing of X"), parties a headline joins
with a comma ("Iran, Saudi Arabia agree ..."), and an act one travelled for ("arrived in Cairo for
talks"). The sentences are written for these tests; the stand-in knowledge base of test_event_targets gives
countries and sectors, so what is tested is the reading of the text."""

from __future__ import annotations

import pytest

from eventwire.events import EventCoder, syntax
from eventwire.nlp import load_pipeline
from test_event_targets import KnowledgeBaseLike
from test_events import code
from test_roles import countries


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(load_pipeline(), KnowledgeBaseLike())


def _records(coder: EventCoder, text: str, trigger: str) -> list[dict]:
    found = [e for e in code(coder, text) if e["evidence"]["trigger"] == trigger]
    assert found, f"no record on {trigger!r}: {code(coder, text)}"
    return found


# --- receiving verbs: the subject is the one the act is done to ----------------------------------------


def test_aid_received_from_a_country_is_given_by_that_country(coder: EventCoder) -> None:
    aid = _records(coder, "Kenya received military aid from Japan on Monday.", "aid")[0]
    assert countries(aid["source"]) == {"JPN"}
    assert countries(aid["target"]) == {"KEN"}


def test_backing_won_of_an_actor_comes_from_that_actor(coder: EventCoder) -> None:
    backing = _records(coder, "The Sudanese government won the backing of Egypt on Sunday.", "backing")[0]
    assert countries(backing["source"]) == {"EGY"}
    assert countries(backing["target"]) == {"SDN"}


def test_the_giver_is_found_behind_what_is_received() -> None:
    doc = load_pipeline()("Ukraine won pledges of support from Germany.")
    won = next(t for t in doc if t.text == "won")
    assert [t.text for t in syntax.givers(won, lambda noun: True)] == ["Germany"]
    imposed = next(t for t in load_pipeline()("Ukraine imposed sanctions on Germany.") if t.text == "imposed")
    assert syntax.givers(imposed, lambda noun: True) == []  # not a receiving verb


def test_a_visit_received_keeps_the_host_as_written(coder: EventCoder) -> None:
    # who receives a delegation is, as often as not, written as the source: the verb is left as it reads
    text = "Egypt's president received a delegation from Sudan in Cairo on Monday."
    for record in code(coder, text):
        if record["type"] == "CONSULT" and record["evidence"]["trigger"] == "received":
            assert countries(record["source"]) == {"EGY"}


# --- parties joined by a comma in a headline -----------------------------------------------------------


def test_a_headline_comma_joins_two_parties_of_an_agreement(coder: EventCoder) -> None:
    agree = _records(coder, "Egypt, Sudan agree to restore diplomatic ties", "agree")[0]
    assert countries(agree["source"]) | countries(agree["target"]) == {"EGY", "SDN"}
    assert countries(agree["source"]) == {"EGY"}


def test_a_comma_after_an_opening_place_joins_no_party() -> None:
    nlp = load_pipeline()
    openings = ("In Tehran, Saudi Arabia agreed to restore ties.", "On Monday, Saudi Arabia agreed to talks.")
    for text in openings:
        doc = nlp(text)
        subject = next(t for t in doc if t.dep_ == "nsubj")
        assert syntax.comma_joined_party(subject) is None, text


# --- an act one travelled for ----------------------------------------------------------------------


def test_talks_one_arrived_for_are_held_by_whoever_arrived() -> None:
    doc = load_pipeline()("Kenya's foreign minister arrived in Cairo on Sunday for talks with Egyptian "
                          "officials.")
    talks = next(t for t in doc if t.text == "talks")
    assert [t.text for t in syntax.traveller_for(talks)] == ["minister"]


def test_an_act_named_after_for_under_another_verb_keeps_its_own_doer() -> None:
    # "sentenced for the attack": the court did not attack
    doc = load_pipeline()("The court sentenced two men on Sunday for the attack on the embassy.")
    attack = next(t for t in doc if t.text == "attack")
    assert syntax.traveller_for(attack) == []

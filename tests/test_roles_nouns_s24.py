"""Roles of acts named by nouns, session 24 (docs/events.md, "Session 24: the actors of acts named by
nouns"): the one who faces, draws or comes under an act is the one it is done to; a talk named as the
occasion of a clause is between the clause's subject and whom it addressed; a light verb whose recipient
the parser reads as the noun's subject still carries the noun. The sentences are written for these tests;
the stand-in knowledge base of test_roles_s24 gives countries and sectors and reads an unknown capitalised
phrase as a person's name."""

from __future__ import annotations

import pytest

from eventwire.events import EventCoder
from eventwire.nlp import load_pipeline
from test_events import code
from test_roles import records_on, texts
from test_roles_s24 import PeopleLike


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(load_pipeline(), PeopleLike())


def _one(coder: EventCoder, text: str, trigger_word: str, type_: str) -> dict:
    found = [e for e in records_on(coder, text, trigger_word) if e["type"] == type_]
    assert found, code(coder, text)
    return found[0]


# --- who faces, draws or comes under an act is its target --------------------------------------------


def test_who_faced_criticism_is_its_target(coder: EventCoder) -> None:
    record = _one(coder, "The Kenyan government faced stiff criticism on Tuesday over its decision.",
                  "criticism", "ACCUSE")
    assert texts(record["target"]) == ["Kenyan government"]
    assert record["source"] == []  # nobody is named to have criticised it


def test_who_drew_criticism_is_its_target(coder: EventCoder) -> None:
    record = _one(coder, "Peter Otieno has drawn criticism for naming John Kamau as his chief adviser.",
                  "criticism", "ACCUSE")
    assert texts(record["target"]) == ["Peter Otieno"]
    assert "John Kamau" not in texts(record["source"])


def test_who_came_under_attack_is_its_target(coder: EventCoder) -> None:
    record = _one(coder, "The Kenyan minister came under attack on Monday.", "attack", "ASSAULT")
    assert texts(record["target"]) == ["Kenyan minister"]


def test_who_is_under_investigation_is_its_target_and_the_investigator_its_source(coder: EventCoder
                                                                                  ) -> None:
    record = _one(coder, "The Kenyan minister is under investigation by Egyptian police.", "investigation",
                  "ACCUSE")
    assert texts(record["source"]) == ["Egyptian police"]
    assert texts(record["target"]) == ["Kenyan minister"]


# --- a talk named as the occasion of a clause ------------------------------------------------------------


def test_a_call_a_clause_was_said_in_is_between_the_speaker_and_the_one_told(coder: EventCoder) -> None:
    record = _one(coder, "Joe Biden told Xi Jinping in a phone call that the tariffs would stay.", "call",
                  "CONSULT")
    assert texts(record["source"]) == ["Joe Biden"]
    assert texts(record["target"]) == ["Xi Jinping"]


def test_the_one_ordered_in_a_conversation_is_the_other_party_not_its_source(coder: EventCoder) -> None:
    # the parser hangs "in a conversation" on "cut", whose controlled subject is the one ordered
    record = _one(coder, "Barack Obama said that he ordered Vladimir Putin to cut it out in a conversation "
                         "about hacking.", "conversation", "CONSULT")
    assert texts(record["source"]) == ["Barack Obama"]
    assert texts(record["target"]) == ["Vladimir Putin"]


def test_the_talks_someone_was_briefed_on_are_not_theirs(coder: EventCoder) -> None:
    # "on" names the topic of a briefing, not the occasion of a talk
    text = "Two Kenyan officials briefed on the talks said the tariffs would stay."
    for record in records_on(coder, text, "talks"):
        assert not any("officials" in name for name in texts(record["source"])), record


# --- a light verb's recipient read as the noun's subject ------------------------------------------------


def test_whom_an_offer_is_made_to_is_its_target_when_parsed_as_a_small_clause(coder: EventCoder) -> None:
    # the parser reads "Uganda a new offer" as a clause whose subject is Uganda
    record = _one(coder, "Peter Otieno made Uganda a new offer on Friday.", "offer", "AGREE")
    assert texts(record["source"]) == ["Peter Otieno"]
    assert texts(record["target"]) == ["Uganda"]

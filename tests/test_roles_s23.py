"""Roles, session 23 (docs/events.md, "Session 23: roles on real articles"): the one an act was done to
when the clause that reports it
modifies that one ("activists arrested during the protests", "the bishop they abducted"). The sentences
are written for these tests; the stand-in knowledge base of test_event_targets gives countries and
sectors, so what is tested is the reading of the text."""

from __future__ import annotations

import pytest

from eventwire.events import EventCoder
from eventwire.nlp import load_pipeline
from test_event_targets import KnowledgeBaseLike
from test_events import code
from test_roles import records_on as _records
from test_roles import texts


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(load_pipeline(), KnowledgeBaseLike())


# --- the clause that modifies the one it was done to ----------------------------------------------------


def test_a_participle_with_no_agent_is_done_to_the_noun_it_modifies(coder: EventCoder) -> None:
    text = "Egypt freed three Kenyan teachers abducted in Mandera last month."
    abducted = _records(coder, text, "abducted")
    assert abducted, code(coder, text)
    assert texts(abducted[0]["target"]) == ["three Kenyan teachers"]
    assert "three Kenyan teachers" not in texts(abducted[0]["source"])


def test_a_participle_with_its_agent_is_still_done_by_it(coder: EventCoder) -> None:
    text = "The Egyptian navy released 22 Kenyan fishermen arrested by Sudanese police last month."
    arrested = _records(coder, text, "arrested")
    assert arrested, code(coder, text)
    assert texts(arrested[0]["target"]) == ["22 Kenyan fishermen"]
    assert texts(arrested[0]["source"]) == ["Sudanese police"]


def test_a_relative_clause_without_its_object_is_done_to_the_noun_it_modifies(coder: EventCoder) -> None:
    text = "Egyptian police released the journalists they detained in Cairo last week."
    detained = _records(coder, text, "detained")
    assert detained, code(coder, text)
    assert texts(detained[0]["target"]) == ["journalists"]
    assert texts(detained[0]["source"]) == ["Egyptian police"]


def test_a_relative_clause_with_its_own_object_keeps_it(coder: EventCoder) -> None:
    # the noun is the subject here: "the soldiers who detained the reporters" did the detaining
    text = "Kenyan police arrested the soldiers who detained the reporters."
    detained = _records(coder, text, "detained")
    assert detained, code(coder, text)
    assert "soldiers" not in texts(detained[0]["target"])


# --- whose the means is -----------------------------------------------------------------------------------


def test_whose_assets_are_frozen_is_the_one_sanctioned(coder: EventCoder) -> None:
    text = "The Egyptian government froze the assets of five Kenyan charities."
    frozen = _records(coder, text, "froze")
    assert frozen, code(coder, text)
    assert texts(frozen[0]["target"]) == ["five Kenyan charities"]


def test_whose_visa_is_revoked_is_the_one_sanctioned(coder: EventCoder) -> None:
    text = "Kenya revoked the Sudanese minister's visa on Monday."
    revoked = _records(coder, text, "revoked")
    assert revoked, code(coder, text)
    assert texts(revoked[0]["target"]) == ["Sudanese minister"]


def test_whose_extradition_is_sought_is_not_whom_it_is_sought_from(coder: EventCoder) -> None:
    text = "Kenya is seeking the Sudanese minister's extradition from Egypt."
    sought = _records(coder, text, "seeking")
    assert sought, code(coder, text)
    assert "Sudanese minister" not in texts(sought[0]["target"])


def test_a_feeling_shown_is_its_owners_not_the_recipients(coder: EventCoder) -> None:
    text = "Egyptian students marched in Cairo to show Kenyan farmers' solidarity."
    shown = _records(coder, text, "show")
    assert shown, code(coder, text)
    assert "Kenyan farmers" not in texts(shown[0]["target"])


# --- who takes part in the meeting that is the setting of what they did ----------------------------------


def test_who_arrives_for_days_of_talks_holds_them(coder: EventCoder) -> None:
    text = ("The Kenyan president arrived in Cairo on Monday for two days of talks with the Egyptian "
            "government.")
    talks = _records(coder, text, "talks")
    assert talks, code(coder, text)
    assert texts(talks[0]["source"]) == ["Kenyan president"]
    assert texts(talks[0]["target"]) == ["Egyptian government"]


def test_who_speaks_on_a_visit_makes_it(coder: EventCoder) -> None:
    text = "\"We stand with Sudan,\" the Kenyan minister said on a visit to Khartoum."
    visit = _records(coder, text, "visit")
    assert visit, code(coder, text)
    assert texts(visit[0]["source"]) == ["Kenyan minister"]


def test_who_arrests_people_during_talks_takes_no_part_in_them(coder: EventCoder) -> None:
    text = "Egyptian police arrested twelve protesters during the talks with the Kenyan government."
    talks = _records(coder, text, "talks")
    assert talks, code(coder, text)
    assert "Egyptian police" not in texts(talks[0]["source"])


# --- the one charged, whom the knowledge base does not know ----------------------------------------------


def test_the_one_charged_is_the_target_though_the_word_is_unknown(coder: EventCoder) -> None:
    text = ("Kenyan police raided two offices in Nairobi on Monday. "
            "Each defendant is charged with one count of fraud.")
    charged = _records(coder, text, "charged")
    assert charged, code(coder, text)
    assert texts(charged[0]["target"]) == ["defendant"]
    assert texts(charged[0]["source"]) == ["Kenyan police"]


# --- who stays in custody is the one held ------------------------------------------------------------------


def test_who_remains_in_jail_is_held_by_whoever_ruled_it(coder: EventCoder) -> None:
    text = "The Sudanese minister will remain in jail until his trial, Kenyan police ruled on Friday."
    held = _records(coder, text, "remain")
    assert held, code(coder, text)
    assert texts(held[0]["target"]) == ["Sudanese minister"]
    assert texts(held[0]["source"]) == ["Kenyan police"]


def test_who_remains_in_jail_is_never_the_one_who_holds_them(coder: EventCoder) -> None:
    text = "A Kenyan judge ruled that the Sudanese minister should remain in jail until his trial."
    held = _records(coder, text, "remain")
    assert held, code(coder, text)
    assert texts(held[0]["target"]) == ["Sudanese minister"]
    assert "Sudanese minister" not in texts(held[0]["source"])

"""Roles, session 21 (docs/events.md, "Session 21: roles"): who a definite description or a pronoun stands
for across the article ("the country", "the two leaders", "the militants", "the group", "let them go", a
pronoun of the other gender, a pronoun beside another agent of its country), and the visitor of a passive
hosting verb ("was received by the president"). The sentences are written for these tests; the stand-in
knowledge base of test_event_targets gives countries and sectors (and here one armed group), so what is
tested is the reading of the text."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.actors import ActorResolution
from eventwire.events import EventCoder, syntax
from eventwire.nlp import load_pipeline
from test_event_targets import KnowledgeBaseLike
from test_events import code
from test_roles import countries, texts


class WithAnArmedGroup(KnowledgeBaseLike):
    """The stand-in knowledge base, plus one armed group and the words for armed men."""

    def resolve(self, text: str, when: dt.date | None = None, *, context_country: str | None = None,
                **_: object) -> ActorResolution:
        words = text.lower().split()
        if "shabaab" in text.lower():
            return ActorResolution(text, "kb:shabaab", "Al-Shabaab", "SOM", "REB", None, "group", 1.0)
        if words and words[-1] in {"militants", "fighters", "gunmen"}:
            found = super().resolve(text, when, context_country=context_country)
            return ActorResolution(text, found.actor_id, found.name, found.country, "REB", None, "agent", 1.0)
        return super().resolve(text, when, context_country=context_country)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(load_pipeline(), WithAnArmedGroup())


def _records(coder: EventCoder, text: str, trigger: str) -> list[dict]:
    found = [e for e in code(coder, text) if e["evidence"]["trigger"] == trigger]
    assert found, f"no record on {trigger!r}: {code(coder, text)}"
    return found


# --- definite descriptions ------------------------------------------------------------------------------


def test_the_country_is_the_one_country_named_just_before(coder: EventCoder) -> None:
    text = ("Egypt closed its border crossing on Monday. "
            "The country also threatened to expel Sudanese traders.")
    threat = _records(coder, text, "threatened")[0]
    assert countries(threat["source"]) == {"EGY"}
    assert texts(threat["source"]) == ["country"]  # the sentence's own words, Egypt's identity


def test_the_country_after_two_countries_is_no_one(coder: EventCoder) -> None:
    text = ("Egypt and Sudan closed their border crossing on Monday. "
            "The country also threatened to expel Kenyan traders.")
    threats = [e for e in code(coder, text) if e["evidence"]["trigger"] == "threatened"]
    assert all(not threat["source"] for threat in threats)


def test_the_country_as_a_place_names_no_party(coder: EventCoder) -> None:
    text = ("Egypt closed its border crossing on Monday. "
            "Kenyan farmers protested across the country on Tuesday.")
    protests = _records(coder, text, "protested")
    assert all("EGY" not in countries(p["target"]) for p in protests)


def test_the_two_leaders_are_the_two_people_named_just_before(coder: EventCoder) -> None:
    text = ("Egyptian President Ayman Farouk met Sudanese leader Kamal Idris in Cairo on Monday. "
            "The two leaders signed a border agreement.")
    signed = _records(coder, text, "signed")[0]
    # a mutual act of two parties named together: the first the source, the other the target
    assert countries(signed["source"]) == {"EGY"}
    assert countries(signed["target"]) == {"SDN"}


def test_both_countries_are_the_two_countries_named_just_before(coder: EventCoder) -> None:
    text = "Egypt and Sudan held talks in Cairo on Monday. Both countries agreed to reopen the border."
    agreed = _records(coder, text, "agreed")[0]
    assert countries(agreed["source"]) | countries(agreed["target"]) == {"EGY", "SDN"}


def test_the_two_leaders_after_three_people_is_no_pair(coder: EventCoder) -> None:
    text = ("Ayman Farouk, Kamal Idris and Omar Haddad met in Cairo on Monday. "
            "The two leaders signed a border agreement.")
    for signed in [e for e in code(coder, text) if e["evidence"]["trigger"] == "signed"]:
        assert {a.get("name") for a in signed["source"] + signed["target"]} <= {None, "two leaders"}


def test_the_militants_are_the_armed_group_named_before(coder: EventCoder) -> None:
    text = ("Al-Shabaab fighters attacked a Kenyan army base near the border on Monday. "
            "The militants later abducted two Egyptian teachers.")
    abducted = _records(coder, text, "abducted")[0]
    assert abducted["source"] and abducted["source"][0]["country"] == "SOM"
    assert abducted["source"][0]["text"] == "militants"


def test_the_militants_with_no_group_named_stay_a_generic_agent(coder: EventCoder) -> None:
    text = ("Gunmen attacked a Kenyan army base near the border on Monday. "
            "The militants later abducted two Egyptian teachers.")
    abducted = _records(coder, text, "abducted")[0]
    assert "SOM" not in countries(abducted["source"])


# --- pronouns -------------------------------------------------------------------------------------------


def test_the_subject_of_a_bare_infinitive_is_not_the_governing_subject(coder: EventCoder) -> None:
    # "let them go": them is the ones held, never the gunmen who let
    text = "Sudanese rebels holding six Kenyan farmers in Darfur let them go on Thursday."
    released = _records(coder, text, "let")[0]
    assert countries(released["source"]) == {"SDN"}
    assert countries(released["target"]) == {"KEN"}


def test_bare_infinitive_subjects_are_read_as_those_let_act() -> None:
    doc = load_pipeline()("The army let the protesters march to the palace.")
    let = next(t for t in doc if t.text == "let")
    assert [t.text for t in syntax.infinitive_subjects(let)] == ["protesters"]
    said = load_pipeline()("The army said the protesters marched to the palace.")
    assert syntax.infinitive_subjects(next(t for t in said if t.text == "said")) == []


def test_a_pronoun_of_the_other_gender_stands_for_someone_else(coder: EventCoder) -> None:
    # with no honorific the article never says Farouk's gender: "she" took Farouk, the subject before,
    # so "he" (also a subject, which would prefer Farouk) is the other person named
    text = ("Kenyan Foreign Minister Amina Farouk met Egyptian President Omar Haddad in Nairobi. "
            "She said he had agreed to reopen the border with Sudan.")
    agreed = _records(coder, text, "agreed")[0]
    assert countries(agreed["source"]) == {"EGY"}


def test_a_pronoun_is_not_taken_for_an_argument_of_its_verb_of_another_sector(coder: EventCoder) -> None:
    # the government and the opposition party share Egypt's knowledge-base id, yet they are two parties:
    # the party, the object of "ban", does not keep the government from being what "it" stands for
    text = "The Egyptian government said it would ban the Egyptian rebels if they kept calling for protests."
    ban = _records(coder, text, "ban")[0]
    assert texts(ban["source"]) == ["Egyptian government"]
    assert ban["source"][0]["sector"] == "GOV"


def test_the_group_is_the_organisation_its_own_sentence_named_before(coder: EventCoder) -> None:
    text = ("A drone strike killed a senior Al-Shabaab commander in Somalia on Tuesday, the group said, "
            "blaming Kenya.")
    blaming = _records(coder, text, "blaming")[0]
    assert blaming["source"] and blaming["source"][0]["country"] == "SOM"
    assert countries(blaming["target"]) == {"KEN"}


# --- the visitor of a passive hosting verb --------------------------------------------------------------


def test_the_visitor_received_by_a_host_is_the_source(coder: EventCoder) -> None:
    text = "Sudanese rebels were received by the Egyptian president in Cairo on Monday."
    visit = next(e for e in _records(coder, text, "received") if e["type"] == "CONSULT")
    assert countries(visit["source"]) == {"SDN"}
    assert countries(visit["target"]) == {"EGY"}


def test_a_visit_by_someone_keeps_the_agent_as_the_source(coder: EventCoder) -> None:
    text = "Egyptian rebel leaders were visited by the Sudanese president in Cairo on Monday."
    visit = next(e for e in _records(coder, text, "visited") if e["type"] == "CONSULT")
    assert countries(visit["source"]) == {"SDN"}
    assert countries(visit["target"]) == {"EGY"}

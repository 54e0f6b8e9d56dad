"""Roles on real news (docs/events.md, "Roles on real news", session 19): who arrests or charges when a
passive names no one, acts done to acts, accusations stated as a clause, a demand made while addressing
someone, passives that share a coordinated subject, and a noun act's recipient hung on its carrier. The
sentences are written for these tests; the stand-in knowledge base of test_event_targets gives countries
and sectors, so what is tested is the reading of the text."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from eventwire.events import EventCoder
from eventwire.events.roles import _places_of_act
from eventwire.nlp import load_pipeline
from test_event_targets import KnowledgeBaseLike
from test_events import code, only
from test_roles import countries, event_of, texts


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(load_pipeline(), KnowledgeBaseLike())


def test_an_agentless_charge_is_made_by_the_police_the_article_just_named(coder: EventCoder) -> None:
    text = ("Kenyan police raided six shops in the capital on Friday. "
            "Two Sudanese traders were charged with fraud on Saturday.")
    charged = event_of(coder, text, "ACCUSE")
    assert texts(charged["source"]) == ["Kenyan police"]
    assert countries(charged["target"]) == {"SDN"}


def test_a_country_named_before_is_not_taken_for_its_police(coder: EventCoder) -> None:
    text = "Egypt condemned the raid on Friday. Two Sudanese traders were charged with fraud on Saturday."
    charged = [e for e in code(coder, text) if e["evidence"]["trigger"] == "charged"]
    assert charged and charged[0]["source"] == []


def test_the_patients_of_a_charge_do_not_charge_themselves(coder: EventCoder) -> None:
    text = "Two Kenyan police officers were charged with fraud on Saturday."
    charged = event_of(coder, text, "ACCUSE")
    assert charged["source"] == []


def test_a_place_the_geoparser_knows_is_where_an_act_was_done() -> None:
    # the entity tagger may take a town for a person; the geoparser's place at that offset decides
    doc = load_pipeline()("The pastor was first detained in the coastal town of Izmir in March.")
    detained = next(t for t in doc if t.text == "detained")
    izmir = next(t for t in doc if t.text == "Izmir")
    assert [t.text for t in _places_of_act(detained, SimpleNamespace(places={izmir.idx: object()}))] == [
        "Izmir"]
    assert _places_of_act(detained, SimpleNamespace(places={})) in ([], [izmir])  # the parse alone may say


def test_an_act_done_to_an_act_is_aimed_at_that_acts_recipient(coder: EventCoder) -> None:
    text = "Egypt has dropped its investigation into an allegation against Sudanese traders."
    dropped = next(e for e in code(coder, text) if e["evidence"]["trigger"] == "dropped")
    assert countries(dropped["source"]) == {"EGY"}
    assert countries(dropped["target"]) == {"SDN"}


def test_an_accusation_stated_as_a_clause_is_aimed_at_its_subject(coder: EventCoder) -> None:
    alleged = event_of(coder, "Egyptian police alleged that Sudanese rebels had smuggled weapons.", "ACCUSE")
    assert countries(alleged["source"]) == {"EGY"}
    assert "SDN" in countries(alleged["target"])


def test_a_demand_made_while_addressing_someone_is_made_of_them(coder: EventCoder) -> None:
    text = "The Egyptian president told the Sudanese minister, repeatedly calling for an explanation."
    calling = event_of(coder, text, "REQUEST")
    assert countries(calling["source"]) == {"EGY"}
    assert countries(calling["target"]) == {"SDN"}


def test_a_passive_sharing_a_coordinated_subject_was_done_to_it(coder: EventCoder) -> None:
    text = "Two Sudanese traders pleaded not guilty in court on Tuesday and were released on bail."
    released = next(e for e in code(coder, text) if e["evidence"]["trigger"] == "released")
    assert countries(released["target"]) == {"SDN"}
    assert released["source"] == []


def test_a_recipient_hung_on_the_verb_that_carries_a_noun_act_is_its_recipient(coder: EventCoder) -> None:
    opened = event_of(coder, "Egyptian police opened investigations into Sudanese traders.", "ACCUSE")
    assert countries(opened["source"]) == {"EGY"}
    assert countries(opened["target"]) == {"SDN"}


class _WithPeople(KnowledgeBaseLike):
    """The stand-in knowledge base, where an unknown capitalised name is an unlinked person who takes the
    article's country, as the real resolver gives it."""

    def resolve(self, text: str, when=None, *, context_country: str | None = None):  # type: ignore[no-untyped-def]
        from dataclasses import replace

        found = super().resolve(text, when, context_country=context_country)
        if found.kind == "unknown" and text[:1].isupper():
            return replace(found, kind="person", country=context_country, sector="CVL")
        return found


def test_what_the_article_says_a_person_is_gives_the_persons_country() -> None:
    coder = EventCoder(load_pipeline(), _WithPeople())
    text = ("Mark Dalton is a former officer of the Egyptian army. Sudanese police arrested Dalton in "
            "Khartoum on Monday, a Sudanese official said.")
    arrest = only(code(coder, text), "COERCE")
    assert [(a["text"], a["country"]) for a in arrest["target"]] == [("Dalton", "EGY")]
    # without the description the article's country stands
    plain = only(code(coder, "Sudanese police arrested Mark Dalton in Khartoum on Monday."), "COERCE")
    assert [a["country"] for a in plain["target"]] == ["SDN"]


def test_a_common_noun_placed_in_a_country_is_of_that_country(coder: EventCoder) -> None:
    arrest = event_of(coder, "Police in Turkey arrested Sudanese students on Monday.", "COERCE")
    assert [(a["text"], a["country"]) for a in arrest["source"]] == [("Police in Turkey", "TUR")]
    # a place that is no country of the phrase's own (the stand-in knows no such town) changes nothing
    other = event_of(coder, "Police in Springfield arrested Sudanese students on Monday.", "COERCE")
    assert [a["text"] for a in other["source"]] == ["Police"]


def test_a_quotation_running_on_in_its_own_sentence_is_the_last_speakers(coder: EventCoder) -> None:
    text = ('"We could not agree on a price," said the Egyptian minister at a briefing. '
            '"We have agreed with Sudan that the border will stay open until May."')
    agreed = next(e for e in code(coder, text) if e["evidence"]["trigger"] == "agreed"
                  and e["evidence"]["start"] > 60)
    assert [(a["text"], a["country"]) for a in agreed["source"]] == [("We", "EGY")]
    # with no quotation before it, "we" stays unknown
    alone = next(e for e in code(coder, 'Talks went on. "We have agreed with Sudan that the border will '
                                        'stay open until May."') if e["evidence"]["trigger"] == "agreed")
    assert alone["source"] == []


def test_the_police_named_at_the_top_of_a_report_make_a_later_charge(coder: EventCoder) -> None:
    text = ("Kenyan police raided six shops in the capital on Friday. The shops had opened a day before. "
            "Their owners were not there. A crowd gathered outside. Some of them filmed the scene. "
            "Two Sudanese traders were charged with fraud on Saturday.")
    charged = next(e for e in code(coder, text) if e["evidence"]["trigger"] == "charged")
    assert texts(charged["source"]) == ["Kenyan police"]


def test_a_bare_participle_joined_to_a_passive_shares_its_patient(coder: EventCoder) -> None:
    text = "The Sudanese trader was arrested in Kenya in April and sentenced to two years in jail."
    sentenced = next(e for e in code(coder, text) if e["evidence"]["trigger"] == "sentenced")
    assert countries(sentenced["target"]) == {"SDN"}
    assert countries(sentenced["source"]) <= {"KEN"}


def test_a_person_released_with_no_agent_is_released_by_the_authorities_named(coder: EventCoder) -> None:
    text = ("Kenyan police arrested two Sudanese traders on Friday. "
            "The Sudanese traders were released on Sunday after paying a fine.")
    released = next(e for e in code(coder, text) if e["evidence"]["trigger"] == "released")
    assert texts(released["source"]) == ["Kenyan police"]
    assert countries(released["target"]) == {"SDN"}
    # troops pulled back (RETREAT, not a release of persons) take no authority
    withdrawn = next(e for e in code(coder, "Kenyan police arrested two Sudanese traders on Friday. "
                                            "Sudanese troops were withdrawn from the border on Sunday.")
                     if e["evidence"]["trigger"] == "withdrawn")
    assert withdrawn["source"] == []

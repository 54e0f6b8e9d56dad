"""Who an event is aimed at: the recipient (target) read off the parse in the constructions where the
plain "subject does it to the object" reading fails. Sentences are written for these tests; a small
stand-in knowledge base gives countries knowledge-base ids, as the real one does, so the coder's own
reading of the syntax is what is tested."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.actors import ActorResolution
from eventwire.events import EventCoder
from eventwire.nlp import load_pipeline
from test_events import code, only

_COUNTRIES = {
    "egypt": "EGY", "egyptian": "EGY", "cairo": "EGY",
    "sudan": "SDN", "sudanese": "SDN", "khartoum": "SDN",
    "nigeria": "NGA", "nigerian": "NGA", "lagos": "NGA",
    "russia": "RUS", "russian": "RUS",
    "ukraine": "UKR", "ukrainian": "UKR", "kharkiv": "UKR",
    "japan": "JPN", "japanese": "JPN",
    "india": "IND", "indian": "IND",
    "turkey": "TUR", "turkish": "TUR",
    "israel": "ISR", "israeli": "ISR",
    "jordan": "JOR", "jordanian": "JOR", "amman": "JOR",
    "dominican": "DOM", "kenya": "KEN", "kenyan": "KEN", "chile": "CHL",
}
_SECTORS = {
    "army": "MIL", "forces": "MIL", "troops": "MIL", "police": "COP", "rebels": "REB",
    "government": "GOV", "president": "GOV", "minister": "GOV", "governor": "GOV", "council": "GOV",
    "junta": "GOV", "leader": "OPP", "newspaper": "JRN", "journalists": "JRN", "students": "EDU",
    "unions": "LAB", "farmers": "AGR", "fishermen": "AGR", "refugees": "REF", "charities": "NGO",
    "settlers": "CVL", "trawlers": "BUS", "protesters": "CVL", "bank": "BUS",
}


class KnowledgeBaseLike:
    """A country named alone is the country (kind "country"); a sector word makes an agent, of the
    country named with it. Both carry the country's id, as in the real knowledge base."""

    def resolve(self, text: str, when: dt.date | None = None, *, context_country: str | None = None
                ) -> ActorResolution:
        words = text.lower().replace("'s", "").replace(",", "").split()
        country = next((_COUNTRIES[w] for w in words if w in _COUNTRIES), None)
        sector = next((_SECTORS[w] for w in words if w in _SECTORS), None)
        if sector is not None:
            return ActorResolution(text, f"kb:{country}" if country else None, text, country, sector, None,
                                   "agent", 1.0)
        if country is not None:
            return ActorResolution(text, f"kb:{country}", text, country, None, None, "country", 1.0)
        return ActorResolution(text, None, None, None, None, None, "unknown", 0.0)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(load_pipeline(), KnowledgeBaseLike())


def event_of(coder: EventCoder, text: str, type_: str) -> dict:
    return only(code(coder, text), type_)


def first_target(event: dict) -> dict:
    assert event["target"], event
    return event["target"][0]


# --- objects the parser misplaces --------------------------------------------------------------------


def test_a_recipient_folded_into_the_amount_given_is_still_the_recipient(coder: EventCoder) -> None:
    aid = event_of(coder, "The World Bank on Friday gave the Dominican Republic 12 million dollars of aid "
                          "to rebuild schools.", "AID")
    assert first_target(aid)["country"] == "DOM"


def test_verbs_joined_before_a_shared_object_share_its_recipient(coder: EventCoder) -> None:
    aid = event_of(coder, "Egyptian charities donated and flew tents to Sudanese refugees.", "AID")
    assert first_target(aid)["country"] == "SDN"


def test_a_preposition_left_before_a_conjunction_shares_the_last_object(coder: EventCoder) -> None:
    ties = event_of(coder, "Turkey restored diplomatic relations with and reopened its embassy in Cairo.",
                    "SUPPORT")
    assert first_target(ties)["country"] == "EGY"


def test_the_whole_a_partitive_object_counts_names_the_recipient(coder: EventCoder) -> None:
    cut = event_of(coder, "Japan halted part of its aid program for India.", "SANCTION")
    assert "IND" in {a["country"] for a in cut["target"]}


# --- one actor making or letting another act -----------------------------------------------------------


def test_an_act_ordered_on_someone_is_aimed_at_them(coder: EventCoder) -> None:
    closure = event_of(coder, "The military junta forced the newspaper Al Ayyam to shut down its website.",
                       "COERCE")
    assert "junta" in closure["source"][0]["text"]
    assert first_target(closure)["sector"] == "JRN"
    # Letting someone act is no act done to them: the rally is not aimed at the one allowed to hold it.
    rally = event_of(coder, "The Egyptian minister allowed opposition leader Ayman Nour to hold a rally in "
                            "Cairo.", "PROTEST")
    assert not any("Nour" in a["text"] for a in rally["target"])


# --- frames: whom a threat, a promise or a demand is aimed at -------------------------------------------


def test_a_threatened_act_no_trigger_names_still_has_its_recipient(coder: EventCoder) -> None:
    threat = event_of(coder, "Russia threatened to sell no more grain to Egypt.", "THREATEN")
    assert first_target(threat)["country"] == "EGY"


def test_a_threat_is_aimed_at_whoever_its_condition_is_laid_on(coder: EventCoder) -> None:
    threat = event_of(coder, "Egyptian farmers threatened to block the highway unless Sudan paid "
                             "compensation.", "THREATEN")
    assert first_target(threat)["country"] == "SDN"


def test_the_place_of_a_threatened_act_is_its_recipient(coder: EventCoder) -> None:
    threat = event_of(coder, "The Nigerian governor vowed to declare a state of emergency in Lagos.",
                      "THREATEN")
    assert first_target(threat)["country"] == "NGA"
    assert threat["action"]["type"] == "COERCE"


def test_a_demand_is_made_of_whom_from_names(coder: EventCoder) -> None:
    demand = event_of(coder, "Kenyan fishermen demanded on Monday from Chile an end to the trawling.",
                      "REQUEST")
    assert first_target(demand)["country"] == "CHL"


def test_an_instituted_curfew_is_coded_with_its_place(coder: EventCoder) -> None:
    curfew = event_of(coder, "The Nigerian army instituted a curfew in Lagos.", "COERCE")
    assert curfew["cameo"] == "1723"
    assert first_target(curfew)["country"] == "NGA"


# --- what an event was done for or did -----------------------------------------------------------------


def test_a_protest_is_aimed_at_whom_its_purpose_is(coder: EventCoder) -> None:
    march = event_of(coder, "Thousands of Jordanian students marched in Amman to demand an apology from "
                            "Israel.", "PROTEST")
    assert first_target(march)["country"] == "ISR"
    blockade = event_of(coder, "Egyptian fishermen blocked the port to voice their anger at Turkish "
                               "trawlers.", "PROTEST")
    assert first_target(blockade)["country"] == "TUR"  # not "their anger", which is no party


def test_a_force_readied_for_an_attack_is_aimed_at_its_enemy(coder: EventCoder) -> None:
    deployment = event_of(coder, "Egypt deployed warships for an offensive against Sudanese rebels.",
                          "MOBILIZE")
    assert first_target(deployment)["country"] == "SDN"


def test_what_an_event_did_in_its_relative_clause_names_the_recipient(coder: EventCoder) -> None:
    offensive = event_of(coder, "Russian forces launched an offensive that encircled Kharkiv.", "ASSAULT")
    assert first_target(offensive)["country"] == "UKR"


def test_the_agent_of_a_deed_owns_it(coder: EventCoder) -> None:
    condemnation = event_of(coder, "Jordan condemned the killings carried out by Israeli settlers.", "ACCUSE")
    assert first_target(condemnation)["country"] == "ISR"


def test_a_noun_modified_by_a_passive_participle_is_its_patient(coder: EventCoder) -> None:
    arrest = event_of(coder, "The journalists detained by Sudanese police were freed on Sunday.", "COERCE")
    assert arrest["source"][0]["sector"] == "COP"
    assert first_target(arrest)["sector"] == "JRN"


def test_the_place_named_before_a_common_noun_is_the_place(coder: EventCoder) -> None:
    # CONCEDE, as the PLOVER manual codes the lifting of a curfew (a verbal concession: "removing
    # curfews"); the learned stage reads it so from the authored data, where the trigger table said RETREAT
    easing = event_of(coder, "The Sudanese army lifted the curfew in Khartoum province.", "CONCEDE")
    assert first_target(easing)["country"] == "SDN"


# --- the recipient is another actor than the source ----------------------------------------------------


def test_a_part_of_a_country_acting_on_the_country_is_two_actors(coder: EventCoder) -> None:
    """Sudanese rebels and Khartoum share the country's id; rebels blocking the capital still act on
    someone other than themselves."""
    blockade = event_of(coder, "Sudanese rebels blocked roads into Khartoum.", "PROTEST")
    assert blockade["source"][0]["sector"] == "REB"
    assert first_target(blockade)["country"] == "SDN"



def test_a_place_the_gazetteer_knows_is_a_party_whatever_its_entity_label(coder: EventCoder) -> None:
    """The tagger calls some cities LOC rather than GPE; a place the gazetteer resolved still stands for
    its country's people and government."""
    from types import SimpleNamespace

    from spacy.tokens import Span

    from eventwire.events.mentions import ArticleMentions

    doc = coder.nlp("The army imposed a curfew in Oran.")
    oran = next(t for t in doc if t.text == "Oran")
    doc.ents = [Span(doc, oran.i, oran.i + 1, label="LOC")]
    place = SimpleNamespace(start=oran.idx, end=oran.idx + len(oran), country="DZA", name="Oran")
    mentions = ArticleMentions(doc, KnowledgeBaseLike(), None, places=[place])
    ref = mentions.actor(oran, None)
    assert ref is not None and ref.country == "DZA" and ref.kind == "place"

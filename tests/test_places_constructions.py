"""Toponyms found by construction where the recogniser misses them, and countries that name a party to an
act rather than its place (session 22, issue #17)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from eventwire.events.time_place import _names_a_party
from eventwire.nlp import load_pipeline
from eventwire.places import Geoparser


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield load_pipeline()


@pytest.fixture(scope="module")
def geoparser(nlp: Language) -> Iterator[Geoparser]:
    yield Geoparser.load(nlp=nlp)


def _placed(geoparser: Geoparser, text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    return {mention.text: (mention.name, mention.country, mention.level)
            for mention in geoparser.geoparse(text)}


def _token(doc, text: str):
    return next(token for token in doc if token.text == text)


def test_a_town_named_with_its_state_or_country_is_found_whatever_its_label(geoparser: Geoparser) -> None:
    placed = _placed(geoparser, "She is survived by George Cox of Hugo, Oklahoma, and by a plant at its "
                                "operation in Ust-Kamenogorsk, Kazakhstan.")
    assert placed["Hugo"][1:] == ("USA", "city")
    assert placed["Oklahoma"][2] == "admin1"
    assert placed["Ust-Kamenogorsk"][1:] == ("KAZ", "city")


def test_a_list_of_states_or_a_persons_name_before_a_comma_is_no_town(geoparser: Geoparser) -> None:
    placed = _placed(geoparser, "Rallies were held in Ohio, West Virginia and Kentucky.")
    assert {level for _name, _country, level in placed.values()} == {"admin1"}
    assert "Smith" not in _placed(geoparser, "Senator John Smith, Texas Republican, said so.")


def test_a_name_after_the_word_for_its_kind_is_a_place_of_that_kind(geoparser: Geoparser) -> None:
    placed = _placed(geoparser, "In 2003 an earthquake in the city of Bam left 25,000 people dead. The "
                                "shooter's family home in the western province of Aydin was searched.")
    assert placed["Bam"][1:] == ("IRN", "city")
    assert placed["Aydin"][1:] == ("TUR", "admin1")
    both = _placed(geoparser, "The towns of Haris and Varzaqan in East Azerbaijan province were hit.")
    assert both["Varzaqan"][1:] == ("IRN", "city")


def test_a_building_named_again_by_its_kind_is_the_same_building(geoparser: Geoparser) -> None:
    text = ("Hundreds rallied at the Indiana Statehouse in Indianapolis on Monday. Later in Richmond, "
            "lawmakers left the Statehouse through a side door.")
    mentions = [m for m in geoparser.geoparse(text) if m.text == "Statehouse"]
    assert len(mentions) == 1 and mentions[0].name == "Indianapolis"
    assert mentions[0].level == "feature"  # still the building, at its town's point
    # Never before the full name, nor as the opening of another name ("the Statehouse Press Room").
    assert "Statehouse" not in _placed(geoparser, "Reporters met at the Statehouse Press Room. The Indiana "
                                                  "Statehouse in Indianapolis was closed.")


def test_a_country_as_the_acts_subject_agent_or_partner_names_a_party(nlp: Language) -> None:
    doc = nlp("Russia and the Syrian government have been accused of creating a disaster in the camp.")
    assert _names_a_party(_token(doc, "Russia"), _token(doc, "accused"))
    doc = nlp("Jordan closed its borders with Syria and blocked the crossing point.")
    assert _names_a_party(_token(doc, "Syria"), _token(doc, "closed"))
    doc = nlp("The ceasefire brokered by Turkey for eastern Aleppo collapsed.")
    assert _names_a_party(_token(doc, "Turkey"), _token(doc, "ceasefire"))


def test_a_country_a_verb_makes_act_names_a_party(nlp: Language) -> None:
    doc = nlp("Iran and Syria have been pressuring Turkey to leave the border town.")
    pressuring = _token(doc, "pressuring")
    assert _token(doc, "leave").dep_ == "xcomp", "the parse this rule reads changed"
    assert _names_a_party(_token(doc, "Turkey"), pressuring)


def test_a_country_where_the_act_happens_is_no_party(nlp: Language) -> None:
    doc = nlp("Troops were deployed in Syria after the talks.")
    assert not _names_a_party(_token(doc, "Syria"), _token(doc, "deployed"))
    doc = nlp("Russian forces invaded Ukraine on Thursday.")
    assert not _names_a_party(_token(doc, "Ukraine"), _token(doc, "invaded"))


def test_a_place_joined_to_a_participle_is_found(geoparser: Geoparser) -> None:
    placed = _placed(geoparser, "Turkey is a partner in the U.S.-led campaign. A Seattle-based firm was "
                                "hired.")
    assert placed["U.S."][1:] == ("USA", "country")
    assert placed["Seattle"][1:] == ("USA", "city")
    # A party, a person or an organisation before the participle is no place.
    assert _placed(geoparser, "The Republican-controlled Senate backed an Obama-led push.") == {}

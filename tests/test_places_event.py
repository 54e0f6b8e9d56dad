"""The place of an event record on the parse (time_place) and the gazetteer gaps of issue #17 (session 19)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from eventwire.events.time_place import _describes_participant
from eventwire.nlp import load_pipeline
from eventwire.places import Geoparser


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield load_pipeline()


@pytest.fixture(scope="module")
def geoparser(nlp: Language) -> Iterator[Geoparser]:
    yield Geoparser.load(nlp=nlp)


def _token(doc, text: str):
    return next(token for token in doc if token.text == text)


def test_the_possessor_of_a_place_after_in_says_where_not_who(nlp: Language) -> None:
    doc = nlp("The ministries accused U.S. forces in southern Syria's al-Tanf of controlling armed groups.")
    syria, accused = _token(doc, "Syria"), _token(doc, "accused")
    assert syria.dep_ in {"poss", "compound"}, "the parse this rule reads changed"
    assert not _describes_participant(syria, accused)


def test_a_possessor_outside_a_locative_phrase_still_says_who(nlp: Language) -> None:
    doc = nlp("Syria's army accused the rebels of shelling the market.")
    assert _describes_participant(_token(doc, "Syria"), _token(doc, "accused"))
    doc = nlp("Rome's new mayor accused the contractor of fraud.")
    assert _describes_participant(_token(doc, "Rome"), _token(doc, "accused"))


def test_us_counties_with_generic_names_are_in_the_gazetteer(geoparser: Geoparser) -> None:
    text = ("Police in Cook County said the suspect fled to Lake County, Illinois. "
            "Deputies in Valley County, Idaho, searched for him.")
    found = {mention.text: mention for mention in geoparser.geoparse(text)}
    lake, valley = found["Lake County"], found["Valley County"]
    assert lake.country == "USA" and lake.level == "admin2"
    # Lake County, Illinois (Waukegan) lies north of Chicago, not Lake County, Ohio or California
    assert 42.0 < lake.lat < 42.6 and -88.3 < lake.lon < -87.7
    assert valley.country == "USA" and valley.level == "admin2" and 43.5 < valley.lat < 45.5


def test_a_weak_first_reading_yields_to_a_surer_neighbour(geoparser: Geoparser) -> None:
    # London (England, sure on priors) and Edmonton (Alberta on priors, by a small margin): read at once,
    # each pulled the other to its own country and they ended in two countries
    found = {m.text: m for m in geoparser.geoparse(
        "Fighting broke out in North London. Seven men brawled in Upper Edmonton.")}
    assert found["North London"].country == "GBR"
    edmonton = next(mention for text, mention in found.items() if text.endswith("Edmonton"))
    assert edmonton.country == "GBR"
    # the surer name is still read in context: a Canadian story's London is the Ontario one
    found = {m.text: m for m in geoparser.geoparse(
        "Police in Edmonton, Alberta, and London, Ontario, arrested two men.")}
    assert found["London"].country == "CAN" and found["Edmonton"].country == "CAN"


def test_a_name_with_the_word_for_its_division_is_the_division(geoparser: Geoparser) -> None:
    text = ("Fighting flared in Idlib province while voters in Washington state went to the polls. "
            "The state of Washington sued. Idlib was shelled.")
    mentions = geoparser.geoparse(text)
    idlib_province, washington_state, state_of_washington, idlib = (
        next(m for m in mentions if m.start == text.index(name, after))
        for name, after in (("Idlib", 0), ("Washington", 0), ("Washington", text.index("state of")),
                            ("Idlib", text.index("Idlib was"))))
    assert idlib_province.level == "admin1" and idlib_province.country == "SYR"
    assert washington_state.level == "admin1" and state_of_washington.level == "admin1"
    assert idlib.level == "city"  # the bare name is still the city
    # a capitalised kind word is part of another name: "the Islamic State of Iraq" keeps Iraq a country
    iraq = geoparser.geoparse("Fighters of the Islamic State of Iraq struck.")
    assert all(m.level == "country" for m in iraq if m.text == "Iraq")


def test_a_county_named_after_its_kind_is_the_county_not_the_town(geoparser: Geoparser) -> None:
    text = ("A farmer in Co. Cork and a driver in County Kildare were hurt. "
            "Gardai in Co Donegal arrested a man in Cork.")
    found = {m.text: m for m in geoparser.geoparse(text)}
    assert found["Co. Cork"].level == "admin2" and found["Co. Cork"].country == "IRL"
    assert found["County Kildare"].level == "admin2" and found["Co Donegal"].level == "admin2"
    assert found["Cork"].level == "city"  # the bare name is still the city
    # "Co." after a name is a US county abbreviation, not this pattern; a kind word alone is no place
    assert not [m for m in geoparser.geoparse("The County Council met. Co. Manager Smith resigned.")]

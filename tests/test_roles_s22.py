"""Roles, session 22 (docs/events.md): the one who faces an act ("faces charges"), whose doer the sentence
does not name, and the gender of a person carried across sentences from what the article says of them
("Kamau said he would ..."), so that a later "she" does not take a man. The sentences are written for these
tests; the stand-in knowledge base of test_event_targets gives countries and sectors, so what is tested is
the reading of the text."""

from __future__ import annotations

import pytest

from eventwire.actors import ActorResolution
from eventwire.events import EventCoder
from eventwire.nlp import load_pipeline
from test_event_targets import KnowledgeBaseLike
from test_events import code
from test_roles import countries, texts
from test_roles import records_on as _records


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(load_pipeline(), KnowledgeBaseLike())


# --- who faces an act is the one it is done to ----------------------------------------------------------


def test_who_faces_charges_is_charged_by_the_state_where_they_are_brought(coder: EventCoder) -> None:
    charged = _records(coder, "The former minister faces nine charges of fraud in Kenya.", "faces")
    assert charged, code(coder, "The former minister faces nine charges of fraud in Kenya.")
    assert texts(charged[0]["target"]) == ["former minister"]
    assert countries(charged[0]["source"]) == {"KEN"}


def test_who_faces_charges_from_someone_is_charged_by_them(coder: EventCoder) -> None:
    text = "The Nigerian senator faces charges from Egyptian police."
    charged = _records(coder, text, "faces")
    assert charged, code(coder, text)
    assert countries(charged[0]["target"]) == {"NGA"}
    assert countries(charged[0]["source"]) == {"EGY"}
    assert texts(charged[0]["source"]) == ["Egyptian police"]


def test_the_crime_a_charge_names_is_no_one(coder: EventCoder) -> None:
    # "charges of kidnapping": the "of" names the crime, not who brings the charge
    text = ("Kenyan police raided a house in Nairobi on Monday. "
            "The Nigerian governor faces charges of kidnapping.")
    charged = _records(coder, text, "faces")
    assert charged, code(coder, text)
    assert "kidnapping" not in " ".join(texts(charged[0]["source"]))
    assert texts(charged[0]["target"]) == ["Nigerian governor"]


def test_who_files_charges_still_brings_them(coder: EventCoder) -> None:
    filed = _records(coder, "Kenyan prosecutors filed charges against the former minister.", "filed")
    assert filed
    assert texts(filed[0]["source"]) == ["Kenyan prosecutors"]
    assert texts(filed[0]["target"]) == ["former minister"]


# --- the gender of a person, from what the article says of them -----------------------------------------


def test_a_she_does_not_take_a_man_the_article_said_he_of(coder: EventCoder) -> None:
    text = "John Kamau said he would resign from the council. She accused Kenyan police of lying."
    accused = _records(coder, text, "accused")
    assert all("Kamau" not in (a.get("name") or a["text"]) for e in accused for a in e["source"]), accused


def test_a_she_takes_a_woman_the_article_said_she_of(coder: EventCoder) -> None:
    text = "Mary Kamau said she would resign from the council. She accused Kenyan police of lying."
    accused = _records(coder, text, "accused")
    assert accused, code(coder, text)
    assert [a.get("name") for a in accused[0]["source"]] == ["Mary Kamau"]


def test_a_reflexive_says_the_gender_too(coder: EventCoder) -> None:
    text = "Peter Otieno defended himself before the court. She accused Kenyan police of lying."
    accused = _records(coder, text, "accused")
    assert all("Otieno" not in (a.get("name") or a["text"]) for e in accused for a in e["source"]), accused


def test_a_sentence_naming_two_people_says_no_ones_gender(coder: EventCoder) -> None:
    # "he" could be either man: neither is said to be male, so a later "she" may still take Kamau
    text = ("John Kamau told Peter Otieno he would resign from the council. "
            "Kamau met Kenyan police on Monday. She accused the police of lying.")
    accused = _records(coder, text, "accused")
    assert accused, code(coder, text)
    assert [a.get("name") for a in accused[0]["source"]] == ["John Kamau"]


# --- possessive pronouns: whose forces, whose thing -----------------------------------------------------


class WithTheArticleCountry(KnowledgeBaseLike):
    """As the real knowledge base does, a sector word that names no country takes the article's."""

    def resolve(self, text: str, when: object = None, *, context_country: str | None = None,
                **_: object) -> ActorResolution:
        found = super().resolve(text, when)
        if found.sector is not None and found.country is None and context_country is not None:
            return ActorResolution(text, f"kb:{context_country}", text, context_country, found.sector, None,
                                   "agent", 1.0)
        return found


@pytest.fixture(scope="module")
def placing_coder() -> EventCoder:
    return EventCoder(load_pipeline(), WithTheArticleCountry())


def test_its_forces_are_the_owners_not_the_articles_country(placing_coder: EventCoder) -> None:
    text = ("Kenyan police arrested Kenyan protesters in Nairobi on Monday. "
            "Egypt said its forces attacked a Sudanese convoy on Tuesday.")
    attacks = _records(placing_coder, text, "attacked")
    assert attacks, code(placing_coder, text)
    assert countries(attacks[0]["source"]) == {"EGY"}


def test_a_thing_does_nothing_its_owner_does(coder: EventCoder) -> None:
    # the parse makes "its policy" the subject of "reaching": the policy reached nothing, the government did
    text = ("The Kenyan government rolled back its policy of requiring workers to sign contracts after "
            "reaching a settlement with the Egyptian government.")
    deals = _records(coder, text, "reaching")
    assert deals, code(coder, text)
    assert texts(deals[0]["source"]) == ["Kenyan government"]
    assert countries(deals[0]["source"]) == {"KEN"}


def test_a_possessive_read_before_its_sentences_nouns_still_finds_its_owner(coder: EventCoder) -> None:
    # reading the nouns of the sentence ("plan") asks who "its" is before those nouns are known; that
    # first answer (no one) must not stay the pronoun's answer
    text = "The Kenyan government dropped its plan to tax maize after reaching a deal with Egypt."
    deals = _records(coder, text, "reaching")
    assert deals, code(coder, text)
    assert texts(deals[0]["source"]) == ["Kenyan government"]

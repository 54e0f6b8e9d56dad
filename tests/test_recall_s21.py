"""Recall on whole real articles (issue #15, session 21): families of ordinary event language the trigger
table lacked (light verbs with their object nouns, legal nouns, phrasal verbs) and the object of a
participle report ("the ceasefire brokered by Turkey")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.events import TriggerTable
from eventwire.nlp import load_pipeline
from fixtures.triggers import trigger_type as _match


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(None)


def test_a_participle_takes_the_noun_it_describes_as_its_object(nlp: Language) -> None:
    # "broker" needs a deal-like object; the participle has none of its own but describes one
    assert _match(nlp, "The ceasefire brokered by Turkey collapsed on Wednesday.", "brokered") == "AGREE"
    assert _match(nlp, "Turkey brokered a ceasefire with Russia for eastern Aleppo.", "brokered") == "AGREE"
    # the noun a participle describes must be one the entry names
    assert _match(nlp, "The shares brokered by the bank rose on Wednesday.", "brokered") is None


def test_light_verbs_are_read_by_the_noun_they_carry(nlp: Language) -> None:
    assert _match(nlp, "The minister faces nine charges of corruption.", "faces") == "ACCUSE"
    assert _match(nlp, "The minister faces a difficult choice.", "faces") is None
    assert _match(nlp, "The opposition voiced outrage over the arrests.", "voiced") == "ACCUSE"
    assert _match(nlp, "The singer voiced a character in the film.", "voiced") is None
    assert _match(nlp, "Iran expressed condolences to the families of the victims.", "expressed") == "SUPPORT"


def test_seeking_is_a_request_only_of_something_asked_for(nlp: Language) -> None:
    assert _match(nlp, "He sought refuge at the Ecuadorean embassy.", "sought") == "REQUEST"
    assert _match(nlp, "The United States is seeking his extradition.", "seeking") == "REQUEST"
    assert _match(nlp, "The senator is seeking re-election next year.", "seeking") is None


def test_a_guilty_plea_is_a_concession_and_a_plea_for_help_is_not(nlp: Language) -> None:
    assert _match(nlp, "The man pleaded guilty on Monday to threatening a lawmaker.", "pleaded") == "CONCEDE"
    # a plea for calm is an appeal (REQUEST since session 22's "plead for"), never a concession
    assert _match(nlp, "The mayor pleaded for calm after the riots.", "pleaded") != "CONCEDE"


def test_a_charge_is_an_accusation_only_as_a_legal_charge(nlp: Language) -> None:
    assert _match(nlp, "He is in jail on federal charges of fraud.", "charges") == "ACCUSE"
    assert _match(nlp, "The bank raised its charges for transfers.", "charges") is None


def test_closing_a_border_restricts_and_closing_a_shop_does_not(nlp: Language) -> None:
    assert _match(nlp, "Jordan closed its borders with Syria on Sunday.", "closed") == "COERCE"
    assert _match(nlp, "The owner closed his shop early on Sunday.", "closed") is None


def test_calling_someone_a_criminal_accuses_them(nlp: Language) -> None:
    assert _match(nlp, "The senator called the president a dictator.", "called") == "ACCUSE"
    assert _match(nlp, "The senator called the president a friend.", "called") is None


def test_pressing_someone_to_act_is_a_demand(nlp: Language) -> None:
    doc = nlp("Russia and Iran have been pressuring the United States to leave the base.")
    token = next(t for t in doc if t.text == "pressuring")
    trigger = TriggerTable.load().match(token)
    assert trigger is not None and trigger.type == "REQUEST" and trigger.frame == "demand"


def test_a_plea_of_not_guilty_concedes_nothing(nlp: Language) -> None:
    assert _match(nlp, "Two officers pleaded not guilty to the charges.", "pleaded") is None
    assert _match(nlp, "She pleaded guilty to fraud.", "pleaded") == "CONCEDE"


def test_approving_a_request_agrees_to_it_and_approving_of_a_film_does_not(nlp: Language) -> None:
    assert _match(nlp, "The home secretary formally approved the extradition request.", "approved") == "AGREE"
    assert _match(nlp, "Critics approved the new film on Friday.", "approved") is None
    assert _match(nlp, "The mayor wrote to the congress to enlist their support.", "enlist") == "REQUEST"

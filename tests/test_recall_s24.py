"""Recall on whole real articles (issue #15, session 24): evaluations told as statements. A verb of saying or
judging whose statement about an actor calls it (or what it did) wrong, unlawful or cruel is criticism
(ACCUSE); a general evaluation, a negated, conditional or hypothetical one is no event (`with_stated` entries,
triggers.stated_evaluation)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.events import TriggerTable
from eventwire.events.triggers import stated_evaluation
from eventwire.nlp import load_pipeline
from fixtures.triggers import trigger_type as _type


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(None)


def test_calling_a_named_actor_wrong_in_a_stated_clause_is_criticism(nlp: Language) -> None:
    assert _type(nlp, "The senator said Moscow was a brutal dictatorship and a menace.", "said") == "ACCUSE"
    assert _type(nlp, "The report concluded that Mrs Clinton had been extremely careless.", "concluded") \
        == "ACCUSE"
    # the clause's own verb says the actor did wrong
    assert _type(nlp, "The group petitioned the court, saying Turkey was violating its constitution.",
                 "saying") == "ACCUSE"


def test_calling_or_describing_something_so_is_criticism_of_it(nlp: Language) -> None:
    # an explicit evaluation of what it is said of: no actor test on the object
    assert _type(nlp, "He called the plan a betrayal.", "called") == "ACCUSE"
    assert _type(nlp, "He called the plan a good start.", "called") is None
    assert _type(nlp, "She would never call the plan a betrayal.", "call") is None


def test_a_thing_an_actor_owns_is_about_the_actor(nlp: Language) -> None:
    # "Russia's elections" and "the US decision" are about Russia and the US
    assert _type(nlp, "She described Russia's elections as rigged.", "described") == "ACCUSE"
    assert _type(nlp, "The minister said Germany's decision was irresponsible.", "said") == "ACCUSE"


def test_a_general_evaluation_is_no_event(nlp: Language) -> None:
    # no actor is the topic: the situation, the weather, a plan nobody is named to own
    assert _type(nlp, "The minister said the situation was dangerous and unacceptable.", "said") is None
    assert _type(nlp, "She said the weather had been brutal this winter.", "said") is None


def test_a_negated_conditional_or_hypothetical_evaluation_is_no_event(nlp: Language) -> None:
    assert _type(nlp, "The judge said Smith was not guilty of anything illegal.", "said") is None
    assert _type(nlp, "The minister said Germany's decision was not illegal.", "said") is None
    assert _type(nlp, "He said that Russia would be foolish to attack.", "said") is None
    assert _type(nlp, "The inquiry considered whether the government had been reckless.",
                 "considered") is None


def test_praise_is_not_read_from_a_statement(nlp: Language) -> None:
    # the praise family found nothing on the document gold and was left out
    # (docs/events.md, "Session 24: recall ...")
    assert _type(nlp, "The president said Merkel was a courageous and principled leader.", "said") is None


def test_a_feeling_of_disapproval_expressed_is_criticism(nlp: Language) -> None:
    assert _type(nlp, "He expressed bewilderment over the party's supporters.", "expressed") == "ACCUSE"
    assert _type(nlp, "The ministry voiced scepticism about the plan.", "voiced") == "ACCUSE"
    # the older entry still reads gratitude as support
    assert _type(nlp, "The minister expressed gratitude to Japan.", "expressed") == "SUPPORT"


def test_stated_evaluation_reads_the_predicate_only_of_what_is_said_about_an_actor(nlp: Language) -> None:
    agents = TriggerTable.load().political_agents
    said = next(t for t in nlp("Officials said the police had been brutal.") if t.text == "said")
    assert "brutal" in stated_evaluation(said, agents)
    assert stated_evaluation(said) == set()  # "police" names an actor only through the actor words
    noun = next(t for t in nlp("The brutal police said nothing.") if t.text == "police")
    assert stated_evaluation(noun, agents) == set()  # only a verb states


def test_a_participle_of_saying_that_elaborates_a_criticism_is_that_criticism(nlp: Language) -> None:
    # "deplored ..., calling it ...": one act, the deploring; after an act of another type it is its own
    assert _type(nlp, "The ministry deplored the strike on the school, calling it a heinous massacre.",
                 "calling") is None
    assert _type(nlp, "The coalition boycotted the election, calling it a sham.", "calling") == "ACCUSE"


def test_what_someone_called_it_only_names_the_object_of_another_act(nlp: Language) -> None:
    assert _type(nlp, "The government rolled back a media law that critics called repressive.",
                 "called") is None
    assert _type(nlp, "Tajikistan protested over what it called provocations by Taliban units.",
                 "called") is None


def test_a_reported_act_is_no_accusation_of_it(nlp: Language) -> None:
    # "the FBI said hackers stole ...": the theft is reported, not judged
    assert _type(nlp, "North Korean hackers stole digital tokens from an exchange, the FBI said.",
                 "said") is None
    assert _type(nlp, "The group said Russia had meddled in the vote.", "said") == "ACCUSE"


def test_a_preposition_before_the_verb_is_not_its_particle(nlp: Language) -> None:
    """"call on" asks someone for something; a time phrase opening the sentence ("On Tuesday, ... called")
    is no "on" of the verb, so the entry that needs the particle does not hold."""
    assert _type(nlp, "On Tuesday, the finance minister called the provinces' demands unrealistic.",
                 "called") is None
    assert _type(nlp, "On Tuesday, the finance minister called on the provinces to cut spending.",
                 "called") == "REQUEST"

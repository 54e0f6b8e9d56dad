"""Recall on whole real articles (issue #15, session 22): families of event language written out whole
(investigating, repression, detention idioms, climbing down, contact, praise, rejection, pleading,
blaming, deals, strikes), the object a preposition gives an act ("taken into custody"), and the tally of
missed gold triggers by shape of language in scripts/recall_losses.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.nlp import load_pipeline
from fixtures.triggers import trigger_reading as _match
from fixtures.triggers import trigger_type as _type

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from recall_losses import language_family  # a script beside the tests, not a package


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(None)


def test_into_gives_an_act_its_object(nlp: Language) -> None:
    assert _type(nlp, "Police took the opposition leader into custody on Tuesday.", "took") == "COERCE"
    # "take" is no act without the noun that makes it one
    assert _type(nlp, "The minister took the train to Brussels on Tuesday.", "took") is None
    assert _type(nlp, "Soldiers took the two journalists into custody at the checkpoint.", "took") == "COERCE"


def test_phrasal_verbs_are_read_by_their_particle_also_when_parsed_as_an_adverb(nlp: Language) -> None:
    # "rolled back the cuts": the parse gives "back" as an adverb (advmod), not a particle (prt)
    assert _type(nlp, "Japan turned down China's proposal for joint patrols.", "turned") == "REJECT"
    assert _type(nlp, "The government rolled back the fuel subsidy cuts.", "rolled") == "CONCEDE"
    assert _type(nlp, "Police rounded up dozens of opposition activists overnight.", "rounded") == "COERCE"
    # the particle alone is not enough for "turn": it needs something offered or asked to reject
    assert _type(nlp, "She turned down the volume of the radio.", "turned") is None


def test_going_on_strike_is_a_strike() -> None:
    nlp = load_pipeline(None)
    assert _match(nlp, "Rail workers went on strike over pay on Monday.", "went") == ("PROTEST", "strike")
    assert _type(nlp, "Rail workers went on holiday in August.", "went") is None


def test_revoking_what_a_state_granted_is_a_sanction(nlp: Language) -> None:
    assert _type(nlp, "The interior ministry revoked the journalist's accreditation.",
                 "revoked") == "SANCTION"
    # reversing one's own decision is a climb-down, not a sanction
    assert _type(nlp, "The president reversed his decision to raise fuel prices.", "reversed") == "CONCEDE"


def test_a_court_annulling_a_government_act_rejects_it(nlp: Language) -> None:
    assert _type(nlp, "The supreme court overturned the government's ban on rallies.",
                 "overturned") == "REJECT"
    assert _type(nlp, "The truck overturned on the highway.", "overturned") is None


def test_blame_contact_and_appeals_by_their_idioms(nlp: Language) -> None:
    assert _type(nlp, "The mayor pleaded for calm after the riots.", "pleaded") == "REQUEST"
    assert _type(nlp, "The prime minister attributed the bombing to Islamist militants.",
                 "attributed") == "ACCUSE"
    assert _type(nlp, "Washington pointed the finger at Tehran over the tanker attack.",
                 "pointed") == "ACCUSE"
    assert _type(nlp, "The chancellor spoke with the French president about the crisis.",
                 "spoke") == "CONSULT"
    assert _type(nlp, "Britain summoned the Russian ambassador over the poisoning.", "summoned") == "ACCUSE"
    assert _type(nlp, "The chairman summoned a waiter.", "summoned") is None


def test_ordinary_crime_verbs_stay_out_of_the_table(nlp: Language) -> None:
    # a knife attack or a smashed window by a private person codes no event (the document guideline);
    # measured on the authored sentences these entries were right in 7 of 18 and 1 of 6 records
    assert _type(nlp, "A man stabbed his neighbour after an argument.", "stabbed") is None
    assert _type(nlp, "A mob lynched two men accused of blasphemy.", "lynched") == "ASSAULT"


@pytest.mark.parametrize(("text", "word", "family"), [
    ("The minister must end the blockade, the opposition said.", "end", "modal or desire demand"),
    ("The government rolled back the reform.", "rolled", "phrasal verb"),
    ("The two leaders had a long conversation.", "conversation", "event noun"),
    ("The court did not accept the appeal.", "accept", "negated"),
    ("Critics called the vote illegal.", "illegal", "adjective, epithet or name"),
])
def test_misses_are_grouped_by_shape_of_language(nlp: Language, text: str, word: str, family: str) -> None:
    doc = nlp(text)
    tokens = [t for t in doc if t.text == word]
    assert language_family(tokens) == family

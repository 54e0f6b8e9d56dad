"""Families of event language the trigger table reads (issue #15, recall): the CAMEO dictionary's phrasal
verbs and the legal verbs coded as the authored guideline codes them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.events.learned.cameo_import import parse_patterns
from eventwire.events.triggers import cameo_pattern_entries
from eventwire.nlp import load_pipeline
from fixtures.triggers import trigger_type as _match

_DICTIONARY = """\
####### VERB PATTERNS #######
---  WHIP   [180]  ---
LASH
- * OUT                                               [111]         # LASH
- * CRACKDOWN                                         [170]         # LAUNCH
- * {VERBAL BROADSIDE}                                [111]         # FIRE
- * (FOR HELP)                                        [020]         # LOOK
- * ASSEMBLY                                          [---]         # OPEN
"""


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(None)


def test_only_one_word_patterns_that_name_their_verb_and_code_are_imported() -> None:
    assert parse_patterns(_DICTIONARY) == [("lash", "out", "particle", "111"),
                                           ("launch", "crackdown", "object", "170")]


def test_phrasal_verbs_are_entries_and_objects_are_not() -> None:
    from eventwire.events.ontology import Ontology

    entries = cameo_pattern_entries(Ontology.load())
    assert {"lemma": "lash", "pos": "VERB", "cameo": "111", "with_prep": ["out"]} in entries
    assert all("with_object" not in entry for entry in entries)  # measured: objects cost precision
    assert not any(entry["cameo"][:2] in {"03", "10", "13", "17"} for entry in entries)


def test_a_phrasal_verb_is_read_only_with_its_particle(nlp: Language) -> None:
    assert _match(nlp, "The president lashed out at the European Union on Tuesday.", "lashed") == "ACCUSE"
    assert _match(nlp, "Heavy rain lashed the coast on Tuesday.", "lashed") is None


def test_legal_verbs_are_coded_as_the_guideline_codes_them(nlp: Language) -> None:
    assert _match(nlp, "A court in Ankara convicted the journalist of espionage.", "convicted") == "SANCTION"
    assert _match(nlp, "A court sentenced the activist to six years in prison.", "sentenced") == "SANCTION"
    assert _match(nlp, "Prosecutors charged the former governor with embezzlement.", "charged") == "ACCUSE"
    assert _match(nlp, "Police arrested the former governor at his home.", "arrested") == "COERCE"


def test_ending_legal_action_cracking_down_and_opening_fire_are_read_with_their_word(nlp: Language) -> None:
    """CAMEO's "drop charges"/"drop case" (081), "crackdown" (170) and "open fire" (193) as curated
    entries: each needs its object or particle, so the verb's other senses stay no event."""
    assert _match(nlp, "Prosecutors dropped the charges against the senator.", "dropped") == "CONCEDE"
    assert _match(nlp, "The attorney general closed the case against the mayor.", "closed") == "CONCEDE"
    assert _match(nlp, "The company dropped its prices on Monday.", "dropped") is None
    assert _match(nlp, "Police cracked down on protesters in Nairobi on Tuesday.", "cracked") == "COERCE"
    assert _match(nlp, "The ice cracked under the weight of the truck.", "cracked") is None
    assert _match(nlp, "Soldiers opened fire on demonstrators in Yangon.", "opened") == "ASSAULT"
    assert _match(nlp, "The minister opened a new hospital in Yangon.", "opened") is None


def test_pushing_for_something_is_a_demand_and_pushing_a_thing_is_not(nlp: Language) -> None:
    assert _match(nlp, "Egypt pushed for a ceasefire between the two sides.", "pushed") == "REQUEST"
    assert _match(nlp, "Farmers lobbied for lower fuel taxes in Nairobi.", "lobbied") == "REQUEST"
    assert _match(nlp, "The crowd pushed the gate open.", "pushed") is None

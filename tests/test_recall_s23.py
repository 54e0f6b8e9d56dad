"""Recall on whole real articles (issue #15, session 23): more families of event language written out whole
(tariffs and sanctions as SANCTION, force posture, setting off bombs, rocket and sniper fire, police raids,
expulsions, criticism and protest idioms), the modal demand reading (off), and scripts/recall_losses.py
reading only the document gold's first 90 lines by default."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.events.triggers import modal_demand
from eventwire.nlp import load_pipeline
from fixtures.triggers import trigger_type as _type

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import recall_losses  # a script beside the tests, not a package


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(None)


def test_tariffs_and_sanctions_imposed_are_a_sanction(nlp: Language) -> None:
    assert _type(nlp, "China imposed tariffs on American soybeans.", "imposed") == "SANCTION"
    assert _type(nlp, "Washington slapped new sanctions on Moscow.", "slapped") == "SANCTION"
    assert _type(nlp, "The president raised tariffs on steel imports.", "raised") == "SANCTION"
    # imposing a curfew stays a restriction (COERCE), raising money is no act
    assert _type(nlp, "The army imposed a curfew on the city.", "imposed") == "COERCE"
    assert _type(nlp, "The charity raised money for the victims.", "raised") is None


def test_force_posture_by_its_other_verbs(nlp: Language) -> None:
    assert _type(nlp, "Russia sent more troops to the border region.", "sent") == "MOBILIZE"
    assert _type(nlp, "The army put its troops on high alert.", "put") == "MOBILIZE"
    # sending a letter or weapons is no mobilisation
    assert _type(nlp, "The minister sent a letter to the committee.", "sent") is None
    assert _type(nlp, "Germany sent tanks to Ukraine.", "sent") == "AID"


def test_setting_off_a_bomb_is_an_assault_and_setting_off_fireworks_is_not(nlp: Language) -> None:
    assert _type(nlp, "Militants set off a bomb near the checkpoint.", "set") == "ASSAULT"
    assert _type(nlp, "Fans set off fireworks after the match.", "set") is None


def test_a_police_raid_on_premises_is_coercion_and_an_armed_raid_an_assault(nlp: Language) -> None:
    assert _type(nlp, "Police raided the offices of the newspaper on Monday.", "raided") == "COERCE"
    assert _type(nlp, "Commandos raided the rebel camp at dawn.", "raided") == "ASSAULT"


def test_criticism_idioms_take_aim_and_take_issue(nlp: Language) -> None:
    assert _type(nlp, "The senator took aim at the White House over the deal.", "took") == "ACCUSE"
    assert _type(nlp, "The minister took issue with the report's findings.", "took") == "ACCUSE"
    assert _type(nlp, "The minister took the train to Brussels.", "took") is None


def test_protest_idioms_need_the_street_as_where_people_go(nlp: Language) -> None:
    assert _type(nlp, "Thousands took to the streets of the capital on Sunday.", "took") == "PROTEST"
    # "took place on a street" names where something happened, not a march
    assert _type(nlp, "The fight took place on a deserted street.", "took") is None


def test_recall_losses_reads_only_the_first_90_lines_by_default() -> None:
    gold = Path(__file__).resolve().parents[1] / "eval" / "documents" / "gold.jsonl"
    lines = gold.read_text(encoding="utf-8").splitlines()
    assert len(lines) > recall_losses.TUNED_LINES  # the untouched batches follow the first 90
    first = [json.loads(line)["doc"] for line in lines[:recall_losses.TUNED_LINES]]
    assert [d.doc for d in recall_losses.tuned_documents(None)] == first


def test_a_verb_under_must_in_reported_speech_is_read_as_a_demand(nlp: Language) -> None:
    # the reading behind EVENTWIRE_MODAL_DEMANDS=1 (off: measured, docs/events.md "Session 23: recall")
    def demanded(text: str, word: str) -> bool:
        return modal_demand(next(t for t in nlp(text) if t.text == word))

    assert demanded("The minister said the money should be directed to schools.", "directed")
    assert demanded('"The council must start giving answers," the mayor said.', "start")
    # a judgement of the past, a rule the narrator states, a condition: no demand
    assert not demanded("He should have known better, she said.", "known")
    assert not demanded("Applicants must submit their forms by May.", "submit")
    assert not demanded("She said that if the talks should fail, the strike would go on.", "fail")

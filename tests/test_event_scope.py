"""Scope of negation, failure and modality, and words read in a sense that reports no act: sentences
written for these tests (none from a gold set), coded with the stand-in knowledge base of test_events."""

from __future__ import annotations

import pytest

from eventwire.events import EventCoder
from eventwire.nlp import load_pipeline
from test_events import StandInResolver, code


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(load_pipeline(), StandInResolver())


def types(coder: EventCoder, text: str) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for event in code(coder, text, "2024-05-02"):
        found.setdefault(event["type"], []).append(event)
    return found


@pytest.mark.parametrize("text, absent", [
    # negation of the act itself, of its subject or its object
    ("Nigerian police did not arrest any protesters in Lagos on Sunday.", "COERCE"),
    ("Egyptian police arrested nobody at the rally in Cairo on Friday.", "COERCE"),
    ("No Turkish troops were withdrawn from the border area last week.", "RETREAT"),
    ("The Sudanese army has never attacked the camp near Khartoum, the commander said.", "ASSAULT"),
    # negation of a frame above the act: an order, a plan, an intention, an attempt
    ("The Russian president has given no order to pull out the troops from Kharkiv.", "RETREAT"),
    ("Turkey has no plans to send troops to Sudan, the Turkish defence minister said.", "MOBILIZE"),
    ("The Israeli army had no intention of attacking the Gaza hospital, the commander said.", "ASSAULT"),
    ("The Nigerian government did not try to arrest the journalists in Lagos.", "COERCE"),
    # failure: the act did not take place
    ("Egypt and Sudan failed to reach an agreement on the Nile dam in Cairo on Monday.", "AGREE"),
    ("A bid by Egyptian ministers to investigate the Sudanese militia failed on Tuesday.", "ACCUSE"),
    ("Jordanian ministers avoided direct criticism of the Israeli government in Cairo.", "ACCUSE"),
    # "without": the act was not done
    ("Israeli forces withdrew from the town without agreeing to a ceasefire with Gaza militias.", "AGREE"),
    # "nor": the second act is negated as well as the first
    ("The Egyptian minister did not invite the rebels to Cairo, nor did he endorse their demands.",
     "SUPPORT"),
    # a word in a sense that reports no act
    ("The Japanese government is trying to strike a balance between security and trade with Russia.",
     "ASSAULT"),
])
def test_no_record_for_an_act_that_did_not_happen(coder: EventCoder, text: str, absent: str) -> None:
    assert absent not in types(coder, text)


def test_the_scope_ends_at_the_clause(coder: EventCoder) -> None:
    # "but" starts an act of its own, with nothing negating it
    found = types(coder, "Russian forces did not attack Kharkiv but shelled the Ukrainian port of Odesa.")
    assert [e["factuality"] for e in found["ASSAULT"]] == ["occurred"]
    # "not only ... but" affirms the act
    found = types(coder, "The Russian army not only attacked Kharkiv but also shelled the port.")
    assert "occurred" in {e["factuality"] for e in found["ASSAULT"]}
    # the act a failure is blamed on is not in the failure's scope
    found = types(coder, "Sudanese rebels attacked the convoy after talks with the army failed in Khartoum.")
    assert found["ASSAULT"][0]["factuality"] == "occurred"


def test_a_refusal_is_a_rejection_of_the_act(coder: EventCoder) -> None:
    # failing to agree is coded as CAMEO does (120): a rejection, of the act that did not happen
    failed = types(coder, "Egypt and Sudan failed to reach an agreement on the Nile dam in Cairo on Monday.")
    assert failed["REJECT"][0]["action"]["type"] == "AGREE" and "AGREE" not in failed
    refusal = types(coder, "Turkey refused to withdraw its troops from Sudan on Monday.")["REJECT"][0]
    assert refusal["factuality"] == "refused" and refusal["action"]["type"] == "RETREAT"
    ruled_out = types(coder, "The Iranian president ruled out talks with the Israeli government.")
    assert ruled_out["REJECT"][0]["action"]["type"] == "CONSULT"
    assert "CONSULT" not in ruled_out


def test_a_denial_keeps_the_act_denied(coder: EventCoder) -> None:
    denial = types(coder, "Russia denied attacking Ukrainian army positions near Kharkiv.")["ASSAULT"][0]
    assert denial["factuality"] == "denied"


def test_a_negated_intention_announced_by_the_actor_is_a_refusal(coder: EventCoder) -> None:
    found = types(coder, "Iran said it will not negotiate with Israel over the prisoners.")
    assert found["REJECT"][0]["factuality"] == "refused"
    assert "CONSULT" not in found


def test_striking_a_deal_is_an_agreement(coder: EventCoder) -> None:
    found = types(coder, "Egypt struck a deal with Sudan on the Nile dam in Cairo on Monday.")
    assert "AGREE" in found and "ASSAULT" not in found


def test_planned_and_hypothetical_acts_stay(coder: EventCoder) -> None:
    assert types(coder, "Egypt and Jordan will hold talks in Cairo next week.")["CONSULT"][0][
        "factuality"] == "planned"
    assert types(coder, "If talks fail, the Russian army could attack Kharkiv.")["ASSAULT"][0][
        "factuality"] == "hypothetical"


@pytest.mark.parametrize("text, absent", [
    ("Egyptian law bans public gatherings of more than ten people in Cairo.", "COERCE"),
    ("The Nigerian constitution allows the president to deploy troops in Lagos.", "MOBILIZE"),
    ("Under Jordanian law, a minister must step down after a vote of no confidence.", "RETREAT"),
])
def test_what_a_rule_provides_is_no_act(coder: EventCoder, text: str, absent: str) -> None:
    assert absent not in types(coder, text)


def test_an_act_done_under_a_law_is_an_act(coder: EventCoder) -> None:
    # past tense: an act done under a law, not what the law says
    found = types(coder, "Under the emergency law, Egyptian police arrested twelve protesters in Cairo.")
    assert found["COERCE"][0]["factuality"] == "occurred"


def test_a_speech_act_carries_its_own_factuality_however_worded(coder: EventCoder) -> None:
    # a demand made without a frame that embeds an act is still a demand, as one with it
    urged = types(coder, "The Egyptian minister urged Sudan on Monday.")["REQUEST"][0]
    assert urged["factuality"] == "demanded"
    framed = types(coder, "The Egyptian minister urged Sudan to release the journalists.")["REQUEST"][0]
    assert framed["factuality"] == "demanded"
    rejected = types(coder, "The Iranian government rejected the Israeli proposal on Monday.")["REJECT"][0]
    assert rejected["factuality"] == "refused"


@pytest.mark.parametrize("text", [
    # a relative clause telling what the act named by the noun did
    "Russian forces launched an offensive that killed ten Ukrainian soldiers near Kharkiv.",
    # a noun trigger that is the object of a verb trigger of the same category
    "Egypt and Jordan signed peace treaties with Israel in Cairo.",
    "Egyptian ministers met in Cairo for talks with Jordan on Monday.",
])
def test_one_record_per_act(coder: EventCoder, text: str) -> None:
    records = code(coder, text, "2024-05-02")
    assert len(records) == 1, [(r["type"], r["evidence"]["trigger"]) for r in records]


def test_the_folded_noun_joins_the_verbs_trigger_when_the_phrase_is_short(coder: EventCoder) -> None:
    [agreed] = code(coder, "Egypt and Jordan signed two peace treaties with Israel in Cairo.", "2024-05-02")
    assert agreed["evidence"]["trigger"] == "signed two peace treaties"
    [met] = code(coder, "Egyptian ministers met in the capital on Monday for talks with Jordan.",
                 "2024-05-02")
    assert met["evidence"]["trigger"] == "met"  # too far apart: the verb alone


def test_an_act_in_the_circumstances_of_another_is_an_act_of_its_own() -> None:
    # "during" dates one act by another; it does not name the same act twice (the shipped coder: the
    # stand-in knowledge base resolves too few actors for both records to be written)
    shipped = EventCoder.load(with_places=False)
    records = code(shipped, "Gunmen took about 240 people hostage during their attack on the town of Sderot.",
                   "2024-05-02")
    assert sorted(r["evidence"]["trigger"] for r in records if r["type"] == "ASSAULT") == ["attack", "took"]


@pytest.mark.parametrize("text", [
    "Japan's strikers attacked the Korean defence twice in the first half of the league match.",
    "Shares in the Egyptian lender were hammered after the merger talks with a Jordanian rival stalled.",
])
def test_a_players_or_a_markets_act_is_no_political_act(coder: EventCoder, text: str) -> None:
    assert not code(coder, text, "2024-05-02")


@pytest.mark.parametrize("text, category", [
    # the actor is a state, the player only its recipient
    ("Turkey granted asylum to a Russian athlete who refused to return home from the Olympics.", "AID"),
    # police in a stadium are the state's people
    ("Egyptian police arrested twenty fans at the stadium after the league match in Cairo.", "COERCE"),
])
def test_a_political_act_around_a_game_stays(coder: EventCoder, text: str, category: str) -> None:
    assert category in types(coder, text)


def test_denying_an_accusation_is_no_event(coder: EventCoder) -> None:
    assert not code(coder, "The Turkish government has denied both allegations.", "2024-05-02")
    assert "REJECT" not in types(coder, "The Sudanese army rejected those claims on Monday.")
    # the accusation itself is still one
    found = types(coder, "Egypt rejected accusations by Sudan that its army had armed the militia.")
    assert "REJECT" not in found and "ACCUSE" in found

"""Roles by construction (session 20, docs/roles-s20.md): the object that makes a trigger and names
someone ("expelled two diplomats"), people counted by a quantity ("dozens of students"), two parties named
together as the subject of an act they do with each other ("Egypt and Sudan held talks"), two agents of
one country in different sectors ("rebels attacked an army post"), and the destination of a giving act
("sent troops to Kenya"). The sentences are written for these tests; a stand-in knowledge base gives
countries and sectors, so what is tested is the reading of the text."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.actors import ActorResolution
from eventwire.events import EventCoder
from eventwire.nlp import load_pipeline
from test_event_targets import KnowledgeBaseLike
from test_events import code
from test_roles import countries, texts


class WithDiplomats(KnowledgeBaseLike):
    """The stand-in knowledge base, knowing diplomats, doctors and "military" as the real one does (a
    sector), where no noun of the phrase names someone on its own ("a military post")."""

    def resolve(self, text: str, when: dt.date | None = None, *, context_country: str | None = None
                ) -> ActorResolution:
        found = super().resolve(text, when, context_country=context_country)
        words = text.lower().split()
        if found.sector is None and {"diplomats", "diplomat", "doctors", "military"} & set(words):
            sector = "HLH" if "doctors" in words else "MIL" if "military" in words else "GOV"
            return ActorResolution(text, found.actor_id, text, found.country, sector, None, "agent", 1.0)
        return found


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(load_pipeline(), WithDiplomats())


def _on(coder: EventCoder, text: str, trigger: str) -> dict:
    found = [e for e in code(coder, text) if trigger in e["evidence"]["trigger"]]
    assert found, code(coder, text)
    return found[0]


def test_an_object_that_makes_the_trigger_and_names_someone_is_the_target(coder: EventCoder) -> None:
    expelled = _on(coder, "Egypt expelled two Sudanese diplomats on Monday.", "expelled")
    assert countries(expelled["source"]) == {"EGY"}
    assert countries(expelled["target"]) == {"SDN"}


def test_a_thing_that_makes_the_trigger_stays_the_means(coder: EventCoder) -> None:
    imposed = _on(coder, "Japan imposed sanctions on Russia on Friday.", "imposed")
    assert countries(imposed["target"]) == {"RUS"}
    assert not any("sanctions" in t for t in texts(imposed["target"]))


def test_people_counted_by_a_quantity_are_the_target(coder: EventCoder) -> None:
    arrested = _on(coder, "Kenyan police arrested dozens of Sudanese students in Nairobi.", "arrested")
    assert countries(arrested["source"]) == {"KEN"}
    assert countries(arrested["target"]) == {"SDN"}


def test_a_date_object_is_still_no_party(coder: EventCoder) -> None:
    met = _on(coder, "Egyptian and Sudanese ministers met for three hours.", "met")
    assert all("hours" not in t for t in texts(met["target"]))


@pytest.mark.parametrize("text, trigger, first, second", [
    ("Egypt and Sudan held talks in Cairo on Sunday.", "talks", "EGY", "SDN"),
    ("Japan and India signed an agreement on Friday.", "signed", "JPN", "IND"),
])
def test_two_parties_of_a_mutual_act_named_together_are_source_and_target(
        coder: EventCoder, text: str, trigger: str, first: str, second: str) -> None:
    event = _on(coder, text, trigger)
    assert countries(event["source"]) == {first}  # in the order written
    assert countries(event["target"]) == {second}


def test_parties_named_together_keep_a_recipient_named_apart(coder: EventCoder) -> None:
    signed = _on(coder, "Japan and India signed an agreement with Kenya on Friday.", "signed")
    assert countries(signed["source"]) == {"JPN", "IND"}
    assert countries(signed["target"]) == {"KEN"}


def test_mediators_named_together_are_all_sources_not_each_others_counterparts(coder: EventCoder) -> None:
    # mediation (CAMEO 045) is done side by side by third parties: not "talks between Egypt and Sudan"
    mediated = _on(coder, "Egypt and Sudan mediated the talks on Sunday.", "mediated")
    assert countries(mediated["source"]) == {"EGY", "SDN"}
    assert not countries(mediated["target"]) & {"EGY", "SDN"}


def test_coordinated_subjects_of_a_one_sided_act_are_both_its_source(coder: EventCoder) -> None:
    accused = _on(coder, "Egypt and Sudan accused Turkey of arming the rebels.", "accused")
    assert countries(accused["source"]) == {"EGY", "SDN"}
    assert countries(accused["target"]) == {"TUR"}


def test_two_agents_of_one_country_in_different_sectors_are_two_parties(coder: EventCoder) -> None:
    attack = _on(coder, "Sudanese rebels attacked a Sudanese military post near the border.", "attacked")
    assert texts(attack["source"]) == ["Sudanese rebels"]
    assert [t["country"] for t in attack["target"]] == ["SDN"]
    assert "military post" in attack["target"][0]["text"]


def test_a_giving_act_goes_to_its_destination_not_to_what_it_moves(coder: EventCoder) -> None:
    sent = _on(coder, "Egypt sent 400 doctors to Sudan on Tuesday.", "sent")
    assert countries(sent["source"]) == {"EGY"}
    assert texts(sent["target"]) == ["Sudan"]


def test_a_giving_act_without_a_destination_keeps_its_object(coder: EventCoder) -> None:
    freed = _on(coder, "Egypt freed 40 Sudanese fishermen on Tuesday.", "freed")
    assert countries(freed["target"]) == {"SDN"}


def test_a_recipient_hung_on_the_amount_given_is_found_in_the_clause(coder: EventCoder) -> None:
    # the parser hangs "to Kenya" on "aid", inside the object; the act is still given to Kenya
    aid = _on(coder, "Japan's government said it would provide 10 million dollars in aid to Kenya "
                     "through the World Food Programme.", "provide")
    assert countries(aid["target"]) == {"KEN"}


def test_a_recipient_in_another_act_that_dates_this_one_is_not_taken(coder: EventCoder) -> None:
    deployed = _on(coder, "Kenyan troops deployed at checkpoints across Nairobi after threats against "
                          "Sudanese students.", "deployed")
    assert "SDN" not in countries(deployed["target"])


def test_forces_mobilised_with_no_one_named_to_do_it_are_the_source(coder: EventCoder) -> None:
    alert = _on(coder, "Sudanese army units were put on high alert near the border with Egypt on Sunday.",
                "alert")
    assert countries(alert["source"]) == {"SDN"}
    assert all(a["country"] != "SDN" for a in alert["target"])


def test_a_thing_attacked_when_no_one_is_named_is_the_target(coder: EventCoder) -> None:
    attack = _on(coder, "Sudanese rebels stormed a concert hall on Friday.", "stormed")
    assert [t["text"] for t in attack["target"]] == ["concert hall"]
    assert attack["target"][0]["kind"] == "unknown"  # a thing, no actor of the knowledge base


def test_a_thing_is_not_taken_when_someone_is_named(coder: EventCoder) -> None:
    attack = _on(coder, "Sudanese rebels attacked Egyptian troops guarding a concert hall.", "attacked")
    assert countries(attack["target"]) == {"EGY"}


def test_what_an_act_is_done_with_is_no_target(coder: EventCoder) -> None:
    imposed = _on(coder, "Japan imposed sanctions.", "imposed")
    assert imposed["target"] == []

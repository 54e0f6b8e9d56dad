"""The event coder on sentences written for these tests, with a small stand-in knowledge base so the
coder's own reading of the syntax is what is tested (the real knowledge base has its own tests)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from eventwire.actors import ActorResolution
from eventwire.events import EventCoder, Ontology, TriggerTable
from eventwire.events.ontology import OntologyError
from eventwire.nlp import load_pipeline

SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "event.schema.json").read_text())

# A handful of facts, enough to tell which phrase the coder picked for which role.
_COUNTRIES = {
    "egypt": "EGY",
    "egyptian": "EGY",
    "jordan": "JOR",
    "jordanian": "JOR",
    "turkey": "TUR",
    "turkish": "TUR",
    "russia": "RUS",
    "russian": "RUS",
    "ukraine": "UKR",
    "kharkiv": "UKR",
    "japan": "JPN",
    "japanese": "JPN",
    "india": "IND",
    "indian": "IND",
    "nigeria": "NGA",
    "nigerian": "NGA",
    "israel": "ISR",
    "israeli": "ISR",
    "gaza": "PSE",
    "iran": "IRN",
    "cairo": "EGY",
    "korea": "PRK",
    "sudan": "SDN",
    "khartoum": "SDN",
    "sudanese": "SDN",
    "modi": "IND",
    "kishida": "JPN",
    "lagos": "NGA",
}
_SECTORS = {
    "forces": "MIL",
    "troops": "MIL",
    "army": "MIL",
    "jets": "MIL",
    "police": "COP",
    "protesters": "CVL",
    "minister": "GOV",
    "ministers": "GOV",
    "president": "GOV",
    "government": "GOV",
    "militia": "REB",
    "rebels": "REB",
    "journalists": "JRN",
    "commander": "MIL",
}


class StandInResolver:
    def resolve(
        self, text: str, when: dt.date | None = None, *, context_country: str | None = None
    ) -> ActorResolution:
        words = text.lower().replace("'s", "").replace(",", "").split()
        country = next((_COUNTRIES[w] for w in words if w in _COUNTRIES), None)
        sector = next((_SECTORS[w] for w in words if w in _SECTORS), None)
        if country and sector is None and len(words) <= 2:
            sector = "GOV"
        return ActorResolution(text, None, text if (country or sector) else None, country, sector, None,
                               "agent", 1.0)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(load_pipeline(), StandInResolver())


def code(coder: EventCoder, text: str, published: str | None = None) -> list[dict]:
    return [event.as_json() for event in coder.code_text(text, published)]


def only(events: list[dict], type_: str) -> dict:
    matching = [e for e in events if e["type"] == type_]
    assert len(matching) == 1, events
    return matching[0]


def countries(actors: list[dict]) -> set[str | None]:
    return {a.get("country") for a in actors}


# --- the knowledge in data files --------------------------------------------------------------------


def test_every_plover_category_and_cameo_root_has_triggers() -> None:
    table = TriggerTable.load()
    ontology = table.ontology
    covered_types = {t.type for t in table.triggers if t.type}
    covered_roots = {t.cameo[:2] for t in table.triggers if t.cameo}
    assert covered_types == set(ontology.types)
    assert len(ontology.types) == 16
    assert covered_roots == {f"{n:02d}" for n in range(1, 21)}


def test_the_trigger_schema_rejects_what_the_ontology_does_not_know() -> None:
    ontology = Ontology.load()
    with pytest.raises(OntologyError, match="unknown CAMEO code"):
        TriggerTable.parse([{"lemma": "meet", "pos": "VERB", "cameo": "999"}], ontology)
    with pytest.raises(OntologyError, match="not a mode of"):
        TriggerTable.parse([{"lemma": "meet", "pos": "VERB", "cameo": "040", "mode": "aerial"}], ontology)
    with pytest.raises(OntologyError, match="unknown field"):
        TriggerTable.parse([{"lemma": "meet", "pos": "VERB", "cameo": "040", "tense": "past"}], ontology)
    with pytest.raises(OntologyError, match="needs a cameo"):
        TriggerTable.parse([{"lemma": "meet", "pos": "VERB"}], ontology)


def test_legacy_plover_labels_map_to_current_categories() -> None:
    ontology = Ontology.load()
    assert ontology.current_label("DEMAND") == ("REQUEST", None)
    assert ontology.current_label("DISAPPROVE") == ("ACCUSE", "disapprove")
    assert ontology.current_label("FIGHT") == ("ASSAULT", None)
    assert ontology.intensity("ASSAULT", "aerial") == -9.5
    assert ontology.quad_class("PROTEST") == 4


# --- coding ----------------------------------------------------------------------------------------


def test_a_planned_meeting_between_two_parties(coder: EventCoder) -> None:
    events = code(
        coder,
        "A meeting will be held next month between the Egyptian foreign minister and "
        "his Jordanian counterpart.",
    )
    meeting = only(events, "CONSULT")
    assert meeting["factuality"] == "planned"
    # a dyad in the order written: the first party is the source, the second the target
    assert countries(meeting["source"]) == {"EGY"}
    assert countries(meeting["target"]) == {"JOR"}


def test_a_visit_and_a_meeting_share_their_subject(coder: EventCoder) -> None:
    events = code(coder, "Modi visited Japan on Monday and met Japanese officials in Tokyo.")
    types = [(e["type"], e["mode"]) for e in events]
    assert ("CONSULT", "visit") in types and ("CONSULT", None) in types
    assert all(countries(e["source"]) == {"IND"} for e in events)


def test_a_promise_is_an_agree_event_about_the_promised_action(coder: EventCoder) -> None:
    events = code(coder, "Turkey pledged to release the detained journalists.")
    promise = only(events, "AGREE")
    assert promise["factuality"] == "promised"
    assert promise["action"]["type"] == "RETREAT" and promise["action"]["mode"] == "release"
    assert promise["cameo"] == "0353"
    assert countries(promise["source"]) == {"TUR"}
    assert len(events) == 1  # the embedded release is not a second, occurred event


def test_a_demand_and_its_addressee(coder: EventCoder) -> None:
    events = code(coder, "Sudanese protesters called on the army to withdraw from the capital.")
    demand = only(events, "REQUEST")
    assert demand["factuality"] == "demanded"
    assert demand["action"]["type"] == "RETREAT"
    assert countries(demand["source"]) == {"SDN"}
    assert "MIL" in {a.get("sector") for a in demand["target"]}


def test_passive_voice_swaps_the_roles(coder: EventCoder) -> None:
    event = only(code(coder, "The militia was attacked by Russian troops near the border."), "ASSAULT")
    assert countries(event["source"]) == {"RUS"}
    assert {a.get("sector") for a in event["target"]} == {"REB"}


def test_an_instrument_refines_its_act_instead_of_making_a_second_event(coder: EventCoder) -> None:
    events = code(coder, "Israeli jets killed a militia commander in an air strike on Gaza.")
    assert len(events) == 1
    strike = events[0]
    assert (strike["type"], strike["mode"], strike["cameo"]) == ("ASSAULT", "aerial", "195")
    assert strike["evidence"]["trigger"] == "killed"


def test_negated_and_hypothetical_events(coder: EventCoder) -> None:
    # an act said not to have happened is no event (PLOVER leaves negated events out); an act an actor
    # is said not to intend stays, denied
    negated = code(coder, "Russian forces did not attack the Ukrainian port.")
    assert not [e for e in negated if e["type"] == "ASSAULT"]
    denied = only(code(coder, "Russian forces will not attack the Ukrainian port."), "ASSAULT")
    assert denied["factuality"] == "denied"
    hypothetical = only(code(coder, "If talks fail, the Russian army could attack Kharkiv."), "ASSAULT")
    assert hypothetical["factuality"] == "hypothetical"


def test_reported_speech_keeps_the_speaker(coder: EventCoder) -> None:
    events = code(coder, "The Nigerian interior minister said police arrested twelve protesters in Lagos.")
    arrest = only(events, "COERCE")
    assert arrest["attribution"]["reported"] is True
    assert arrest["attribution"]["speaker"]["country"] == "NGA"
    assert {a.get("sector") for a in arrest["source"]} == {"COP"}


def test_the_latter_and_a_possessive_pronoun(coder: EventCoder) -> None:
    text = (
        "Modi met Japanese Prime Minister Fumio Kishida in Tokyo, and the latter said his country is "
        "committed to providing aid to India."
    )
    promise = only(code(coder, text), "AGREE")
    assert promise["attribution"]["speaker"]["text"].endswith("Fumio Kishida")
    assert countries(promise["source"]) == {"JPN"}
    assert promise["action"]["type"] == "AID"


def test_statements_alone_are_not_events(coder: EventCoder) -> None:
    assert code(coder, "The Egyptian foreign minister said the situation was difficult.") == []


def test_records_follow_the_published_schema(coder: EventCoder) -> None:
    events = code(coder, "Turkish troops shelled Kurdish positions and arrested three journalists.")
    assert events
    for event in events:
        jsonschema.validate(event, SCHEMA)


def test_event_ids_are_stable_across_runs(coder: EventCoder) -> None:
    text = "Russian forces shelled Kharkiv."
    assert [e["event_id"] for e in code(coder, text)] == [e["event_id"] for e in code(coder, text)]


def test_yaml_booleans_are_caught_not_silently_used() -> None:
    with pytest.raises(OntologyError, match="not words"):
        TriggerTable.parse(
            [{"lemma": "call", "pos": "VERB", "cameo": "020", "with_prep": [True]}], Ontology.load()
        )


def test_dates_come_from_the_text_and_offsets_lean_on_the_dated_event(coder: EventCoder) -> None:
    text = (
        "On the third of last March, Russian troops captured the town of Kreminna. The move came two weeks "
        "after Ukrainian forces attacked a Russian convoy. Russian forces have shelled Kharkiv since the "
        "attack. Russian jets will bomb the port, the Ukrainian army said."
    )
    events = code(coder, text, published="2022-06-10T08:00:00+03:00")
    by_trigger = {e["evidence"]["trigger"]: e for e in events}
    assert by_trigger["captured"]["date"] == {
        "start": "2022-03-03",
        "end": "2022-03-03",
        "precision": "day",
        "text": "the third of last March",
        "from_text": True,
        "historical": False,
    }
    assert by_trigger["attacked"]["date"]["start"] == "2022-02-17"  # two weeks before the capture
    assert by_trigger["shelled"]["date"]["start"] == "2022-02-17"  # a range since the attack
    assert by_trigger["shelled"]["date"]["end"] == "2022-06-10"
    assert by_trigger["bomb"]["date"]["from_text"] is False  # no date in its sentence: the publication's
    assert by_trigger["bomb"]["factuality"] == "planned"


def test_a_dateline_is_the_place_of_events_without_one_and_never_an_actor() -> None:
    from eventwire.places import Geoparser

    nlp = load_pipeline()
    coder = EventCoder(nlp, StandInResolver(), geoparser=Geoparser.load(nlp=nlp))
    events = code(
        coder,
        "KHARTOUM (Test Wire) — Sudanese troops and rebels clashed on Saturday. Residents fled the fighting.",
        published="2023-04-15",
    )
    assert [e["evidence"]["trigger"] for e in events] == ["clashed"]  # fleeing a fight is not fighting
    clash = events[0]
    assert "KHARTOUM" not in {a["text"] for a in clash["source"]}
    # the dateline is the article's setting, not the sentence's place: the event is placed in its country
    assert clash["location"]["country"] == "SDN" and clash["location"]["level"] == "country"
    assert clash["location"]["basis"] == "article"


def test_a_light_verb_lends_its_subject_to_the_noun_it_carries(coder: EventCoder) -> None:
    strike = only(
        code(coder, "Sudanese journalists staged a hunger strike in protest against the army."), "PROTEST"
    )
    assert countries(strike["source"]) == {"SDN"}
    assert {a.get("sector") for a in strike["target"]} == {"MIL"}


def test_recipients_from_the_embedded_act_the_owner_of_an_event_or_the_place_of_an_act(
    coder: EventCoder,
) -> None:
    threat = only(
        code(coder, "The Egyptian parliament threatened on Monday to break relations with Russia."),
        "THREATEN",
    )
    assert countries(threat["target"]) == {"RUS"}  # not "Monday", and through the threatened act
    rejection = only(code(coder, "Turkey rejected a Russian request for talks."), "REJECT")
    assert countries(rejection["target"]) == {"RUS"}
    curfew = only(code(coder, "The Sudanese army imposed a curfew in Khartoum."), "COERCE")
    assert countries(curfew["target"]) == {"SDN"}


def test_a_town_named_as_recipient_is_its_country_and_where_it_happened() -> None:
    from eventwire.places import Geoparser

    nlp = load_pipeline()
    coder = EventCoder(nlp, StandInResolver(), geoparser=Geoparser.load(nlp=nlp))
    (shelling,) = code(coder, "Russian forces shelled Mariupol on Tuesday.", published="2023-01-12")
    assert shelling["target"][0]["country"] == "UKR" and shelling["target"][0]["kind"] == "place"
    assert shelling["location"]["name"] == "Mariupol"



def test_the_place_of_an_event_is_where_it_happened_not_where_its_participants_are_from() -> None:
    from eventwire.places import Geoparser

    nlp = load_pipeline()
    coder = EventCoder(nlp, StandInResolver(), geoparser=Geoparser.load(nlp=nlp))
    text = ("Gunmen attacked a police station in Karak on Sunday. Police arrested a man visiting from "
            "Canada. Jordan's interior minister condemned the attack.")
    events = code(coder, text, published="2023-01-12")
    places = {e["evidence"]["trigger"]: e["location"] for e in events}
    assert places["attacked"]["name"] == "Karak" and places["attacked"]["level"] in {"admin1", "city"}
    # "from Canada" says where the man came from, "Jordan's" whose minister: neither is where; the
    # sentences name no other place, so the article's (Karak, Jordan) is
    assert places["arrested"]["country"] == "JOR"
    assert places["condemned"]["country"] == "JOR"


def test_an_article_about_several_countries_gives_no_default_place() -> None:
    from eventwire.places import Geoparser

    nlp = load_pipeline()
    coder = EventCoder(nlp, StandInResolver(), geoparser=Geoparser.load(nlp=nlp))
    # the arrest comes before any place (since session 20 a place named before an event's sentence gives
    # the event its country: tests/test_time_place_fallbacks.py)
    text = ("Police arrested three men. Egypt and Turkey held talks in Cairo on Monday. Russia and Japan "
            "signed an accord in Tokyo.")
    events = code(coder, text, published="2023-01-12")
    arrest = next(e for e in events if e["evidence"]["trigger"] == "arrested")
    assert arrest.get("location") is None


def test_an_actor_named_with_hyphens_is_taken_whole(coder: EventCoder) -> None:
    """The tokenizer splits "Jaish-e-Mohammed" at its hyphens and the parser may attach the parts
    anywhere; the actor (here the one claiming the attack) is still the whole written name."""
    events = code(coder, "Jaish-e-Mohammed claimed the suicide bombing in Pulwama that killed 40 police "
                         "officers on Thursday.")
    speakers = {event["attribution"]["speaker"]["text"] for event in events
                if event["attribution"] and event["attribution"]["speaker"]}
    # the group is the speaker of the claim, or the source of a record of its own act; never a part of it
    names = speakers | {actor["text"] for event in events for actor in (event.get("source") or [])}
    assert "Jaish-e-Mohammed" in names
    assert not names & {"Jaish", "Mohammed", "e", "Jaish-e"}

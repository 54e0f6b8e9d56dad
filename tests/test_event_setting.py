"""An event's place and date by the evidence there is: the sentence's own place, else the article's setting
or the one country of its actors (country level, with the basis said); dates counted from the date an
offset's clause gives, the sentence's own date over the story's, no future date for a past act, and no
story time carried over a section heading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from spacy.language import Language

from eventwire.actors import ActorResolution
from eventwire.events import EventCoder, EventDate, TriggerTable
from eventwire.events.doc_state import StoryDates
from eventwire.events.time_place import TimePlace
from eventwire.nlp import load_pipeline
from eventwire.temporal import find_timexes

_COUNTRIES = {"sudanese": "SDN", "egyptian": "EGY", "jordanian": "JOR", "egypt": "EGY", "turkey": "TUR",
              "russia": "RUS", "japan": "JPN"}


class _CountryWords:
    """Resolves an actor phrase to the country one of its words names (else to no country)."""

    def resolve(self, text: str, when: dt.date | None = None, *,
                context_country: str | None = None) -> ActorResolution:
        words = text.lower().replace("'s", "").split()
        country = next((_COUNTRIES[word] for word in words if word in _COUNTRIES), None)
        return ActorResolution(text, None, text, country, "GOV" if country else "CVL", None, "agent", 1.0)


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield load_pipeline()


@pytest.fixture(scope="module")
def placing_coder(nlp: Language) -> Iterator[EventCoder]:
    from eventwire.places import Geoparser

    yield EventCoder(nlp, _CountryWords(), geoparser=Geoparser.load(nlp=nlp), learned=False)


def _locations(coder: EventCoder, text: str) -> dict[str, dict | None]:
    return {event.evidence.trigger: event.as_json()["location"]
            for event in coder.code_text(text, published="2023-04-15")}


def test_a_place_the_sentence_names_is_given_as_found_in_the_sentence(placing_coder: EventCoder) -> None:
    located = _locations(placing_coder, "Gunmen attacked a police station in Karak on Sunday.")
    attack = located["attacked"]
    assert attack is not None and attack["name"] == "Karak" and attack["basis"] == "sentence"
    assert attack["level"] in {"admin1", "city"}


def test_the_dateline_places_an_unplaced_event_in_its_country_never_at_the_towns_point(
        placing_coder: EventCoder) -> None:
    located = _locations(placing_coder,
                         "KHARTOUM (Test Wire) — Sudanese troops and rebels clashed on Saturday.")
    clash = located["clashed"]
    assert clash is not None and clash["country"] == "SDN"
    assert clash["level"] == "country" and clash["basis"] == "article" and clash["name"] == "Sudan"


def test_without_an_article_country_the_one_country_of_the_actors_places_the_event(
        placing_coder: EventCoder) -> None:
    several = "Egypt and Turkey held talks in Cairo on Monday. Russia and Japan signed an accord in Tokyo. "
    arrest = _locations(placing_coder, several + "Jordanian police arrested a Jordanian editor.")["arrested"]
    assert arrest is not None and arrest["country"] == "JOR"
    assert arrest["level"] == "country" and arrest["basis"] == "actors"
    # one actor of no known country: the resolved ones' country still comes before the previous sentence's
    # (session 20: Tokyo's Japan would otherwise place the Jordanian police's arrest)
    partly = _locations(placing_coder, several + "Jordanian police arrested three men.")["arrested"]
    assert partly is not None and partly["country"] == "JOR" and partly["basis"] == "actors"


def test_an_event_nothing_places_has_no_location(placing_coder: EventCoder) -> None:
    # no place before it and no country the article is about (since session 20 a place named before the
    # event's sentence places it: tests/test_time_place_fallbacks.py)
    text = ("Police arrested three men. Egypt and Turkey held talks in Cairo on Monday. Russia and Japan "
            "signed an accord in Tokyo.")
    assert _locations(placing_coder, text)["arrested"] is None


# dates -----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def time_step(nlp: Language) -> TimePlace:
    step = TimePlace(places=False)
    step.triggers = TriggerTable.load()
    step.make_doc = nlp.make_doc
    return step


def _date_of(nlp: Language, step: TimePlace, text: str, word: str, published: dt.date,
             story_date: str | None = None) -> EventDate | None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    dates = StoryDates()
    if story_date is not None:
        dates.last_text_date = EventDate(story_date, story_date, "day", "earlier", True)
    return step.date(token, find_timexes(text, published), published, dates)


def test_an_offset_counts_from_the_date_its_own_clause_gives(nlp: Language, time_step: TimePlace) -> None:
    text = "However, Steele cut off contact with the FBI about a month before the Nov. 8 election."
    date = _date_of(nlp, time_step, text, "cut", dt.date(2017, 1, 12), story_date="2016-07-01")
    assert date is not None and date.start == "2016-10-08"


def test_the_sentences_own_date_wins_over_the_storys_last_date_beside_an_offset(
        nlp: Language, time_step: TimePlace) -> None:
    text = ("On Wednesday, the ceasefire collapsed less than a day after it was implemented, as rebels "
            "accused the army of heavy shelling.")
    date = _date_of(nlp, time_step, text, "accused", dt.date(2016, 12, 14), story_date="2016-12-05")
    assert date is not None and date.start == "2016-12-14"


def test_an_act_told_in_the_past_never_takes_a_date_after_the_publication(
        nlp: Language, time_step: TimePlace) -> None:
    published = dt.date(2016, 12, 12)
    text = "We have agreed with the owners that they will remain in their home until the end of May."
    agreed = _date_of(nlp, time_step, text, "agreed", published)
    assert agreed is not None and agreed.start == "2016-12-12" and not agreed.from_text
    remain = _date_of(nlp, time_step, text, "remain", published)  # the future act keeps its date
    assert remain is not None and remain.start == "2017-05-01"


def test_the_story_time_does_not_carry_over_a_section_heading(nlp: Language, time_step: TimePlace) -> None:
    published = dt.date(2019, 11, 19)
    told = "The other cases were dropped in 2015 because time had run out.\n\n"
    after_heading = _date_of(nlp, time_step, told + "What has the reaction been?\n\nThere was no comment "
                             "from him but the group welcomed the move.", "welcomed", published)
    assert after_heading is not None and after_heading.start == "2019-11-19"
    told_on = _date_of(nlp, time_step, told + "The group welcomed the move.", "welcomed", published)
    assert told_on is not None and told_on.start == "2015-01-01"

"""The event's place when its sentence names none and neither its actors nor the article's own place say
(session 20): the country of the last place the article named before the event's sentence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from spacy.language import Language

from eventwire.actors import ActorResolution
from eventwire.events import EventCoder
from eventwire.events.time_place import _last_place_before
from eventwire.nlp import load_pipeline
from eventwire.places.model import PlaceMention


class _NoCountries:
    """Resolves every actor phrase to no country, so only places can place an event."""

    def resolve(self, text: str, when: dt.date | None = None, *,
                context_country: str | None = None) -> ActorResolution:
        return ActorResolution(text, None, text, None, "CVL", None, "agent", 1.0)


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield load_pipeline()


@pytest.fixture(scope="module")
def coder(nlp: Language) -> Iterator[EventCoder]:
    from eventwire.places import Geoparser

    yield EventCoder(nlp, _NoCountries(), geoparser=Geoparser.load(nlp=nlp), learned=False)


def _location(coder: EventCoder, text: str, trigger: str) -> dict | None:
    located = {event.evidence.trigger: event.as_json()["location"]
               for event in coder.code_text(text, published="2023-04-15")}
    return located[trigger]


SEVERAL = "Egypt and Turkey held talks in Cairo on Monday. Russia and Japan signed an accord in Tokyo. "


def test_the_last_place_before_the_sentence_gives_the_event_its_country(coder: EventCoder) -> None:
    arrest = _location(coder, SEVERAL + "Police arrested three men.", "arrested")
    assert arrest is not None and arrest["country"] == "JPN"
    assert arrest["level"] == "country" and arrest["basis"] == "article"  # the country, not Tokyo's point


def test_a_place_after_the_event_does_not_place_it(coder: EventCoder) -> None:
    assert _location(coder, "Police arrested three men. " + SEVERAL, "arrested") is None


def _mention(start: int, name: str, country: str | None, feature: str, in_name: bool = False) -> PlaceMention:
    return PlaceMention(start=start, end=start + len(name), text=name, name=name, geonameid=None, lat=1.0,
                        lon=2.0, country=country, feature=feature, confidence=1.0, in_name=in_name)


def test_seas_continents_demonyms_names_and_unresolved_places_are_passed_over() -> None:
    places = [_mention(0, "Jordan", "JOR", "country"),
              _mention(10, "Europe", None, "continent"),
              _mention(20, "Red Sea", "EGY", "area"),
              _mention(30, "Iraqi", "IRQ", "demonym"),
              _mention(40, "Bank of Canada", "CAN", "country", in_name=True),
              _mention(60, "Tokyo", "JPN", "city")]
    assert _last_place_before(places, 60).name == "Jordan"
    assert _last_place_before(places, 61).name == "Tokyo"
    assert _last_place_before(places, 0) is None

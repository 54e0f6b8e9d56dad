"""Levels, divisions and context: sentences written for each behaviour of the places stage (issue #17)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.actors import ActorResolution
from eventwire.events import EventCoder
from eventwire.places import Gazetteer, Geoparser, PlaceContext, PlaceMention


@pytest.fixture(scope="module")
def geoparser() -> Geoparser:
    return Geoparser.load()


def _by_text(mentions: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {mention.text: mention for mention in mentions}


def test_a_country_has_level_country_and_a_state_level_admin1(geoparser: Geoparser) -> None:
    found = _by_text(geoparser.geoparse("Sweden sent aid to Ukraine after floods hit Ohio and Kyiv."))
    assert found["Sweden"].level == "country" and found["Ukraine"].level == "country"
    assert found["Ohio"].level == "admin1" and found["Ohio"].country == "USA"
    assert found["Kyiv"].level == "city"


def test_the_gazetteer_has_us_counties_in_their_state_at_a_point_inside_it() -> None:
    options = Gazetteer.shared().candidates("Kalamazoo County")
    county = next(place for place, _ in options if place.feature == "admin2")
    assert county.country_iso2 == "US" and county.admin1 == "MI" and county.level == "admin2"
    assert 42.0 < county.lat < 42.6 and -85.9 < county.lon < -85.2  # the county lies around 42.25, -85.53


def test_first_level_divisions_beyond_the_curated_list_are_known() -> None:
    options = Gazetteer.shared().candidates("Maharashtra")
    division = next(place for place, _ in options if place.feature == "region")
    assert division.country_iso2 == "IN" and division.level == "admin1"
    assert 15.5 < division.lat < 22.0 and 72.5 < division.lon < 80.9


def test_a_county_resolves_in_the_state_the_article_names(geoparser: Geoparser) -> None:
    text = ("Michigan health officials said a resident of Berrien County died of the virus. "
            "Another case was reported in Michigan last week.")
    county = _by_text(geoparser.geoparse(text))["Berrien County"]
    assert county.feature == "admin2" and county.level == "admin2"
    assert county.lat is not None and 41.7 < county.lat < 42.3  # Michigan's, not Georgia's Berrien County


def test_every_name_of_a_county_list_is_a_county_of_the_named_state(geoparser: Geoparser) -> None:
    text = ("Michigan officials said the virus has been reported in Barry, Calhoun, Cass and Van Buren "
            "counties this year.")
    found = _by_text(geoparser.geoparse(text))
    for name in ("Barry", "Calhoun", "Cass", "Van Buren"):
        assert found[name].level == "admin2", name
        assert found[name].lat is not None and 41.6 < found[name].lat < 42.9, name  # south-west Michigan


def test_a_demonym_is_a_nationality_not_a_place(geoparser: Geoparser) -> None:
    found = _by_text(geoparser.geoparse("Canadian officials met Iraqi ministers in Ottawa on Monday."))
    assert "Canadian" not in found and "Iraqi" not in found
    assert found["Ottawa"].country == "CAN"


def test_a_party_and_state_label_names_a_us_state(geoparser: Geoparser) -> None:
    text = "Rep. Jane Doe (D-Minn.) and Sen. John Roe, R-Neb., spoke on Monday."
    found = _by_text(geoparser.geoparse(text))
    assert found["Minn."].name == "Minnesota" and found["Minn."].level == "admin1"
    assert found["Neb."].name == "Nebraska"


def test_a_landmark_the_gazetteer_lacks_is_placed_at_its_city_with_level_feature(
        geoparser: Geoparser) -> None:
    text = "Thousands marched through Nashville on Friday and gathered outside the Riverfront Memorial Hall."
    found = _by_text(geoparser.geoparse(text))
    hall = next(mention for text_, mention in found.items() if text_.endswith("Memorial Hall"))
    # at the city's point, but still a landmark: its level is feature, its feature (for event places) city
    assert hall.name == "Nashville" and hall.level == "feature" and hall.feature == "city"
    assert hall.at_town and (hall.lat, hall.lon) == (found["Nashville"].lat, found["Nashville"].lon)
    assert found["Nashville"].level == "city" and not found["Nashville"].at_town


def test_a_common_name_follows_the_country_the_article_is_about(geoparser: Geoparser) -> None:
    british = _by_text(geoparser.geoparse(
        "Police in Wiltshire said two people fell ill in Salisbury. Britain blamed Moscow."))
    assert british["Salisbury"].country == "GBR"
    american = _by_text(geoparser.geoparse(
        "Voters in New Hampshire lined up in Manchester and Concord before the primary."))
    assert american["Manchester"].country == "USA"


def test_the_capital_bonus_is_the_capitals_alone(geoparser: Geoparser) -> None:
    # Pennsylvania named in the article must not turn Washington into the small Washington, Pennsylvania.
    context = PlaceContext.from_places(
        [place for place, _ in Gazetteer.shared().candidates("Pennsylvania")[:1]])
    place = geoparser.resolve("Washington", context)
    assert place is not None and place.admin1 == "DC"


class _ArmedGroups:
    """Every actor phrase is an armed group of no country: the test is about the place, not the actors."""

    def resolve(self, text: str, when: dt.date | None = None, *,
                context_country: str | None = None) -> ActorResolution:
        return ActorResolution(text, None, text, None, "MIL", None, "agent", 1.0)


def test_an_event_located_in_a_country_says_it_is_only_that_precise(geoparser: Geoparser) -> None:
    coder = EventCoder(geoparser.nlp, _ArmedGroups(), geoparser=geoparser)
    events = [event.as_json() for event in coder.code_text(
        "Troops attacked rebels in Yemen on Saturday. Troops shelled the port of Mariupol on Sunday.",
        "2023-04-15")]
    levels = {event["location"]["text"]: event["location"]["level"] for event in events if event["location"]}
    assert levels.get("Yemen") == "country"
    assert levels.get("Mariupol") == "city"


def test_an_abbreviated_saint_in_a_dateline_is_read_in_full_in_its_state(geoparser: Geoparser) -> None:
    found = _by_text(geoparser.geoparse(
        "ST. JOSEPH, Mich. (AP) — Health authorities are reporting a sixth death from the virus."))
    town = found["ST. JOSEPH"]
    assert town.name == "Saint Joseph" and town.lat is not None
    assert 41.9 < town.lat < 42.3 and -86.7 < town.lon < -86.3  # on Lake Michigan, not in Missouri


def test_a_county_inside_an_agency_name_is_still_a_county(geoparser: Geoparser) -> None:
    found = _by_text(geoparser.geoparse(
        "Officials of the Kalamazoo County Health Department said Michigan had seen ten cases."))
    county = found["Kalamazoo County"]
    assert county.level == "admin2" and county.in_name


def test_a_town_near_the_articles_other_towns_wins_over_a_bigger_namesake(geoparser: Geoparser) -> None:
    # Missouri's Springfield is the most populous; Decatur and Bloomington put this one in Illinois.
    found = _by_text(geoparser.geoparse(
        "Police in Decatur and Bloomington searched for the driver, who was later arrested in Springfield."))
    springfield = found["Springfield"]
    assert springfield.lat is not None and springfield.lon is not None
    assert 39.6 < springfield.lat < 40.0 and -89.9 < springfield.lon < -89.4


def test_an_event_at_a_landmark_placed_at_its_town_has_level_feature_and_the_towns_point(
        geoparser: Geoparser) -> None:
    coder = EventCoder(geoparser.nlp, _ArmedGroups(), geoparser=geoparser)
    events = [event.as_json() for event in coder.code_text(
        "Troops attacked protesters on Michigan Avenue in Chicago on Saturday.", "2023-04-15")]
    locations = [event["location"] for event in events if event["location"]]
    assert any(location["text"] == "Michigan Avenue" for location in locations), locations
    town = _by_text(geoparser.geoparse("Chicago"))["Chicago"]
    for location in locations:
        assert (location["lat"], location["lon"]) == (town.lat, town.lon)
        assert location["level"] == ("feature" if location["text"] == "Michigan Avenue" else "city")

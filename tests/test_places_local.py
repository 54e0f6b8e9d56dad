"""Local news (issue #17, session 23): a landmark's name is never a town of its landmark word, and a council
or police force named by its place tells where the story is without being reported as a toponym."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.places import Geoparser

STABBING = ("A 26-year-old man died after a stabbing early Sunday on Falcon Street. Officers closed Falcon "
            "Street for hours and police in London asked witnesses to come forward.")
# Boston stands for a stray place of another country (in the real story a project's name read as a US town).
SCHOOLS = ("Primary school pupils pitched their healthy snacks to judges in Edmonton on Thursday. Paul "
           "Everitt, Enfield Council's head of arts, was on the judging panel with a chef who trained in "
           "Boston.")
SCHOOLS_WITHOUT_COUNCIL = SCHOOLS.replace("Enfield Council's", "the")


@pytest.fixture(scope="module")
def geoparser() -> Iterator[Geoparser]:
    yield Geoparser.load()


def test_a_street_is_not_the_town_named_like_its_landmark_word(geoparser: Geoparser) -> None:
    mentions = geoparser.geoparse(STABBING)
    streets = [mention for mention in mentions if mention.text == "Falcon Street"]
    assert streets, "the street is still found"
    for street in streets:
        assert street.name != "Street"  # Street, Somerset
        assert street.name == "London"  # placed at the town the article names, at the town's point
        assert street.level == "feature"


def test_a_council_named_by_its_place_sets_the_story_in_the_outlet_country(geoparser: Geoparser) -> None:
    url = "https://www.example-local-news.co.uk/story/1"
    with_council = {mention.text: mention for mention in geoparser.geoparse(SCHOOLS, url=url)}
    assert with_council["Edmonton"].country == "GBR"  # Edmonton in the London Borough of Enfield
    assert "Enfield" not in with_council  # inside an organisation's name: no toponym (eval/places/README.md)
    without = {mention.text: mention for mention in geoparser.geoparse(SCHOOLS_WITHOUT_COUNCIL, url=url)}
    # Without the council, half a place of the outlet's country does not outweigh Alberta's capital.
    assert without["Edmonton"].country == "CAN"


def test_a_council_in_an_outlet_without_a_country_is_read_on_the_article_alone(geoparser: Geoparser) -> None:
    mentions = geoparser.geoparse(SCHOOLS)
    assert all(mention.text != "Enfield" for mention in mentions)


DATELINED = ("WASHINGTON — Negotiators met in London and Manchester on Monday, and British officials in "
             "Birmingham and Leeds said the talks would go on. Washington wants an answer by Friday.")


def test_a_name_read_in_the_dateline_keeps_that_reading_in_the_story(geoparser: Geoparser) -> None:
    readings = [(mention.text, mention.country) for mention in geoparser.geoparse(DATELINED)]
    assert ("WASHINGTON", "USA") in readings
    assert ("Washington", "USA") in readings  # not Washington, Tyne and Wear, among the English towns


def test_a_division_after_the_dateline_town_keeps_its_own_reading(geoparser: Geoparser) -> None:
    text = "WASHINGTON — Wildfires burned across Washington state on Monday, officials in Seattle said."
    readings = {mention.text: mention for mention in geoparser.geoparse(text)}
    assert readings["WASHINGTON"].level == "city"
    assert readings["Washington"].level == "admin1"


def test_a_park_is_not_a_suburb_of_a_country_the_story_never_touches(geoparser: Geoparser) -> None:
    text = ("Hundreds gathered at Victoria Park in the evening to support the people of Aleppo. Organisers "
            "in Toronto and Ottawa urged Canada to take in more refugees.")
    readings = {mention.text: mention for mention in geoparser.geoparse(text)}
    park = readings["Victoria Park"]
    assert park.country == "CAN"  # not the Perth suburb (Australia) nor Hong Kong's
    assert park.level == "feature"  # a landmark at its town's point


def test_a_park_named_like_a_town_of_the_story_country_keeps_the_gazetteer_reading(
        geoparser: Geoparser) -> None:
    text = ("Police were called to Victoria Park near Perth after a fire. Residents across Western Australia "
            "were warned.")
    readings = {mention.text: mention for mention in geoparser.geoparse(text)}
    assert readings["Victoria Park"].country == "AUS"

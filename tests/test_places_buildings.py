"""Buildings found by the word that says their kind, placed at the town the text puts them in (session 21)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.places import Geoparser


@pytest.fixture(scope="module")
def geoparser() -> Iterator[Geoparser]:
    yield Geoparser.load()


def _placed(geoparser: Geoparser, text: str) -> dict[str, tuple[str | None, str | None]]:
    return {mention.text: (mention.name, mention.level) for mention in geoparser.geoparse(text)}


def test_a_hospital_the_recogniser_calls_an_organisation_is_placed_at_its_town(geoparser: Geoparser) -> None:
    placed = _placed(geoparser, "He was taken to Thomas Memorial Hospital in South Charleston, W.Va., police "
                                "said.")
    assert placed["Thomas Memorial Hospital"] == ("South Charleston", "feature")


def test_the_town_named_after_the_building_beats_the_one_before_it(geoparser: Geoparser) -> None:
    placed = _placed(geoparser, "Worshippers at St. Takla Church in Alexandria and at St. Mark's Coptic "
                                "Orthodox Cathedral in Cairo were killed.")
    assert placed["St. Takla Church"][0] == "Alexandria"
    assert placed["St. Mark's Coptic Orthodox Cathedral"][0] == "Cairo"


def test_the_building_holds_the_place_in_its_name(geoparser: Geoparser) -> None:
    placed = _placed(geoparser, "Protesters gathered at the Indiana Statehouse in Indianapolis on Monday.")
    assert "Indiana" not in placed
    assert placed["Indiana Statehouse"] == ("Indianapolis", "feature")


def test_bodies_named_like_buildings_and_buildings_of_no_known_town_are_no_places(
        geoparser: Geoparser) -> None:
    assert _placed(geoparser, "The Supreme Court ruled against him, and the Center for American Progress "
                              "objected.") == {}
    assert "Millfield Theatre" not in _placed(geoparser, "The play opens at Millfield Theatre next week.")


def test_a_landmark_lies_in_the_articles_main_country(geoparser: Geoparser) -> None:
    text = ("Egypt's Coptic Christians mourned in Cairo and Alexandria. A church in St. Paul, Minnesota, "
            "sent a message. Egyptian police guarded the Evangelical Coptic Church on Sunday.")
    placed = _placed(geoparser, text)
    assert placed["Evangelical Coptic Church"][0] == "Alexandria"


def test_streets_and_centres_by_their_kind(geoparser: Geoparser) -> None:
    placed = _placed(geoparser, "Reanne Morgan, 18, of Dunnock Close, Edmonton, was charged. Two guards at "
                                "the Metropolitan Correctional Center in Manhattan were charged.")
    assert placed["Dunnock Close"][0] == "Edmonton"
    assert placed["Metropolitan Correctional Center"][0] == "Manhattan"
    research = _placed(geoparser, "The Pew Research Center in Washington said.")
    assert not any("Research Center" in name for name in research)


def test_a_town_right_before_a_landmark_is_its_town_whatever_the_main_country(geoparser: Geoparser) -> None:
    # the line break of the page splits the recogniser's entity: "Town Hall" is read on its own
    text = ("Aleppo is besieged. Syria's army advanced on Aleppo. She hung a banner on the façade of the "
            "Paris\n   Town Hall to show solidarity with Aleppo.")
    placed = [(mention.text, mention.name) for mention in geoparser.geoparse(text)]
    assert ("Town Hall", "Paris") in placed

"""Session 17 recognition and level rules: a town before its province's abbreviation, "X Co." counties,
region abbreviations read by the article's country, quarters of towns, divisions never drawn as hamlets,
city-states at level city."""

from __future__ import annotations

import pytest

from eventwire.places import Geoparser, PlaceMention


@pytest.fixture(scope="module")
def geoparser() -> Geoparser:
    return Geoparser.load()


def _by_text(mentions: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {mention.text: mention for mention in mentions}


def test_a_town_before_a_dotted_province_abbreviation_is_that_provinces_town(geoparser: Geoparser) -> None:
    mentions = _by_text(geoparser.geoparse(
        "When Lucy Lau was born in Churchill, Man. her parents did not know if she would live."))
    assert mentions["Churchill"].country == "CAN" and mentions["Churchill"].level == "city"
    assert mentions["Man."].name == "Manitoba"  # not the town of Man in Ivory Coast


def test_a_county_by_its_abbreviation(geoparser: Geoparser) -> None:
    mentions = _by_text(geoparser.geoparse("PLYMOUTH CO. - A suspect was arrested in Le Mars, Iowa."))
    assert mentions["PLYMOUTH CO."].name == "Plymouth County" and mentions["PLYMOUTH CO."].level == "admin2"
    assert mentions["PLYMOUTH CO."].lat == pytest.approx(42.8, abs=0.5)  # Iowa's, not Massachusetts'


def test_a_region_abbreviation_standing_alone_is_read_by_the_articles_country(geoparser: Geoparser) -> None:
    australian = _by_text(geoparser.geoparse(
        "There were deaths in Victoria and South Australia, and none in Tasmania or the ACT."))
    assert australian["ACT"].name == "Australian Capital Territory" and australian["ACT"].level == "admin1"
    american = _by_text(geoparser.geoparse(
        "Students in Ohio and Indiana took the ACT on Saturday, officials in Columbus said."))
    assert "ACT" not in american  # a test, in an article about another country


def test_a_region_abbreviation_after_a_number_or_among_capitals_is_not_read(geoparser: Geoparser) -> None:
    mentions = _by_text(geoparser.geoparse(
        "The city of Victoria, British Columbia, was settled long after 300 BC, historians in Vancouver "
        "say."))
    assert "BC" not in mentions
    heading = _by_text(geoparser.geoparse("GREAT NEWS FOR SD FARMERS. Farmers in Sioux Falls, South Dakota"))
    assert "SD" not in heading


def test_a_quarter_of_a_named_town_is_placed_at_that_town(geoparser: Geoparser) -> None:
    mentions = _by_text(geoparser.geoparse(
        "A bomb hit a church in Cairo's Abbasiya neighbourhood. Police in Giza's Haram district arrested "
        "two."))
    assert mentions["Abbasiya"].name == "Cairo" and mentions["Abbasiya"].level == "feature"
    assert mentions["Haram"].name == "Giza"


def test_an_unknown_name_followed_by_district_lies_in_the_articles_town_but_a_court_district_does_not(
        geoparser: Geoparser) -> None:
    mentions = _by_text(geoparser.geoparse(
        "A bomb exploded on Sunday in the city's Abbassiya district, hitting a church in Cairo."))
    assert mentions["Abbassiya district"].name == "Cairo"
    court = _by_text(geoparser.geoparse(
        "Prosecutors in the Southern District of New York charged him in Manhattan."))
    assert court["Southern District"].name is None  # an office's district, not a quarter of Manhattan


def test_a_first_level_division_is_not_drawn_as_a_hamlet_of_its_name(geoparser: Geoparser) -> None:
    mentions = _by_text(geoparser.geoparse(
        "Ranchers near Red Deer and Lethbridge, Alberta, said the drought in Alberta was as bad as the one "
        "in Queensland years ago, Calgary traders said."))
    assert mentions["Queensland"].country == "AUS" and mentions["Queensland"].level == "admin1"


def test_a_city_state_is_a_city_though_it_counts_as_its_country(geoparser: Geoparser) -> None:
    mentions = _by_text(geoparser.geoparse("Protesters in Hong Kong marched as ministers met in France."))
    assert mentions["Hong Kong"].level == "city" and mentions["Hong Kong"].feature == "country"
    assert mentions["France"].level == "country"


def test_a_town_the_gazetteer_knows_only_in_another_state_is_left_unresolved(geoparser: Geoparser) -> None:
    mentions = _by_text(geoparser.geoparse(
        "Doctors offered a flu vaccine at the San Ysidro, California, processing center."))
    assert mentions["San Ysidro"].name is None  # not San Ysidro, New Mexico: the text says California
    assert mentions["California"].level == "admin1"
    listed = _by_text(geoparser.geoparse("Floods hit Ohio, West Virginia and Kentucky on Monday."))
    assert listed["Ohio"].name == "Ohio"  # a list of states is no "X, State" pattern

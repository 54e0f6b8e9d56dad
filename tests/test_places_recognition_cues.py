"""Known place names the recogniser calls persons or organisations, found where the parse says they are
places (session 24, issue #17): after a word of space, in a list with a place, before the word for a kind of
place; and the look-alikes such a rule must leave alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.places import Geoparser


@pytest.fixture(scope="module")
def geoparser() -> Iterator[Geoparser]:
    yield Geoparser.load()


def _placed(geoparser: Geoparser, text: str) -> dict[str, tuple[str | None, str | None]]:
    return {mention.text: (mention.country, mention.level) for mention in geoparser.geoparse(text)}


def test_a_town_after_in_beside_a_town_of_its_country_is_found(geoparser: Geoparser) -> None:
    placed = _placed(geoparser, "Farmers blocked the road with tractors, and more protests were planned in "
                                "Lyon and Toulouse.")
    assert placed["Toulouse"] == ("FRA", "city")


def test_divisions_known_from_town_records_are_found_after_a_word_of_space(geoparser: Geoparser) -> None:
    placed = _placed(geoparser, "Dutch farmers blocked roads in Gelderland and Friesland, and police in The "
                                "Hague closed the square.")
    assert placed["Gelderland"] == ("NLD", "admin1")
    assert placed["Friesland"] == ("NLD", "admin1")


def test_a_small_town_the_recogniser_calls_a_place_is_kept_after_from(geoparser: Geoparser) -> None:
    assert _placed(geoparser, "A trawler from Killybegs was detained on Monday.")["Killybegs"] == (
        "IRL", "city")


def test_whole_name_abbreviations_are_places_whatever_their_label(geoparser: Geoparser) -> None:
    placed = _placed(geoparser, "Police in Durban said the KZN floods were the worst in years.")
    assert placed["KZN"] == ("ZAF", "admin1")
    placed = _placed(geoparser, "The army sent trucks to south Trinidad, where T&T's prime minister visited.")
    assert placed["T&T"][0] == "TTO"


def test_a_site_named_by_its_kind_is_placed_at_its_city(geoparser: Geoparser) -> None:
    placed = _placed(geoparser, "Crowds packed Navy Pier in Chicago for the fireworks.")
    assert placed["Navy Pier"] == ("USA", "feature")


def test_a_name_that_modifies_the_next_noun_is_no_place(geoparser: Geoparser) -> None:
    placed = _placed(geoparser, "She won gold in Olympic record time, and he studied at St. John's "
                                "University in EU law.")
    assert "Olympic" not in placed
    assert "St. John" not in placed
    assert "EU" not in placed


def test_a_street_the_recogniser_calls_a_place_is_the_street_not_the_state_in_its_name(
        geoparser: Geoparser) -> None:
    placed = {mention.text: mention for mention in geoparser.geoparse(
        "Crowds packed the pier while police patrolled Michigan Avenue in Chicago.")}
    assert "Michigan" not in placed
    assert placed["Michigan Avenue"].name == "Chicago"


def test_a_city_the_recogniser_calls_a_person_is_found_after_to(geoparser: Geoparser) -> None:
    placed = _placed(geoparser, "Iran seized a tanker in the Strait of Hormuz and took it to Bandar Abbas.")
    assert placed["Bandar Abbas"] == ("IRN", "city")

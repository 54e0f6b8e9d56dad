"""Two countries joined by a hyphen ("the U.S.-Mexico border") are both found; towns so joined are a road's
name and are not; celestial bodies are no places (session 20)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.places import Geoparser


@pytest.fixture(scope="module")
def geoparser() -> Iterator[Geoparser]:
    yield Geoparser.load()


def _found(geoparser: Geoparser, text: str) -> list[tuple[str, str | None]]:
    return [(mention.text, mention.country) for mention in geoparser.geoparse(text)]


def test_both_countries_of_a_hyphenated_pair_are_found(geoparser: Geoparser) -> None:
    found = _found(geoparser, "He visited the U.S.-Mexico border near McAllen, Texas, on Monday.")
    assert ("U.S.", "USA") in found and ("Mexico", "MEX") in found
    assert ("U.S.", "USA") in _found(geoparser, "U.S.-China trade talks resumed on Friday.")


def test_hyphenated_words_that_are_not_two_countries_give_no_pair(geoparser: Geoparser) -> None:
    assert _found(geoparser, "Coca-Cola and Rolls-Royce shares fell.") == []
    found = _found(geoparser, "The Baghdad-Damascus highway was closed.")
    assert ("Damascus", "SYR") not in found


def test_celestial_bodies_are_no_places_unless_a_state_follows(geoparser: Geoparser) -> None:
    assert _found(geoparser, "You can swipe through profiles anywhere on Earth.") == []
    assert _found(geoparser, "NASA confirmed water vapour on Europa, a moon of Jupiter.") == []
    assert ("Earth", "USA") in _found(geoparser, "The town of Earth, Texas, has 1,000 people.")

"""New York written alone is the city; the state only where the text says so (session 20)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.places import Geoparser


@pytest.fixture(scope="module")
def geoparser() -> Iterator[Geoparser]:
    yield Geoparser.load()


def _levels(geoparser: Geoparser, text: str) -> list[tuple[str, str | None]]:
    mentions = geoparser.geoparse(text)
    return [(mention.text, mention.level) for mention in mentions if mention.text == "New York"]


def test_new_york_alone_is_the_city_even_beside_manhattan(geoparser: Geoparser) -> None:
    text = ("Two guards were charged in Manhattan on Tuesday. The charges were unsealed in New York as the "
            "prison chief testified in Washington.")
    assert _levels(geoparser, text) == [("New York", "city")]


def test_a_governor_or_a_federal_district_makes_new_york_the_state(geoparser: Geoparser) -> None:
    text = ("Former New York Gov. Mario Cuomo died in Manhattan. Prosecutors of the Southern District of "
            "New York charged two guards. The New York governor spoke in Albany.")
    assert _levels(geoparser, text) == [("New York", "admin1")] * 3

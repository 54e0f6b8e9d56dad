"""A dateline whose dash the scrape dropped ("WASHINGTON Christopher Steele ...") is still the reporter's
town, read without the article's countries; an upper-case word that is no large town is no dateline
(session 20)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.events.time_place import _bare_dateline
from eventwire.places import Geoparser

STORY = "WASHINGTON Christopher Steele, who wrote reports in London, met officials in England and Britain."


@pytest.fixture(scope="module")
def geoparser() -> Iterator[Geoparser]:
    yield Geoparser.load()


def test_a_dashless_dateline_is_the_capital_not_a_town_of_the_story_country(geoparser: Geoparser) -> None:
    first = geoparser.geoparse(STORY)[0]
    assert (first.text, first.country) == ("WASHINGTON", "USA")


def test_an_upper_case_word_that_is_no_large_town_is_no_dateline(geoparser: Geoparser) -> None:
    text = "MLA Sandra Jansen made a plea in Edmonton."
    assert [m.text for m in geoparser.geoparse(text)] == ["Edmonton"]
    assert _bare_dateline(text, geoparser.geoparse(text)) is None


def test_the_event_setting_reads_the_dashless_dateline(geoparser: Geoparser) -> None:
    match = _bare_dateline(STORY, geoparser.geoparse(STORY))
    assert match is not None and match.group("place") == "WASHINGTON"
    assert STORY[match.end():].startswith("Christopher")

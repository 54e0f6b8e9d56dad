"""Event dates take the anchor their sentence gives: the events stage reads the narrative-anchored dates of
the time tagger ("the following day", "at the time") as dates of the text, not the publication date."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.events import EventCoder


@pytest.fixture(scope="module")
def coder() -> Iterator[EventCoder]:
    yield EventCoder.load(with_places=False)


def _dates(coder: EventCoder, text: str) -> list[tuple[str | None, str | None, bool]]:
    return [(event.date.start, event.date.text, event.date.from_text)
            for event in coder.code_text(text, published="2017-07-23") if event.date is not None]


def test_an_event_the_following_day_is_dated_from_the_day_before(coder: EventCoder) -> None:
    text = ("Police arrested the opposition leader in Kampala on Friday, February 3. "
            "Soldiers killed two protesters the following day.")
    assert _dates(coder, text) == [("2017-02-03", "Friday, February 3", True),
                                   ("2017-02-04", "the following day", True)]


def test_an_event_at_the_time_takes_the_date_the_text_gave_not_the_publication(coder: EventCoder) -> None:
    text = ("In the summer of 2010, FBI agents met the informant in London. "
            "At the time, police arrested three officials in Zurich.")
    dates = _dates(coder, text)
    assert dates[-1] == ("2010-06-01", "the time", True)

"""Event dates take the anchor their sentence gives: the events stage reads the narrative-anchored dates of
the time tagger ("the following day", "at the time") as dates of the text, not the publication date."""

from __future__ import annotations

import datetime as dt
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


def _dated_by_trigger(coder: EventCoder, text: str, published: str) -> dict[str, str | None]:
    return {event.evidence.trigger: event.date.start if event.date else None
            for event in coder.code_text(text, published=published)}


def test_the_date_of_the_events_own_clause_wins_over_the_nearer_date_of_the_clause_above(
        coder: EventCoder) -> None:
    # "Monday" is the plea's day and the nearer word; "in March" is in the threat's own clause
    text = "A New York man pleaded guilty Monday to threatening to kill a congresswoman in March."
    dated = _dated_by_trigger(coder, text, "2019-11-18")
    assert dated.get("threatening", "")[:7] == "2019-03"  # type: ignore[index]


def test_a_date_inside_a_relative_or_participle_clause_dates_that_clause_not_the_event(
        coder: EventCoder) -> None:
    # "announced on Monday" dates the announcement; the condemnation has no date of its own
    text = ("The Arab League condemned the unilateral move announced on Monday by the US Secretary of "
            "State.")
    dated = _dated_by_trigger(coder, text, "2019-11-20")
    assert dated.get("condemned") == "2019-11-20"


def test_a_noun_event_takes_the_date_of_the_participle_that_describes_it(coder: EventCoder) -> None:
    from eventwire.events.time_place import _date_of_clause
    from eventwire.temporal import find_timexes

    text = "The union wants the government to implement a bargaining commitment signed three years ago."
    doc = coder.nlp(text)
    commitment = next(token for token in doc if token.text == "commitment")
    timexes = [timex for timex in find_timexes(text, dt.date(2016, 12, 7)) if timex.type == "DATE"]
    chosen = _date_of_clause(commitment, timexes)
    assert chosen is not None and chosen.value == "2013"
    # the government's act ("to implement") is not dated by the commitment's participle
    implement = next(token for token in doc if token.text == "implement")
    assert _date_of_clause(implement, timexes) is None


_PARIS_2015 = ("The emergency powers were first used after a series of attacks left 130 people dead in Paris "
               "on November 13, 2015.")


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # a simple past act right after a dated past sentence takes that date (narrative anchoring)
    (f"{_PARIS_2015} The gunmen attacked a stadium and several cafes.", "attacked", "2015-11-13"),
    # a present perfect is news of the publication day, whatever the sentence before
    (f"{_PARIS_2015} Police have arrested two suspects.", "arrested", "2016-12-10"),
    # a sentence about this week anchors nothing further back
    ("The minister resigned on Tuesday. Protesters attacked the parliament building.", "attacked",
     "2016-12-10"),
], ids=["past-after-dated-past", "present-perfect", "after-this-week"])
def test_an_undated_act_after_a_dated_sentence(coder: EventCoder, text: str, trigger: str,
                                               expected: str) -> None:
    assert _dated_by_trigger(coder, text, "2016-12-10").get(trigger) == expected


def test_an_offset_from_a_named_earlier_event_counts_from_that_events_date(coder: EventCoder) -> None:
    # the second sentence's "days before the meeting" leans on the meeting's date, not on the last date
    # the text wrote (the 2016 coup)
    text = ("Trump met Erdogan on Tuesday, May 16, in Washington. Opponents in Turkey have been jailed since "
            "a failed July coup. Activists protested outside the White House two days before the meeting.")
    dated = _dated_by_trigger(coder, text, "2017-05-17")
    assert dated.get("met") == "2017-05-16"
    assert dated.get("protested") == "2017-05-14"


def test_a_date_of_a_verb_coordinated_with_the_event_dates_it_when_its_own_clause_has_none(
        coder: EventCoder) -> None:
    from eventwire.events.time_place import _date_of_clause
    from eventwire.temporal import find_timexes

    text = "Gunmen attacked the castle and killed four tourists on Sunday."
    doc = coder.nlp(text)
    attacked = next(token for token in doc if token.text == "attacked")
    timexes = find_timexes(text, dt.date(2016, 12, 19))
    chosen = _date_of_clause(attacked, timexes)
    assert chosen is not None and chosen.value == "2016-12-18"


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Protesters blocked the main road in Cairo from Monday to Wednesday.", "2016-12-12", "2016-12-14"),
    ("Rebels shelled the town between March 3 and March 5.", "2016-03-03", "2016-03-05"),
])
def test_an_event_dated_by_a_range_keeps_both_ends(coder: EventCoder, text: str, start: str,
                                                   end: str) -> None:
    dates = [event.date for event in coder.code_text(text, published="2016-12-15") if event.date]
    assert dates and all((date.start, date.end, date.precision) == (start, end, "range") for date in dates)


def test_two_days_joined_by_and_without_between_are_not_a_range(coder: EventCoder) -> None:
    dates = [event.date for event in coder.code_text(
        "Police arrested dozens of protesters in Istanbul on Monday and Tuesday.", published="2016-12-15")
        if event.date]
    assert dates and all(date.precision != "range" for date in dates)


def test_a_date_in_the_clause_an_event_reports_dates_the_reported_act_not_the_report(
        coder: EventCoder) -> None:
    # the raid happened on May 2; the accusation is made on the publication day
    text = "The opposition accused that soldiers had raided the village on May 2."
    dated = _dated_by_trigger(coder, text, "2019-06-20")
    assert dated.get("accused") == "2019-06-20"


def test_the_date_of_a_statement_an_act_was_made_in_dates_the_act(coder: EventCoder) -> None:
    text = "In a letter released on June 4, the ministry condemned the arrest of two journalists."
    dated = _dated_by_trigger(coder, text, "2019-06-20")
    assert dated.get("condemned") == "2019-06-04"


def test_an_act_told_again_without_a_date_takes_the_date_it_was_first_told_with(coder: EventCoder) -> None:
    text = ("Rebels attacked an army base near Goma on April 9, the army said. "
            "The base lies on the main road north. "
            "The commander of the base, who was wounded, said the rebels attacked at night.")
    events = [event for event in coder.code_text(text, published="2019-06-20")
              if event.evidence.trigger.startswith("attacked")]
    assert [event.date.start if event.date else None for event in events] == ["2019-04-09", "2019-04-09"]


def test_an_act_not_told_before_keeps_the_publication_date(coder: EventCoder) -> None:
    # (the sentence between keeps the story's date of the first sentence from reaching the arrest)
    text = ("Rebels attacked an army base near Goma on April 9, the army said. "
            "The base lies on the main road north. "
            "Police arrested two men in the capital.")
    dated = _dated_by_trigger(coder, text, "2019-06-20")
    assert dated.get("arrested") == "2019-06-20"


# Background acts: an act told beside another one keeps its own time.

def test_an_act_with_its_own_date_is_not_dated_by_an_offset_from_a_background_act(coder: EventCoder) -> None:
    # "two years after the 2019 coup" says how long after the coup; the march is on Tuesday
    text = ("Protesters marched in Khartoum on Tuesday, two years after the 2019 coup that ousted the "
            "president.")
    assert _dated_by_trigger(coder, text, "2021-11-25").get("marched") == "2021-11-23"


def test_an_offset_still_dates_an_act_that_has_no_date_of_its_own(coder: EventCoder) -> None:
    text = "Rebels attacked the base about a month before the Nov. 8 election."
    assert _dated_by_trigger(coder, text, "2016-12-01").get("attacked") == "2016-10-08"


def test_a_background_act_inside_the_offset_keeps_its_own_date(coder: EventCoder) -> None:
    text = "Troops withdrew from the border on Monday, three months after they invaded the region in August."
    dated = _dated_by_trigger(coder, text, "2021-11-25")
    assert dated.get("withdrew") == "2021-11-22" and dated.get("invaded") == "2021-08-01"


def test_an_act_in_the_past_perfect_is_not_dated_after_the_story(coder: EventCoder) -> None:
    # the arrest came before Tuesday's release: not the publication day (Thursday), after it
    text = "Police released the journalist on Tuesday. She had been arrested after the protests."
    dated = _dated_by_trigger(coder, text, "2021-11-25")
    assert dated.get("released") == "2021-11-23" and dated.get("arrested") == "2021-11-23"
    # told in the simple past after the news of the day, it is still the publication day
    text = "Police released the journalist on Tuesday. Officers arrested two more reporters."
    assert _dated_by_trigger(coder, text, "2021-11-25").get("arrested") == "2021-11-25"

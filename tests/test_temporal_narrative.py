"""Narrative anchoring: expressions that count from the last date the text gave, not from the document
date (TimeML's anchor), and the sentence splitter they and the tense rules rely on."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.temporal import find_timexes

DCT = dt.date(2017, 7, 23)


def _found(text: str, dct: dt.date = DCT) -> list[tuple[str, str, str]]:
    return [(timex.text, timex.type, timex.value) for timex in find_timexes(text, dct)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The ship sank on Friday, February 3, and the crew was rescued the following day.",
     [("Friday, February 3", "DATE", "2017-02-03"), ("the following day", "DATE", "2017-02-04")]),
    ("The treaty was signed on March 12, 2015. The next day, troops withdrew.",
     [("March 12, 2015", "DATE", "2015-03-12"), ("The next day", "DATE", "2015-03-13")]),
    ("Rebels took the town on 4 May 2014 and the army had shelled it the day before.",
     [("4 May 2014", "DATE", "2014-05-04"), ("the day before", "DATE", "2014-05-03")]),
    ("Her first win came in 1978. Four years later, she retired.",
     [("1978", "DATE", "1978"), ("Four years later", "DATE", "1982")]),
    ("He warned them at a summit in September 2016. A month later, sanctions followed.",
     [("September 2016", "DATE", "2016-09"), ("A month later", "DATE", "2016-10")]),
    ("The mine opened on 10 June 2012 and closed two days later.",
     [("10 June 2012", "DATE", "2012-06-10"), ("two days later", "DATE", "2012-06-12")]),
])
def test_offsets_count_from_the_last_date_given(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


def test_an_offset_finer_than_its_anchor_stays_a_duration_for_the_events_stage() -> None:
    found = find_timexes("The plant opened in 2012 and closed two days later.", DCT)
    assert [(t.text, t.type, t.value, t.anchored_to_event) for t in found] == [
        ("2012", "DATE", "2012", False), ("two days later", "DURATION", "P2D", True)]


def test_an_offset_from_a_named_event_is_left_to_the_events_stage() -> None:
    found = find_timexes("On 3 March 2015 talks began. The day after the vote, the president resigned.", DCT)
    assert [(t.text, t.type, t.anchored_to_event) for t in found] == [
        ("3 March 2015", "DATE", False), ("The day", "DURATION", True)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Police arrested him on May 21, 2015, the same day he bought a rifle.",
     [("May 21, 2015", "DATE", "2015-05-21"), ("the same day", "DATE", "2015-05-21")]),
    ("In the summer of 2010 they met in London. At the time, the league hoped to host the cup.",
     [("the summer of 2010", "DATE", "2010-SU"), ("the time", "DATE", "2010-SU")]),
    ("The floods hit in March 2019. That month, exports fell.",
     [("March 2019", "DATE", "2019-03"), ("That month", "DATE", "2019-03")]),
    ("The raid began on 2 April 2016; that night the power failed.",
     [("2 April 2016", "DATE", "2016-04-02"), ("that night", "TIME", "2016-04-02TNI")]),
])
def test_that_day_and_at_the_time_take_the_anchor(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "At the time of writing, nothing was known.",
    "That day will come, he said.",
    "The minister spoke at the time given.",
])
def test_without_a_date_before_them_they_are_no_time_expression(text: str) -> None:
    assert _found(text) == []


def test_a_month_day_takes_the_year_its_sentence_names() -> None:
    text = "Timeline:\n1789 - President Washington issues a proclamation naming November 26 a holiday."
    assert _found(text, dt.date(2016, 11, 16))[:2] == [("1789", "DATE", "1789"),
                                                      ("November 26", "DATE", "1789-11-26")]


def test_a_year_in_an_earlier_sentence_does_not_move_a_month() -> None:
    text = "He was born in 1994. The coup attempt in July failed."
    assert _found(text, dt.date(2016, 12, 19)) == [("1994", "DATE", "1994"), ("July", "DATE", "2016-07")]


def test_a_weekday_closing_a_range_comes_after_the_day_that_opens_it() -> None:
    text = "The airport said it was closing from midday on Saturday until Sunday."
    assert _found(text, dt.date(2016, 12, 17)) == [("midday on Saturday", "TIME", "2016-12-17T12:00"),
                                                  ("Sunday", "DATE", "2016-12-18")]


def test_the_second_year_of_a_pair_is_a_year() -> None:
    assert _found("Figures for 2010 to 2011 point to a fall.") == [("2010", "DATE", "2010"),
                                                                   ("2011", "DATE", "2011")]


def test_a_sentence_that_opens_with_the_expression_has_its_own_tense() -> None:
    # Before the fix the splitter missed the boundary right before "Sunday" and read "warned" as its tense.
    text = "The Met Office warned of fog becoming widespread.\nSunday will start on a grey note."
    assert _found(text, dt.date(2016, 12, 17)) == [("Sunday", "DATE", "2016-12-18")]


@pytest.mark.parametrize(("dct", "text", "value"), [
    (dt.date(2016, 12, 19), "Travels came under fire in the spring.", "2016-SP"),
    (dt.date(2017, 1, 19), "The dam will open in the spring.", "2017-SP"),
    (dt.date(2016, 12, 19), "Trade slowed in the autumn.", "2016-FA"),
])
def test_seasons_before_a_december_document_date(dct: dt.date, text: str, value: str) -> None:
    assert [timex.value for timex in find_timexes(text, dct)] == [value]


def test_a_closing_quote_ends_a_sentence_so_the_next_one_keeps_its_own_tense() -> None:
    text = '"It all came to an end."\nShelters open to guests at Christmas, so the scheme begins in January.'
    found = _found(text, dt.date(2016, 11, 14))
    assert ("Christmas", "DATE", "2016-12-25") in found


def test_an_age_range_is_not_a_duration() -> None:
    assert _found("A gang of 15 to 16-year-olds vandalised the shops.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The premier appears to have now adopted a more open plan.", [("now", "DATE", "PRESENT_REF")]),
    ("Until now, nobody had asked.", [("now", "DATE", "PRESENT_REF")]),
    ("The now-defunct party won the seat.", []),
])
def test_now_in_the_middle_of_a_sentence_is_the_present(text: str,
                                                         expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the story's day, given in the sentence before
    ("A woman was stabbed on Friday night. Police believe the suspect went to the house around 8 p.m.",
     ("8 p.m.", "TIME", "2017-07-21T20:00")),
    # no day given: the document's day
    ("Police believe the suspect went to the house around 8 p.m.", ("8 p.m.", "TIME", "2017-07-23T20:00")),
    # a day two sentences back belongs to another part of the story
    ("The vote was held on Friday. Turnout was low. Polls closed at 8 p.m.",
     ("8 p.m.", "TIME", "2017-07-23T20:00")),
])
def test_a_clock_time_without_a_day_takes_the_day_of_the_sentence_before(
        text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(text)

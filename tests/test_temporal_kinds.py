"""The passages of the undone kinds (eval/temporal/kinds.jsonl) and their stage `eventwire eval timex-kinds`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.temporal import find_timexes

REPOSITORY = Path(__file__).resolve().parents[1]
GOLD = REPOSITORY / "eval/temporal/kinds.jsonl"


def _found(text: str, dct: dt.date) -> list[tuple[str, str, str]]:
    return [(timex.text, timex.type, timex.value) for timex in find_timexes(text, dct)]


WEDNESDAY = dt.date(2021, 3, 17)


@pytest.mark.parametrize(("text", "expected"), [
    # sets: plural weekdays, every other weekday, a league's season, weekends, a vague "every few"
    ("The museum opens every day except Mondays.",
     [("every day", "SET", "P1D"), ("Mondays", "SET", "XXXX-WXX-1")]),
    ("Meetings are held every other Monday.", [("every other Monday", "SET", "XXXX-WXX-1")]),
    ("The team plays 82 games each season.", [("each season", "SET", "P1Y")]),
    ("The market opens every weekend.", [("every weekend", "SET", "XXXX-WXX-WE")]),
    ("They meet on weekends.", [("weekends", "SET", "XXXX-WXX-WE")]),
    ("Elections are held every few years.", [("every few years", "SET", "PXY")]),
    # a frequency word belongs to its set's span (TimeML's "twice a week")
    ("Floods come once every 50 years.", [("once every 50 years", "SET", "P50Y")]),
    # half-years written as codes
    ("Profit doubled in H1 2020.", [("H1 2020", "DATE", "2020-H1")]),
    # the small hours are the morning's
    ("He was attacked in the early hours of Sunday.",
     [("the early hours of Sunday", "TIME", "2021-03-14TMO")]),
    # "to last a decade": the verb, not "the last decade"
    ("Few expected it to last a decade.", [("a decade", "DURATION", "P10Y")]),
    ("It grew over the last decade.", [("the last decade", "DURATION", "P10Y")]),
])
def test_sets_halves_and_spans(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text, WEDNESDAY) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "at the time" with no date before it is some time in the past; after a date it is that date
    ("Shops were open at the time, a police officer said.", [("the time", "DATE", "PAST_REF")]),
    ("The treaty was signed in 1992. At the time, few expected it to last.",
     [("1992", "DATE", "1992"), ("the time", "DATE", "1992")]),
    # a step back is an aside: the story goes on from the date before it
    ("In 2012 it moved to Austin; the previous year it had nearly run out of cash. Two years later it grew.",
     [("2012", "DATE", "2012"), ("the previous year", "DATE", "2011"), ("Two years later", "DATE", "2014")]),
    ("The fire broke out on March 3. Two days earlier, an inspector had warned. The next day, it was out.",
     [("March 3", "DATE", "2021-03-03"), ("Two days earlier", "DATE", "2021-03-01"),
      ("The next day", "DATE", "2021-03-04")]),
    # a fiscal year is not the calendar year of that name
    ("The budget for fiscal 2022, which starts July 1, adds $2 billion.",
     [("fiscal 2022", "DATE", "FY2022"), ("July 1", "DATE", "2021-07-01")]),
])
def test_anchoring(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text, WEDNESDAY) == expected


def test_the_same_period_is_the_period_its_sentence_names_not_the_day_of_the_report() -> None:
    text = "Earnings for the third quarter beat forecasts on Tuesday, up 9% on the same period last year."
    assert _found(text, dt.date(2024, 10, 16)) == [
        ("the third quarter", "DATE", "2024-Q3"), ("Tuesday", "DATE", "2024-10-15"),
        ("the same period last year", "DATE", "2023-Q3")]


@pytest.mark.parametrize(("text", "expected"), [
    # a future cue that is a noun after a past verb or a determiner places nothing
    ("The company announced plans on Monday.", [("Monday", "DATE", "2021-03-15")]),
    ("The bank beat forecasts on Tuesday.", [("Tuesday", "DATE", "2021-03-16")]),
    ("Its plans for the merger collapsed on Monday.", [("Monday", "DATE", "2021-03-15")]),
    # as a verb it still points forward
    ("The company plans to open a store on Friday.", [("Friday", "DATE", "2021-03-19")]),
    ("The minister plans a visit on Monday.", [("Monday", "DATE", "2021-03-22")]),
])
def test_nouns_among_the_tense_cues(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text, WEDNESDAY) == expected

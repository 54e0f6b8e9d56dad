"""The wire passages anchored on the narrative (eval/temporal/narrative.jsonl), scored by
`eventwire eval timex-narrative`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.temporal import find_timexes

REPOSITORY = Path(__file__).resolve().parents[1]
GOLD = REPOSITORY / "eval/temporal/narrative.jsonl"


def _found(text: str, dct: dt.date) -> list[tuple[str, str, str]]:
    return [(timex.text, timex.type, timex.value) for timex in find_timexes(text, dct)]


@pytest.mark.parametrize(("text", "dct", "expected"), [
    # a weekday in apposition names the day just given, not the last such weekday before publication
    ("Iraq invaded on Aug. 2, a Thursday. Four days later, the embargo came.", dt.date(1991, 1, 16),
     [("Aug. 2", "DATE", "1990-08-02"), ("a Thursday", "DATE", "1990-08-02"),
      ("Four days later", "DATE", "1990-08-06")]),
    # ... only when it is that date's weekday
    ("It began on Aug. 2, a Friday.", dt.date(1991, 1, 16),
     [("Aug. 2", "DATE", "1990-08-02"), ("a Friday", "DATE", "1991-01-11")]),
    # "That December", "That summer": the month or season of the story's year
    ("In 1991, the company went public. That December, it won a contract.", dt.date(1999, 4, 20),
     [("1991", "DATE", "1991"), ("That December", "DATE", "1991-12")]),
    ("Regulators seized it in the spring of 1990. That summer, examiners found losses.", dt.date(1995, 6, 20),
     [("the spring of 1990", "DATE", "1990-SP"), ("That summer", "DATE", "1990-SU")]),
    # "the next year" told in the past is the year after the story's date; over it, a length
    ("In 1990 it bought Crisp; the next year it wrote off half the price.", dt.date(1993, 3, 3),
     [("1990", "DATE", "1990"), ("the next year", "DATE", "1991")]),
    ("Sales will grow over the next year.", dt.date(1993, 3, 3), [("the next year", "DURATION", "P1Y")]),
    # "A decade later" after a year is a year, as "Four years later" is
    ("The plant opened in 1973. A decade later, it closed.", dt.date(1999, 4, 20),
     [("1973", "DATE", "1973"), ("A decade later", "DATE", "1983")]),
    # "The next morning": that part of the day after the story's day; a generic one is none
    ("The levee broke on Monday. The next morning, the city was flooded.", dt.date(2005, 9, 2),
     [("Monday", "DATE", "2005-08-29"), ("The next morning", "TIME", "2005-08-30TMO")]),
    ("Guests arrive at noon. The next morning there is breakfast.", dt.date(2005, 9, 2),
     [("noon", "TIME", "2005-09-02T12:00")]),
    # a speed is no time expression
    ("Winds reached 105 miles an hour.", dt.date(1996, 7, 13), []),
    # a bare unit offered as another length
    ("Pumping could take weeks, perhaps months.", dt.date(2005, 9, 2),
     [("weeks", "DURATION", "PXW"), ("months", "DURATION", "PXM")]),
])
def test_anchored_on_the_narrative(text: str, dct: dt.date, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text, dct) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "once expected": a plan of the past, so the month is the one just gone, not the next
    ("The deal, once expected to be completed within weeks of an October news conference, may slip.",
     [("weeks", "DURATION", "PXW"), ("October", "DATE", "2019-10")]),
    # without "once" the expectation points ahead
    ("The deal is expected to be completed in October.", [("October", "DATE", "2020-10")]),
])
def test_once_before_a_future_cue_looks_back(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text, dt.date(2019, 11, 19)) == expected

"""TempEval-3 kinds found on the fourth batch of the TE3-style passages (session 19, issue #17): fiscal
quarters, "a year earlier/ago" after a month or quarter, semiannual sets, "until <weekday>" ahead."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.temporal import find_timexes


def _found(text: str, dct: dt.date) -> list[tuple[str, str, str]]:
    return [(timex.text, timex.type, timex.value) for timex in find_timexes(text, dct)]


@pytest.mark.parametrize(("text", "dct", "expected"), [
    # a fiscal quarter reported is the calendar quarter that ended last; its fiscal year is named by the
    # calendar year it ends in
    ("Net income in its fiscal first quarter rose 9%.", dt.date(1989, 11, 8),
     [("fiscal first quarter", "DATE", "FY1990-Q1")]),
    ("Net income in its fiscal fourth quarter rose 27%.", dt.date(2006, 10, 26),
     [("fiscal fourth quarter", "DATE", "FY2006-Q4")]),
    ("Profit for the fiscal second quarter fell.", dt.date(2003, 2, 12),
     [("the fiscal second quarter", "DATE", "FY2003-Q2")]),
    # a plan names the quarter running now
    ("The company expects a loss in its fiscal third quarter.", dt.date(1996, 2, 8),
     [("fiscal third quarter", "DATE", "FY1996-Q3")]),
    # the calendar quarter is as before
    ("Net income in the first quarter rose 9%.", dt.date(1989, 11, 8),
     [("the first quarter", "DATE", "1989-Q1")]),
])
def test_fiscal_quarters(text: str, dct: dt.date, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text, dct) == expected


@pytest.mark.parametrize(("text", "dct", "expected"), [
    # after a month or quarter of its sentence: that period a year back
    ("Sales fell 8% in January from a year earlier.", dt.date(1998, 2, 24),
     [("January", "DATE", "1998-01"), ("a year earlier", "DATE", "1997-01")]),
    ("Sales in late August fell 11% from a year ago, the companies said.", dt.date(1990, 9, 4),
     [("late August", "DATE", "1990-08"), ("a year ago", "DATE", "1989-08")]),
    ("Profit in the second quarter doubled from two years earlier.", dt.date(2005, 7, 27),
     [("the second quarter", "DATE", "2005-Q2"), ("two years earlier", "DATE", "2003-Q2")]),
    ("Income in its fiscal first quarter, which ended Sept. 30, rose from a year earlier.",
     dt.date(1989, 11, 8),
     [("fiscal first quarter", "DATE", "FY1990-Q1"), ("Sept. 30", "DATE", "1989-09-30"),
      ("a year earlier", "DATE", "FY1989-Q1")]),
    # standing alone, "a year ago" counts from the DCT, "a year earlier" from the last year given
    ("A year ago the unions settled for 6%.", dt.date(1992, 5, 27), [("A year ago", "DATE", "1991")]),
    ("Inflation reached 4.8% in April. A year ago it was 3.5%.", dt.date(1992, 5, 27),
     [("April", "DATE", "1992-04"), ("A year ago", "DATE", "1991")]),
    ("The plant opened in 1978. A year earlier, the land was bought.", dt.date(2001, 5, 2),
     [("1978", "DATE", "1978"), ("A year earlier", "DATE", "1977")]),
])
def test_a_year_earlier_takes_the_period_of_its_sentence(text: str, dct: dt.date,
                                                         expected: list[tuple[str, str, str]]) -> None:
    assert _found(text, dct) == expected


def test_the_compared_period_does_not_become_the_anchor() -> None:
    # "the next day" counts from March 3, not from the year-ago month
    found = _found("Sales fell in March from a year earlier. Prices rose on March 3. The next day they fell.",
                   dt.date(1995, 4, 20))
    assert ("The next day", "DATE", "1995-03-04") in found
    assert ("a year earlier", "DATE", "1994-03") in found


@pytest.mark.parametrize("word", ["semiannual", "semi-annual"])
def test_semiannual_is_a_set(word: str) -> None:
    assert _found(f"The company pays a {word} dividend.", dt.date(1989, 11, 8)) == [(word, "SET", "P6M")]


@pytest.mark.parametrize(("text", "expected"), [
    # a state that lasts from now ends on the next such day; the participle after "stay"/"are" is no past
    ("Schools will stay closed until Monday.", "1999-04-26"),
    ("Classes are cancelled until Monday.", "1999-04-26"),
    ("The road remains closed until Monday.", "1999-04-26"),
    # in the past, "until" keeps the day before the DCT
    ("The strike lasted until Monday.", "1999-04-19"),
    ("He was held until Monday.", "1999-04-19"),
    ("Until Monday, the shops were shut.", "1999-04-19"),
    ("It will be held on Monday.", "1999-04-26"),
])
def test_until_a_weekday_in_a_sentence_not_in_the_past(text: str, expected: str) -> None:
    tuesday = dt.date(1999, 4, 20)
    assert _found(text, tuesday) == [("Monday", "DATE", expected)]


@pytest.mark.parametrize(("text", "dct", "expected"), [
    # a part of day after a preposition is a part of the story's last day, however far back it was given
    ("Agents raided the farm on Sunday. The raid had been planned for months. Negotiators talked through "
     "the night.", dt.date(1993, 3, 1), ("the night", "TIME", "1993-02-28TNI")),
    ("The crowd gathered on Monday. Speakers addressed it from early morning until late afternoon.",
     dt.date(1995, 10, 17), ("late afternoon", "TIME", "1995-10-16TAF")),
    ("Troops attacked at 1 a.m. Tuesday. By dawn, fighting had spread.", dt.date(1989, 12, 20),
     ("dawn", "TIME", "1989-12-19TMO")),
    # with no day given before it, the DCT's
    ('"Since the morning, they started to shell the area," he said.', dt.date(2016, 12, 14),
     ("the morning", "TIME", "2016-12-14TMO")),
])
def test_a_part_of_the_story_day(text: str, dct: dt.date, expected: tuple[str, str, str]) -> None:
    assert expected in _found(text, dct)


@pytest.mark.parametrize("text", ["The evening news led with the report.", "He works in the morning shift.",
                                  "She spoke of the night sky.", "In the evening of his life he wrote."])
def test_a_part_of_day_before_a_noun_is_no_time(text: str) -> None:
    assert _found(text, dt.date(1995, 10, 17)) == []


@pytest.mark.parametrize(("text", "expected"), [
    # minutes or hours later after a clock time: that time moved, a TIME
    ("The jet left at 6:32 p.m. and hit a plane eight minutes later.",
     ("eight minutes later", "TIME", "1996-11-13T18:40")),
    ("The shop opened at 9 a.m. Two hours later it was closed.",
     ("Two hours later", "TIME", "1996-11-13T11:00")),
    # after a day with no clock time there is nothing to count from
    ("He arrived on Monday. Two hours later he left.", ("Two hours later", "DURATION", "PT2H")),
])
def test_minutes_later_after_a_clock_time(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(text, dt.date(1996, 11, 13))

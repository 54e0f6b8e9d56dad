"""Durations and sets as TimeML writes them: decades in years, vague plurals, "-long" compounds, ranges of
amounts, frequency adjectives and "a <unit>" after an amount."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.temporal import find_timexes

DCT = dt.date(2016, 12, 19)


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(timex.text, timex.type, timex.value) for timex in find_timexes(text, DCT)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The dispute has dragged on for a decade.", [("a decade", "DURATION", "P10Y")]),
    ("They were married for six decades.", [("six decades", "DURATION", "P60Y")]),
    ("The rivalry goes back decades, not years.", []),
    ("Such feuds lasted for decades.", [("decades", "DURATION", "PXDE")]),
])
def test_decades_are_counted_in_years(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The envoy spent years under diplomatic cover.", [("years", "DURATION", "PXY")]),
    ("The strike came after days of protests.", [("days", "DURATION", "PXD")]),
    ("Patients arrived after surviving weeks of shelling.", [("weeks", "DURATION", "PXW")]),
    ("The months of the war were the hardest.", []),
    ("Those days are gone.", []),
])
def test_a_bare_plural_unit_is_a_duration_only_after_a_word_that_takes_a_length(
        text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Rebels ended their monthslong siege of the port.", [("monthslong", "DURATION", "PXM")]),
    ("Unions called a weeks-long strike.", [("weeks-long", "DURATION", "PXW")]),
    ("A weeklong festival opened.", [("weeklong", "DURATION", "P1W")]),
])
def test_long_compounds_are_durations(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


def test_more_between_the_amount_and_the_unit_keeps_the_amount() -> None:
    assert _found("The family may farm the land for two more years.") == [
        ("two more years", "DURATION", "P2Y")]


def test_a_range_of_amounts_is_a_vague_amount_of_the_unit() -> None:
    assert _found("She stays there six to eight weeks.") == [("six to eight weeks", "DURATION", "PXW")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The premier spends six weeks a year abroad.",
     [("six weeks", "DURATION", "P6W"), ("a year", "SET", "P1Y")]),
    ("She skates six days a week.", [("six days", "DURATION", "P6D"), ("a week", "SET", "P1W")]),
    ("The board meets twice a month.", [("twice a month", "SET", "P1M")]),
    ("He left a year ago.", [("a year ago", "DATE", "2015")]),
])
def test_a_unit_after_an_amount_is_how_often(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Ottawa offered a 3.5 per cent annual increase.", [("annual", "SET", "P1Y")]),
    ("The festival, hosted yearly in the town, returns.", [("yearly", "SET", "P1Y")]),
    ("He undergoes the treatment biweekly.", [("biweekly", "SET", "P2W")]),
    ("She reads the Daily Mail and the Weekly Standard.", []),
])
def test_frequency_words_are_sets_and_names_are_not(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


def test_a_duration_of_hours_before_the_document_date_spans_whole_days() -> None:
    found = find_timexes("Shelling stopped in the last 10 minutes and resumes in the next two hours.", DCT)
    assert [timex.value for timex in found] == ["PT10M", "PT2H"]
    for timex in found:
        assert timex.span is not None and timex.span.start is not None and timex.span.end is not None
        assert type(timex.span.start) is dt.date and type(timex.span.end) is dt.date
        assert timex.span.start <= timex.span.end

"""The temporal stage's API beyond single expressions: spans, offsets, shift, durations, invariants."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.temporal import Duration, TimeSpan, Timex, find_timexes, normalize, shift

MON = dt.date(2020, 8, 24)


def test_offsets_index_the_text_exactly() -> None:
    text = "On 5 January 2020 the envoy arrived; three weeks ago he left, and he returns next month."
    found = find_timexes(text, MON)
    assert [(t.start, t.end, t.text) for t in found] == [
        (3, 17, "5 January 2020"),
        (37, 52, "three weeks ago"),
        (77, 87, "next month"),
    ]
    assert all(text[t.start:t.end] == t.text for t in found)


def test_month_span_covers_the_whole_month() -> None:
    timex = normalize("January 2020", MON)
    assert timex is not None
    assert timex.precision == "month"
    assert timex.span == TimeSpan(dt.date(2020, 1, 1), dt.date(2020, 1, 31))


def test_week_value_and_span_follow_iso_weeks() -> None:
    timex = normalize("last week", MON)
    assert timex is not None and timex.value == "2020-W34"
    assert timex.span == TimeSpan(dt.date(2020, 8, 17), dt.date(2020, 8, 23))


def test_recently_is_a_range_ending_at_the_document_time() -> None:
    timex = normalize("recently", MON)
    assert timex is not None and timex.precision == "fuzzy" and timex.span is not None
    assert timex.span.end == MON and timex.span.start is not None and timex.span.start < MON


def test_since_an_event_is_an_open_range_anchored_to_it() -> None:
    timex = normalize("since the killing", MON)
    assert timex is not None and timex.anchored_to_event and timex.direction == "after"
    assert timex.span == TimeSpan(None, MON) and timex.span.is_open


def test_offset_from_an_event_is_a_marked_duration() -> None:
    text = "The decision came two days after Washington assassinated the general."
    (timex,) = find_timexes(text, MON)
    assert (timex.text, timex.type, timex.value) == ("two days", "DURATION", "P2D")
    assert timex.anchored_to_event and timex.direction == "after" and timex.span is None


def test_shift_moves_an_anchored_event_back() -> None:
    decision = TimeSpan.day(dt.date(2020, 1, 5))
    assert shift(decision, "P2D", "before") == TimeSpan.day(dt.date(2020, 1, 3))
    assert shift(decision, dt.timedelta(days=2), "after") == TimeSpan.day(dt.date(2020, 1, 7))
    assert shift(decision, Duration(weeks=1), "before") == TimeSpan.day(dt.date(2019, 12, 29))
    offset = find_timexes("a month before the vote", MON)[0]
    open_span = TimeSpan(dt.date(2020, 3, 31), None)
    assert shift(open_span, offset, "before") == TimeSpan(dt.date(2020, 2, 29), None)


def test_shift_refuses_vague_or_non_duration_amounts() -> None:
    with pytest.raises(ValueError, match="vague"):
        shift(TimeSpan.day(MON), "PXD", "before")
    date_timex = normalize("yesterday", MON)
    assert date_timex is not None
    with pytest.raises(ValueError, match="DURATION"):
        shift(TimeSpan.day(MON), date_timex, "before")


@pytest.mark.parametrize(("value", "expected"), [
    ("P2D", Duration(days=2)), ("PT3H", Duration(hours=3)), ("P3W", Duration(weeks=3)),
    ("P1DE", Duration(years=10)), ("P1Y6M", Duration(years=1, months=6)), ("PXY", Duration(vague=True)),
])
def test_duration_parse(value: str, expected: Duration) -> None:
    assert Duration.parse(value) == expected


@pytest.mark.parametrize("value", ["", "P", "2D", "P2X", "yesterday"])
def test_duration_parse_rejects_other_text(value: str) -> None:
    with pytest.raises(ValueError, match="TimeML duration"):
        Duration.parse(value)


def test_tense_decides_a_bare_weekday_and_month() -> None:
    wednesday = dt.date(2020, 8, 26)
    assert normalize("Monday", wednesday, tense="past").value == "2020-08-24"  # type: ignore[union-attr]
    assert normalize("Monday", wednesday, tense="future").value == "2020-08-31"  # type: ignore[union-attr]
    assert normalize("in March", wednesday, tense="future").value == "2021-03"  # type: ignore[union-attr]
    assert normalize("in March", wednesday, tense="past").value == "2020-03"  # type: ignore[union-attr]


def test_day_first_rule_can_be_switched() -> None:
    assert find_timexes("dated 5/1/2020", MON)[0].value == "2020-01-05"
    assert find_timexes("dated 5/1/2020", MON, day_first=False)[0].value == "2020-05-01"
    assert find_timexes("dated 13/1/2020", MON, day_first=False)[0].value == "2020-01-13"


def test_dct_with_a_clock_time_places_hours_ago() -> None:
    timex = normalize("three hours ago", dt.datetime(2020, 8, 24, 9, 30))
    assert timex is not None and (timex.type, timex.value) == ("TIME", "2020-08-24T06:30")


@pytest.mark.parametrize("text", [
    "Theresa May said the deal was dead.",
    "Troops march on the capital.",
    "More than 2000 people fled.",
    "The fall of the city shocked the region.",
    "The Arab Spring changed the region.",
    "He came second in the vote.",
    "A quarter of the population is displaced.",
    "A 20-year-old man was arrested.",
    "Turnout was 61.5 percent.",
    "A 25 year old man was detained.",
    "About 1200-1300 people marched.",
    "Call 2012-3456 for details.",
    "One quarter of the votes were void.",
    "She won gold at the Winter Olympics.",
])
def test_no_time_expression(text: str) -> None:
    assert find_timexes(text, MON) == []


def test_normalize_returns_none_without_an_expression() -> None:
    assert normalize("the minister", MON) is None


_NEWSY = st.lists(
    st.sampled_from([
        "on", "the", "fifth", "of", "last", "January", "Monday", "2020", "5/1/2020", "two", "days", "ago",
        "after", "a", "week", "9", "a.m.", "15:00", "GMT", "now", "recently", "in", "the", "past", "24",
        "hours", "summer", "spring", "1990s", "century", "21st", "Q3", "every", "twice", "since", ",", ".",
        "March", "May", "next", "year", "earlier", "this", "month", "today", "yesterday", "tonight", "-",
    ]) | st.text(max_size=8),
    max_size=40,
).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_NEWSY | st.text(max_size=200),
       dct=st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2098, 12, 31)))
def test_find_timexes_never_raises_and_spans_are_sound(text: str, dct: dt.date) -> None:
    found = find_timexes(text, dct)
    previous_end = 0
    for timex in found:
        assert isinstance(timex, Timex)
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start:timex.end] == timex.text
        assert timex.start >= previous_end  # ordered and non-overlapping
        previous_end = timex.end
        if timex.span and timex.span.start and timex.span.end:
            assert timex.span.start <= timex.span.end


def _read_timeml(path: Path) -> tuple[dt.date, str, list[tuple[int, int, str]]]:
    """Text content of <TEXT> with the offsets and values of its TIMEX3 elements."""
    root = ElementTree.parse(path).getroot()
    dct = dt.date.fromisoformat(root.find("DCT/TIMEX3").get("value"))  # type: ignore[union-attr, arg-type]
    pieces: list[str] = []
    gold: list[tuple[int, int, str]] = []
    body = root.find("TEXT")
    assert body is not None
    pieces.append(body.text or "")
    for timex in body:
        start = sum(map(len, pieces))
        pieces.append(timex.text or "")
        gold.append((start, sum(map(len, pieces)), timex.get("value", "")))
        pieces.append(timex.tail or "")
    return dct, "".join(pieces), gold


def test_written_timeml_document_is_tagged_as_annotated() -> None:
    """A TimeML document written for this test: value F1 (relaxed span, same value) must stay high."""
    dct, text, gold = _read_timeml(Path(__file__).parent / "fixtures" / "temporal" / "harbour-strike.tml")
    predicted = find_timexes(text, dct)
    right = sum(
        any(p.start < end and start < p.end and p.value == value for p in predicted)
        for start, end, value in gold
    )
    precision, recall = right / len(predicted), right / len(gold)
    assert len(gold) == 17
    assert 2 * precision * recall / (precision + recall) >= 0.9, [(p.text, p.value) for p in predicted]


@pytest.mark.parametrize(("text", "mod"), [
    ("They waited more than 20 years.", "MORE_THAN"),
    ("The law must pass at least 90 days before the vote.", "EQUAL_OR_MORE"),
    ("Talks took nearly a decade.", "LESS_THAN"),
    ("The army withdrew in late March.", "END"),
    ("Prices rose in early 2012.", "START"),
    ("Talks lasted two years.", None),
])
def test_timeml_mod(text: str, mod: str | None) -> None:
    (timex,) = find_timexes(text, MON)
    assert timex.mod == mod

"""Table of expressions in sentences, each with its document time and the TimeML value expected.

Sentences are written for this test. The DCT of most rows is Monday 24 August 2020."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.temporal import find_timexes, normalize

MON = dt.date(2020, 8, 24)  # a Monday
FRI = dt.date(2013, 3, 22)  # a Friday

# (sentence, document time, expression as it appears, type, value)
CASES: list[tuple[str, dt.date | dt.datetime, str, str, str]] = [
    # the brief's examples
    ("On the fifth of last January the general was killed.", MON, "the fifth of last January", "DATE",
     "2020-01-05"),
    ("The decision came two days after Washington struck.", MON, "two days", "DURATION", "P2D"),
    ("Protesters gathered today, Monday, in the square.", MON, "today, Monday", "DATE", "2020-08-24"),
    ("Officials recently reopened the border.", MON, "recently", "DATE", "PAST_REF"),
    ("The pact was signed on the seventh of last month in Doha.", MON, "the seventh of last month", "DATE",
     "2020-07-07"),
    ("Elections are due on the 3rd of next month.", MON, "the 3rd of next month", "DATE", "2020-09-03"),
    # absolute dates
    ("The ceasefire was signed on 2020-01-05 in Doha.", MON, "2020-01-05", "DATE", "2020-01-05"),
    ("The ceasefire was signed on 5 January 2020 in Doha.", MON, "5 January 2020", "DATE", "2020-01-05"),
    ("The ceasefire was signed on January 5, 2020, in Doha.", MON, "January 5, 2020", "DATE", "2020-01-05"),
    ("The talks resumed on Jan. 5 in Geneva.", MON, "Jan. 5", "DATE", "2020-01-05"),
    ("The memo is dated 5/1/2020 and signed.", MON, "5/1/2020", "DATE", "2020-01-05"),
    ("The memo is dated 25/12/2019 and signed.", MON, "25/12/2019", "DATE", "2019-12-25"),
    ("The memo is dated 12/25/2019 and signed.", MON, "12/25/2019", "DATE", "2019-12-25"),
    ("Voting took place on 3 November 2019.", MON, "3 November 2019", "DATE", "2019-11-03"),
    ("The treaty was signed on the 5th of March, 2018.", MON, "the 5th of March, 2018", "DATE", "2018-03-05"),
    ("The vote was held on Sunday, March 4, 2018.", MON, "Sunday, March 4, 2018", "DATE", "2018-03-04"),
    ("The general was killed on the twenty-first of March.", MON, "the twenty-first of March", "DATE",
     "2020-03-21"),
    ("Rents were paid on the 5th.", MON, "the 5th", "DATE", "2020-08-05"),
    ("The raid in May 2010 left nine dead.", MON, "May 2010", "DATE", "2010-05"),
    ("Parliament was dissolved in 2019.", MON, "2019", "DATE", "2019"),
    ("Prices rose sharply in mid-2012.", MON, "mid-2012", "DATE", "2012"),
    ("The 2011-12 budget was cut.", MON, "12", "DATE", "2012"),
    ("He ruled from 1990-1995 unopposed.", MON, "1990", "DATE", "1990"),
    ("The army withdrew in late March.", MON, "late March", "DATE", "2020-03"),
    # times
    ("The blast happened at 09:07 near the market.", MON, "09:07", "TIME", "2020-08-24T09:07"),
    ("The curfew starts at 9 p.m. in the capital.", MON, "9 p.m.", "TIME", "2020-08-24T21:00"),
    ("The match was postponed until 15:00 GMT Saturday.", FRI, "15:00 GMT Saturday", "TIME",
     "2013-03-23T15:00"),
    ("Police said the attack began at 6:30 a.m. Sunday.", MON, "6:30 a.m. Sunday", "TIME",
     "2020-08-23T06:30"),
    ("Rockets hit the base last night.", MON, "last night", "TIME", "2020-08-23TNI"),
    ("Talks will resume tomorrow morning.", MON, "tomorrow morning", "TIME", "2020-08-25TMO"),
    ("The president will address the nation tonight.", MON, "tonight", "TIME", "2020-08-24TNI"),
    # weekdays and days around the DCT
    ("The minister said on Friday that talks had failed.", MON, "Friday", "DATE", "2020-08-21"),
    ("The minister will travel to Cairo on Thursday.", MON, "Thursday", "DATE", "2020-08-27"),
    ("Netanyahu apologized on Friday to Erdogan.", FRI, "Friday", "DATE", "2013-03-22"),
    ("The vote is scheduled for next Friday.", MON, "next Friday", "DATE", "2020-08-28"),
    ("Troops entered the town last Saturday.", MON, "last Saturday", "DATE", "2020-08-22"),
    ("Two soldiers were killed yesterday.", MON, "yesterday", "DATE", "2020-08-23"),
    ("Aid convoys will arrive tomorrow.", MON, "tomorrow", "DATE", "2020-08-25"),
    ("The border is closed today.", MON, "today", "DATE", "2020-08-24"),
    # relative units
    ("The government resigned last week.", MON, "last week", "DATE", "2020-W34"),
    ("Google launched the app this week.", FRI, "this week", "DATE", "2013-W12"),
    ("Elections will be held next month.", MON, "next month", "DATE", "2020-09"),
    ("Inflation fell last year.", MON, "last year", "DATE", "2019"),
    ("Exports grew this year.", MON, "this year", "DATE", "2020"),
    ("The strike ended last January.", MON, "last January", "DATE", "2020-01"),
    ("The summit is planned for next March.", MON, "next March", "DATE", "2021-03"),
    ("The company reported losses earlier this year.", MON, "earlier this year", "DATE", "2020"),
    ("A decision is expected later this week.", MON, "later this week", "DATE", "2020-W35"),
    ("The rebels seized the town in March.", MON, "March", "DATE", "2020-03"),
    ("The rebels seized the town in October.", MON, "October", "DATE", "2019-10"),
    ("The government will hold a referendum in October.", MON, "October", "DATE", "2020-10"),
    ("The government will hold a referendum in March.", MON, "March", "DATE", "2021-03"),
    ("Crowds filled the streets last weekend.", MON, "last weekend", "DATE", "2020-W34-WE"),
    # durations and offsets
    ("The militia took the city three weeks ago.", MON, "three weeks ago", "DATE", "2020-W32"),
    ("The fire broke out two days ago.", MON, "two days ago", "DATE", "2020-08-22"),
    ("The dam was finished ten years ago.", MON, "ten years ago", "DATE", "2010"),
    ("He was jailed for two years.", MON, "two years", "DURATION", "P2Y"),
    ("Ten people died in the past 24 hours.", MON, "the past 24 hours", "DURATION", "PT24H"),
    ("He had spoken to both leaders over the past two years.", FRI, "the past two years", "DURATION", "P2Y"),
    ("This comes just over a week before the deadline.", FRI, "a week", "DURATION", "P1W"),
    ("A week later, the army withdrew.", MON, "A week later", "DURATION", "P1W"),
    ("The siege has lasted several months.", MON, "several months", "DURATION", "PXM"),
    ("The two sides have fought for years.", MON, "years", "DURATION", "PXY"),
    ("They signed a five-year agreement.", MON, "five-year", "DURATION", "P5Y"),
    ("The talks lasted 90 minutes.", MON, "90 minutes", "DURATION", "PT90M"),
    ("He served two and a half years in prison.", MON, "two and a half years", "DURATION", "P2.5Y"),
    ("The shelling lasted half an hour.", MON, "half an hour", "DURATION", "PT0.5H"),
    ("The day after the vote, the president resigned.", MON, "The day", "DURATION", "P1D"),
    ("He had visited the camp the week before.", MON, "the week before", "DURATION", "P1W"),
    # seasons, quarters, decades, centuries
    ("The offensive began last summer.", MON, "last summer", "DATE", "2019-SU"),
    ("The offensive began in the summer of 2012.", MON, "the summer of 2012", "DATE", "2012-SU"),
    ("Talks will resume this autumn.", MON, "this autumn", "DATE", "2020-FA"),
    ("Profits rose in the third quarter of 2019.", MON, "the third quarter of 2019", "DATE", "2019-Q3"),
    ("Growth slowed in the first half of 2019.", MON, "the first half of 2019", "DATE", "2019-H1"),
    ("The war ravaged the country in the 1990s.", MON, "the 1990s", "DATE", "199"),
    ("The border was drawn in the 19th century.", MON, "the 19th century", "DATE", "18"),
    ("The famine of the twentieth century was worse.", MON, "the twentieth century", "DATE", "19"),
    # "the previous <unit>" with no date before it counts back from publication (TimeML's DCT anchor)
    ("The previous year, exports fell by a third.", MON, "The previous year", "DATE", "2019"),
    ("Police had closed the road the previous day.", MON, "the previous day", "DATE", "2020-08-23"),
    # holidays
    ("Shops closed on Christmas Day 2019.", MON, "Christmas Day 2019", "DATE", "2019-12-25"),
    ("Protests were banned on New Year's Eve.", MON, "New Year's Eve", "DATE", "2019-12-31"),
    ("Churches stayed shut on Good Friday.", MON, "Good Friday", "DATE", "2020-04-10"),
    ("Pilgrims will gather at Easter 2021.", MON, "Easter 2021", "DATE", "2021-04-04"),
    ("The vote will be held early next year.", MON, "early next year", "DATE", "2021"),
    # fuzzy
    ("The country is now in recession.", MON, "now", "DATE", "PRESENT_REF"),
    ("The minister is currently in Paris.", MON, "currently", "DATE", "PRESENT_REF"),
    ("Such raids happened in the past.", MON, "the past", "DATE", "PAST_REF"),
    ("More troops will arrive in the coming weeks.", MON, "the coming weeks", "DURATION", "PXW"),
    # more formats and tense cues
    ("Shelling resumed at 0600 GMT near the airport.", MON, "0600 GMT", "TIME", "2020-08-24T06:00"),
    ("The file was created 2020/08/14 by the ministry.", MON, "2020/08/14", "DATE", "2020-08-14"),
    ("Voting closes at 9.30pm in most districts.", MON, "9.30pm", "TIME", "2020-08-24T21:30"),
    ("Elections will be held in June next year.", MON, "June next year", "DATE", "2021-06"),
    ("The summit was postponed in March because of the virus.", MON, "March", "DATE", "2020-03"),
    ("The summit was postponed until March because of the virus.", MON, "March", "DATE", "2021-03"),
    ("Gunmen attacked the convoy early Sunday.", MON, "early Sunday", "DATE", "2020-08-23"),
    ("The party was founded in the late 1990s.", MON, "the late 1990s", "DATE", "199"),
    ("The bridge collapsed years ago.", MON, "years ago", "DATE", "PAST_REF"),
    ("Days after the vote, the president resigned.", MON, "Days", "DURATION", "PXD"),
    ("Talks continued over the weekend.", MON, "the weekend", "DATE", "2020-W34-WE"),
    ("The accord was signed on Thursday, Sept. 5, 2019.", MON, "Thursday, Sept. 5, 2019", "DATE",
     "2019-09-05"),
    ("Elections will be held on Thursday in all provinces.", MON, "Thursday", "DATE", "2020-08-27"),
    ("Mr. Li said talks would resume Thursday.", MON, "Thursday", "DATE", "2020-08-27"),
    ("Gen. Ali was arrested on Thursday, officials said.", MON, "Thursday", "DATE", "2020-08-20"),
    # sets
    ("The council meets every Monday.", MON, "every Monday", "SET", "XXXX-WXX-1"),
    ("Patrols pass twice a week.", MON, "twice a week", "SET", "P1W"),
]


@pytest.mark.parametrize(("sentence", "dct", "expression", "kind", "value"), CASES,
                         ids=[f"{case[2]}@{case[1]}" for case in CASES])
def test_expression_in_sentence(sentence: str, dct: dt.date, expression: str, kind: str, value: str) -> None:
    found = {(timex.start, timex.end): timex for timex in find_timexes(sentence, dct)}
    start = sentence.index(expression)
    assert (start, start + len(expression)) in found, f"found {[t.text for t in found.values()]}"
    timex = found[(start, start + len(expression))]
    assert timex.text == expression
    assert (timex.type, timex.value) == (kind, value)


def test_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60


def test_brief_example_values() -> None:
    assert normalize("On the fifth of last January", MON).value == "2020-01-05"  # type: ignore[union-attr]
    assert normalize("today, Monday", MON).value == "2020-08-24"  # type: ignore[union-attr]
    recently = normalize("recently", MON)
    assert recently is not None and recently.span is not None
    assert recently.span.end == MON and recently.span.start is not None and recently.span.start < MON


# Fiscal years are written FY<year> in TimeML; the span stands in for the calendar year it is named by.
@pytest.mark.parametrize(("sentence", "expression", "value"), [
    ("Revenue fell in fiscal 2015, the company said.", "fiscal 2015", "FY2015"),
    ("Congress passed the budget for fiscal year 2019 late.", "fiscal year 2019", "FY2019"),
    ("The 2016 fiscal year ended with a deficit.", "2016 fiscal year", "FY2016"),
    ("The ministry's FY2016 spending was cut.", "FY2016", "FY2016"),
    ("Officials cut the FY 16 budget.", "FY 16", "FY2016"),
])
def test_fiscal_years(sentence: str, expression: str, value: str) -> None:
    found = [(timex.text, timex.type, timex.value) for timex in find_timexes(sentence, MON)]
    assert (expression, "DATE", value) in found


def test_a_year_before_a_word_about_money_is_not_a_fiscal_year_without_the_word_fiscal() -> None:
    assert all(not timex.value.startswith("FY") for timex in find_timexes("The 2016 budget passed.", MON))


@pytest.mark.parametrize(("sentence", "expression", "value"), [
    ("Talks resumed this past Sunday in Doha.", "this past Sunday", "2020-08-23"),
    ("Talks will resume this coming Friday.", "this coming Friday", "2020-08-28"),
])
def test_this_past_and_this_coming_weekdays_keep_this_in_the_span(sentence: str, expression: str,
                                                                     value: str) -> None:
    found = [(timex.text, timex.value) for timex in find_timexes(sentence, MON)]
    assert found == [(expression, value)]


@pytest.mark.parametrize("sentence", [
    "A company Christmas party turned deadly early Sunday.",
    "Shops hope for a busy Christmas shopping season.",
    "Are we facing a Christmas of discontent on the railways?",
])
def test_a_holiday_naming_a_kind_of_thing_is_no_date(sentence: str) -> None:
    assert all("Christmas" not in timex.text for timex in find_timexes(sentence, MON))


@pytest.mark.parametrize(("sentence", "expression", "value"), [
    ("The minister will meet them at Christmas.", "Christmas", "2020-12-25"),
    ("Talks resumed on Christmas Day in Doha.", "Christmas Day", "2019-12-25"),
])
def test_a_holiday_as_a_day_is_still_a_date(sentence: str, expression: str, value: str) -> None:
    assert (expression, value) in [(timex.text, timex.value) for timex in find_timexes(sentence, MON)]


@pytest.mark.parametrize(("sentence", "expression", "value"), [
    ("He has completed six successful years as superintendent.", "six successful years", "P6Y"),
    ("Rebels shelled the town for ten straight days.", "ten straight days", "P10D"),
    ("After three long years in prison he was freed.", "three long years", "P3Y"),
])
def test_an_adjective_between_amount_and_unit_keeps_the_duration(sentence: str, expression: str,
                                                                  value: str) -> None:
    found = [(timex.text, timex.type, timex.value) for timex in find_timexes(sentence, MON)]
    assert (expression, "DURATION", value) in found


@pytest.mark.parametrize(("sentence", "expression", "type_", "value"), [
    ("Thanksgiving falls on the fourth Thursday in November.", "the fourth Thursday in November", "SET",
     "P1Y"),
    ("Roosevelt moved the feast to the last Thursday in November.", "the last Thursday in November", "SET",
     "P1Y"),
    ("The vote is on the first Monday of March 2021.", "the first Monday of March 2021", "DATE",
     "2021-03-01"),
    ("Rent fell due on the last Friday of December 2016.", "the last Friday of December 2016", "DATE",
     "2016-12-30"),
])
def test_a_weekday_counted_in_a_month_is_a_yearly_rule_or_with_a_year_one_day(
        sentence: str, expression: str, type_: str, value: str) -> None:
    assert [(timex.text, timex.type, timex.value) for timex in find_timexes(sentence, MON)] == [
        (expression, type_, value)]


@pytest.mark.parametrize(("sentence", "dct", "value"), [
    # no tense cue: the nearest such month, not always the one of the document's year
    ("The night shelter, in Church Street, begins in January.", dt.date(2016, 12, 5), "2017-01"),
    ("The night shelter, in Church Street, opens in December.", dt.date(2017, 1, 10), "2016-12"),
    ("The night shelter, in Church Street, opens in March.", dt.date(2017, 1, 10), "2017-03"),
    # a tense cue still decides
    ("The shelter opened in January.", dt.date(2016, 12, 5), "2016-01"),
])
def test_a_month_without_tense_is_the_nearest_one(sentence: str, dct: dt.date, value: str) -> None:
    assert [timex.value for timex in find_timexes(sentence, dct)] == [value]


@pytest.mark.parametrize(("sentence", "found"), [
    ("They left the future of two besieged towns to later talks.", []),
    ("The party must not forget the past of its founders.", []),
    ("Talks will resume in the future.", [("the future", "FUTURE_REF")]),
])
def test_the_future_of_something_is_its_fate_not_a_time(sentence: str, found: list[tuple[str, str]]) -> None:
    assert [(timex.text, timex.value) for timex in find_timexes(sentence, MON)] == found


@pytest.mark.parametrize(("sentence", "expression", "value"), [
    ("She will step down at the end of the month.", "the end of the month", "2020-08"),
    ("The troops left at the end of last month.", "the end of last month", "2020-07"),
])
def test_the_preposition_before_a_part_of_a_unit_is_outside_the_span(sentence: str, expression: str,
                                                                       value: str) -> None:
    assert [(timex.text, timex.value) for timex in find_timexes(sentence, MON)] == [(expression, value)]


def test_a_year_inside_a_written_date_after_fiscal_is_that_date_not_a_fiscal_year() -> None:
    assert [(timex.text, timex.value) for timex in find_timexes("fiscal 2021-03-04", MON)] == [
        ("2021-03-04", "2021-03-04")]

"""Calendar arithmetic and TimeML values for the units a time expression can name."""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt

from dateutil.relativedelta import relativedelta

from eventwire.temporal.types import Precision, TimeSpan

# The seasons in the order they come within their season year: "2016-WI" begins in December 2016, after
# "2016-FA" (January and February belong to the winter of the year before, see season_of).
SEASON_ORDER = ("SP", "SU", "FA", "WI")


def last_day_of_month(year: int, month: int) -> int:
    return _stdlib_calendar.monthrange(year, month)[1]


def month_span(year: int, month: int) -> TimeSpan:
    return TimeSpan(dt.date(year, month, 1), dt.date(year, month, last_day_of_month(year, month)))


def week_value(day: dt.date) -> str:
    iso_year, iso_week, _ = day.isocalendar()
    return f"{iso_year}-W{iso_week:02d}"


def week_span(day: dt.date) -> TimeSpan:
    monday = day - dt.timedelta(days=day.isoweekday() - 1)
    return TimeSpan(monday, monday + dt.timedelta(days=6))


def weekend_span(day: dt.date) -> TimeSpan:
    saturday = day - dt.timedelta(days=day.isoweekday() - 6)
    return TimeSpan(saturday, saturday + dt.timedelta(days=1))


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_span(year: int, quarter: int) -> TimeSpan:
    first_month = 3 * (quarter - 1) + 1
    return TimeSpan(month_span(year, first_month).start, month_span(year, first_month + 2).end)


def half_span(year: int, half: int) -> TimeSpan:
    if half == 1:
        return TimeSpan(dt.date(year, 1, 1), dt.date(year, 6, 30))
    return TimeSpan(dt.date(year, 7, 1), dt.date(year, 12, 31))


def season_span(year: int, code: str) -> TimeSpan:
    """Winter YYYY runs from December of YYYY to the end of February of YYYY+1."""
    first_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    start = dt.date(year, first_month, 1)
    last = start + relativedelta(months=3) - dt.timedelta(days=1)
    return TimeSpan(start, last)


def season_of(day: dt.date) -> tuple[int, str]:
    """(season year, code) of a day; January and February belong to the winter of the year before."""
    if day.month in (1, 2):
        return day.year - 1, "WI"
    return day.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA",
                      11: "FA", 12: "WI"}[day.month]


def year_span(year: int) -> TimeSpan:
    return TimeSpan(dt.date(year, 1, 1), dt.date(year, 12, 31))


def decade_span(first_year: int) -> TimeSpan:
    return TimeSpan(dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31))


def century_span(first_year: int) -> TimeSpan:
    return TimeSpan(dt.date(first_year, 1, 1), dt.date(first_year + 99, 12, 31))


def value_at(day: dt.date, precision: Precision) -> tuple[str, TimeSpan]:
    """The TimeML value and span of the unit of `precision` that holds `day`."""
    if precision == "day":
        return day.isoformat(), TimeSpan.day(day)
    if precision == "week":
        return week_value(day), week_span(day)
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}", month_span(day.year, day.month)
    if precision == "quarter":
        quarter = quarter_of(day)
        return f"{day.year:04d}-Q{quarter}", quarter_span(day.year, quarter)
    if precision == "season":
        year, code = season_of(day)
        return f"{year:04d}-{code}", season_span(year, code)
    if precision == "year":
        return f"{day.year:04d}", year_span(day.year)
    if precision == "decade":
        first = day.year - day.year % 10
        return f"{first // 10:03d}", decade_span(first)
    if precision == "century":
        first = day.year - day.year % 100
        return f"{first // 100:02d}", century_span(first)
    raise ValueError(f"no calendar unit for precision {precision!r}")


def shift_date(day: dt.date, amount: relativedelta, sign: int) -> dt.date:
    return day + amount if sign > 0 else day - amount

"""Reading a publication date/time line of scraped text: "2020-08-24 09:07", "August 24, 2020",
"24/08/2020 - 09:07", "Mon 24 Aug 2020, 9:07 pm GMT" ... -> ISO 8601 ("2020-08-24T09:07").

Only a line that is a date and nothing else (besides labels such as "Published:" and weekday names)
counts, so a sentence that merely mentions a date is never taken for the page's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from eventwire.extract.rules import load_data


@dataclass(frozen=True, slots=True)
class _DateGrammar:
    month_numbers: dict[str, int]
    zones: dict[str, str | None]
    day_first: bool
    patterns: tuple[re.Pattern[str], ...]
    time: re.Pattern[str]
    leftover: re.Pattern[str]


@cache
def _grammar() -> _DateGrammar:
    data = load_data("dates.yaml")
    rules = load_data("scraped_text.yaml")
    month_numbers = {name: int(number) for number, names in data["months"].items() for name in names}
    month = "(?P<mon>" + "|".join(sorted(map(re.escape, month_numbers), key=len, reverse=True)) + r")\.?"
    patterns = (
        re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?=$|[T\s,|])", re.IGNORECASE),
        re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})\b"),
        re.compile(r"\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})\b"),
        re.compile(rf"\b{month}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{month},?\s+(?P<y>\d{{4}})\b", re.IGNORECASE
        ),
    )
    zones = {name.upper(): offset for name, offset in data["zones"].items()}
    zone_names = "|".join(sorted(map(re.escape, zones), key=len, reverse=True))
    time = re.compile(
        r"(?:^|[\sT,|-])(?P<H>\d{1,2})[:.h](?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?\s*(?P<ampm>[ap]\.?m\.?)?"
        rf"\s*\(?(?P<tz>(?:UTC|GMT)\s*[+-]\d{{1,2}}(?::?\d{{2}})?|[+-]\d{{2}}:?\d{{2}}|(?:{zone_names})\b)?\)?"
        r"(?=$|[\s,|)])",
        re.IGNORECASE,
    )
    labels = sorted({*rules["date_labels"], *data["weekdays"]}, key=len, reverse=True)
    leftover = re.compile(
        r"(?:\b(?:" + "|".join(map(re.escape, labels)) + r")\b|[\s,.:;|/()\-–—•·@])*\Z", re.IGNORECASE
    )
    day_first = data["ambiguous_numeric_order"] == "day_first"
    return _DateGrammar(month_numbers, zones, day_first, patterns, time, leftover)


def _day(match: re.Match[str], grammar: _DateGrammar) -> date | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if groups.get("mon"):
        month, day = grammar.month_numbers[groups["mon"].lower()], int(groups["d"])
    elif groups.get("a"):
        first, second = int(groups["a"]), int(groups["b"])
        day_first = first > 12 or (second <= 12 and grammar.day_first)
        day, month = (first, second) if day_first else (second, first)
    else:
        month, day = int(groups["m"]), int(groups["d"])
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _offset(tz: str | None, zones: dict[str, str | None]) -> str:
    if not tz:
        return ""
    tz = tz.strip().upper()
    if tz in zones:
        return zones[tz] or ""  # an ambiguous abbreviation: the local time stands without an offset
    tz = tz.replace("UTC", "").replace("GMT", "").strip()
    if not tz:
        return "+00:00"
    sign, digits = tz[0], tz[1:].replace(":", "")
    hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "00")
    return f"{sign}{int(hours):02d}:{minutes}"


def parse_date_line(line: str) -> str | None:
    """The ISO 8601 date (and time, and offset when given) that `line` consists of, else None."""
    if len(line) > 100:
        return None
    grammar = _grammar()
    for pattern in grammar.patterns:
        date_match = pattern.search(line)
        if date_match is None:
            continue
        day = _day(date_match, grammar)
        if day is None:
            return None
        rest = line[: date_match.start()] + " " + line[date_match.end() :]
        time_match = grammar.time.search(rest)
        iso = day.isoformat()
        if time_match:
            hour, minute = int(time_match["H"]), int(time_match["M"])
            ampm = (time_match["ampm"] or "").lower().replace(".", "")
            hour = (hour % 12) + (12 if ampm == "pm" else 0) if ampm else hour
            if hour > 23 or minute > 59:
                return None
            seconds = f":{time_match['S']}" if time_match["S"] else ""
            iso += f"T{hour:02d}:{minute:02d}{seconds}{_offset(time_match['tz'], grammar.zones)}"
            rest = rest[: time_match.start()] + " " + rest[time_match.end() :]
        return iso if grammar.leftover.match(rest) else None
    return None


def swapped_day_month(line: str) -> str | None:
    """For a date line whose date is numeric with both first numbers <= 12 ("06/01/2020"), the ISO date of
    the other order than parse_date_line's (time and offset dropped); None for any other line."""
    grammar = _grammar()
    for pattern in grammar.patterns:
        date_match = pattern.search(line)
        if date_match is None:
            continue
        groups = date_match.groupdict()
        if not groups.get("a"):
            return None
        first, second = int(groups["a"]), int(groups["b"])
        if first > 12 or second > 12 or first == second or parse_date_line(line) is None:
            return None
        read = _day(date_match, grammar)
        if read is None:
            return None
        try:
            other = date(read.year, read.day, read.month)
        except ValueError:
            return None
        return other.isoformat()
    return None

"""Find time expressions in news text and normalise them against the document creation time (DCT).

How it works: every rule is a regular expression (built from the lexicon) with a resolver that turns a
match into a Reading (TimeML type, value, precision, calendar span). A rule only runs on windows of text
around the words it needs (a month name, a unit, a digit...), so an article costs little beyond one pass
of word tokenisation. Where candidates overlap the longest wins (earlier rule on a tie); a clock time next
to a day ("15:00 GMT Saturday", "Monday at 9 a.m.") is merged into one TIME. No spaCy: tense comes from
cue words in the sentence (see tense.py).

Conventions (documented because they decide values):
- Numeric dates a/b/yyyy: when one part is above 12 it is the day. Otherwise the day comes first
  (5/1/2020 = 5 January 2020), as in most of the world's press, unless `day_first=False` is passed.
- A weekday, month, season, quarter or holiday without a year is placed by the tense of its sentence:
  past -> the latest one at or before the DCT, future -> the next one at or after it; with no cue the
  nearest one (weekdays) or the one in the DCT's year (months, seasons, quarters). A weekday that is the
  DCT's own weekday is the DCT ("apologised on Friday" in Friday's paper).
- "last January" is the latest January strictly before the DCT's month, "next March" the first after.
- Offsets from another event ("two days after the attack", "a week later") are DURATION values marked
  anchored_to_event with a direction; the span of such a Timex is None (see `shift`).
- Decades are "199" and centuries "19" (the 20th century), as TempEval-3 writes them (no trailing X).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from eventwire.addresses import STREET_TYPES
from eventwire.temporal import calendar as cal
from eventwire.temporal.grammar import Pieces, build_pieces
from eventwire.temporal.lexicon import Lexicon, default_lexicon
from eventwire.temporal.tense import Tense, sentence_bounds, tense_around
from eventwire.temporal.types import Direction, Duration, Precision, TimeSpan, Timex, TimexType


@dataclass(frozen=True, slots=True)
class Reading:
    type: TimexType
    value: str
    precision: Precision
    span: TimeSpan | None
    anchored_to_event: bool = False
    direction: Direction | None = None
    mod: str | None = None
    narrative: Narrative | None = None  # how the expression leans on the last date the text gave


AnchorKind = Literal["year_of_sentence", "same", "shift", "weekday_after", "clock_day", "year_before",
                     "years_back", "day_part", "apposition", "story_year", "day_part_shift"]


@dataclass(frozen=True, slots=True)
class Narrative:
    """What an expression needs from the last date mentioned before it (TimeML's anchor):
    - year_of_sentence: a month or day without a year, in a sentence that names a year ("1789 - ...
      naming November 26");
    - same: "that day", "the same month", "at the time": the anchor itself, at `unit`'s precision;
    - shift: "the next day", "two days later", "a month earlier": the anchor moved by `amount` `unit`s;
    - weekday_after: "until Sunday" in a sentence that gave an earlier day: the first such weekday after it;
    - apposition: "on Aug. 2, a Thursday": the day just given, when the weekday is its own (else as read);
    - story_year: "That December", "that summer": the month or season in the year of the last date given;
    - day_part_shift: "The next morning", "the previous evening": that part of the day after (`amount` 1)
      or before (-1) the last day given; with no day given, no expression (a generic "the next morning");
    - clock_day: a clock time with no day ("around 8 p.m.") right after a sentence that gave a day: that day;
    - day_part: "through the night", "from early morning", "by dawn": that part of the last day given,
      however far back (the story's day), else of the DCT;
    - year_before: "the year-earlier quarter" after "the third quarter": the same period a year before;
    - years_back: "a year earlier", "a year ago" (`amount` years): after a month, quarter or half named
      in the same sentence ("fell in January from a year earlier"), that period `amount` years before;
      else "earlier" shifts the last date by years and "ago" counts from the DCT, as without it.
    `from_dct`: with no date before it, count from the publication date instead of staying a duration
    (TimeML anchors "the previous year" to the DCT when the text gave no other time).
    """

    kind: AnchorKind
    unit: str = "day"  # a unit name of the lexicon, or a part of day code (TMO, TEV...) for "that night"
    amount: float = 0.0
    weekday: int = 0
    from_dct: bool = False


class Context:
    """What a resolver may ask about: the DCT, the lexicon, the text and the tense around a match."""

    def __init__(self, text: str, dct: dt.date | dt.datetime, lexicon: Lexicon, day_first: bool,
                 tense: Tense | None) -> None:
        self.text = text
        self.dct_time = dct if isinstance(dct, dt.datetime) else None
        self.dct = dct.date() if isinstance(dct, dt.datetime) else dct
        self.lexicon = lexicon
        self.day_first = day_first
        self.forced_tense = tense

    def tense(self, match: re.Match[str]) -> Tense | None:
        if self.forced_tense is not None:
            return self.forced_tense
        if self.previous_word(match.start()) == "since":
            return "past"  # "since March" has begun, whatever the tense of the rest of the sentence
        return tense_around(self.text, match.start(), match.end(), self.lexicon)

    def previous_word(self, position: int) -> str:
        found = _PREVIOUS_WORD.search(self.text, max(0, position - 40), position)
        return found.group(1).lower() if found else ""

    def next_word(self, position: int) -> str:
        found = _NEXT_WORD.match(self.text, position)
        return found.group(1) if found else ""


_PREVIOUS_WORD = re.compile(r"([\w'-]+)[\s,(]*$")
_NEXT_WORD = re.compile(r"\s+([\w'-]+)")

Resolver = Callable[[re.Match[str], Context], Reading | None]

_MOD_WORDS = {"early": "START", "beginning": "START", "start": "START", "mid": "MID", "middle": "MID",
              "late": "END", "end": "END", "turn": "START"}
_DURATION_MODS = (
    (re.compile(r"(?i)(?:at\s+least|no\s+less\s+than)\s+$"), "EQUAL_OR_MORE"),
    (re.compile(r"(?i)(?:up\s+to|at\s+most|no\s+more\s+than)\s+$"), "EQUAL_OR_LESS"),
    (re.compile(r"(?i)(?:more\s+than|over|just\s+over|longer\s+than)\s+$"), "MORE_THAN"),
    (re.compile(r"(?i)(?:less\s+than|under|nearly|almost|just\s+under)\s+$"), "LESS_THAN"),
    (re.compile(r"(?i)(?:about|around|some|roughly|approximately)\s+$"), "APPROX"),
)


def _mod_of(words: str | None) -> str | None:
    if not words:
        return None
    for word, mod in _MOD_WORDS.items():
        if word in words.lower():
            return mod
    return None


def _number(words: str, lexicon: Lexicon) -> float | None:
    """The amount a quantity names, or None for a vague one ("several")."""
    cleaned = re.sub(r"\s+", " ", words.strip().lower())
    if cleaned in lexicon.vague_quantities:
        return None
    if cleaned in lexicon.cardinals:
        return lexicon.cardinals[cleaned]
    compound = re.fullmatch(r"([a-z]+)[ -]([a-z]+)", cleaned)
    if compound and compound.group(1) in lexicon.cardinals and compound.group(2) in lexicon.cardinals:
        return lexicon.cardinals[compound.group(1)] + lexicon.cardinals[compound.group(2)]
    return float(cleaned)


def _ordinal(words: str, lexicon: Lexicon) -> int:
    cleaned = re.sub(r"\s+", "-", words.strip().lower())
    if cleaned in lexicon.ordinals:
        return lexicon.ordinals[cleaned]
    return int(re.match(r"\d+", cleaned).group())  # type: ignore[union-attr]


def _amount_text(amount: float | None) -> str:
    if amount is None:
        return "X"
    return str(int(amount)) if amount == int(amount) else f"{amount:g}"


def duration_value(amount: float | None, unit_form: str, lexicon: Lexicon) -> str:
    unit = lexicon.units[unit_form.lower()]
    scaled = None if amount is None else amount * unit.factor
    letter = unit.vague_letter if amount is None else unit.letter
    return ("PT" if unit.time else "P") + _amount_text(scaled) + letter


# unit -> (relativedelta keyword, multiplier); callers have already applied the lexicon's unit factor
# (a fortnight is 2 weeks there).
_UNIT_DELTA: dict[str, tuple[str, int]] = {
    "second": ("seconds", 1), "minute": ("minutes", 1), "hour": ("hours", 1), "day": ("days", 1),
    "night": ("days", 1), "week": ("weeks", 1), "fortnight": ("weeks", 1), "month": ("months", 1),
    "quarter": ("months", 3), "year": ("years", 1), "decade": ("years", 1), "century": ("years", 1),
}


def _relativedelta(amount: float, unit_name: str) -> relativedelta:
    keyword, multiplier = _UNIT_DELTA[unit_name]
    return relativedelta(**{keyword: int(amount) * multiplier})


_UNIT_PRECISION: dict[str, Precision] = {
    "second": "day", "minute": "day", "hour": "day", "day": "day", "night": "day", "week": "week",
    "fortnight": "week", "month": "month", "quarter": "quarter", "year": "year", "decade": "decade",
    "century": "century",
}


def _calendar_reading(day: dt.date, precision: Precision, mod: str | None = None) -> Reading:
    value, span = cal.value_at(day, precision)
    return Reading("DATE", value, precision, span, mod=mod)


def _day_reading(day: dt.date, mod: str | None = None) -> Reading:
    return Reading("DATE", day.isoformat(), "day", TimeSpan.day(day), mod=mod)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for_month(month: int, ctx: Context, tense: Tense | None) -> int:
    year = ctx.dct.year
    if tense == "past" and month > ctx.dct.month:
        return year - 1
    if tense == "future" and month < ctx.dct.month:
        return year + 1
    if tense in (None, "present") and abs(month - ctx.dct.month) > 6:
        return year + (1 if month < ctx.dct.month else -1)
    return year


def _weekday_date(weekday: int, ctx: Context, tense: Tense | None, relative: str | None) -> dt.date:
    today = ctx.dct
    back = (today.isoweekday() - weekday) % 7
    forward = (weekday - today.isoweekday()) % 7
    relative = (relative or "").lower()
    if relative in ("last", "past"):
        return today - dt.timedelta(days=back or 7)
    if relative in ("next", "coming"):
        return today + dt.timedelta(days=forward or 7)
    if relative == "this":
        return today - dt.timedelta(days=today.isoweekday() - weekday)
    if back == 0:
        return today
    if tense == "past":
        return today - dt.timedelta(days=back)
    if tense == "future":
        return today + dt.timedelta(days=forward)
    return today - dt.timedelta(days=back) if back <= forward else today + dt.timedelta(days=forward)


def _month_by_relative(month: int, ctx: Context, relative: str | None, tense: Tense | None) -> int:
    relative = (relative or "").lower()
    if relative in ("last", "past"):
        return ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    if relative in ("next", "coming"):
        return ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    if relative == "this":
        return ctx.dct.year
    return _year_for_month(month, ctx, tense)


def _year_of(text: str | None) -> int | None:
    return int(text) if text else None


# --- resolvers ----------------------------------------------------------------------------------------


def resolve_iso(match: re.Match[str], ctx: Context) -> Reading | None:
    day = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    if day is None:
        return None
    if match["H"]:
        value = f"{day.isoformat()}T{match['H']}:{match['M']}"
        return Reading("TIME", value, "time", TimeSpan.day(day))
    return _day_reading(day)


def resolve_numeric(match: re.Match[str], ctx: Context) -> Reading | None:
    first, second, year_text = int(match["a"]), int(match["b"]), match["y"]
    if match["sep"] == "." and len(year_text) == 2:
        return None  # "1.2.13" is a version number more often than a date
    year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    if len(year_text) == 2 and year > ctx.dct.year + 1:
        year -= 100
    if first > 12:
        day, month = first, second
    elif second > 12:
        day, month = second, first
    else:
        day, month = (first, second) if ctx.day_first else (second, first)
    found = _safe_date(year, month, day)
    return _day_reading(found) if found else None


def resolve_day_month(match: re.Match[str], ctx: Context) -> Reading | None:
    lexicon = ctx.lexicon
    month = _month_number(match["mon"], lexicon)
    day_number = _ordinal(match["d"], lexicon) if not match["d"].isdigit() else int(match["d"])
    year = _year_of(match["y"])
    narrative = None
    if year is None:
        year = _month_by_relative(month, ctx, match.groupdict().get("rel"), ctx.tense(match))
        narrative = None if match.groupdict().get("rel") else Narrative("year_of_sentence")
    found = _safe_date(year, month, day_number)
    if found is None:
        return None
    return replace(_day_reading(found), narrative=narrative)


def _month_number(name: str, lexicon: Lexicon) -> int:
    stripped = name.rstrip(".")
    return lexicon.months.get(stripped) or lexicon.months[stripped.title()]


def resolve_month_year(match: re.Match[str], ctx: Context) -> Reading | None:
    month = _month_number(match["mon"], ctx.lexicon)
    year = int(match["y"])
    return Reading("DATE", f"{year:04d}-{month:02d}", "month", cal.month_span(year, month),
                   mod=_mod_of(match["mod"]))


def resolve_month_relative_year(match: re.Match[str], ctx: Context) -> Reading | None:
    """'June next year', 'March of last year'."""
    month = _month_number(match["mon"], ctx.lexicon)
    year = ctx.dct.year + _RELATIVE_STEP[match["yrel"].lower()]
    return Reading("DATE", f"{year:04d}-{month:02d}", "month", cal.month_span(year, month),
                   mod=_mod_of(match["mod"]))


def resolve_month(match: re.Match[str], ctx: Context) -> Reading | None:
    name = match["mon"].rstrip(".")
    relative, modifier = match["rel"], match["mod"]
    # "May" (also a name and a modal) and abbreviations ("Jan." is also a first name) need a context word.
    needs_context = (name in ctx.lexicon.ambiguous_months or name.title() in ctx.lexicon.ambiguous_months
                     or name.title() in ctx.lexicon.month_abbreviations)
    if (not relative and not modifier and needs_context
            and ctx.previous_word(match.start()) not in ctx.lexicon.month_context_words):
        return None
    month = _month_number(name, ctx.lexicon)
    tense = ctx.tense(match)
    year = _month_by_relative(month, ctx, relative, tense)
    narrative = (None if relative else Narrative("story_year") if match["that"]
                 else Narrative("year_of_sentence"))
    return Reading("DATE", f"{year:04d}-{month:02d}", "month", cal.month_span(year, month),
                   mod=_mod_of(modifier), narrative=narrative)


def resolve_weekday(match: re.Match[str], ctx: Context) -> Reading | None:
    weekday = ctx.lexicon.weekdays[match["wd"].rstrip(".").title()]
    day = _weekday_date(weekday, ctx, ctx.tense(match), match["rel"])
    narrative = None
    if not match["rel"] and ctx.previous_word(match.start()) in _RANGE_END_WORDS:
        narrative = Narrative("weekday_after", weekday=weekday)
    if match["apposition"] and not match["rel"]:
        narrative = Narrative("apposition", weekday=weekday)
    part = match["part"] or match["part_first"] or ("morning" if match["small_hours"] else None)
    return replace(_with_part_of_day(day, part, ctx), mod=_mod_of(match["mod"]), narrative=narrative)


_RANGE_END_WORDS = frozenset({"until", "till", "through", "to", "thru"})


def _with_part_of_day(day: dt.date, part: str | None, ctx: Context) -> Reading:
    if part:
        code = ctx.lexicon.parts_of_day[part.lower()]
        return Reading("TIME", f"{day.isoformat()}{code}", "time", TimeSpan.day(day))
    return _day_reading(day)


def resolve_next_part_of_day(match: re.Match[str], ctx: Context) -> Reading | None:
    """"the next morning", "the following evening", "the previous afternoon": a part of the day next to the
    story's day (see Narrative); in the present tense a habit ("The next morning there's breakfast")."""
    if ctx.tense(match) == "present":
        return None
    code = ctx.lexicon.parts_of_day[match["part"].lower()]
    step = -1 if match["rel"].lower() == "previous" else 1
    return Reading("TIME", f"{ctx.dct.isoformat()}{code}", "time", TimeSpan.day(ctx.dct),
                   narrative=Narrative("day_part_shift", unit=code, amount=step))


_RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                  "the day after tomorrow": 2}


def resolve_relative_day(match: re.Match[str], ctx: Context) -> Reading | None:
    word = re.sub(r"\s+", " ", match["word"].lower())
    day = ctx.dct + dt.timedelta(days=_RELATIVE_DAYS[word])
    part = match["part"] or ("night" if word == "tonight" else None)
    return _with_part_of_day(day, part, ctx)


def resolve_age(match: re.Match[str], ctx: Context) -> Reading | None:
    """"54 years old": an age, a DURATION as TimeBank annotates it (the span includes "old"). Only the
    plural unit: "a 25 year old man" is an adjective, like "a 25-year-old", and stays unannotated."""
    amount = _number(match["num"], ctx.lexicon)
    if amount is None:
        return None
    return Reading("DURATION", duration_value(amount, match["unit"], ctx.lexicon), "duration", None)


def resolve_overnight(match: re.Match[str], ctx: Context) -> Reading | None:
    """"overnight" in a news report: the night running into the report's day, the DCT's TNI."""
    night = TimeSpan(ctx.dct - dt.timedelta(days=1), ctx.dct)
    return Reading("TIME", f"{ctx.dct.isoformat()}TNI", "time", night)


def resolve_part_of_day(match: re.Match[str], ctx: Context) -> Reading | None:
    day = ctx.dct - dt.timedelta(days=1) if match["rel"].lower() == "last" else ctx.dct
    return _with_part_of_day(day, match["part"], ctx)


def resolve_part_of_story_day(match: re.Match[str], ctx: Context) -> Reading | None:
    """"through the night", "by dawn": the DCT's day until _anchor_narrative finds the story's day."""
    part = match["part"] or match["part2"] or match["part3"]
    reading = _with_part_of_day(ctx.dct, part, ctx)
    return replace(reading, narrative=Narrative("day_part"))


def resolve_time(match: re.Match[str], ctx: Context) -> Reading | None:
    groups = match.groupdict()
    if groups.get("word"):
        hour, minute = (0, 0) if match["word"].lower() == "midnight" else (12, 0)
    elif match["h24"] is not None:
        hour, minute = int(match["h24"]), int(match["m24"])
    else:
        hour, minute = int(match["h"]), int(match["mi"] or 0)
        if hour > 12 or hour == 0:
            return None
        is_pm = match["ampm"].lower().startswith("p")
        hour = hour % 12 + (12 if is_pm else 0)
    day = ctx.dct
    return Reading("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}", "time", TimeSpan.day(day),
                   narrative=Narrative("clock_day"))


def resolve_offset(match: re.Match[str], ctx: Context) -> Reading | None:
    """"three weeks ago", "two days later", "a year from now", "two days (after ...)"."""
    lexicon = ctx.lexicon
    amount = _number(match["num"], lexicon)
    unit = lexicon.units[match["unit"].lower()]
    if _bad_quantity(match["num"], match["unit"]):
        return None
    signal = re.sub(r"\s+", " ", (match["sig"] or match["ahead"] or "").lower())
    duration = duration_value(amount, match["unit"], lexicon)
    mod = _duration_mod(match, ctx)
    if signal in ("ago", "from now", "hence"):
        if amount is None:
            return Reading("DATE", "PAST_REF" if signal == "ago" else "FUTURE_REF", "fuzzy",
                           _fuzzy_span(ctx, signal == "ago"))
        sign = -1 if signal == "ago" else 1
        moved = cal.shift_date(ctx.dct, _relativedelta(amount * unit.factor, unit.name), sign)
        if unit.time and ctx.dct_time is not None:
            moment = cal.shift_date(ctx.dct_time, _relativedelta(amount, unit.name), sign)
            return Reading("TIME", moment.strftime("%Y-%m-%dT%H:%M"), "time", TimeSpan.day(moment.date()))
        years_back = (Narrative("years_back", "year", amount)
                      if signal == "ago" and unit.name == "year" and amount == int(amount) else None)
        return replace(_calendar_reading(moved, _UNIT_PRECISION[unit.name]), mod=mod, narrative=years_back)
    direction: Direction = "before" if signal in ("earlier", "before", "prior to", "previously") else "after"
    narrative = None
    if signal in ("later", "earlier") and amount is not None:  # "two days later": from the last date given
        narrative = Narrative("shift", unit.name, amount * unit.factor * (1 if signal == "later" else -1))
        if signal == "earlier" and unit.name == "year" and amount == int(amount):
            narrative = Narrative("years_back", "year", amount)
    return Reading("DURATION", duration, "duration", None, anchored_to_event=True, direction=direction,
                   mod=mod, narrative=narrative)


def resolve_unit_offset(match: re.Match[str], ctx: Context) -> Reading | None:
    """"the day before", "the year after the war": one unit from another event."""
    signal = (match["sig"] or match["ahead"]).lower()
    direction: Direction = "before" if signal in ("before", "earlier") else "after"
    # "the day before." stands alone: it counts from the last date given; "the day before the vote" does not.
    narrative = (Narrative("shift", ctx.lexicon.units[match["unit"].lower()].name,
                           -1 if direction == "before" else 1) if match["sig"] else None)
    return Reading("DURATION", duration_value(1, match["unit"], ctx.lexicon), "duration", None,
                   anchored_to_event=True, direction=direction, narrative=narrative)


def resolve_vague_offset(match: re.Match[str], ctx: Context) -> Reading | None:
    """"years ago" (PAST_REF), "days after the attack", "weeks later" (anchored, vague amount)."""
    signal = re.sub(r"\s+", " ", (match["sig"] or match["ahead"] or "").lower())
    if signal == "ago":
        return Reading("DATE", "PAST_REF", "fuzzy", _fuzzy_span(ctx, True))
    direction: Direction = "before" if signal in ("earlier", "before", "prior to") else "after"
    return Reading("DURATION", duration_value(None, match["unit"], ctx.lexicon), "duration", None,
                   anchored_to_event=True, direction=direction)


def _fuzzy_span(ctx: Context, past: bool) -> TimeSpan:
    return TimeSpan(None, ctx.dct) if past else TimeSpan(ctx.dct, None)


def _bad_quantity(number: str, unit: str) -> bool:
    """'a second' (ordinal) and 'a quarter' (fraction) are not durations."""
    return number.lower() in ("a", "an") and unit.lower() in ("second", "quarter")


def _duration_mod(match: re.Match[str], ctx: Context) -> str | None:
    if match.group().lower().startswith("the"):
        return None  # "over the past year": "over" is a preposition here, not "more than"
    before = ctx.text[max(0, match.start() - 20):match.start()]
    for pattern, mod in _DURATION_MODS:
        if pattern.search(before):
            return mod
    return None


def resolve_duration(match: re.Match[str], ctx: Context) -> Reading | None:
    lexicon = ctx.lexicon
    if _bad_quantity(match["num"], match["unit"]):
        return None
    if match["num"].lower() in ("a", "an") and match["unit"].lower().endswith("s"):
        return None  # "a weeks-long strike": the article belongs to the noun, not to the unit
    if match["num"].lower() in ("a", "an", "per") and ctx.previous_word(match.start()) in lexicon.rate_units:
        return None  # "105 miles an hour": a speed
    if match["low"] and (match["low"].lower() in ("a", "an") or _number(match["low"], lexicon) is None):
        return None
    if match["unit"].lower() == "quarter" and not match["rel"]:
        return None  # "one quarter of the votes", "a one-quarter stake": a fraction
    # "six to eight weeks", "10 or 15 years": a range of amounts is a vague amount of the unit.
    amount = None if match["low"] else _number(match["num"], lexicon)
    duration = duration_value(amount, match["unit"], lexicon)
    relative = (match["rel"] or "").lower()
    span = None
    if amount is not None and relative in ("past", "last", "previous", "coming", "next"):
        unit = lexicon.units[match["unit"].lower()]
        delta = _relativedelta(amount * unit.factor, unit.name)
        # Spans are whole days: "the last 10 minutes" is today, not a datetime ten minutes before midnight.
        span = (TimeSpan(_whole_day(ctx.dct - delta), ctx.dct) if relative in ("past", "last", "previous")
                else TimeSpan(ctx.dct, _whole_day(ctx.dct + delta)))
    return Reading("DURATION", duration, "duration", span, mod=_duration_mod(match, ctx))


def _whole_day(moment: dt.date | dt.datetime) -> dt.date:
    return moment.date() if isinstance(moment, dt.datetime) else moment


# A bare plural unit is a vague duration after these words: "for years", "within days", "after days of
# protests", "spent years under cover", "surviving weeks of fighting". Elsewhere ("years of the war",
# "the days") it is not a time expression on its own.
_BARE_UNIT_CONTEXT = frozenset({
    "for", "over", "within", "in", "after", "spent", "spend", "spending", "spends", "surviving", "survived",
    "took", "take", "takes", "lasted", "lasting", "last", "endured", "waited", "wait",
})


# "could take weeks, perhaps months", "for days or weeks": a bare unit offered as another length
_ANOTHER_LENGTH = re.compile(r"(?i:seconds|minutes|hours|days|weeks|months|years|decades),?\s+"
                             r"(?i:or|perhaps|maybe|possibly|even|if\s+not|and\s+perhaps|or\s+even)\s+$")


def resolve_bare_units(match: re.Match[str], ctx: Context) -> Reading | None:
    if (ctx.previous_word(match.start()) not in _BARE_UNIT_CONTEXT
            and not _ANOTHER_LENGTH.search(ctx.text, max(0, match.start() - 30), match.start())):
        return None
    return resolve_vague_units(match, ctx)


def resolve_long_compound(match: re.Match[str], ctx: Context) -> Reading | None:
    unit = match["unit"].lower()
    amount = None if unit.endswith("s") else 1.0
    return Reading("DURATION", duration_value(amount, unit, ctx.lexicon), "duration", None)


def resolve_vague_units(match: re.Match[str], ctx: Context) -> Reading | None:
    duration = duration_value(None, match["unit"], ctx.lexicon)
    relative = (match["rel"] or "").lower()
    span = None
    if relative in ("past", "last", "recent"):
        span = TimeSpan(None, ctx.dct)
    elif relative in ("coming", "next"):
        span = TimeSpan(ctx.dct, None)
    return Reading("DURATION", duration, "duration", span)


_RELATIVE_STEP = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1, "following": 1, "this": 0,
                  "current": 0}


# "over the next year", "within the next month": the length of time ahead, not a date
_LENGTH_PREPOSITIONS = frozenset({"over", "for", "within", "during", "in", "through", "throughout", "into",
                                  "across", "of"})


def resolve_relative_unit(match: re.Match[str], ctx: Context) -> Reading | None:
    relative = match["rel"].lower()
    unit_word = match["unit"].lower()
    has_article = bool(match["the"])
    unit_word_for_shift = "week" if unit_word == "weekend" else unit_word
    if (has_article and relative == "next" and unit_word in ("week", "month", "year")
            and ctx.previous_word(match.start()) not in _LENGTH_PREPOSITIONS and ctx.tense(match) == "past"):
        relative = "following"  # "In 1990 it bought Crisp; the next year it wrote off half": a date
    if unit_word in ("day", "night") or (relative in ("following", "previous") and has_article):
        if relative in ("this", "current", "past", "last") and unit_word in ("day", "night"):
            return None
        direction: Direction = "before" if relative in ("previous", "last", "past") else "after"
        unit = ctx.lexicon.units[unit_word]
        # "the previous day" with no date before it is the day before publication; "the next day" is
        # not counted from publication: in a past narrative that would date a reported act after it.
        narrative = (Narrative("shift", unit.name, unit.factor * (-1 if direction == "before" else 1),
                               from_dct=direction == "before") if has_article else None)
        return Reading("DURATION", duration_value(1, unit.name, ctx.lexicon), "duration", None,
                       anchored_to_event=True, direction=direction, narrative=narrative)
    if has_article and relative in ("past", "last", "next", "coming"):
        unit = ctx.lexicon.units[unit_word_for_shift]
        delta = _relativedelta(unit.factor, unit.name)
        span = (TimeSpan(ctx.dct - delta, ctx.dct) if relative in ("past", "last")
                else TimeSpan(ctx.dct, ctx.dct + delta))
        value = "P1WE" if unit_word == "weekend" else duration_value(1, unit_word, ctx.lexicon)
        return Reading("DURATION", value, "duration", span)
    step = _RELATIVE_STEP[relative]
    unit = ctx.lexicon.units[unit_word_for_shift]
    moved = ctx.dct + _relativedelta(step * unit.factor, unit.name)
    if unit_word == "weekend":
        span = cal.weekend_span(moved)
        return Reading("DATE", f"{cal.week_value(moved)}-WE", "week", span)
    return _calendar_reading(moved, _UNIT_PRECISION[unit.name], mod=_mod_of(match["mod"]))


def resolve_weekend(match: re.Match[str], ctx: Context) -> Reading | None:
    """'the weekend': the last one in a past sentence, the next one otherwise (the DCT's if it is one)."""
    tense = ctx.tense(match)
    weekday = ctx.dct.isoweekday()
    if weekday >= 6 or tense != "past":
        day = ctx.dct + dt.timedelta(days=max(0, 6 - weekday))
    else:
        day = ctx.dct - dt.timedelta(days=weekday)  # the Sunday before
    return Reading("DATE", f"{cal.week_value(day)}-WE", "week", cal.weekend_span(day))


def resolve_part_of_unit(match: re.Match[str], ctx: Context) -> Reading | None:
    """'earlier this year', 'later this month', 'the end of next week'."""
    relative = (match["rel"] or "this").lower()
    relative = "this" if relative == "the" else relative
    unit = ctx.lexicon.units[match["unit"].lower()]
    moved = ctx.dct + _relativedelta(_RELATIVE_STEP[relative] * unit.factor, unit.name)
    reading = _calendar_reading(moved, _UNIT_PRECISION[unit.name])
    assert reading.span is not None and reading.span.start is not None and reading.span.end is not None
    adverb = (match["adv"] or "").lower()
    span = reading.span
    if adverb == "earlier" and relative == "this":
        span = TimeSpan(span.start, ctx.dct)
    elif adverb == "later" and relative == "this":
        span = TimeSpan(ctx.dct, span.end)
    return replace(reading, span=span, mod=_mod_of(match["mod"]))


# After these words a four-digit number is a year whatever follows ("in 2010 elections").
_YEAR_CONTEXT = frozenset({
    "in", "since", "by", "until", "till", "of", "during", "before", "after", "through", "between", "the",
    "early", "late", "mid", "end", "its", "his", "her", "their", "our", "fiscal", "year", "spring", "summer",
    "autumn", "fall", "winter", "circa", "into", "beginning", "start", "middle", "this", "that", "s",
    "year's", "from",
})
# A bare number followed by another word is a count ("2000 people") unless that word is one of these.
_AFTER_YEAR_WORDS = frozenset({
    "to", "and", "or", "but", "when", "as", "until", "till", "through", "on", "in", "at", "with", "after",
    "before", "the", "a", "an", "was", "were", "had", "has", "is", "are", "he", "she", "they", "it", "we",
    "that", "which", "who", "while", "for", "by", "from", "of", "saw", "onwards", "onward", "election",
    "elections", "budget", "census", "season", "vote", "polls", "law", "war", "attack", "attacks", "crisis",
    "agreement", "deal", "accord", "uprising", "revolution", "coup", "invasion", "report", "figures",
    "levels", "level", "olympics", "games",
})


# A number before a street name or "block" is a house number: "of 1119 Eighth St.", "1205 Lone Oak Road",
# "the 1200 block of North John Street".
_ADDRESS_AFTER_NUMBER = re.compile(
    r"\s+(?:block\b|(?:(?:North|South|East|West|N|S|E|W)\.?\s+)?(?:[A-Z0-9][\w'.-]*\s+){0,3}"
    rf"(?:{STREET_TYPES})\b)")


def resolve_year(match: re.Match[str], ctx: Context) -> Reading | None:
    year = int(match["y"])
    previous = ctx.previous_word(match.start())
    after = ctx.text[match.end():match.end() + 12]
    if re.match(r"\s*(?:%|percent|per\s+cent|km|kg|m\b)", after, re.IGNORECASE):
        return None
    if not match["mod"] and _ADDRESS_AFTER_NUMBER.match(ctx.text, match.end(), match.end() + 60):
        return None
    range_end = re.match(r"[-–](\d\d(?:\d\d)?)(?![\d\w])", after)
    if range_end and _range_end_year(year, range_end.group(1)) is None:
        return None
    line_start = ctx.text.rfind("\n", 0, match.start()) + 1
    if not ctx.text[line_start:match.start()].strip() and _TIMELINE_DASH.match(after):
        # "1789 - President Washington issues ...": a timeline entry opens with its year.
        return Reading("DATE", f"{year:04d}", "year", cal.year_span(year))
    if _YEAR_BEFORE.search(ctx.text, max(0, match.start() - 16), match.start()):
        return Reading("DATE", f"{year:04d}", "year", cal.year_span(year))  # "from 2010 to 2011"
    if not match["mod"] and previous not in _YEAR_CONTEXT:
        following = ctx.next_word(match.end())
        if year < 1900 or (following and following[0].islower() and following not in _AFTER_YEAR_WORDS):
            return None
    return Reading("DATE", f"{year:04d}", "year", cal.year_span(year), mod=_mod_of(match["mod"]))


_WEEK_OF_MONTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}


def resolve_weekday_of_month(match: re.Match[str], ctx: Context) -> Reading | None:
    """"the fourth Thursday in November" names a day by a rule that recurs every year (TimeML: SET P1Y);
    "the first Monday of March 2017" names one day."""
    if not match["y"]:
        return Reading("SET", "P1Y", "duration", None)
    year, month = int(match["y"]), _month_number(match["mon"], ctx.lexicon)
    weekday = ctx.lexicon.weekdays[match["wd"].rstrip(".").title()]
    ordinal = match["ord"].lower()
    if ordinal in ("last", "final"):
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        last_day = following - dt.timedelta(days=1)
        day = last_day - dt.timedelta(days=(last_day.isoweekday() - weekday) % 7)
    else:
        first = dt.date(year, month, 1)
        first_such_day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7)
        day = first_such_day + dt.timedelta(weeks=_WEEK_OF_MONTH[ordinal] - 1)
        if day.month != month:
            return None  # "the fifth Monday of February"
    return _day_reading(day)


def resolve_fiscal_year(match: re.Match[str], ctx: Context) -> Reading | None:
    """A fiscal year: TimeML writes FY and the year. Where it starts differs by country and company, so
    its span is the calendar year it is named by, the nearest this stage can say."""
    written = match["y1"] or match["y2"] or match["y3"]
    year = int(written)
    if len(written) == 2:
        year += 2000 if year < 70 else 1900  # "FY16", "FY98"
    return Reading("DATE", f"FY{year:04d}", "year", cal.year_span(year))


_TIMELINE_DASH = re.compile(r"[ \t]*[-–—:][ \t]")
# The second year of a pair: "2010 to 2011", "1998 and 2004", "2019 or 2020".
_YEAR_BEFORE = re.compile(r"(?<!\d)(?:1[89]|20)\d\d\s+(?:to|and|or|through|until|till)\s+$")


def _range_end_year(first: int, written: str) -> int | None:
    """The closing year of a range "2011-12" / "2010-2012", or None when it is no later year."""
    last = first - first % 100 + int(written) if len(written) == 2 else int(written)
    return last if first < last <= first + 100 else None


def resolve_year_range_end(match: re.Match[str], ctx: Context) -> Reading | None:
    first_text = ctx.text[match.start() - 5:match.start() - 1]
    if not first_text.isdigit():
        return None
    first = int(first_text)
    last = _range_end_year(first, match["y"])
    if last is None or not 1000 <= first < 2100:
        return None
    if first < 1900 and ctx.previous_word(match.start() - 5) not in _YEAR_CONTEXT:
        return None  # "1200-1300 people": a range of counts
    return Reading("DATE", f"{last:04d}", "year", cal.year_span(last))


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def resolve_decade(match: re.Match[str], ctx: Context) -> Reading | None:
    if match["d4"]:
        first = int(match["d4"])
    else:
        digits = match["d2"] or match["d2x"]
        tens = int(digits) // 10 if digits else _DECADE_WORDS[match["dw"].lower()]
        century = ctx.dct.year - ctx.dct.year % 100
        first = century + 10 * tens
        if first > ctx.dct.year:
            first -= 100
    return Reading("DATE", f"{first // 10:03d}", "decade", cal.decade_span(first), mod=_mod_of(match["mod"]))


def resolve_century(match: re.Match[str], ctx: Context) -> Reading | None:
    number = _ordinal(match["ord"], ctx.lexicon)
    first = (number - 1) * 100
    return Reading("DATE", f"{number - 1:02d}", "century", cal.century_span(max(first, 1)),
                   mod=_mod_of(match["mod"]))


_SEASON_CONTEXT = frozenset({"in", "during", "by", "since", "until", "over", "through", "this", "last",
                             "next", "the", "early", "late", "mid", "of", "coming", "past", "before", "after",
                             "till"})


def resolve_season(match: re.Match[str], ctx: Context) -> Reading | None:
    name = match["season"].lower()
    code, _first_month, _needs_context = ctx.lexicon.seasons[name]
    relative = (match["rel"] or "").lower()
    if not relative and not match["mod"] and not match["y"] and not match["that"]:
        if not match["the"] and ctx.previous_word(match.start()) not in _SEASON_CONTEXT:
            return None
        if re.match(r"\s+of\b", ctx.text[match.end():]):  # "the fall of Rome", "the spring of hope"
            return None
    if match["season"][0].isupper() and re.match(r"\s+[A-Z]", ctx.text[match.end():]):
        return None  # "Winter Olympics", "Summer Palace"
    if match["season"][0].isupper() and match.start() > 0 and not relative:
        # "Arab Spring", "Prague Spring": a capital season after a capitalised word is a name.
        previous = ctx.previous_word(match.start())
        if previous and previous not in _SEASON_CONTEXT:
            return None
    narrative = None
    if match["y"]:
        year = int(match["y"])
    else:
        current_year, current_code = cal.season_of(ctx.dct)
        order = cal.SEASON_ORDER
        index_now = current_year * 4 + order.index(current_code)
        index_same_year = current_year * 4 + order.index(code)
        tense = ctx.tense(match)
        if relative in ("last", "past"):
            index = index_same_year if index_same_year < index_now else index_same_year - 4
        elif relative in ("next", "coming"):
            index = index_same_year if index_same_year > index_now else index_same_year + 4
        elif relative == "this":
            index = index_same_year
        elif tense == "past":
            index = index_same_year if index_same_year <= index_now else index_same_year - 4
        elif tense == "future":
            index = index_same_year if index_same_year >= index_now else index_same_year + 4
        else:
            index = index_same_year
        year = index // 4
        if match["that"]:
            narrative = Narrative("story_year")
        elif not relative:
            narrative = Narrative("year_of_sentence")
    return Reading("DATE", f"{year:04d}-{code}", "season", cal.season_span(year, code),
                   mod=_mod_of(match["mod"]), narrative=narrative)


_QUARTER_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                     "final": 4, "last": 4}


def resolve_quarter(match: re.Match[str], ctx: Context) -> Reading | None:
    groups = match.groupdict()
    if re.match(r"\s+of\s+(?!(?:19|20)\d\d|this\b|last\b|next\b|the\s+year)", ctx.text[match.end():]):
        return None  # "the second half of the match"
    code = groups.get("q")
    kind = (groups.get("kind") or ("half" if code and code[0] == "H" else "quarter")).lower()
    number = int(code[1]) if code else _QUARTER_ORDINALS[match["ord"].lower()]
    if kind == "half":
        number = min(number, 2)
    year_text = match["y"]
    relative = (groups.get("rel") or "").lower().split()
    if year_text:
        year = int(year_text)
    elif relative and relative[0] in ("last", "next"):
        year = ctx.dct.year + (1 if relative[0] == "next" else -1)
    elif relative:
        year = ctx.dct.year
    else:
        if groups.get("ord") and match["ord"].lower() in ("final", "last"):
            return None
        current = cal.quarter_of(ctx.dct) if kind == "quarter" else (1 if ctx.dct.month <= 6 else 2)
        tense = ctx.tense(match)
        year = ctx.dct.year
        if tense == "past" and number > current:
            year -= 1
        elif tense == "future" and number < current:
            year += 1
    if kind == "half":
        return Reading("DATE", f"{year:04d}-H{number}", "quarter", cal.half_span(year, number))
    if groups.get("fiscal") and not year_text and not relative:
        return _fiscal_quarter(number, ctx, ctx.tense(match))
    return Reading("DATE", f"{year:04d}-Q{number}", "quarter", cal.quarter_span(year, number))


def _fiscal_quarter(number: int, ctx: Context, tense: Tense | None) -> Reading:
    """"its fiscal third quarter": where a company's fiscal year starts is not written, but a report names
    the quarter that ended last (a plan, the one running now), so that calendar quarter is fiscal quarter
    `number`, and the fiscal year, named by the calendar year it ends in, ends 3 x (4 - number) months
    after it.
    """
    current = cal.quarter_of(ctx.dct)
    year, quarter = ctx.dct.year, current
    if tense != "future":
        year, quarter = (year, current - 1) if current > 1 else (year - 1, 4)
    fiscal_year = year + (quarter + 4 - number - 1) // 4
    return Reading("DATE", f"FY{fiscal_year:04d}-Q{number}", "quarter", cal.quarter_span(year, quarter))


def resolve_ordinal_day(match: re.Match[str], ctx: Context) -> Reading | None:
    day_number = _ordinal(match["ord"], ctx.lexicon)
    if match["ord"][0].isalpha() and ctx.previous_word(match.start()) not in ("on", "by", "until", "since",
                                                                               "from", "before", "after"):
        return None
    tense = ctx.tense(match)
    month_start = ctx.dct.replace(day=1)
    if tense == "past" and day_number > ctx.dct.day:
        month_start -= relativedelta(months=1)
    elif tense == "future" and day_number < ctx.dct.day:
        month_start += relativedelta(months=1)
    found = _safe_date(month_start.year, month_start.month, day_number)
    return _day_reading(found) if found else None


def resolve_ordinal_of_month(match: re.Match[str], ctx: Context) -> Reading | None:
    """'the seventh of last month': that day of the month before the document's."""
    day_number = _ordinal(match["ord"], ctx.lexicon)
    relative = " ".join(match["rel"].lower().split())
    shift = {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(relative, 0)
    month_start = ctx.dct.replace(day=1) + relativedelta(months=shift)
    found = _safe_date(month_start.year, month_start.month, day_number)
    return _day_reading(found) if found else None


def _holiday_date(name: str, year: int, lexicon: Lexicon) -> dt.date | None:
    if name in lexicon.easter_holidays:
        return easter(year) + dt.timedelta(days=lexicon.easter_holidays[name])
    month, day_number = lexicon.holidays[name]
    return _safe_date(year, month, day_number)


def resolve_holiday(match: re.Match[str], ctx: Context) -> Reading | None:
    name = re.sub(r"\s+", " ", match["name"]).lower()
    if not match["y"] and (ctx.next_word(match.end()) or "").lower() in ctx.lexicon.holiday_topic_nouns:
        return None  # "the company Christmas party": a kind of party, not the 25th of December
    if not match["rel"] and ctx.previous_word(match.start()) in {"a", "an"}:
        return None  # "a Christmas of discontent": one like it, not a date
    this_year = _holiday_date(name, ctx.dct.year, ctx.lexicon)
    if this_year is None:
        return None
    month, day_number = this_year.month, this_year.day
    if match["y"]:
        year = int(match["y"])
    else:
        relative = (match["rel"] or "").lower()
        occurs_this_year = dt.date(ctx.dct.year, month, day_number)
        tense = ctx.tense(match)
        year = ctx.dct.year
        if relative == "last" or (not relative and tense == "past"):
            year -= occurs_this_year >= ctx.dct if relative == "last" else occurs_this_year > ctx.dct
        elif relative == "next" or (not relative and tense == "future"):
            year += occurs_this_year <= ctx.dct if relative == "next" else occurs_this_year < ctx.dct
    found = _holiday_date(name, year, ctx.lexicon)
    return _day_reading(found) if found else None


def resolve_fuzzy(match: re.Match[str], ctx: Context) -> Reading | None:
    phrase = re.sub(r"\s+", " ", match["phrase"].lower())
    if phrase in ("the future", "the past") and ctx.next_word(match.end()).lower() == "of":
        return None  # "the future of two towns", "the past of the party": a fate or a history, no time
    value, first, last = ctx.lexicon.fuzzy[phrase]
    span = TimeSpan(None if first is None else ctx.dct + dt.timedelta(days=first),
                    None if last is None else ctx.dct + dt.timedelta(days=last))
    return Reading("DURATION" if value.startswith("PX") else "DATE", value, "fuzzy", span)


def resolve_set(match: re.Match[str], ctx: Context) -> Reading | None:
    if match["phrase"]:
        if " " not in match["phrase"] and match["phrase"][0].isupper() and re.match(
                r"\s+[A-Z]", ctx.text[match.end():]):
            return None  # "Daily Mail", "Weekly Standard": a name, not a frequency
        value = ctx.lexicon.sets[re.sub(r"\s+", " ", match["phrase"].lower())]
        return Reading("SET", value, "duration", None)
    if match["weekends"]:
        return Reading("SET", "XXXX-WXX-WE", "duration", None)
    if match["wd"] or match["wdp"]:
        weekday = ctx.lexicon.weekdays[(match["wd"] or match["wdp"]).rstrip(".").title()]
        return Reading("SET", f"XXXX-WXX-{weekday}", "duration", None)
    if match["season"]:
        code = ctx.lexicon.seasons[match["season"].lower()][0]
        return Reading("SET", f"XXXX-{code}", "duration", None)
    amount = _number(match["num"], ctx.lexicon) if match["num"] else 1
    if amount is None:  # "every few years": how often is not said exactly
        return Reading("SET", duration_value(None, match["unit"], ctx.lexicon), "duration", None)
    return Reading("SET", duration_value(amount, match["unit"], ctx.lexicon), "duration", None)


def resolve_same_time(match: re.Match[str], ctx: Context) -> Reading | None:
    """"that day", "the same month", "that night", "(at) the time": the last date given, found later by
    _anchor_narrative; until then a placeholder that is dropped when the text gave no date before it."""
    word = (match["unit"] or "time").lower()
    unit = ctx.lexicon.parts_of_day.get(word) or word
    return Reading("DATE", "PAST_REF", "fuzzy", None, narrative=Narrative("same", unit))


def resolve_since_event(match: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("DATE", "PAST_REF", "fuzzy", TimeSpan(None, ctx.dct), anchored_to_event=True,
                   direction="after")


# --- rules ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    needs: frozenset[str]  # kinds of trigger word (see _trigger_kinds) one of which every match contains


# Which kinds of trigger word each rule's matches contain: a rule only runs near such a word.
_RULE_NEEDS: dict[str, tuple[str, ...]] = {
    "iso": ("digit",), "numeric": ("digit",), "day_month": ("month",), "month_day": ("month",),
    "month_year": ("month",), "month_relative_year": ("month",), "month": ("month",),
    "weekday": ("weekday",), "relative_day": ("relative_day",), "fuzzy": ("fuzzy",),
    "part_of_day": ("part_of_day",), "part_of_story_day": ("part_of_day",),
    "next_part_of_day": ("part_of_day",), "overnight": ("overnight",),
    "age": ("unit",), "time": ("digit", "clock_word"), "military_time": ("digit",),
    "offset": ("unit",),
    "duration": ("unit",), "fraction": ("unit",), "unit_offset": ("unit",),
    "vague_offset": ("unit",), "vague_units": ("unit",), "bare_units": ("unit",), "long_compound": ("unit",),
    "relative_unit": ("unit", "weekend"), "weekend": ("weekend",), "part_of_unit": ("unit",),
    "year": ("digit",), "year_range_end": ("digit",), "decade": ("digit", "decade_word"),
    "century": ("unit",), "season": ("season",),
    "quarter": ("quarter",), "quarter_code": ("quarter",), "ordinal_day": ("ordinal", "digit"),
    "ordinal_of_month": ("ordinal", "digit"),
    "holiday": ("holiday",), "set": ("set", "unit"), "since_event": ("since",),
    "same_time": ("unit", "part_of_day", "time_word"),
    "fiscal_year": ("fiscal",), "year_before": ("unit", "quarter"), "weekday_of_month": ("weekday",),
}


_NOT_A_WORD_AFTER = r"(?!\w)"
_STORY_DAY_PREPOSITIONS = ("through", "during", "throughout", "in", "since", "by", "until", "till", "from",
                           "into")
# a lookbehind per word: each must be of fixed width
_AFTER_STORY_DAY_PREPOSITION = "(?:" + "|".join(rf"(?<=(?i:{w}) )" for w in _STORY_DAY_PREPOSITIONS) + ")"


def build_rules(p: Pieces) -> tuple[Rule, ...]:
    start = r"(?<![\w.'-])"
    relative_word = r"(?i:last|next|this|coming|past)"
    rules = [
        ("iso", r"(?<![\d/-])(?P<y>\d{4})(?P<sep>[-/])(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)"
                r"(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\d/-])",
         resolve_iso),
        ("numeric", r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
                    r"(?![\d/]|\.\d)",
         resolve_numeric),
        ("day_month", start + rf"(?:(?P<wd>{p.weekday}),?\s+)?(?:(?i:the)\s+)?(?P<d>{p.ordinal}|{p.day})"
                      rf"(?:\s+(?i:of))?\s+(?:(?P<rel>{relative_word})\s+)?(?P<mon>{p.month})"
                      rf"(?:,?\s+(?P<y>{p.year}))?", resolve_day_month),
        ("month_day", start + rf"(?:(?P<wd>{p.weekday}),?\s+)?(?P<mon>{p.month})\s+"
                      rf"(?P<d>(?:{p.day})(?i:st|nd|rd|th)?|{p.ordinal_word})(?![\w:,.]\d|\w)"
                      rf"(?:,?\s+(?P<y>{p.year}))?", resolve_day_month),
        ("month_year", start + rf"(?:(?P<mod>{p.modifier})[\s-]+)?(?P<mon>{p.month})(?:\s+of)?,?\s+"
                       rf"(?P<y>{p.year})",
         resolve_month_year),
        ("month_relative_year", start + rf"(?:(?P<mod>{p.modifier})[\s-]+)?(?P<mon>{p.month})(?:\s+of)?\s+"
                                r"(?P<yrel>(?i:this|next|last))\s+(?i:year)(?!\w)",
         resolve_month_relative_year),
        ("month", start + rf"(?:(?P<that>(?i:that))\s+)?(?:(?P<mod>{p.modifier})[\s-]+)?"
                  rf"(?:(?P<rel>{relative_word})\s+)?"
                  rf"(?P<mon>{p.month})",
         resolve_month),
        # "this past Sunday", "this coming Friday": the relative word decides, "this" belongs to the span
        # "dawn Wednesday", "before dawn on Thursday": the part of day may come first
        # "the early hours of Sunday (morning)": the small hours are the morning's, one TIME (TMO)
        # "on Aug. 2, a Thursday": a weekday in apposition names the day just given
        ("weekday", start + r"(?:(?<=, )(?P<apposition>a)\s+)?"
                    r"(?P<small_hours>(?:(?i:the)\s+)?(?i:early|small|wee)\s+(?i:hours)\s+"
                    r"(?i:of)\s+)?"
                    rf"(?:(?P<mod>(?i:early|late))\s+)?(?:(?P<part_first>(?i:dawn|daybreak|dusk))"
                    r"\s+(?:(?i:on)\s+)?)?(?:(?:(?i:this)\s+(?=(?i:past|coming)\s))?"
                    rf"(?P<rel>{relative_word})\s+)?"
                    rf"(?P<wd>{p.weekday_name})"
                    rf"(?:\s+(?P<part>{p.part_of_day}))?", resolve_weekday),
        ("next_part_of_day", start + r"(?i:the)\s+(?P<rel>(?i:next|following|previous))\s+"
                             r"(?P<part>(?i:morning|afternoon|evening))(?!\w)", resolve_next_part_of_day),
        # "arrests overnight": as an adverb, the night before the report (not "an overnight curfew")
        ("overnight", start + r"(?<!(?i:an) )(?<!(?i:the) )(?P<word>(?i:overnight))(?!\w)"
                      r"(?=\s*(?:[.,;:!?)]|$|(?i:as|in|on|at|and|but|after|before|when|while|with|from|near"
                      r"|by|into|across|along|outside|inside|around|to)\b|[A-Z]))", resolve_overnight),
        ("relative_day", start + r"(?P<word>(?i:today|tonight|yesterday|tomorrow"
                         r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow))(?!\w)"
                         rf"(?:\s+(?P<part>{p.part_of_day}))?(?:,\s+(?P<wd>{p.weekday}))?",
         resolve_relative_day),
        ("fuzzy", start + rf"(?P<phrase>{p.fuzzy})", resolve_fuzzy),
        ("part_of_day", start + r"(?:(?i:early|late)\s+)?"
                        rf"(?P<rel>(?i:this|last))\s+(?P<part>{p.part_of_day})",
         resolve_part_of_day),
        # "through the night", "from early morning until late afternoon", "by dawn": a part of the story's
        # day, after a preposition and before the end of the phrase ("the morning session" is no time)
        ("part_of_story_day", _AFTER_STORY_DAY_PREPOSITION +
                              r"(?:(?:(?i:the)\s+)?(?P<mod>(?i:early|late))\s+"
                              r"(?P<part>(?i:morning|afternoon|evening))"
                              r"|(?i:the)\s+(?P<part2>(?i:morning|afternoon|evening|night))"
                              r"|(?P<part3>(?i:dawn|daybreak|dusk)))"
                              r"(?=\s*(?:[.,;:!?)]|$|(?i:and|but|as|when|while|until|till|on|at|with|to)\b))",
         resolve_part_of_story_day),
        ("time", rf"(?:(?<![\d:.,])(?P<h>1[0-2]|0?\d)(?:[:.](?P<mi>[0-5]\d))?\s*"
                 r"(?P<ampm>(?i:a\.m\.?|p\.m\.?|am|pm))(?![\w])"
                 r"|(?<![\d:.,])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?::[0-5]\d)?(?![\d:]|\.\d)"
                 rf"|{start}(?P<word>(?i:noon|midnight|midday))(?!\w))"
                 rf"(?:\s+(?P<tz>{p.time_zone}))?", resolve_time),
        ("military_time", r"(?<![\w.,:])(?P<h24>[01]\d|2[0-3])(?P<m24>[0-5]\d)"
                          rf"\s+(?:(?P<tz>{p.time_zone})|(?i:hours|hrs)(?!\w))", resolve_time),
        ("offset", start + rf"(?P<num>{p.number})[\s-]+(?P<unit>{p.unit})"
                   r"(?:\s+(?P<sig>(?i:ago|earlier|later|from\s+now|hence))(?!\w)"
                   r"|(?=\s+(?P<ahead>(?i:before|after|prior\s+to))(?!\w)))", resolve_offset),
        ("fraction", start + rf"(?:(?P<num>{p.number})\s+(?i:and\s+a\s+half)\s+(?P<unit>{p.unit})"
                     rf"|(?P<num2>(?i:a|an|one))\s+(?P<unit2>{p.singular_unit})\s+(?i:and\s+a\s+half)"
                     rf"|(?i:half\s+(?:an?|one))\s+(?P<unit3>{p.singular_unit}))", _resolve_fraction_any),
        ("unit_offset", start + r"(?i:the)\s+(?P<unit>(?i:day|night|week|month|year))"
                        r"(?:\s+(?P<sig>(?i:before|after|earlier|later))(?=\s*(?:[.,;:!?)]|$))"
                        r"|(?=\s+(?P<ahead>(?i:before|after))\s+(?!(?i:yesterday|tomorrow)\b)\w))",
         resolve_unit_offset),
        ("vague_offset", start + rf"(?P<unit>{p.plural_unit})(?:\s+(?P<sig>(?i:ago|earlier|later))(?!\w)"
                         r"|(?=\s+(?P<ahead>(?i:before|after|prior\s+to))(?!\w)))", resolve_vague_offset),
        # "to last a decade": without "the", "last" before "a" is the verb
        ("duration", start + r"(?:(?P<the>(?i:the))\s+)?(?:(?P<rel>(?i:past|last|next|coming|previous|first"
                     rf"|final|following|recent))\s+(?(the)|(?!(?i:an?)\s)))?(?:(?P<low>{p.number})\s+(?i:to|or)\s+)?(?P<num>{p.number})[\s-]+"
                     rf"(?:(?:(?i:more|additional|further|extra)|{p.length_adjective})\s+)?(?P<unit>{p.unit})(?:-long)?"
                     r"(?!-old|-(?:year|end|on|to|over)\b|\w)(?!\s+(?i:old)\b)", resolve_duration),
        ("age", start + rf"(?P<num>{p.number})\s+(?P<unit>(?i:years|months|weeks|days))\s+(?i:old)(?!\w)",
         resolve_age),
        ("vague_units", start + rf"(?:(?:(?i:the)\s+)?(?P<rel>(?i:past|last|coming|next|recent))\s+)"
                        rf"(?P<unit>{p.plural_unit})", resolve_vague_units),
        ("bare_units", start + r"(?P<rel>)(?P<unit>(?i:seconds|minutes|hours|days|weeks|months|years|decades"
                       r"|centuries))(?!\w)(?!\s+(?i:ago|of\s+the|later|earlier|before|after))",
         resolve_bare_units),
        # "a months-long siege", "a weeklong strike": the length of something, with or without an amount.
        ("long_compound", start + r"(?P<unit>(?i:seconds?|minutes?|hours?|days?|weeks?|months?|years?"
                          r"|decades?))-?(?i:long)(?!\w)", resolve_long_compound),
        ("relative_unit", start + rf"(?:(?P<mod>(?i:early|mid|late))[\s-]+)?(?:(?P<the>(?i:the))\s+)?"
                          rf"(?P<rel>{p.relative})\s+"
                          r"(?P<unit>(?i:week|month|year|quarter|weekend|decade|century|day|night|fortnight))"
                          r"(?!\w)", resolve_relative_unit),
        ("weekend", start + r"(?i:the)\s+(?i:weekend)(?!\w)", resolve_weekend),
        ("part_of_unit", start + r"(?:(?P<adv>(?i:earlier|later))\s+|(?:(?P<mod>(?i:the\s+"
                         r"(?:end|beginning|start|middle)\s+of))\s+))(?P<rel>(?i:this|next|last|the))\s+"
                         r"(?P<unit>(?i:week|month|year|quarter|decade))(?!\w)", resolve_part_of_unit),
        # A year may open a range ("2010-2012", "2011-12"); other digits after a dash make it a number.
        ("year", start + rf"(?:(?P<mod>{p.modifier})[\s-]+)?(?P<y>{p.year})"
                 r"(?![\w'’]|,\d|[-–](?!\d\d(?:\d\d)?(?![\d\w]))\d)", resolve_year),
        # "the fourth Thursday in November": a calendar rule (SET P1Y); with a year, that one day
        ("weekday_of_month", start + r"(?i:the)\s+(?P<ord>(?i:first|second|third|fourth|fifth|last|final))\s+"
                             rf"(?P<wd>{p.weekday_name})\s+(?i:in|of)\s+(?P<mon>{p.month})"
                             rf"(?:,?\s+(?P<y>{p.year}))?", resolve_weekday_of_month),
        # "fiscal 2015", "fiscal year 2017", "the 2015 fiscal year", "FY2016", "FY 16": TimeML FY<year>
        # "the year-earlier quarter", "the year-ago period": the period just named, a year before
        ("year_before", start + r"(?i:the)\s+(?:(?i:year[\s-]earlier|year[\s-]ago|prior[\s-]year)\s+"
                        r"(?P<unit>(?i:quarter|period|month|half|season))(?!\w)"
                        r"|(?i:same)\s+(?P<unit2>(?i:quarter|period|month|half|season))\s+"
                        r"(?i:last\s+year|a\s+year\s+(?:earlier|ago|before))(?!\w))", resolve_year_before),
        ("fiscal_year", start + r"(?:(?P<y1>(?:19|20)\d\d)\s+(?i:fiscal)\s+(?i:year)"
                        r"|(?i:fiscal)(?:\s+(?i:year))?\s+(?P<y2>(?:19|20)\d\d)"
                        r"|FY\s?(?P<y3>(?:19|20)?\d\d))(?!\w)(?![-–/.]\d)", resolve_fiscal_year),
        ("year_range_end", r"(?<=\d\d\d\d[-–])(?P<y>\d\d(?:\d\d)?)(?![\d\w])", resolve_year_range_end),
        ("decade", start + r"(?:(?i:the)\s+(?=(?i:early|mid|late)))?"
                   rf"(?:(?P<mod>{p.modifier})[\s-]+)?(?:(?i:the)\s+)?(?:(?P<d4>(?:1\d|20)\d0)'?s"
                   r"|['’](?P<d2>\d0)s|(?<=(?i:the) )(?P<d2x>\d0)s"
                   r"|(?<=(?i:the) )(?P<dw>(?i:twenties|thirties|forties"
                   r"|fifties|sixties|seventies|eighties|nineties)))(?!\w)", resolve_decade),
        ("century", start + rf"(?:(?i:the)\s+)?(?:(?P<mod>(?i:early|mid|late))[\s-]+)?(?P<ord>{p.ordinal})"
                    r"[\s-]+(?i:century)(?!\w)", resolve_century),
        ("season", start + r"(?:(?P<the>(?i:the))\s+)?"
                   rf"(?:(?P<rel>(?i:this|last|next|coming|past))\s+|(?P<that>(?i:that))\s+"
                   rf"|(?P<mod>{p.modifier})[\s-]+)?"
                   rf"(?P<season>{p.season})(?:\s+(?:of\s+)?(?P<y>{p.year}))?", resolve_season),
        ("quarter", start + r"(?:(?i:the)\s+)?(?:(?P<fiscal>(?i:fiscal))[\s-]+)?"
                    r"(?P<ord>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))"
                    r"[\s-]+(?P<kind>(?i:quarter|half))(?!\w)(?:\s+(?:of\s+)?(?:(?P<y>(?:19|20)\d\d)(?!\d)"
                    r"|(?P<rel>(?i:this|last|next|the)\s+year)))?", resolve_quarter),
        ("quarter_code", r"(?<!\w)(?P<q>Q[1-4]|H[12])(?:\s+(?P<y>(?:19|20)\d\d))?(?!\w)",
         resolve_quarter),
        ("ordinal_of_month", start + rf"(?i:the)\s+(?P<ord>{p.ordinal})\s+(?i:of)\s+"
                             r"(?P<rel>(?i:last|next|this|the\s+previous|the\s+following))\s+(?i:month)(?!\w)",
         resolve_ordinal_of_month),
        ("ordinal_day", start + rf"(?i:the)\s+(?P<ord>{p.ordinal})(?![\w-])(?!\s+(?i:of\s+)?[a-zA-Z])",
         resolve_ordinal_day),
        ("holiday", start + rf"(?:(?P<rel>(?i:last|next|this))\s+)?(?P<name>{p.holiday})"
                    rf"(?:\s+(?P<y>{p.year}))?", resolve_holiday),
        # "every Monday", "on Mondays", "each spring", "(once) every four years", "twice a week"
        ("set", start + rf"(?:(?P<phrase>{p.set_phrase})"
                rf"|(?i:every|each)\s+(?:(?i:other)\s+)?(?P<wd>{p.weekday})"
                rf"|(?P<wdp>{p.weekday_name.removesuffix(_NOT_A_WORD_AFTER)})s(?!\w)"
                r"|(?<=(?i:on) )(?P<weekends>(?i:weekends))(?!\w)"
                rf"|(?i:every|each)\s+(?P<season>{p.season})"
                r"|(?:(?i:once|twice|thrice|\w+\s+times)\s+)?(?i:every|each)\s+(?P<num>" + p.number
                + rf")\s+(?P<unit>{p.plural_unit})"
                rf"|(?i:once|twice|thrice|\w+\s+times)\s+(?i:a|an|per|every|each)\s+(?P<unit2>{p.singular_unit}))",
         _resolve_set_any),
        ("same_time", start + r"(?:(?:(?i:the\s+same|that))\s+(?P<unit>(?i:day|week|month|year|morning"
                      r"|afternoon|evening|night))(?!\w)(?!\s+(?i:of|that|when|after|before)\b)"
                      r"|(?<=(?i:at) )(?i:the|that)\s+(?i:time)(?!\w)(?!\s+(?i:of|when|that|to|being|given"
                      r"|set|agreed|appointed|scheduled|specified|stated|allotted)\b))",
         resolve_same_time),
        ("since_event", start + r"(?i:since)\s+(?:(?i:the)\s+)?(?:(?i:start|beginning|end|outbreak)\s+of\s+"
                        rf"(?:(?i:the)\s+)?)?(?P<noun>{p.event_noun})", resolve_since_event),
    ]
    return tuple(Rule(name, re.compile(pattern), resolver, frozenset(_RULE_NEEDS[name]))
                 for name, pattern, resolver in rules)


def _resolve_fraction_any(match: re.Match[str], ctx: Context) -> Reading | None:
    unit = match["unit"] or match["unit2"] or match["unit3"]
    whole = 1.0 if match["num2"] else (0.0 if match["unit3"] else _number(match["num"], ctx.lexicon))
    if whole is None:
        return None
    return Reading("DURATION", duration_value(whole + 0.5, unit, ctx.lexicon), "duration", None,
                   mod=_duration_mod(match, ctx))


def _resolve_set_any(match: re.Match[str], ctx: Context) -> Reading | None:
    if match["unit2"]:
        return Reading("SET", duration_value(1, match["unit2"], ctx.lexicon), "duration", None)
    return resolve_set(match, ctx)


# --- the tagger ----------------------------------------------------------------------------------------

# A clock time and the day it is on, written next to each other ("15:00 GMT Saturday", "9 a.m. on Monday").
_TIME_DAY_JOINER = re.compile(r"(?:,?\s+(?:on\s+)?|\s*,\s*)$")
_DAY_TIME_JOINER = re.compile(r"^(?:,?\s+(?:at\s+)?)$")


@dataclass(frozen=True, slots=True)
class Tagger:
    """The rules and the words that can be part of a time expression: each rule only runs on windows of
    text around a word of a kind it needs, which keeps the tagger fast on long articles."""

    rules: tuple[Rule, ...]
    trigger_kinds: dict[str, frozenset[str]]  # lower-case word -> kinds


_TOKEN = re.compile(r"\w+")
_WINDOW_MARGIN = 40  # characters around a trigger word; longer than the expressions the rules build


def _trigger_kinds(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}

    def add(kind: str, words: Iterable[str]) -> None:
        for word in words:
            kinds.setdefault(word.lower(), set()).add(kind)

    def last_words(phrases: Iterable[str]) -> list[str]:
        return [_TOKEN.findall(phrase.lower())[-1] for phrase in phrases]

    add("month", lexicon.months)
    add("weekday", lexicon.weekdays)
    add("set", [*(name + "s" for name in lexicon.weekdays), "weekends"])  # "on Mondays", "on weekends"
    add("unit", lexicon.units)
    add("unit", [form + "long" for form in lexicon.units])  # "monthslong", "weeklong"
    add("season", lexicon.seasons)
    add("part_of_day", lexicon.parts_of_day)
    add("ordinal", [word.split("-")[-1] for word in lexicon.ordinals])
    add("fuzzy", last_words(lexicon.fuzzy))
    add("set", [*last_words(lexicon.sets), "every", "each", "once", "twice", "thrice", "times"])
    add("holiday", last_words(lexicon.holiday_names))
    add("relative_day", ["today", "tonight", "yesterday", "tomorrow"])
    add("overnight", ["overnight"])
    add("clock_word", ["noon", "midnight", "midday"])
    add("since", ["since"])
    add("quarter", ["quarter", "half", "q1", "q2", "q3", "q4", "h1", "h2"])
    add("weekend", ["weekend"])
    add("time_word", ["time"])
    add("decade_word", _DECADE_WORDS)
    # "FY2016" and "FY16" are one word each
    add("fiscal", ["fiscal", "fy", *(f"fy{year}" for year in range(1950, 2100)),
                   *(f"fy{year:02d}" for year in range(100))])
    return {word: frozenset(found) for word, found in kinds.items()}


def build_tagger(lexicon: Lexicon) -> Tagger:
    return Tagger(build_rules(build_pieces(lexicon)), _trigger_kinds(lexicon))


@cache
def default_tagger() -> Tagger:
    return build_tagger(default_lexicon())


_DIGIT_KINDS = frozenset({"digit"})


_BEFORE_WINDOW = re.compile(r"\S*$")
_AFTER_WINDOW = re.compile(r"\S*")


def _trigger_hits(text: str, tagger: Tagger) -> list[tuple[int, int, frozenset[str]]]:
    """(window start, window end, kinds) for every trigger word; windows are cut at whitespace."""
    hits = []
    kinds_of = tagger.trigger_kinds.get
    length = len(text)
    # Lower-case word by word: lower-casing the whole text can change its length ("İ") and so offsets.
    for token in _TOKEN.finditer(text):
        word = token.group()
        kinds = _DIGIT_KINDS if word[0].isdigit() else kinds_of(word.lower())
        if kinds:
            start = max(0, token.start() - _WINDOW_MARGIN)
            start = _BEFORE_WINDOW.search(text, max(0, start - 30), start).start()  # type: ignore[union-attr]
            end = _AFTER_WINDOW.match(text, min(length, token.end() + _WINDOW_MARGIN)).end()  # type: ignore[union-attr]
            hits.append((start, end, kinds))
    return hits


def _windows(hits: list[tuple[int, int, frozenset[str]]], needs: frozenset[str]) -> list[tuple[int, int]]:
    """Merged windows around the trigger words of the needed kinds."""
    windows: list[tuple[int, int]] = []
    for start, end, kinds in hits:
        if kinds.isdisjoint(needs):
            continue
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    order: int
    reading: Reading


def _candidates(text: str, ctx: Context, tagger: Tagger) -> Iterator[_Candidate]:
    hits = _trigger_hits(text, tagger)
    windows_by_needs: dict[frozenset[str], list[tuple[int, int]]] = {}
    for order, rule in enumerate(tagger.rules):
        if rule.needs not in windows_by_needs:
            windows_by_needs[rule.needs] = _windows(hits, rule.needs)
        for window_start, window_end in windows_by_needs[rule.needs]:
            for match in rule.pattern.finditer(text, window_start, window_end):
                if match.end() == match.start():
                    continue
                try:
                    reading = rule.resolve(match, ctx)
                except (ValueError, OverflowError):
                    # Arithmetic off the calendar ("1999 centuries ago", year 0): not a usable date.
                    continue
                if reading is not None:
                    yield _Candidate(match.start(), match.end(), order, reading)


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first; an earlier rule wins a tie; nothing overlaps what was already taken."""
    taken: list[_Candidate] = []
    occupied: list[tuple[int, int]] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.order, c.start)):
        if any(candidate.start < end and start < candidate.end for start, end in occupied):
            continue
        taken.append(candidate)
        occupied.append((candidate.start, candidate.end))
    return sorted(taken, key=lambda c: c.start)


def _merge_time_and_day(text: str, chosen: list[_Candidate]) -> list[_Candidate]:
    merged: list[_Candidate] = []
    for candidate in chosen:
        if merged:
            previous = merged[-1]
            between = text[previous.end:candidate.start]
            # The day side must be a bare calendar day: "two hours ago" is day-precise but already carries
            # a clock time, and gluing another one on would give "...T22:00:00T15:00".
            time_then_day = (previous.reading.type == "TIME" and "T" in previous.reading.value
                             and previous.reading.value[11:12].isdigit()
                             and candidate.reading.precision == "day" and "T" not in candidate.reading.value
                             and _TIME_DAY_JOINER.match(between))
            day_then_time = (previous.reading.precision == "day" and "T" not in previous.reading.value
                             and candidate.reading.type == "TIME"
                             and candidate.reading.value[11:12].isdigit() and _DAY_TIME_JOINER.match(between))
            if time_then_day or day_then_time:
                time_reading, day_reading = ((previous, candidate) if time_then_day
                                             else (candidate, previous))
                clock = time_reading.reading.value.split("T", 1)[1]
                value = f"{day_reading.reading.value}T{clock}"
                reading = Reading("TIME", value, "time", day_reading.reading.span)
                merged[-1] = _Candidate(previous.start, candidate.end, previous.order, reading)
                continue
        merged.append(candidate)
    return merged


# --- narrative anchoring ----------------------------------------------------------------------------------

# The precisions an anchor must have for each unit an anchored expression counts in.
_FINE_ENOUGH: dict[str, frozenset[str]] = {
    "day": frozenset({"day", "time"}), "night": frozenset({"day", "time"}),
    "week": frozenset({"day", "time", "week"}),
    "month": frozenset({"day", "time", "month"}),
    "quarter": frozenset({"day", "time", "month", "quarter"}),
    "year": frozenset({"day", "time", "week", "month", "quarter", "season", "year"}),
    "decade": frozenset({"day", "time", "week", "month", "quarter", "season", "year", "decade"}),
}
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:1[0-9]|20)\d\d(?!\d)")
_CLOCK_VALUE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")


def _can_anchor(reading: Reading) -> bool:
    """A date the text gave that later expressions may count from: a calendar unit, not "now"."""
    span = reading.span
    return (reading.type in ("DATE", "TIME") and reading.narrative is None and not reading.anchored_to_event
            and reading.precision not in ("fuzzy", "duration") and span is not None
            and span.start is not None and span.end is not None)


def _anchored_reading(reading: Reading, anchor: Reading, text: str, candidate_start: int,
                      anchor_start: int) -> Reading | None:
    """`reading` given the anchor; None to drop a placeholder, `reading` itself to leave it as it was."""
    narrative = reading.narrative
    assert narrative is not None and anchor.span is not None and anchor.span.start is not None
    anchor_day = anchor.span.start
    if narrative.kind == "same":
        if narrative.unit == "time":
            return replace(anchor, narrative=None, mod=None)
        if narrative.unit.startswith("T"):  # "that night": the anchor's day, at that part of the day
            if anchor.precision not in _FINE_ENOUGH["day"]:
                return None
            value = f"{anchor_day.isoformat()}{narrative.unit}"
            return Reading("TIME", value, "time", TimeSpan.day(anchor_day))
        if anchor.precision not in _FINE_ENOUGH[narrative.unit]:
            return None
        return _calendar_reading(anchor_day, _UNIT_PRECISION[narrative.unit])
    if narrative.kind == "shift":
        clock = _CLOCK_VALUE.match(anchor.value) if anchor.type == "TIME" else None
        if narrative.unit in ("minute", "hour") and clock is not None:
            # "eight minutes later" after "left at 6:32 p.m.": that clock time moved, a TIME
            moment = (dt.datetime.fromisoformat(clock.group())
                      + _relativedelta(narrative.amount, narrative.unit))
            return Reading("TIME", moment.strftime("%Y-%m-%dT%H:%M"), "time", TimeSpan.day(moment.date()))
        if anchor.precision not in _FINE_ENOUGH.get(narrative.unit, frozenset()):
            return reading  # "two days later" after "in March": no day to count from
        moved = anchor_day + _relativedelta(narrative.amount, narrative.unit)
        precision = _UNIT_PRECISION[narrative.unit]
        if precision in ("decade", "century") and anchor.precision in _FINE_ENOUGH["year"]:
            precision = "year"  # "A decade later" after 1973 is 1983, a year as "Four years later" is
        return _calendar_reading(moved, precision)
    if narrative.kind == "weekday_after":
        if anchor.precision not in _FINE_ENOUGH["day"] or reading.span is None:
            return reading
        ahead = (narrative.weekday - anchor_day.isoweekday()) % 7 or 7
        day = anchor_day + dt.timedelta(days=ahead)
        if reading.type == "TIME":
            return Reading("TIME", day.isoformat() + reading.value[10:], "time", TimeSpan.day(day))
        return replace(_day_reading(day), mod=reading.mod)
    if narrative.kind == "day_part_shift":
        if anchor.precision not in _FINE_ENOUGH["day"]:
            return None
        day = anchor_day + dt.timedelta(days=int(narrative.amount))
        return Reading("TIME", f"{day.isoformat()}{narrative.unit}", "time", TimeSpan.day(day))
    if narrative.kind == "apposition":
        if anchor.precision == "day" and anchor_day.isoweekday() == narrative.weekday:
            return _day_reading(anchor_day)
        return reading
    if narrative.kind == "year_before":
        return _year_before(anchor) or reading
    if narrative.kind == "day_part":
        if anchor.precision not in _FINE_ENOUGH["day"]:
            return reading
        return Reading("TIME", anchor_day.isoformat() + reading.value[10:], "time", TimeSpan.day(anchor_day))
    if narrative.kind == "clock_day":
        # "... stabbed on Friday night. Police believe he went to the house around 8 p.m.": the story's day,
        # when it was given in this sentence or the one before (further back it may be another story).
        sentence_start, _ = sentence_bounds(text, candidate_start, candidate_start + 1)
        previous_start = (sentence_bounds(text, sentence_start - 2, sentence_start - 1)[0]
                          if sentence_start >= 2 else 0)
        if anchor.precision not in _FINE_ENOUGH["day"] or anchor_start < previous_start:
            return reading
        return Reading("TIME", anchor_day.isoformat() + reading.value[10:], "time", TimeSpan.day(anchor_day))
    if reading.span is None or reading.span.start is None or anchor.value.startswith("FY"):
        return reading
    if narrative.kind == "story_year":  # "That December": the year the story is in
        return _in_year(reading, anchor_day.year)
    # year_of_sentence: a year written in the same sentence before it decides; a fiscal year is not
    # the calendar year of that name ("fiscal 2020, which starts July 1" in May 2019 is 2019-07-01).
    sentence_start, _ = sentence_bounds(text, candidate_start, candidate_start + 1)
    if anchor_start >= sentence_start and _YEAR_IN_TEXT.search(text, anchor_start, candidate_start):
        return _in_year(reading, anchor_day.year)
    return reading


def _in_year(reading: Reading, year: int) -> Reading:
    """`reading` (a month, day or season without a written year) moved into `year`."""
    assert reading.span is not None and reading.span.start is not None
    if reading.span.start.year == year:
        return replace(reading, narrative=None)
    try:
        moved = reading.span.start.replace(year=year)
    except ValueError:  # 29 February
        return reading
    return replace(_calendar_reading(moved, reading.precision), mod=reading.mod)


_DATED_PERIOD = re.compile(r"^(?P<fiscal>FY)?(?P<year>\d{4})(?P<rest>-(?:Q[1-4]|H[12]|\d\d|SP|SU|FA|WI))?$")


def _year_before(anchor: Reading, years: int = 1) -> Reading | None:
    """The period the anchor names, `years` before, at the anchor's own grain (1989-Q3 -> 1988-Q3,
    2001-11 -> 2000-11); a day or week anchor gives the year before (the period compared is not a day)."""
    found = _DATED_PERIOD.match(anchor.value) if anchor.type == "DATE" else None
    assert anchor.span is not None and anchor.span.start is not None
    if found is None:
        return _calendar_reading(anchor.span.start - relativedelta(years=years), "year")
    span = anchor.span
    moved = TimeSpan(span.start - relativedelta(years=years) if span.start else None,
                     span.end - relativedelta(years=years) if span.end else None)
    return Reading("DATE", f"{found['fiscal'] or ''}{int(found['year']) - years:04d}{found['rest'] or ''}",
                   anchor.precision, moved)


_PERIOD_GRAINS = frozenset({"month", "quarter", "season"})


def _years_back(reading: Reading, period: _Candidate | None, anchor: _Candidate | None, text: str,
                start: int) -> tuple[Reading | None, bool]:
    """"a year earlier" / "a year ago" (see Narrative), and whether it read a period of its sentence (then
    it is the period compared with, a side remark that does not become the story's anchor)."""
    narrative = reading.narrative
    assert narrative is not None
    years = int(narrative.amount)
    sentence_start, _ = sentence_bounds(text, start, start + 1)
    if period is not None and period.start >= sentence_start:
        return _year_before(period.reading, years), True
    if reading.type != "DURATION" or anchor is None:  # "ago" from the DCT, as read; "earlier" unanchored
        return replace(reading, narrative=None), False
    shift = replace(reading, narrative=Narrative("shift", "year", -years))
    moved = _anchored_reading(shift, anchor.reading, text, start, anchor.start)
    return (None if moved is None else replace(moved, narrative=None)), False


def resolve_year_before(match: re.Match[str], ctx: Context) -> Reading | None:
    """"the year-earlier quarter", "the same period last year": with no date before it, the DCT's quarter (or
    year) a year back; after a date, that date's period a year back (see _anchor_narrative)."""
    unit = (match["unit"] or match["unit2"]).lower()
    last_year = ctx.dct - relativedelta(years=1)
    grain: Precision = "quarter" if unit == "quarter" else "month" if unit == "month" else "year"
    own = _calendar_reading(last_year, grain)
    return replace(own, narrative=Narrative("year_before", unit="year"))


def _anchor_narrative(text: str, chosen: list[_Candidate], dct: dt.date) -> list[_Candidate]:
    """Resolve the expressions that count from the last date the text gave (TimeML's anchoring):
    "1789 - ... naming November 26" is 1789-11-26, "the next day" after Friday, February 3 is February 4,
    "Four years later" after 1978 is 1982, "at the time" after "the summer of 2010" is 2010-SU.
    An expression with nothing to lean on keeps its own reading (durations anchored to an event stay so
    for the events stage); a placeholder ("that day" with no date before it) is dropped."""
    result: list[_Candidate] = []
    anchor: _Candidate | None = None
    period: _Candidate | None = None  # the last month, quarter, half or season named
    for candidate in chosen:
        reading = candidate.reading
        # the period compared with is a side remark: the story stays at the anchor ("the year-earlier
        # quarter ... the year-earlier period" are the same period)
        compared = reading.narrative is not None and reading.narrative.kind == "year_before"
        # "In 2012 it moved; the previous year it had nearly run out of cash. Two years later it listed":
        # a step back from the story's date is an aside, and the story goes on from the date before it
        flashback = (anchor is not None and reading.narrative is not None and reading.type == "DURATION"
                     and (reading.narrative.kind == "years_back"
                          or (reading.narrative.kind == "shift" and reading.narrative.amount < 0)))
        if reading.narrative is not None and reading.narrative.kind == "years_back":
            resolved_back, compared = _years_back(reading, period, anchor, text, candidate.start)
            if resolved_back is None:
                continue
            reading = resolved_back
            candidate = replace(candidate, reading=reading)
        if reading.narrative is not None and reading.narrative.kind == "year_before" and period is not None \
                and period.start >= sentence_bounds(text, candidate.start, candidate.start + 1)[0]:
            # "profit for the third quarter rose on Tuesday from the same period last year": the period
            # compared is the one the sentence names, not the day of the report
            reading = replace(_year_before(period.reading), narrative=None)
            candidate = replace(candidate, reading=reading)
        if reading.narrative is not None:
            resolved: Reading | None = reading
            if anchor is not None:
                resolved = _anchored_reading(reading, anchor.reading, text, candidate.start, anchor.start)
            elif reading.narrative.from_dct:
                shift = reading.narrative
                resolved = _calendar_reading(dct + _relativedelta(shift.amount, shift.unit),
                                             _UNIT_PRECISION[shift.unit])
            elif reading.narrative.kind == "same" and reading.narrative.unit == "time":
                # "at the time" with no date before it: some time in the past, as TimeML writes it (no
                # span: it dates no act)
                resolved = Reading("DATE", "PAST_REF", "fuzzy", None)
            elif reading.narrative.kind in ("same", "day_part_shift"):
                resolved = None
            if resolved is None or (resolved.narrative is not None and resolved.narrative.kind == "same"):
                continue
            candidate = replace(candidate, reading=replace(resolved, narrative=None))
        result.append(candidate)
        if _can_anchor(candidate.reading) and not compared and not flashback:
            anchor = candidate
            if candidate.reading.precision in _PERIOD_GRAINS:
                period = candidate
    return result


# "six days a week", "10 months a year", "three times a year": "a <unit>" after an amount is how often.
_FREQUENCY_AFTER_AMOUNT = re.compile(r"(?i:a|an|per)\s+(?P<unit>\w+)")
_TIMES_BEFORE = re.compile(r"(?i:\b(?:once|twice|thrice|times))\s+$")


def _frequencies_after_amounts(text: str, chosen: list[_Candidate], lexicon: Lexicon) -> list[_Candidate]:
    result: list[_Candidate] = []
    for candidate in chosen:
        reading = candidate.reading
        match = _FREQUENCY_AFTER_AMOUNT.fullmatch(text, candidate.start, candidate.end)
        if reading.type == "DURATION" and match and match["unit"].lower() in lexicon.units:
            previous = result[-1] if result else None
            after_duration = (previous is not None and previous.reading.type == "DURATION"
                              and not text[previous.end:candidate.start].strip())
            if after_duration or _TIMES_BEFORE.search(text, max(0, candidate.start - 12), candidate.start):
                value = duration_value(1, match["unit"], lexicon)
                candidate = replace(candidate, reading=Reading("SET", value, "duration", None))
        result.append(candidate)
    return result


def find_timexes(text: str, dct: dt.date | dt.datetime, *, day_first: bool = True,
                 tense: Tense | None = None, lexicon: Lexicon | None = None) -> list[Timex]:
    """Every time expression in `text`, in order, normalised against the document time `dct`.

    `tense` forces the tense used to place weekdays and months (otherwise read from each sentence);
    `lexicon` replaces the shipped word lists (tests, other languages' data)."""
    if lexicon is None:
        tagger = default_tagger()
        lexicon = default_lexicon()
    else:
        tagger = build_tagger(lexicon)
    ctx = Context(text, dct, lexicon, day_first, tense)
    chosen = _merge_time_and_day(text, _select(list(_candidates(text, ctx, tagger))))
    chosen = _frequencies_after_amounts(text, chosen, lexicon)
    chosen = _anchor_narrative(text, chosen, ctx.dct)
    return [
        Timex(start=c.start, end=c.end, text=text[c.start:c.end], type=c.reading.type,
              value=c.reading.value, precision=c.reading.precision, span=c.reading.span,
              anchored_to_event=c.reading.anchored_to_event, direction=c.reading.direction,
              mod=c.reading.mod)
        for c in chosen
    ]


def normalize(expression: str, dct: dt.date | dt.datetime, *,
              tense: Tense | None = None, day_first: bool = True) -> Timex | None:
    """The meaning of one time expression ("the fifth of last January", "recently") at document time
    `dct`; None when nothing in it is a time expression. Offsets refer to `expression`."""
    found = find_timexes(expression, dct, tense=tense, day_first=day_first)
    if not found:
        return None
    return max(found, key=lambda timex: (timex.end - timex.start, -timex.start))


def shift(span: TimeSpan, amount: Duration | str | dt.timedelta | Timex,
          direction: Direction) -> TimeSpan:
    """The span `amount` before or after `span`: "The decision came two days after X" gives X's date as
    shift(decision_span, "P2D", "before"). Open ends stay open; a vague amount ("PXD") cannot shift."""
    delta = _as_relativedelta(amount)
    sign = -1 if direction == "before" else 1
    # Spans are of whole days: an amount under a day ("10 minutes after") leaves the day as it is, and
    # the clock part of a larger one is dropped (adding hours to a date would give a datetime).
    delta = relativedelta(years=delta.years, months=delta.months, days=delta.days)

    def moved(day: dt.date | None) -> dt.date | None:
        return None if day is None else cal.shift_date(day, delta, sign)

    return TimeSpan(moved(span.start), moved(span.end))


def _as_relativedelta(amount: Duration | str | dt.timedelta | Timex) -> relativedelta:
    if isinstance(amount, Timex):
        if amount.type != "DURATION":
            raise ValueError(f"shift needs a DURATION, got {amount.type} {amount.text!r}")
        amount = amount.value
    if isinstance(amount, str):
        amount = Duration.parse(amount)
    if isinstance(amount, dt.timedelta):
        return relativedelta(days=amount.days, seconds=amount.seconds)
    if amount.vague:
        raise ValueError("a vague duration (e.g. PXD) has no amount to shift by")
    parts = amount.as_relativedelta_parts()
    whole = {name: int(value) for name, value in parts.items()}
    extra_days = sum((value - int(value)) * factor for (name, value), factor in
                     zip(parts.items(), (365.25, 30.44, 7, 1, 1 / 24, 1 / 1440, 1 / 86400), strict=True))
    return relativedelta(**whole) + relativedelta(days=round(extra_days))

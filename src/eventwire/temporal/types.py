"""The records of the temporal stage: a time expression found in text and the calendar span it denotes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Precision = Literal[
    "day", "week", "month", "quarter", "season", "year", "decade", "century", "time", "fuzzy", "duration"
]
Direction = Literal["before", "after"]


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """Calendar days covered, both ends inclusive. None on a side means the range is open there
    ("since the killing" has no known start; "in the future" has no end)."""

    start: dt.date | None
    end: dt.date | None

    @classmethod
    def day(cls, day: dt.date) -> TimeSpan:
        return cls(day, day)

    @property
    def is_open(self) -> bool:
        return self.start is None or self.end is None

    def as_json(self) -> dict[str, str | None]:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }


_DURATION = re.compile(
    r"^P(?:(?P<years>[\d.]+|X)Y)?(?:(?P<months>[\d.]+|X)M)?(?:(?P<weeks>[\d.]+|X)W)?(?:(?P<days>[\d.]+|X)D)?"
    r"(?:(?P<decades>[\d.]+|X)DE)?(?:(?P<centuries>[\d.]+|X)CE)?(?:(?P<quarters>[\d.]+|X)Q)?"
    r"(?:T(?:(?P<hours>[\d.]+|X)H)?(?:(?P<minutes>[\d.]+|X)M)?(?:(?P<seconds>[\d.]+|X)S)?)?$"
)


@dataclass(frozen=True, slots=True)
class Duration:
    """An amount of calendar time. `vague` is set for "several years" (TimeML PXY): no exact amount."""

    years: float = 0
    months: float = 0
    weeks: float = 0
    days: float = 0
    hours: float = 0
    minutes: float = 0
    seconds: float = 0
    vague: bool = False

    @classmethod
    def parse(cls, value: str) -> Duration:
        """Read a TimeML duration value such as "P2D", "PT3H", "P1DE" or "PXY"."""
        found = _DURATION.match(value.strip())
        if not found or value.strip() in ("P", "PT"):
            raise ValueError(f"not a TimeML duration: {value!r}")
        parts = {name: text for name, text in found.groupdict().items() if text is not None}
        vague = any(text == "X" for text in parts.values())
        amounts = {name: (0.0 if text == "X" else float(text)) for name, text in parts.items()}
        years = amounts.pop("years", 0) + 10 * amounts.pop("decades", 0) + 100 * amounts.pop("centuries", 0)
        months = amounts.pop("months", 0) + 3 * amounts.pop("quarters", 0)
        return cls(years=years, months=months, vague=vague, **amounts)

    def as_relativedelta_parts(self) -> dict[str, float]:
        return {"years": self.years, "months": self.months, "weeks": self.weeks, "days": self.days,
                "hours": self.hours, "minutes": self.minutes, "seconds": self.seconds}


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: where it is in the text and what it means.

    `value` follows TimeML (TIMEX3): "2020-01-05", "2013-W11", "2020-SU", "199" (a decade), "PAST_REF", "P2D".
    `anchored_to_event` marks an offset from another event ("two days after the attack"): `value` is then
    the duration and `direction` says on which side of that event this expression's time lies, so the
    events stage can compute the date with `shift`.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    precision: Precision
    span: TimeSpan | None = None
    anchored_to_event: bool = False
    direction: Direction | None = None
    mod: str | None = None  # TimeML mod: START, MID, END, APPROX, MORE_THAN, LESS_THAN, ...

    def as_json(self) -> dict[str, object]:
        record: dict[str, object] = {
            "start": self.start, "end": self.end, "text": self.text, "type": self.type, "value": self.value,
        }
        return record

    def as_full_json(self) -> dict[str, object]:
        return {
            **self.as_json(),
            "precision": self.precision,
            "span": self.span.as_json() if self.span else None,
            "anchored_to_event": self.anchored_to_event,
            "direction": self.direction,
            "mod": self.mod,
        }

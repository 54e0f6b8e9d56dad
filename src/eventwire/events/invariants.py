"""What every event record must satisfy, checked where records are made and again where they are stored.

A record that breaks an invariant is repaired here when the repair is certain (a clock time cut from a
day-precision date, an address cut from an actor phrase), and otherwise dropped with a counted reason:
nothing downstream (store, exports, the web page) ever sees a broken record. The checks read the public
record (`Event.as_json()`), so the store can apply the same ones to what it is about to write.

Invariants (docs/events.md, "Record invariants"):
- date: `start`/`end` are ISO dates (no clock time), `start <= end`, the span fits its precision (a
  day-precision date is one day, a month-precision one within a month...), and a year far from the
  publication is only kept when the expression names it (a year, decade or century written out) and is
  then marked `historical`;
- actors: a noun phrase as written in the text (offsets reproduce it), without a street address, an age
  or a byline;
- evidence: the offsets reproduce the sentence in the article text, the trigger lies inside it;
- location: valid coordinates (both or neither), latitude in [-90, 90], longitude in [-180, 180], and a
  located place has a level (country, admin1, admin2, city, feature).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from eventwire.addresses import STREET_TYPES, UNIT_TYPES
from eventwire.events.records import ActorRef, Event, EventDate

# Years this far before or after the publication need an expression that names them.
HISTORICAL_YEARS_BEFORE = 30
FUTURE_YEARS_AFTER = 10
# The longest span, in days, each precision may cover (a month-precision date is within one month...).
_MAX_SPAN_DAYS = {"day": 1, "time": 1, "week": 7, "month": 31, "quarter": 92, "season": 93, "year": 366,
                  "decade": 3653, "century": 36525}
# What a located place is; areas (country, admin1, admin2) carry a representative point, not a position.
PLACE_LEVELS = ("country", "admin1", "admin2", "city", "feature")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# An expression that names a year, decade or century ("in 1979", "the 1990s", "the 14th century").
_NAMES_A_YEAR = re.compile(r"\b\d{3,4}s?\b|\bcentur(?:y|ies)\b|\bdecades?\b|\bmillenni", re.IGNORECASE)
# What follows the noun phrase of a person in crime and court reports: ", 19," (age), ", of 1205 Lone Oak
# Road" (address), "1119 Eighth St." (address), "By Jane Doe" (byline).
_STREET = rf"(?:{STREET_TYPES}|{UNIT_TYPES})\b\.?"
_ADDRESS = re.compile(rf"\b\d{{1,6}}\s+(?:[A-Z0-9][\w'.-]*\s+){{0,4}}{_STREET}|\bblock of\b", re.UNICODE)
_AGE_OR_ADDRESS_TAIL = re.compile(
    rf",\s*(?:(?:age[ds]?\s+)?\d{{1,3}}\s*(?:,|$)|(?:of|from)\s+\d{{1,6}}\s|\d{{1,6}}\s+(?:[\w'.-]+\s+){{0,4}}"
    rf"{_STREET})")
_BYLINE = re.compile(r"^(?:by|written by|reporting by)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken invariant: the record's field (dotted path), a stable kind (for counting) and details."""

    field: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.field}: {self.detail}"


class InvalidRecord(ValueError):
    """A record that breaks an invariant reached a place that must not take it (the store)."""

    def __init__(self, event_id: str, violations: list[Violation]) -> None:
        self.event_id = event_id
        self.violations = violations
        super().__init__(f"event {event_id}: " + "; ".join(str(v) for v in violations))


@dataclass
class Enforced:
    """The records that passed (some repaired), and the counts of what was repaired and dropped, by reason."""

    events: list[Event]
    repaired: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)


@dataclass
class CheckTally:
    """Repairs and drops counted over many documents (a coder keeps one; engines hand it over per batch)."""

    repaired: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)

    def add(self, other: Enforced | CheckTally) -> None:
        self.repaired.update(other.repaired)
        self.dropped.update(other.dropped)

    def take(self) -> CheckTally:
        """What was counted since the last take, and start counting afresh."""
        taken = CheckTally(self.repaired, self.dropped)
        self.repaired, self.dropped = Counter(), Counter()
        return taken


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _published_date(published: str | None) -> dt.date | None:
    return _date(published[:10]) if published else None


def date_problems(date: dict[str, Any] | None, published: str | None = None) -> list[Violation]:
    if not date:
        return []
    problems: list[Violation] = []
    start, end = _date(date.get("start")), _date(date.get("end"))
    for name, value, parsed in (("start", date.get("start"), start), ("end", date.get("end"), end)):
        if value is not None and parsed is None:
            problems.append(Violation(f"date.{name}", "not an ISO date", f"{value!r} is not YYYY-MM-DD"))
    if problems:
        return problems
    if start and end:
        if start > end:
            problems.append(Violation("date", "start after end", f"start {start} is after end {end}"))
            return problems
        limit = _MAX_SPAN_DAYS.get(str(date.get("precision")))
        days = (end - start).days + 1
        if limit is not None and days > limit:
            problems.append(Violation("date.precision", "span wider than the precision",
                                      f"{date.get('precision')} precision over {days} days"))
    day = _published_date(published)
    first = start or end
    if day and first and not date.get("historical") and not (
            day.year - HISTORICAL_YEARS_BEFORE <= first.year <= day.year + FUTURE_YEARS_AFTER):
        problems.append(Violation("date", "implausible year",
                                  f"year {first.year} far from the publication year {day.year} and not "
                                  "marked historical"))
    return problems


def actor_problems(actor: dict[str, Any], text: str | None, where: str) -> list[Violation]:
    phrase = actor.get("text") or ""
    if not phrase.strip():
        return [Violation(where, "empty actor phrase", "the actor has no text")]
    problems: list[Violation] = []
    if _ADDRESS.search(phrase) or _AGE_OR_ADDRESS_TAIL.search(phrase):
        problems.append(Violation(where, "address or age in an actor phrase", f"{phrase!r}"))
    if _BYLINE.match(phrase):
        problems.append(Violation(where, "byline as an actor", f"{phrase!r}"))
    if text is not None and text[actor.get("start", -1):actor.get("end", -1)] != phrase:
        problems.append(Violation(where, "actor offsets",
                                  f"offsets {actor.get('start')}-{actor.get('end')} do not give {phrase!r}"))
    return problems


def record_problems(record: dict[str, Any], text: str | None = None,
                    published: str | None = None) -> list[Violation]:
    """Every invariant `record` (the public JSON form of an event) breaks. `text` is the article text the
    offsets refer to, `published` its publication time; the checks that need them are skipped without."""
    problems = date_problems(record.get("date"), published)
    evidence = record.get("evidence") or {}
    start, end = evidence.get("start"), evidence.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        problems.append(Violation("evidence", "evidence offsets", f"bad sentence offsets {start}-{end}"))
        return problems
    if text is not None and text[start:end] != evidence.get("sentence"):
        problems.append(Violation("evidence", "evidence offsets", "offsets do not give the sentence"))
    trigger_start, trigger_end = evidence.get("trigger_start"), evidence.get("trigger_end")
    if not (isinstance(trigger_start, int) and isinstance(trigger_end, int)
            and start <= trigger_start < trigger_end <= end):
        problems.append(Violation("evidence.trigger", "trigger outside the sentence",
                                  f"trigger {trigger_start}-{trigger_end} is not inside {start}-{end}"))
    elif text is not None and text[trigger_start:trigger_end] != evidence.get("trigger"):
        problems.append(Violation("evidence.trigger", "trigger offsets", "offsets do not give the trigger"))
    for role in ("source", "target"):
        for position, actor in enumerate(record.get(role) or ()):
            problems += actor_problems(actor, text, f"{role}[{position}]")
    location = record.get("location")
    if location:
        lat, lon = location.get("lat"), location.get("lon")
        if (lat is None) != (lon is None):
            problems.append(Violation("location", "coordinates", "one coordinate without the other"))
        elif lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            problems.append(Violation("location", "coordinates", f"({lat}, {lon}) out of range"))
        elif lat is not None and location.get("level") not in PLACE_LEVELS:
            problems.append(Violation("location.level", "place without a level",
                                      f"a located place needs a level ({', '.join(PLACE_LEVELS)}), "
                                      f"not {location.get('level')!r}"))
    return problems


# --- repairs -----------------------------------------------------------------------------------------


def _repaired_date(date: EventDate, published: str | None) -> tuple[EventDate | None, list[str]]:
    """The date made valid, with what was done to it; None when it cannot be kept."""
    repairs: list[str] = []
    start, end = date.start, date.end
    if (start and len(start) > 10 and _date(start[:10])) or (end and len(end) > 10 and _date(end[:10])):
        start, end = start and start[:10], end and end[:10]  # "2019-09-30T00:10:00" at day precision
        repairs.append("date: clock time cut from a date")
        date = replace(date, start=start, end=end)
    kinds = {problem.kind for problem in date_problems(_shallow_date(date))}
    if kinds & {"not an ISO date", "start after end"}:
        return None, [*repairs, "date: invalid, publication date used"]
    if "span wider than the precision" in kinds:
        date = replace(date, precision="range")
        repairs.append("date: precision widened to the span")
    if date_problems(_shallow_date(date), published):  # only the implausible year is left
        if date.from_text and date.text and _NAMES_A_YEAR.search(date.text):
            return replace(date, historical=True), repairs
        return None, [*repairs, "date: implausible year, publication date used"]
    return date, repairs


def _shallow_date(date: EventDate) -> dict[str, Any]:
    return {"start": date.start, "end": date.end, "precision": date.precision, "historical": date.historical}


def _clean_actor(actor: ActorRef) -> tuple[ActorRef | None, str | None]:
    """The actor phrase without a trailing age or address or a leading byline; None when nothing is left."""
    phrase = actor.text
    cut = len(phrase)
    for pattern in (_AGE_OR_ADDRESS_TAIL, _ADDRESS):
        match = pattern.search(phrase)
        if match:
            cut = min(cut, match.start())
    byline = _BYLINE.match(phrase)
    if cut == len(phrase) and not byline:
        return actor, None
    begin = byline.end() if byline else 0
    head = phrase[begin:cut].rstrip(" ,;:-")
    if not any(ch.isalpha() for ch in head):
        return None, "actor: removed, only an address, age or byline"
    cleaned = replace(actor, text=head, start=actor.start + begin, end=actor.start + begin + len(head))
    if not (actor.name and actor.name.casefold() in head.casefold()):
        # the resolution may have come from the words cut off ("St." read as Saint Kitts and Nevis)
        cleaned = replace(cleaned, actor_id=None, name=None, country=None, role=None)
    return cleaned, "actor: address, age or byline cut from the phrase"


def enforce(events: Iterable[Event], text: str, published: str | None) -> Enforced:
    """Repair what can be repaired with certainty, drop the rest with a reason; the order is kept."""
    result = Enforced([])
    for event in events:
        repairs: list[str] = []
        if event.date is not None:
            date, done = _repaired_date(event.date, published)
            repairs += done
            event = replace(event, date=date if date is not None else _publication_date(published))
        roles: dict[str, tuple[ActorRef, ...]] = {}
        for role in ("source", "target"):
            kept: list[ActorRef] = []
            for actor in getattr(event, role):
                cleaned, reason = _clean_actor(actor)
                if reason:
                    repairs.append(reason)
                if cleaned is not None:
                    kept.append(cleaned)
            roles[role] = tuple(kept)
        event = replace(event, source=roles["source"], target=roles["target"])
        location = event.location
        if location is not None and location.lat is not None and location.lon is not None:
            if not (-90 <= location.lat <= 90 and -180 <= location.lon <= 180):
                event = replace(event, location=None)
                repairs.append("location: coordinates out of range removed")
            elif location.level not in PLACE_LEVELS:  # without a level a point could be a whole country
                event = replace(event, location=replace(location, lat=None, lon=None, geonameid=None))
                repairs.append("location: coordinates of a place without a level removed")
        problems = record_problems(event.as_json(), text, published)
        if problems:
            result.dropped[f"{problems[0].field.split('[')[0]}: {problems[0].kind}"] += 1
            continue
        result.repaired.update(repairs)
        result.events.append(event)
    return result


def _publication_date(published: str | None) -> EventDate | None:
    day = _published_date(published)
    return EventDate(day.isoformat(), day.isoformat(), "day", None, False) if day else None


__all__ = ["CheckTally", "Enforced", "InvalidRecord", "Violation", "enforce", "record_problems"]

"""The event record: the product. Field names here are the public format (see docs/event.schema.json)."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field, fields
from typing import Any, Literal


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _shallow(record: Any) -> dict[str, Any]:
    """A record of plain values as a dict. `dataclasses.asdict` deep-copies every value and cost a third
    of the store's write time; the parts of an event hold only strings and numbers."""
    return {name: getattr(record, name) for name in _field_names(type(record))}


Factuality = Literal["occurred", "planned", "promised", "threatened", "demanded", "refused", "denied",
                     "hypothetical"]


@dataclass(frozen=True, slots=True)
class ActorRef:
    """One participant as written in the text and as resolved in the knowledge base."""

    text: str
    start: int
    end: int
    actor_id: str | None = None
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3, or an organisation code for IGOs
    sector: str | None = None  # PLOVER sector: GOV, MIL, REB, CVL, ...
    role: str | None = None
    kind: str | None = None  # person, country, igo, group, agent, place, unknown

    @property
    def key(self) -> str:
        return self.actor_id or f"{self.country or '?'}:{self.sector or '?'}:{self.text.casefold()}"


@dataclass(frozen=True, slots=True)
class EventDate:
    start: str | None  # ISO date
    end: str | None
    precision: str  # day, week, month, year, range, fuzzy
    text: str | None  # the expression it was read from; None when from the publication time
    from_text: bool
    historical: bool = False  # far from the publication, kept because the expression names the year


@dataclass(frozen=True, slots=True)
class EventLocation:
    text: str
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    # How precise the place is: "country", "admin1", "admin2" (areas: lat/lon is only a representative
    # point, to be drawn as the area), "city" or "feature" (a point); None when unknown.
    level: str | None = None
    # What placed the event: "sentence" (a place its sentence names), "article" (the article's setting:
    # its dateline or the country it is about) or "actors" (the one country its actors belong to); the
    # last two are given at country level only. None when not recorded.
    basis: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: ActorRef | None
    reported: bool  # the event is known from what someone said


@dataclass(frozen=True, slots=True)
class Evidence:
    sentence: str
    start: int  # character offsets of the sentence in the article text
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int


@dataclass(frozen=True, slots=True)
class Action:
    """What a speech act is about: "committed to withdrawing its forces" -> RETREAT/withdraw, promised."""

    type: str | None
    mode: str | None
    cameo: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Count:
    """How many people a magnitude counts. `approximate`: the text gives no exact figure, and `value` is
    then a lower bound ("at least 25", "more than 200" -> 25, 200; "dozens", "hundreds", "thousands",
    "tens of thousands" -> 24, 200, 2,000, 20,000: twice the unit, the least the plural can mean) or the
    figure of an estimate ("about 300", "nearly 70", "up to 800", "some 50" -> the number written)."""

    value: int
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money: the number in currency units (2.5e9 for "$2.5 billion", 1e8 for "Rs 10 crore")
    and its ISO 4217 code (None when the text names no currency that can be told apart)."""

    amount: float
    currency: str | None
    approximate: bool = False


# The PLOVER manual's "information object for size" names dead, injured and arrested; participants (the
# size of a protest or crowd) and money are the fields it invites users to add (docs/magnitudes.md).
MAGNITUDE_COUNTS: tuple[str, ...] = ("dead", "injured", "arrested", "participants")


@dataclass(frozen=True, slots=True)
class Magnitudes:
    """The sizes the event's own clause gives (events/magnitudes.py reads them): people killed, injured,
    arrested, taking part; an amount of money. None where the text gives no figure."""

    dead: Count | None = None
    injured: Count | None = None
    arrested: Count | None = None
    participants: Count | None = None
    money: Money | None = None

    def __bool__(self) -> bool:
        return any(getattr(self, name) is not None for name in (*MAGNITUDE_COUNTS, "money"))

    def as_json(self) -> dict[str, Any]:
        """The record's "size" object: each count as a number, the approximate ones named in
        "approximate", money as {"amount", "currency", "approximate"}; fields without a figure left out."""
        size: dict[str, Any] = {}
        approximate = []
        for name in MAGNITUDE_COUNTS:
            count: Count | None = getattr(self, name)
            if count is not None:
                size[name] = count.value
                if count.approximate:
                    approximate.append(name)
        if approximate:
            size["approximate"] = approximate
        if self.money is not None:
            size["money"] = _shallow(self.money)
        return size


@dataclass(frozen=True, slots=True)
class Event:
    type: str | None  # PLOVER category; None for CAMEO-only codes (statements)
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    quad_class: int | None
    intensity: float | None
    factuality: Factuality
    source: tuple[ActorRef, ...]
    target: tuple[ActorRef, ...]
    evidence: Evidence
    confidence: float
    date: EventDate | None = None
    location: EventLocation | None = None
    attribution: Attribution | None = None
    action: Action | None = None
    article_id: str | None = None
    magnitudes: Magnitudes | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def event_id(self) -> str:
        """Stable across runs: the article, the sentence, the type and the actors."""
        parts = [self.article_id or "", str(self.evidence.start), str(self.evidence.trigger_start),
                 self.type or self.cameo, ",".join(a.key for a in self.source),
                 ",".join(a.key for a in self.target)]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]

    def as_json(self, article: dict[str, Any] | None = None) -> dict[str, Any]:
        def actor(ref: ActorRef) -> dict[str, Any]:
            return {k: v for k, v in _shallow(ref).items() if v is not None}

        return {
            "event_id": self.event_id,
            "article": article or {"id": self.article_id},
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "intensity": self.intensity,
            "factuality": self.factuality,
            "source": [actor(a) for a in self.source],
            "target": [actor(a) for a in self.target],
            "date": _shallow(self.date) if self.date else None,
            "location": _shallow(self.location) if self.location else None,
            "attribution": (
                {"speaker": actor(self.attribution.speaker) if self.attribution.speaker else None,
                 "reported": self.attribution.reported}
                if self.attribution else None
            ),
            "action": _shallow(self.action) if self.action else None,
            "evidence": _shallow(self.evidence),
            "confidence": round(self.confidence, 3),
            # only when the clause gives a figure, so records without one are as before (PLOVER: optional)
            **({"size": self.magnitudes.as_json()} if self.magnitudes else {}),
        }

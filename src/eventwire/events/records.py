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
        }

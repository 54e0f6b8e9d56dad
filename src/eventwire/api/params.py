"""Query parameters -> EventQuery: the filters of `eventwire events`, one parameter per CLI option.

A repeated parameter lists alternatives (`?type=ASSAULT&type=COERCE`), as a repeated CLI option does. Values
are checked by EventQuery itself, so the API accepts exactly what the CLI accepts; a bad one is a 400
naming the parameter.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.routing import APIRoute

from eventwire.api.errors import bad_parameter, query_parameter
from eventwire.store import EventQuery, Near, QueryError

DEFAULT_RADIUS_KM = 50.0
_LAT_LON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


def _date(parameter: str, value: str | None) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise bad_parameter(parameter, f"{value!r} is not a date (YYYY-MM-DD, e.g. 2024-03-05)") from None


def _near(value: str | None, radius_km: float | None) -> Near | None:
    if value is None:
        if radius_km is not None:
            raise bad_parameter("radius", "needs near=LAT,LON")
        return None
    match = _LAT_LON.match(value)
    if not match:
        raise bad_parameter("near", f"{value!r} is not LAT,LON in decimal degrees (e.g. 50.45,30.52)")
    return Near(float(match.group(1)), float(match.group(2)),
                DEFAULT_RADIUS_KM if radius_km is None else radius_km)


def _at(value: str | None) -> tuple[float, float] | None:
    if value is None:
        return None
    match = _LAT_LON.match(value)
    if not match:
        raise bad_parameter("at", f"{value!r} is not LAT,LON in decimal degrees (e.g. 50.45,30.52)")
    return float(match.group(1)), float(match.group(2))


def _upper(values: list[str] | None) -> tuple[str, ...]:
    return tuple(value.strip().upper() for value in values or ())


def _lower(values: list[str] | None) -> tuple[str, ...]:
    return tuple(value.strip().lower() for value in values or ())


def _many(description: str) -> object:
    return Annotated[list[str] | None, Query(description=description)]


# One alias per parameter: its type and the help text /docs shows.
ActorIds = _many("Participant's knowledge-base id (ew:USA, ew:usa-joe-biden).")
ActorCountries = _many("Participant's country: ISO 3166-1 alpha-3, or UNO, EUR, IGO.")
ActorSectors = _many("Participant's PLOVER sector: GOV, MIL, COP, REB, CVL, ...")
Role = Annotated[str, Query(description="Which side the actor* filters look at: source, target or any.")]
Types = Annotated[list[str] | None, Query(
    alias="type", description="PLOVER category (ASSAULT, AGREE, ...); '-' selects CAMEO-only events.")]
Modes = _many("PLOVER mode (e.g. aerial).")
Factualities = _many("occurred, planned, promised, threatened, demanded, refused, denied, hypothetical.")
CameoPrefixes = _many("CAMEO code prefix: 19 matches 190..196 and their sub-codes.")
QuadClasses = Annotated[list[int] | None, Query(
    description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.")]
Since = Annotated[str | None, Query(description="Events dated on or after this day (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(description="Events dated on or before this day (YYYY-MM-DD).")]
PlaceCountries = _many("Country where the event took place (ISO 3166-1 alpha-3).")
NearPoint = Annotated[str | None, Query(description="LAT,LON: events within `radius` km of this point.")]
Radius = Annotated[float | None, Query(description="Radius for `near` in km (default 50).")]
Outlets = _many("The article's source outlet.")
Text = Annotated[str | None, Query(
    description='Words (all must occur; word* a prefix) or "a phrase" in the evidence sentence.')]
MinConfidence = Annotated[float | None, Query(description="Lowest coder confidence, 0..1.")]
MaxConfidence = Annotated[float | None, Query(description="Highest coder confidence, 0..1.")]
MinIntensity = Annotated[float | None, Query(description="Lowest PLOVER intensity, -10..10.")]
MaxIntensity = Annotated[float | None, Query(description="Highest PLOVER intensity, -10..10.")]
SourceIds = _many("A source participant's id (ew:USA), or country:XXX for one known only by country.")
TargetIds = _many("A target participant's id, or country:XXX; with `source`: the events between the two.")
At = Annotated[str | None, Query(description="LAT,LON: events located at exactly these coordinates (a map"
                                             " circle, as /api/stats/places gives them).")]


# The dependencies below are `async def` although they never wait: FastAPI runs a plain `def` dependency in
# its thread pool, a round trip through another thread (and a GIL hand-over) per dependency per request,
# for work of a few microseconds (measured in docs/api.md).
async def event_filters(
    actor: ActorIds = None, actor_country: ActorCountries = None, actor_sector: ActorSectors = None,
    role: Role = "any", type_: Types = None, mode: Modes = None, factuality: Factualities = None,
    cameo: CameoPrefixes = None, quad_class: QuadClasses = None, since: Since = None, until: Until = None,
    place_country: PlaceCountries = None, near: NearPoint = None, radius: Radius = None,
    outlet: Outlets = None, text: Text = None, min_confidence: MinConfidence = None,
    max_confidence: MaxConfidence = None, min_intensity: MinIntensity = None,
    max_intensity: MaxIntensity = None, source: SourceIds = None, target: TargetIds = None, at: At = None,
) -> EventQuery:
    """The EventQuery of the request's filter parameters (page-less: endpoints add limit/offset)."""
    try:
        return EventQuery(
            actor_ids=tuple(actor or ()), actor_countries=_upper(actor_country),
            actor_sectors=_upper(actor_sector),
            actor_role=role,  # type: ignore[arg-type]  # checked by EventQuery
            types=_upper(type_), modes=_lower(mode), factualities=_lower(factuality),
            cameo_prefixes=tuple(v.strip() for v in cameo or ()), quad_classes=tuple(quad_class or ()),
            since=_date("since", since), until=_date("until", until),
            location_countries=_upper(place_country), near=_near(near, radius), outlets=tuple(outlet or ()),
            text=text, min_confidence=min_confidence, max_confidence=max_confidence,
            min_intensity=min_intensity, max_intensity=max_intensity, source_ids=tuple(source or ()),
            target_ids=tuple(target or ()), at=_at(at),
        )
    except QueryError as error:
        raise bad_parameter(query_parameter(error.option), error.reason) from None


def _parameter_names(route: APIRoute) -> set[str]:
    names: set[str] = set()
    pending = [route.dependant]
    while pending:
        dependant = pending.pop()
        names.update(param.alias for param in dependant.query_params)
        pending.extend(dependant.dependencies)
    return names


async def reject_unknown_parameters(request: Request) -> None:
    """A misspelt filter (`?tpye=ASSAULT`) would silently match everything; name it instead."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not route.include_in_schema:
        return
    known = _parameter_names(route)
    for name in request.query_params:
        if name not in known:
            accepted = ", ".join(sorted(known)) or "none"
            raise bad_parameter(name, f"unknown parameter {name!r} (this endpoint accepts: {accepted})")


# The parameter types the routes share (api/routes/*): the filters as one EventQuery, and the page.
MAX_PAGE = 500
# Capped so the value fits the databases' 64-bit OFFSET (PostgreSQL refuses larger ones).
MAX_OFFSET = 2**62
Filters = Annotated[EventQuery, Depends(event_filters)]
Limit = Annotated[int, Query(ge=0, le=MAX_PAGE, description=f"Items per page (0..{MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
Period = Annotated[str, Query(pattern="^(day|week|month)$", description="day, week or month.")]

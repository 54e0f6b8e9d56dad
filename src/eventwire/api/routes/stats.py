"""GET /api/stats/*: aggregates of the events matching the filters, the CLI's `stats` (counts, intensity,
dyads) and the analysts' page's (network, places, most active actors, facets, dates). They take the same
filters as /api/events, so the network, the map and the table always show the same events. The costly
ones over the whole store are kept in the app's AggregateCache until the store changes."""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations.
from typing import Annotated, Any

from fastapi import APIRouter, Query

from eventwire.api import models
from eventwire.api.context import Context
from eventwire.api.params import Filters, Period
from eventwire.store import MagnitudeTotals

router = APIRouter(tags=["statistics"])


@router.get("/api/stats/counts", response_model=models.CountsOut)
def counts(context: Context, filters: Filters, by: Period = "month",
           group: Annotated[str, Query(pattern="^(type|quad_class)$",
                                       description="type or quad_class.")] = "type",
           precision: Annotated[str, Query(pattern="^(any|day)$", description=(
               "any, or day: only events dated to a day (a month- or year-precision date counted in"
               " its first period would show a peak that never happened)."))] = "any",
           ) -> dict[str, Any]:
    """Events per period, split by PLOVER type or quad class; undated events are left out."""
    def compute() -> dict[str, Any]:
        rows = context.reader().counts_by_period(filters, by=by, group=group,  # type: ignore[arg-type]
                                                 day_precision_only=precision == "day")
        return {"by": by, "group": group, "counts": rows}

    return context.aggregates.get(("counts", filters, by, group, precision), compute)


@router.get("/api/stats/intensity", response_model=models.IntensityOut)
def intensity(context: Context, filters: Filters, by: Period = "month") -> dict[str, Any]:
    """Mean PLOVER intensity per period, over the events that have one."""
    return {"by": by, "intensity": context.reader().intensity_by_period(filters, by=by)}  # type: ignore[arg-type]


@router.get("/api/stats/dyads", response_model=models.DyadsOut)
def dyads(context: Context, filters: Filters,
          n: Annotated[int, Query(ge=1, le=100, description="How many pairs (1..100).")] = 10,
          ) -> dict[str, Any]:
    """The most frequent source -> target pairs, each side named by country code, else name."""
    return context.aggregates.get(("dyads", filters, n),
                                  lambda: {"n": n, "dyads": context.reader().top_dyads(filters, n)})


@router.get("/api/stats/network", response_model=models.NetworkOut)
def network(context: Context, filters: Filters,
            edges: Annotated[int, Query(ge=1, le=500, description="How many pairs (1..500).")] = 80,
            ) -> dict[str, Any]:
    """Who acts on whom: the most frequent source -> target pairs as nodes (knowledge-base actors, else
    countries) and edges with their event count and mean PLOVER intensity."""
    def compute() -> dict[str, Any]:
        nodes, links = context.reader().network(filters, edges, name_of=context.country_name)
        return {"nodes": nodes, "edges": links}

    return context.aggregates.get(("network", filters, edges), compute)


@router.get("/api/stats/places", response_model=models.PlacesOut)
def places(context: Context, filters: Filters,
           n: Annotated[int, Query(ge=1, le=2000, description="How many places (1..2000).")] = 500,
           ) -> dict[str, Any]:
    """Where the matching events took place: one point per place with coordinates, most events first."""
    return context.aggregates.get(("places", filters, n),
                                  lambda: {"places": context.reader().places(filters, n)})


@router.get("/api/stats/actors", response_model=models.ActiveActorsOut)
def actors(context: Context, filters: Filters,
           n: Annotated[int, Query(ge=1, le=500, description="How many actors (1..500).")] = 50,
           ) -> dict[str, Any]:
    """The knowledge-base actors taking part in most matching events (either side)."""
    return {"actors": context.reader().active_actors(filters, n)}


@router.get("/api/stats/facets", response_model=models.FacetsOut)
def facets(context: Context, filters: Filters,
           n: Annotated[int, Query(ge=1, le=200, description="Values per facet (1..200).")] = 30,
           ) -> dict[str, Any]:
    """Matching events per PLOVER type, place country, outlet and factuality, most first. Each facet is
    counted without its own filter, so its other values say what adding them would give."""
    return context.aggregates.get(("facets", filters, n), lambda: context.reader().facets(filters, n))


@router.get("/api/stats/dates", response_model=models.DatesOut)
def dates(context: Context, filters: Filters) -> dict[str, Any]:
    """The span of the matching day-precision dates (the timeline picks its bin from it), and the
    events dated only to a week, month, year or stretch, grouped by span (drawn as spans)."""
    def compute() -> dict[str, Any]:
        reader = context.reader()
        first, last = reader.day_span(filters)
        return {"first_day": first, "last_day": last, "spans": reader.date_spans(filters)}

    return context.aggregates.get(("dates", filters), compute)


@router.get("/api/stats/magnitudes", response_model=MagnitudeTotals)
def magnitudes(context: Context, filters: Filters) -> MagnitudeTotals:
    """How many the matching events killed, injured, arrested, and how many took part, as read from
    their sentences ("killed 25", "thousands marched"): each real-world event counted once, at its
    largest figure; vague sizes ("thousands") count as lower bounds."""
    return context.aggregates.get(("magnitudes", filters), lambda: context.reader().magnitudes(filters))

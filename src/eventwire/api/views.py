"""The endpoints the analysts' web page needs beyond the CLI's aggregates: the actor network, the map's
places and the most active actors (store/overview.py computes them). They take the same filters as
/api/events (api/params.py), so the network, the map and the table always show the same events.
"""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations.
import threading
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, FastAPI, Query

from eventwire.api import models
from eventwire.api.actors import ActorNames
from eventwire.api.cache import AggregateCache
from eventwire.api.params import event_filters
from eventwire.api.stores import ThreadStores
from eventwire.store.overview import (
    active_actors,
    cluster_rows,
    date_spans,
    day_span,
    facets,
    network,
    node_filter,
    places,
)
from eventwire.store.queries import EventQuery

if TYPE_CHECKING:
    from eventwire.actors import KnowledgeBase

MAX_CLUSTER_PAGE = 500


class _NamesCache:
    """The knowledge base's name index, built on the first actor search (about 0.2 s), then kept."""

    def __init__(self) -> None:
        self._names: ActorNames | None = None
        self._lock = threading.Lock()

    def get(self, kb: "KnowledgeBase") -> ActorNames:
        with self._lock:
            if self._names is None:
                self._names = ActorNames(kb)
            return self._names


def add_view_routes(app: FastAPI, stores: ThreadStores, knowledge: Callable[[], "KnowledgeBase"],
                    cache: AggregateCache) -> None:
    """GET /api/stats/network, /api/stats/places, /api/stats/actors, /api/stats/facets, /api/stats/dates,
    /api/clusters and /api/actors (name search) on `app`."""
    Filters = Annotated[EventQuery, Depends(event_filters)]
    names = _NamesCache()

    def country_name(key: str) -> str | None:
        found = knowledge().countries.get(key.removeprefix("ew:"))
        return found.name if found else None

    @app.get("/api/stats/network", response_model=models.NetworkOut, tags=["statistics"])
    def network_route(filters: Filters,
                      edges: Annotated[int, Query(ge=1, le=500, description="How many pairs (1..500).")] = 80,
                      ) -> dict[str, Any]:
        """Who acts on whom: the most frequent source -> target pairs as nodes (knowledge-base actors, else
        countries) and edges with their event count and mean PLOVER intensity."""
        def compute() -> dict[str, Any]:
            nodes, links = network(stores.get(), filters, edges, name_of=country_name)
            return {"nodes": [asdict(node) for node in nodes], "edges": [asdict(edge) for edge in links]}

        return cache.get(("network", filters, edges), compute)

    @app.get("/api/stats/places", response_model=models.PlacesOut, tags=["statistics"])
    def places_route(filters: Filters,
                     n: Annotated[int, Query(ge=1, le=2000, description="How many places (1..2000).")] = 500,
                     ) -> dict[str, Any]:
        """Where the matching events took place: one point per place with coordinates, most events first."""
        return cache.get(("places", filters, n),
                         lambda: {"places": [asdict(place) for place in places(stores.get(), filters, n)]})

    @app.get("/api/stats/actors", response_model=models.ActiveActorsOut, tags=["statistics"])
    def actors_route(filters: Filters,
                     n: Annotated[int, Query(ge=1, le=500, description="How many actors (1..500).")] = 50,
                     ) -> dict[str, Any]:
        """The knowledge-base actors taking part in most matching events (either side)."""
        return {"actors": [asdict(actor) for actor in active_actors(stores.get(), filters, n)]}

    @app.get("/api/stats/facets", response_model=models.FacetsOut, tags=["statistics"])
    def facets_route(filters: Filters,
                     n: Annotated[int, Query(ge=1, le=200, description="Values per facet (1..200).")] = 30,
                     ) -> dict[str, Any]:
        """Matching events per PLOVER type, place country, outlet and factuality, most first. Each facet is
        counted without its own filter, so its other values say what adding them would give."""
        def compute() -> dict[str, Any]:
            counted = facets(stores.get(), filters, n)
            return {name: [asdict(f) for f in values] for name, values in counted.items()}

        return cache.get(("facets", filters, n), compute)

    @app.get("/api/stats/dates", response_model=models.DatesOut, tags=["statistics"])
    def dates_route(filters: Filters) -> dict[str, Any]:
        """The span of the matching day-precision dates (the timeline picks its bin from it), and the
        events dated only to a week, month, year or stretch, grouped by span (drawn as spans)."""
        def compute() -> dict[str, Any]:
            db = stores.get()
            first, last = day_span(db, filters)
            spans = [asdict(span) for span in date_spans(db, filters)]
            return {"first_day": first, "last_day": last, "spans": spans}

        return cache.get(("dates", filters), compute)

    @app.get("/api/clusters", response_model=models.ClusterPage, tags=["events"])
    def clusters_route(filters: Filters,
                       limit: Annotated[int, Query(ge=0, le=MAX_CLUSTER_PAGE,
                                                   description="Rows per page.")] = 50,
                       offset: Annotated[int, Query(ge=0, le=2**62, description="Rows to skip.")] = 0,
                       ) -> dict[str, Any]:
        """One row per real-world event with a matching mention (its first matching mention's record and
        its mention, article and outlet counts), by date; GET /api/clusters/{id} lists its mentions."""
        def compute() -> dict[str, Any]:
            total, rows = cluster_rows(stores.get(), filters, limit, offset)
            return {"total": total, "limit": limit, "offset": offset, "items": [asdict(row) for row in rows]}

        return cache.get(("clusters", filters, limit, offset), compute)

    @app.get("/api/actors", response_model=models.ActorMatchesOut, tags=["actors"])
    def actor_search(q: Annotated[str, Query(min_length=1, max_length=100,
                                             description="The start of a name or alias (Russia, Bid).")],
                     n: Annotated[int, Query(ge=1, le=50, description="How many (1..50).")] = 10,
                     ) -> dict[str, Any]:
        """Knowledge-base actors by name or alias (case and accents ignored): the whole name first, then
        the actors with most stored events, each with the `actor` filter values for its events."""
        found = names.get(knowledge()).search(q)
        if not found:
            return {"actors": []}
        counts = _event_counts(stores.get(), [entry.actor_id for _, entry in found])
        ranked = sorted(found, key=lambda pair: (pair[0] != 0, -counts.get(pair[1].actor_id, 0), pair[0],
                                                 len(pair[1].alias), pair[1].name))
        return {"actors": [{"actor_id": e.actor_id, "name": e.name, "kind": e.kind, "country": e.country,
                            "matched": e.alias, "events": counts.get(e.actor_id, 0),
                            "filter": list(node_filter(e.actor_id))} for _, e in ranked[:n]]}


def _event_counts(db: Any, actor_ids: list[str]) -> dict[str, int]:
    """Stored events per actor id; a country's count includes participants known only by its code."""
    countries = [i.removeprefix("ew:") for i in actor_ids if node_filter(i) != (i,)]
    id_marks = ", ".join("?" for _ in actor_ids)
    country_marks = ", ".join("?" for _ in countries) or "NULL"
    rows = db.execute(
        "SELECT coalesce(actor_id, 'ew:' || country) AS k, count(DISTINCT event_id) FROM event_actors"
        f" WHERE actor_id IN ({id_marks}) OR (actor_id IS NULL AND country IN ({country_marks})) GROUP BY k",
        [*actor_ids, *countries]).fetchall()
    return {key: int(n) for key, n in rows}



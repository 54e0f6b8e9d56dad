"""The endpoints the analysts' web page needs beyond the CLI's aggregates: the actor network, the map's
places and the most active actors (store/overview.py computes them). They take the same filters as
/api/events (api/params.py), so the network, the map and the table always show the same events.
"""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations.
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query

from eventwire.api import models
from eventwire.api.params import event_filters
from eventwire.api.stores import ThreadStores
from eventwire.store.overview import active_actors, network, places
from eventwire.store.queries import EventQuery


def add_view_routes(app: FastAPI, stores: ThreadStores) -> None:
    """GET /api/stats/network, /api/stats/places and /api/stats/actors on `app`."""
    Filters = Annotated[EventQuery, Depends(event_filters)]

    @app.get("/api/stats/network", response_model=models.NetworkOut, tags=["statistics"])
    def network_route(filters: Filters,
                      edges: Annotated[int, Query(ge=1, le=500, description="How many pairs (1..500).")] = 80,
                      ) -> dict[str, Any]:
        """Who acts on whom: the most frequent source -> target pairs as nodes (knowledge-base actors, else
        countries) and edges with their event count and mean PLOVER intensity."""
        nodes, links = network(stores.get(), filters, edges)
        return {"nodes": [asdict(node) for node in nodes],
                "edges": [asdict(edge) for edge in links]}

    @app.get("/api/stats/places", response_model=models.PlacesOut, tags=["statistics"])
    def places_route(filters: Filters,
                     n: Annotated[int, Query(ge=1, le=2000, description="How many places (1..2000).")] = 500,
                     ) -> dict[str, Any]:
        """Where the matching events took place: one point per place with coordinates, most events first."""
        return {"places": [asdict(place) for place in places(stores.get(), filters, n)]}

    @app.get("/api/stats/actors", response_model=models.ActiveActorsOut, tags=["statistics"])
    def actors_route(filters: Filters,
                     n: Annotated[int, Query(ge=1, le=500, description="How many actors (1..500).")] = 50,
                     ) -> dict[str, Any]:
        """The knowledge-base actors taking part in most matching events (either side)."""
        return {"actors": [asdict(actor) for actor in active_actors(stores.get(), filters, n)]}

"""GET /api/stats/magnitudes: the dead, injured, arrested and participants of the matching events, summed
once per real-world event (store/magnitudes.py). Takes the same filters as /api/events."""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations.
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import Depends, FastAPI
from pydantic import BaseModel, Field

from eventwire.api.cache import AggregateCache
from eventwire.api.params import event_filters
from eventwire.api.stores import ThreadStores
from eventwire.store.magnitudes import magnitude_totals
from eventwire.store.queries import EventQuery


class MagnitudesOut(BaseModel):
    dead: int = Field(description="People killed, summed once per real-world event (its largest figure).")
    injured: int
    arrested: int
    participants: int = Field(description="People taking part (protest or crowd sizes); a lower bound where"
                                          " the text gave a vague size such as 'thousands'.")
    events: int = Field(description="Real-world events (dedup clusters) with at least one figure.")
    records: int = Field(description="Event records with at least one figure.")


def add_magnitude_routes(app: FastAPI, stores: ThreadStores, cache: AggregateCache) -> None:
    Filters = Annotated[EventQuery, Depends(event_filters)]

    @app.get("/api/stats/magnitudes", response_model=MagnitudesOut, tags=["statistics"])
    def magnitudes_route(filters: Filters) -> dict[str, Any]:
        """How many the matching events killed, injured, arrested, and how many took part, as read from
        their sentences ("killed 25", "thousands marched"): each real-world event counted once."""
        return cache.get(("magnitudes", filters), lambda: asdict(magnitude_totals(stores.get(), filters)))

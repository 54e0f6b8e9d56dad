"""GET /api/events (a page of events matching the filters) and /api/events/{id} (one, with its cluster's
counts)."""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations.
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from eventwire.api import models
from eventwire.api.context import Context
from eventwire.api.errors import ApiError
from eventwire.api.pages import event_page_response
from eventwire.api.params import Filters, Limit, Offset
from eventwire.store import SORT_PATTERN

router = APIRouter(tags=["events"])

# Event pages count their matches exactly up to this many (GET /api/events, exact_total).
EXACT_TOTAL_UP_TO = 10_000


def total_cap(offset: int, limit: int) -> int:
    """Where an event page's total stops counting: one more than counted exactly, or than the page
    reaches, so a total at the cap means "more than" and still tells whether a next page exists."""
    return max(EXACT_TOTAL_UP_TO, offset + limit) + 1


@router.get("/api/events", response_model=models.EventPage)
def events(context: Context, filters: Filters, limit: Limit = 50, offset: Offset = 0,
           sort: Annotated[str | None, Query(pattern=SORT_PATTERN, description=(
               "Order by date, type, factuality, intensity, confidence, place or outlet (prefix - to"
               " reverse; empty values last), then id. Default: date, undated first."))] = None,
           exact_total: Annotated[bool, Query(description=(
               f"Count every match for `total`. By default counting stops after {EXACT_TOTAL_UP_TO:,}"
               " matches or the end of this page, whichever is further (see `total_exact`): on"
               " millions of events a common filter matches hundreds of thousands, and counting"
               " them all can take seconds."))] = False,
           ) -> Any:
    """Events matching every filter, by event date then id (undated first), or in the `sort` order."""
    reader = context.reader()
    records = reader.event_record_texts(replace(filters, limit=limit, offset=offset), sort) if limit else []
    at_most = None if exact_total else total_cap(offset, limit)
    total = reader.count_events(filters, at_most=at_most)
    return event_page_response(total, at_most is None or total < at_most, limit, offset, records)


@router.get("/api/events/{event_id}", response_model=models.EventDetail)
def event(context: Context, event_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    reader = context.reader()
    found = reader.event(event_id)
    if found is None:
        raise ApiError(404, f"no event with id {event_id!r}")
    cluster = reader.cluster(found.cluster_id) if found.cluster_id else None
    counts = ({"cluster_id": cluster.cluster_id, "mentions": cluster.mentions,
               "articles": cluster.articles, "sources": cluster.sources} if cluster else None)
    return {"event": found.record, "cluster": counts}

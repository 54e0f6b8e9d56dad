"""GET /api/actors (knowledge-base actors by name, for the page's actor field) and /api/actors/{id} (one
actor: the knowledge base's names and roles with its stored events and counterparts)."""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations.
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from eventwire.api import models
from eventwire.api.actors import describe
from eventwire.api.context import Context
from eventwire.api.errors import ApiError
from eventwire.store import EventQuery, node_filter

router = APIRouter(tags=["actors"])


@router.get("/api/actors", response_model=models.ActorMatchesOut)
def actor_search(context: Context,
                 q: Annotated[str, Query(min_length=1, max_length=100,
                                         description="The start of a name or alias (Russia, Bid).")],
                 n: Annotated[int, Query(ge=1, le=50, description="How many (1..50).")] = 10,
                 ) -> dict[str, Any]:
    """Knowledge-base actors by name or alias (case and accents ignored): the whole name first, then
    the actors with most stored events, each with the `actor` filter values for its events."""
    found = context.names.get(context.knowledge()).search(q)
    if not found:
        return {"actors": []}
    counts = context.reader().event_counts_by_actor([entry.actor_id for _, entry in found])
    ranked = sorted(found, key=lambda pair: (pair[0] != 0, -counts.get(pair[1].actor_id, 0), pair[0],
                                             len(pair[1].alias), pair[1].name))
    return {"actors": [{"actor_id": e.actor_id, "name": e.name, "kind": e.kind, "country": e.country,
                        "matched": e.alias, "events": counts.get(e.actor_id, 0),
                        "filter": list(node_filter(e.actor_id))} for _, e in ranked[:n]]}


@router.get("/api/actors/{actor_id}", response_model=models.ActorOut)
def actor(context: Context, actor_id: Annotated[str, Path(max_length=200)],
          recent: Annotated[int, Query(ge=0, le=100, description="Latest events to list.")] = 20,
          counterparts: Annotated[int, Query(ge=0, le=100, description="Counterparts to list.")] = 10,
          ) -> dict[str, Any]:
    """A knowledge-base actor (names, aliases, dated roles) with its latest events and counterparts."""
    reader = context.reader()
    described = describe(context.knowledge(), actor_id)
    query = EventQuery(actor_ids=(actor_id,))
    total = reader.count_events(query)
    if described is None and total == 0:
        raise ApiError(404, f"no actor {actor_id!r} in the knowledge base or in any stored event")
    latest = [event.record for event in reader.latest_events(query, recent)]
    others = reader.counterparts(actor_id, counterparts) if counterparts else []
    return {**(described or _unknown_actor(actor_id, latest)), "events": total, "recent_events": latest,
            "counterparts": others}


def _unknown_actor(actor_id: str, latest: list[dict[str, Any]]) -> dict[str, Any]:
    # Not in the knowledge base (a user actor file used at ingest time): named as the events name it.
    refs = [ref for record in latest for ref in (*record.get("source", ()), *record.get("target", ()))
            if ref.get("actor_id") == actor_id]
    first = refs[0] if refs else {}
    return {"actor_id": actor_id, "known": False, "kind": first.get("kind"), "name": first.get("name"),
            "country": first.get("country"), "sector": first.get("sector"), "aliases": [], "roles": []}

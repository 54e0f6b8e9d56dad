"""GET /api/clusters (real-world events with a matching mention) and /api/clusters/{id} (every mention of
one)."""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations.
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from eventwire.api import models
from eventwire.api.context import Context
from eventwire.api.errors import ApiError
from eventwire.api.params import MAX_OFFSET, Filters
from eventwire.store import EventCluster

router = APIRouter(tags=["events"])

MAX_CLUSTER_PAGE = 500


@router.get("/api/clusters", response_model=models.ClusterPage)
def clusters(context: Context, filters: Filters,
             limit: Annotated[int, Query(ge=0, le=MAX_CLUSTER_PAGE, description="Rows per page.")] = 50,
             offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")] = 0,
             ) -> dict[str, Any]:
    """One row per real-world event with a matching mention (its first matching mention's record and
    its mention, article and outlet counts), by date; GET /api/clusters/{id} lists its mentions."""
    def compute() -> dict[str, Any]:
        total, rows = context.reader().cluster_rows(filters, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "items": rows}

    return context.aggregates.get(("clusters", filters, limit, offset), compute)


@router.get("/api/clusters/{cluster_id}", response_model=EventCluster)
def cluster(context: Context, cluster_id: Annotated[str, Path(max_length=200)]) -> EventCluster:
    """One real-world event: every article's mention of it, with mention/article/source counts."""
    found = context.reader().cluster(cluster_id)
    if found is None:
        raise ApiError(404, f"no cluster with id {cluster_id!r}")
    return found

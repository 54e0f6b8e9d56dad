"""GET /health and /api/summary: is the service up, and what does the store hold."""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations.
from typing import Any

from fastapi import APIRouter

from eventwire.api import models
from eventwire.api.context import Context

router = APIRouter(tags=["service"])


@router.get("/health", response_model=models.Health)
def health(context: Context) -> dict[str, Any]:
    db = context.stores.get()
    db.execute("SELECT 1").fetchone()
    return {"status": "ok", "schema_version": context.schema_version, "ingest": context.ingestor is not None}


@router.get("/api/summary", response_model=models.SummaryOut)
def summary(context: Context) -> dict[str, Any]:
    reader = context.reader()
    facts = reader.summary()

    def named(pairs: Any) -> list[dict[str, Any]]:
        return [{"name": name, "count": count} for name, count in pairs]

    return {
        "schema_version": facts.schema_version, "articles": facts.articles,
        "near_duplicates": facts.near_duplicates, "sightings": facts.sightings,
        "first_published": facts.first_published, "last_published": facts.last_published,
        "sources": named((s.source, s.articles) for s in facts.sources),
        "languages": named(facts.languages), "events": facts.events,
        "events_by_type": named(facts.events_by_type),
        "events_by_factuality": named(facts.events_by_factuality), "clusters": reader.count_clusters(),
    }

"""The API's own shapes, for /openapi.json and /docs: page envelopes, answers composed for a page (an
actor: knowledge base and store together), ingest bodies and errors. What the store answers as it is
(articles, clusters, counts, network, places, ...) is served as the store's records (eventwire.store),
which pydantic reads as dataclasses: no mirror here. Event records are passed through as stored: their
shape is docs/event.schema.json."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from eventwire.store import (
    ActiveActor,
    ArticleListing,
    ClusterRow,
    Counterpart,
    DateSpan,
    Dyad,
    Facet,
    NetworkEdge,
    NetworkNode,
    PeriodCount,
    PeriodIntensity,
    Place,
)

EventRecord = dict[str, Any]


class Health(BaseModel):
    status: str
    schema_version: int
    ingest: bool = Field(description="Whether POST /api/ingest is enabled (a token is configured).")


class EventPage(BaseModel):
    total: int = Field(description="Events matching the filters, ignoring limit and offset; at least this"
                                   " many when total_exact is false.")
    total_exact: bool = Field(description="Whether total is the exact count. Counting stops after 10,000"
                                          " matches (or past the page) unless exact_total=true is asked.")
    limit: int
    offset: int
    items: list[EventRecord]


class ClusterCounts(BaseModel):
    cluster_id: str
    mentions: int
    articles: int
    sources: int


class EventDetail(BaseModel):
    event: EventRecord
    cluster: ClusterCounts | None = Field(description="The real-world event this mention belongs to.")


class CountsOut(BaseModel):
    by: str
    group: str
    counts: list[PeriodCount]


class IntensityOut(BaseModel):
    by: str
    intensity: list[PeriodIntensity]


class DyadsOut(BaseModel):
    n: int
    dyads: list[Dyad]


class ArticlePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ArticleListing]


class RoleOut(BaseModel):
    role: str
    title: str | None
    start: str
    end: str | None = Field(description="null: still held.")
    country: str | None
    org: str | None
    sector: str | None


class ActorOut(BaseModel):
    actor_id: str
    known: bool = Field(description="Whether the knowledge base has this id.")
    kind: str | None = Field(description="person, country, igo or group.")
    name: str | None
    country: str | None
    sector: str | None
    aliases: list[str]
    roles: list[RoleOut]
    events: int = Field(description="Stored events this actor takes part in.")
    recent_events: list[EventRecord] = Field(description="Its latest events, newest first.")
    counterparts: list[Counterpart] = Field(description="Who is most often on the other side.")


class NamedCount(BaseModel):
    name: str
    count: int


class SummaryOut(BaseModel):
    schema_version: int
    articles: int
    near_duplicates: int
    sightings: int
    first_published: str | None
    last_published: str | None
    sources: list[NamedCount]
    languages: list[NamedCount]
    events: int
    events_by_type: list[NamedCount]
    events_by_factuality: list[NamedCount]
    clusters: int = Field(description="Distinct real-world events (cross-article deduplication).")


# --- ingest --------------------------------------------------------------------------------------------

MAX_RECORDS = 1000


class IngestRecord(BaseModel):
    """One article to store: its text taken verbatim (offsets of its events refer to it)."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, max_length=500, description="Your id for the record, kept with the article.")
    text: str = Field(min_length=1, description="The article's main text, as-is.")
    published: str | None = Field(None, max_length=100, description="Publication time, ISO 8601.")
    url: str | None = Field(None, max_length=4000)
    source: str | None = Field(None, max_length=500, description="Outlet name.")
    title: str | None = Field(None, max_length=2000)
    author: str | None = Field(None, max_length=500)
    language: str | None = Field(None, max_length=20, description="ISO 639-1; guessed when absent.")


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    records: list[IngestRecord] = Field(min_length=1, max_length=MAX_RECORDS)


class RecordError(BaseModel):
    record: str
    reason: str


class IngestResult(BaseModel):
    documents: int
    new: int
    duplicate: int
    near_duplicate: int
    failed: int
    events: int
    article_ids: list[str | None] = Field(description="Each record's article id (content hash), in order;"
                                                      " null for a record that failed.")
    errors: list[RecordError]


# --- the web page's views (api/routes/stats.py, clusters.py, actors.py) -----------------------------


class NetworkOut(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class PlacesOut(BaseModel):
    places: list[Place]


class FacetsOut(BaseModel):
    type: list[Facet]
    place_country: list[Facet]
    outlet: list[Facet]
    factuality: list[Facet]


class ClusterPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ClusterRow]


class DatesOut(BaseModel):
    first_day: str | None = Field(description="First day-precision event date.")
    last_day: str | None
    spans: list[DateSpan] = Field(description="Events dated only to a week, month, year or stretch.")


class ActorMatchOut(BaseModel):
    actor_id: str
    name: str
    kind: str
    country: str | None
    matched: str = Field(description="The name or alias the query matched.")
    events: int = Field(description="Stored events it takes part in.")
    filter: list[str] = Field(description="The `actor` values for its events (a country: also those known"
                                          " only by its code).")


class ActorMatchesOut(BaseModel):
    actors: list[ActorMatchOut]


class ActiveActorsOut(BaseModel):
    actors: list[ActiveActor]


# --- errors (api/errors.py) ----------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    status: int
    code: str = Field(description="bad_parameter, unauthorized, not_found, method_not_allowed, too_large,"
                                  " bad_body, rate_limited, unavailable or internal.")
    parameter: str | None = Field(None, description="The query parameter (or `body`) at fault, when one is.")
    message: str


class ErrorOut(BaseModel):
    """The one shape of every error answer."""

    error: ErrorDetail

"""Response shapes, for /openapi.json and /docs. Event records are passed through as stored: their shape
is docs/event.schema.json."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

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


class PeriodCountOut(BaseModel):
    period: str
    group: str
    events: int


class CountsOut(BaseModel):
    by: str
    group: str
    counts: list[PeriodCountOut]


class PeriodIntensityOut(BaseModel):
    period: str
    mean_intensity: float | None
    events: int


class IntensityOut(BaseModel):
    by: str
    intensity: list[PeriodIntensityOut]


class DyadOut(BaseModel):
    source: str
    target: str
    events: int


class DyadsOut(BaseModel):
    n: int
    dyads: list[DyadOut]


class ArticleListingOut(BaseModel):
    id: str = Field(description="Content hash of the article text.")
    record_id: str | None
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    language: str | None
    near_duplicate_of: str | None
    events: int


class ArticlePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ArticleListingOut]


class ArticleDetail(BaseModel):
    id: str
    record_id: str | None
    title: str | None
    source: str | None
    url: str | None
    author: str | None
    published: str | None
    language: str | None
    near_duplicate_of: str | None
    text: str = Field(description="The clean text; every event's evidence offsets refer to it.")
    events: list[EventRecord] = Field(description="Its events, in text order.")


class RoleOut(BaseModel):
    role: str
    title: str | None
    start: str
    end: str | None = Field(description="null: still held.")
    country: str | None
    org: str | None
    sector: str | None


class CounterpartOut(BaseModel):
    actor_id: str | None
    name: str
    country: str | None
    events: int


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
    counterparts: list[CounterpartOut] = Field(description="Who is most often on the other side.")


class ClusterOut(BaseModel):
    cluster_id: str
    type: str | None
    factuality: str
    date_start: str | None
    date_end: str | None
    location_country: str | None
    source_keys: list[str]
    target_keys: list[str]
    mentions: int
    articles: int
    sources: int
    events: list[EventRecord] = Field(description="Every mention, in the order it was stored.")


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


# --- the web page's views (api/views.py) ---------------------------------------------------------------


class NetworkNodeOut(BaseModel):
    key: str = Field(description="The actor id; a participant known only by its country is in its"
                                 " country's node (ew:XXX).")
    actor_id: str | None
    name: str
    country: str | None
    events: int = Field(description="Events on the edges shown in which it takes part.")
    filter: list[str] = Field(description="The `actor` (or `source`/`target`) values that select exactly"
                                          " this node's participants: [id], or [ew:XXX, country:XXX].")


class NetworkEdgeOut(BaseModel):
    source: str = Field(description="Key of the acting node.")
    target: str = Field(description="Key of the node acted upon.")
    events: int
    mean_intensity: float | None = Field(description="Mean PLOVER intensity (-10..+10) of its events.")


class NetworkOut(BaseModel):
    nodes: list[NetworkNodeOut]
    edges: list[NetworkEdgeOut]


class PlaceOut(BaseModel):
    name: str | None
    country: str | None
    lat: float
    lon: float
    events: int
    mean_intensity: float | None
    level: str | None = Field(description="country, admin1, admin2, city or feature (null: not said).")
    point: bool = Field(description="A point-level place (city, feature); else an area whose coordinates"
                                    " are its centroid.")


class PlacesOut(BaseModel):
    places: list[PlaceOut]


class FacetOut(BaseModel):
    value: str
    events: int


class FacetsOut(BaseModel):
    type: list[FacetOut]
    place_country: list[FacetOut]
    outlet: list[FacetOut]
    factuality: list[FacetOut]


class ClusterRowOut(BaseModel):
    cluster_id: str
    matching: int = Field(description="Its mentions matching the filters.")
    mentions: int = Field(description="All its mentions (GDELT NumMentions).")
    articles: int
    sources: int = Field(description="Distinct outlets.")
    record: EventRecord = Field(description="Its first matching mention.")


class ClusterPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ClusterRowOut]


class DateSpanOut(BaseModel):
    start: str
    end: str
    precision: str | None
    events: int


class DatesOut(BaseModel):
    first_day: str | None = Field(description="First day-precision event date.")
    last_day: str | None
    spans: list[DateSpanOut] = Field(description="Events dated only to a week, month, year or stretch.")


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


class ActiveActorOut(BaseModel):
    actor_id: str
    name: str | None
    country: str | None
    events: int


class ActiveActorsOut(BaseModel):
    actors: list[ActiveActorOut]


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

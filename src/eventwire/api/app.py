"""create_app: the FastAPI application over one store. Routes are sync functions: FastAPI runs them in its
thread pool, each thread with its own read-only SQLite connection (stores.ThreadStores)."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations, and the aliases
# they use (Filters, Limit, ...) are local to create_app.
import hmac
import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Annotated, Any

import anyio.to_thread
from fastapi import Depends, FastAPI, Path, Query
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire import __version__
from eventwire.api import models
from eventwire.api.cache import AggregateCache
from eventwire.api.download import add_download_route
from eventwire.api.errors import (
    ApiError,
    TokenLogFilter,
    on_api_error,
    on_http_error,
    on_query_error,
    on_validation_error,
)
from eventwire.api.magnitudes import add_magnitude_routes
from eventwire.api.middleware import (
    LOOPBACK_HOSTS,
    MAX_HEADER_BYTES,
    BodyLimitMiddleware,
    GuardMiddleware,
    HeaderLimitMiddleware,
    HeadMiddleware,
    HostMiddleware,
    RateLimitMiddleware,
)
from eventwire.api.pages import event_page_response
from eventwire.api.params import event_filters, reject_unknown_parameters
from eventwire.api.ratelimit import TokenBucketLimiter
from eventwire.api.stores import ThreadStores
from eventwire.api.views import add_view_routes
from eventwire.store import Store, database_url
from eventwire.store.overview import SORT_PATTERN, sorted_record_texts
from eventwire.store.queries import (
    EventQuery,
    QueryError,
    count_articles,
    count_clusters,
    count_events,
    counts_by_period,
    event_cluster,
    find_event,
    intensity_by_period,
    latest_events,
    list_articles,
    page_record_texts,
    top_counterparts,
    top_dyads,
)
from eventwire.web import mount_web

if TYPE_CHECKING:
    from eventwire.actors import KnowledgeBase
    from eventwire.api.ingest import Ingestor
    from eventwire.events import EventCoder

log = logging.getLogger("eventwire.api")

MAX_PAGE = 500
MIN_TOKEN_LENGTH = 16


def _default_coder() -> "EventCoder":
    from eventwire.events import EventCoder

    return EventCoder.load()


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """What `eventwire serve` can tune; the defaults are the safe ones."""

    rate_per_second: float = 50.0  # per client address, on average
    rate_burst: int = 100  # requests a client may make at once before the average applies
    max_body_bytes: int = 4 * 1024 * 1024
    cors_origin: str | None = None  # the one browser origin allowed to call the API; None: CORS off
    load_coder: Callable[[], "EventCoder"] = _default_coder  # used only when ingest is enabled
    load_coder_at_startup: bool = True  # else on the first ingest request
    # Host header names answered (DNS rebinding defence); `eventwire serve` adds its bound address and
    # every --allow-host. Anything else is 400.
    allowed_hosts: frozenset[str] = LOOPBACK_HOSTS
    max_header_bytes: int = MAX_HEADER_BYTES  # request header names and values together; beyond: 431


class _KnowledgeBaseCache:
    """The shipped knowledge base, loaded once per process (~1 s of YAML parsing that holds the GIL: done
    on the first actor request it stalled every request in flight, so the app loads it at startup)."""

    def __init__(self) -> None:
        self._kb: KnowledgeBase | None = None
        self._lock = threading.Lock()

    def get(self) -> "KnowledgeBase":
        with self._lock:
            if self._kb is None:
                from eventwire.actors import load_knowledge_base

                self._kb = load_knowledge_base(validate=False)
            return self._kb


_KNOWLEDGE = _KnowledgeBaseCache()


MAX_OFFSET = 2**62
# Event pages count their matches exactly up to this many (GET /api/events, exact_total).
EXACT_TOTAL_UP_TO = 10_000


def total_cap(offset: int, limit: int) -> int:
    """Where an event page's total stops counting: one more than counted exactly, or than the page
    reaches, so a total at the cap means "more than" and still tells whether a next page exists."""
    return max(EXACT_TOTAL_UP_TO, offset + limit) + 1


def create_app(db: str | None = None, *, token: str | None = None,
               settings: ApiSettings | None = None) -> FastAPI:
    """The API over the store `db` (path or sqlite:/// URL; default as for every command). POST /api/ingest
    exists only when `token` is given. Raises StoreError when the store cannot be opened."""
    settings = settings or ApiSettings()
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise ValueError(f"the ingest token must be at least {MIN_TOKEN_LENGTH} characters long")
    url = database_url(db)
    with Store.open(url) as store:  # fails here, not on the first request, when the store is unusable
        schema_version = store.schema_version
    stores = ThreadStores(url)
    # The explorer's aggregates over the whole store take seconds on millions of events: kept until the
    # store changes (api/cache.py).
    aggregates = AggregateCache(url)
    knowledge = _KNOWLEDGE
    ingestor = None
    if token is not None:
        from eventwire.api.ingest import Ingestor

        ingestor = Ingestor(url, settings.load_coder)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Installed now, after `eventwire serve` has set up logging, so the handlers get the filter too.
        token_filter = TokenLogFilter(token) if token is not None else None
        filtered = token_filter.install() if token_filter is not None else []
        await anyio.to_thread.run_sync(knowledge.get)  # before the first request is accepted
        if ingestor is not None and settings.load_coder_at_startup:
            ingestor.warm_up()
        try:
            yield
        finally:
            stores.close()
            if ingestor is not None:
                ingestor.close()
            if token_filter is not None:
                token_filter.remove(filtered)

    docs_assets = _offline_docs_assets()
    app = FastAPI(
        title="eventwire", version=__version__, lifespan=lifespan,
        **({"docs_url": None, "redoc_url": None} if docs_assets else {}),
        description="Political event data from news: events, statistics, articles, actors and"
                    " deduplicated real-world events. Read-only unless started with an ingest token.",
        dependencies=[Depends(reject_unknown_parameters)],
    )
    app.state.ingestor = ingestor  # None when read-only
    app.state.aggregates = aggregates
    app.state.ingest_token = token  # only to blank it out of error messages (errors.redact)
    if docs_assets is not None:
        _add_offline_docs(app, docs_assets)
    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(QueryError, on_query_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    # add_middleware wraps: the last added runs first. Order of a request: guard (headers, 500s), Host
    # name, header size, HEAD as GET, rate limit, body size, CORS, routes.
    if settings.cors_origin:
        app.add_middleware(CORSMiddleware, allow_origins=[settings.cors_origin],
                           allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"],
                           max_age=600)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RateLimitMiddleware,
                       limiter=TokenBucketLimiter(settings.rate_per_second, settings.rate_burst))
    app.add_middleware(HeadMiddleware)
    app.add_middleware(HeaderLimitMiddleware, max_bytes=settings.max_header_bytes)
    app.add_middleware(HostMiddleware, allowed_hosts=settings.allowed_hosts)
    app.add_middleware(GuardMiddleware)

    # Each route takes its connection with stores.get() in its own body: FastAPI may run a sync dependency
    # and the route on different pool threads, so a connection handed over by a dependency would cross
    # threads (seen as "Error creating function" under concurrent requests).
    Filters = Annotated[EventQuery, Depends(event_filters)]
    Limit = Annotated[int, Query(ge=0, le=MAX_PAGE, description=f"Items per page (0..{MAX_PAGE}).")]
    # Capped so the value fits the databases' 64-bit OFFSET (PostgreSQL refuses larger ones).
    Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
    Period = Annotated[str, Query(pattern="^(day|week|month)$", description="day, week or month.")]

    # --- service -----------------------------------------------------------------------------------------

    @app.get("/health", response_model=models.Health, tags=["service"])
    def health() -> dict[str, Any]:
        db = stores.get()
        db.execute("SELECT 1").fetchone()
        return {"status": "ok", "schema_version": schema_version, "ingest": ingestor is not None}

    @app.get("/api/summary", response_model=models.SummaryOut, tags=["service"])
    def summary() -> dict[str, Any]:
        db = stores.get()
        facts = db.summary()

        def named(pairs: Any) -> list[dict[str, Any]]:
            return [{"name": name, "count": count} for name, count in pairs]

        return {
            "schema_version": facts.schema_version, "articles": facts.articles,
            "near_duplicates": facts.near_duplicates, "sightings": facts.sightings,
            "first_published": facts.first_published, "last_published": facts.last_published,
            "sources": named((s.source, s.articles) for s in facts.sources),
            "languages": named(facts.languages), "events": facts.events,
            "events_by_type": named(facts.events_by_type),
            "events_by_factuality": named(facts.events_by_factuality), "clusters": count_clusters(db),
        }

    # --- events --------------------------------------------------------------------------------------------

    @app.get("/api/events", response_model=models.EventPage, tags=["events"])
    def events(filters: Filters, limit: Limit = 50, offset: Offset = 0,
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
        db = stores.get()
        page = replace(filters, limit=limit, offset=offset)
        if not limit:
            records = []
        elif sort:
            records = sorted_record_texts(db, page, sort)
        else:
            records = page_record_texts(db, page)
        at_most = None if exact_total else total_cap(offset, limit)
        total = count_events(db, filters, at_most=at_most)
        return event_page_response(total, at_most is None or total < at_most, limit, offset, records)

    @app.get("/api/events/{event_id}", response_model=models.EventDetail, tags=["events"])
    def event(event_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
        db = stores.get()
        found = find_event(db, event_id)
        if found is None:
            raise ApiError(404, f"no event with id {event_id!r}")
        cluster = event_cluster(db, found.cluster_id) if found.cluster_id else None
        counts = ({"cluster_id": cluster.cluster_id, "mentions": cluster.mentions,
                   "articles": cluster.articles, "sources": cluster.sources} if cluster else None)
        return {"event": found.record, "cluster": counts}

    # --- statistics ----------------------------------------------------------------------------------------

    @app.get("/api/stats/counts", response_model=models.CountsOut, tags=["statistics"])
    def counts(filters: Filters, by: Period = "month",
               group: Annotated[str, Query(pattern="^(type|quad_class)$",
                                           description="type or quad_class.")] = "type",
               precision: Annotated[str, Query(pattern="^(any|day)$", description=(
                   "any, or day: only events dated to a day (a month- or year-precision date counted in"
                   " its first period would show a peak that never happened)."))] = "any",
               ) -> dict[str, Any]:
        """Events per period, split by PLOVER type or quad class; undated events are left out."""
        def compute() -> dict[str, Any]:
            rows = counts_by_period(stores.get(), filters, by=by, group=group,  # type: ignore[arg-type]
                                    day_precision_only=precision == "day")
            return {"by": by, "group": group,
                    "counts": [{"period": r.period, "group": r.group, "events": r.events} for r in rows]}

        return aggregates.get(("counts", filters, by, group, precision), compute)

    @app.get("/api/stats/intensity", response_model=models.IntensityOut, tags=["statistics"])
    def intensity(filters: Filters, by: Period = "month") -> dict[str, Any]:
        """Mean PLOVER intensity per period, over the events that have one."""
        db = stores.get()
        rows = intensity_by_period(db, filters, by=by)  # type: ignore[arg-type]
        return {"by": by, "intensity": [{"period": r.period, "mean_intensity": r.mean_intensity,
                                         "events": r.events} for r in rows]}

    @app.get("/api/stats/dyads", response_model=models.DyadsOut, tags=["statistics"])
    def dyads(filters: Filters,
              n: Annotated[int, Query(ge=1, le=100, description="How many pairs (1..100).")] = 10
              ) -> dict[str, Any]:
        """The most frequent source -> target pairs, each side named by country code, else name."""
        def compute() -> dict[str, Any]:
            rows = top_dyads(stores.get(), filters, n)
            return {"n": n, "dyads": [{"source": r.source, "target": r.target, "events": r.events}
                                      for r in rows]}

        return aggregates.get(("dyads", filters, n), compute)

    add_view_routes(app, stores, knowledge.get, aggregates)  # network, places, facets, clusters, actor search
    add_download_route(app, stores, Filters)  # the current selection as a file (the page's Download)
    add_magnitude_routes(app, stores, aggregates)  # dead, injured, arrested summed (api/magnitudes.py)

    # --- articles ------------------------------------------------------------------------------------------

    @app.get("/api/articles", response_model=models.ArticlePage, tags=["articles"])
    def articles(limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Stored articles, newest publication first (undated last)."""
        db = stores.get()
        items = [asdict(item) for item in list_articles(db, limit=limit, offset=offset)]
        return {"total": count_articles(db), "limit": limit, "offset": offset, "items": items}

    @app.get("/api/articles/{article_id}", response_model=models.ArticleDetail, tags=["articles"])
    def article(article_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
        """The clean text with its events, whose evidence offsets index into `text`."""
        db = stores.get()
        found = db.article(article_id)
        if found is None:
            raise ApiError(404, f"no article with id {article_id!r}")
        meta = found.meta
        return {"id": found.id, "record_id": found.record_id, "title": meta.title, "source": meta.source,
                "url": meta.url, "author": meta.author, "published": meta.published,
                "language": meta.language, "near_duplicate_of": db.near_duplicate_of(found.id),
                "text": found.text, "events": db.event_records(found.id)}

    # --- actors and real-world events ------------------------------------------------------------------

    @app.get("/api/actors/{actor_id}", response_model=models.ActorOut, tags=["actors"])
    def actor(actor_id: Annotated[str, Path(max_length=200)],
              recent: Annotated[int, Query(ge=0, le=100, description="Latest events to list.")] = 20,
              counterparts: Annotated[int, Query(ge=0, le=100, description="Counterparts to list.")] = 10,
              ) -> dict[str, Any]:
        """A knowledge-base actor (names, aliases, dated roles) with its latest events and counterparts."""
        db = stores.get()
        from eventwire.api.actors import describe

        described = describe(knowledge.get(), actor_id)
        query = EventQuery(actor_ids=(actor_id,))
        total = count_events(db, query)
        if described is None and total == 0:
            raise ApiError(404, f"no actor {actor_id!r} in the knowledge base or in any stored event")
        latest = [event.record for event in latest_events(db, query, recent)]
        others = top_counterparts(db, actor_id, counterparts) if counterparts else []
        return {**(described or _unknown_actor(actor_id, latest)), "events": total, "recent_events": latest,
                "counterparts": [{"actor_id": c.actor_id, "name": c.name, "country": c.country,
                                  "events": c.events} for c in others]}

    @app.get("/api/clusters/{cluster_id}", response_model=models.ClusterOut, tags=["events"])
    def cluster(cluster_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
        """One real-world event: every article's mention of it, with mention/article/source counts."""
        db = stores.get()
        found = event_cluster(db, cluster_id)
        if found is None:
            raise ApiError(404, f"no cluster with id {cluster_id!r}")
        return {"cluster_id": found.cluster_id, "type": found.type, "factuality": found.factuality,
                "date_start": found.date_start, "date_end": found.date_end,
                "location_country": found.location_country, "source_keys": list(found.source_keys),
                "target_keys": list(found.target_keys), "mentions": found.mentions,
                "articles": found.articles, "sources": found.sources, "events": list(found.records)}

    if ingestor is not None and token is not None:
        _add_ingest(app, ingestor, token)
    _document_errors(app)
    mount_web(app)  # the analysts' page at "/" (eventwire.web); after the API, so /api/* keeps its routes
    return app


# Error answers any operation can give (status -> when), documented in /openapi.json with their shape.
_ANY_OPERATION_ERRORS: dict[str, str] = {
    "400": "A parameter is invalid or unknown (code bad_parameter; `parameter` names it).",
    "429": "Too many requests from this client (rate_limited); retry after `Retry-After` seconds.",
    "500": "An unexpected error (internal); the details are in the server log only.",
}


def _document_errors(app: FastAPI) -> None:
    """/openapi.json lists the errors each operation really answers, in the ErrorOut shape. FastAPI would
    document a 422 in its own shape for every route with parameters, but this API answers a bad parameter
    with 400 (errors.on_validation_error) and 422 only for a bad request body."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = generate()
        shape = models.ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas.update(shape.pop("$defs", {}))
        schemas["ErrorOut"] = shape

        def error(description: str) -> dict[str, Any]:
            return {"description": description,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}

        for path, operations in document.get("paths", {}).items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                responses.pop("422", None)
                for status, description in _ANY_OPERATION_ERRORS.items():
                    responses.setdefault(status, error(description))
                if "{" in path:
                    responses.setdefault("404", error("Nothing has this id (not_found)."))
                if operation.get("security"):
                    responses.setdefault("401", error("The bearer token is missing or wrong (unauthorized)."))
                if "requestBody" in operation:
                    responses["422"] = error("The body is not the expected JSON (bad_body).")
                    responses.setdefault("413", error("The body is over the size limit (too_large)."))
        return document

    app.openapi = openapi  # type: ignore[method-assign]


DOCS_ASSETS_URL = "/docs-assets"


def _offline_docs_assets() -> FilePath | None:
    """Swagger UI / ReDoc files shipped in a package, so /docs works offline; None: FastAPI's default
    pages, which load them from a CDN."""
    try:
        import fastapi_offline
    except ImportError:
        return None
    folder = FilePath(fastapi_offline.__file__).parent / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


def _add_offline_docs(app: FastAPI, folder: FilePath) -> None:
    from fastapi.staticfiles import StaticFiles

    app.mount(DOCS_ASSETS_URL, StaticFiles(directory=folder), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="eventwire API",
            swagger_js_url=f"{DOCS_ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS_URL}/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url="/openapi.json", title="eventwire API",
                              redoc_js_url=f"{DOCS_ASSETS_URL}/redoc.standalone.js",
                              redoc_favicon_url=f"{DOCS_ASSETS_URL}/favicon.png", with_google_fonts=False)


def _unknown_actor(actor_id: str, latest: list[dict[str, Any]]) -> dict[str, Any]:
    # Not in the knowledge base (a user actor file used at ingest time): named as the events name it.
    refs = [ref for record in latest for ref in (*record.get("source", ()), *record.get("target", ()))
            if ref.get("actor_id") == actor_id]
    first = refs[0] if refs else {}
    return {"actor_id": actor_id, "known": False, "kind": first.get("kind"), "name": first.get("name"),
            "country": first.get("country"), "sector": first.get("sector"), "aliases": [], "roles": []}


def _add_ingest(app: FastAPI, ingestor: "Ingestor", token: str) -> None:
    bearer = HTTPBearer(auto_error=False, description="The token `eventwire serve --token-env` was given.")
    expected = token.encode("utf-8")

    def authorised(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
        given = (credentials.credentials if credentials else "").encode("utf-8")
        # compare_digest: the time taken does not tell how much of a guess was right.
        if not hmac.compare_digest(given, expected):
            raise ApiError(401, "a valid 'Authorization: Bearer <token>' header is required",
                           headers={"WWW-Authenticate": "Bearer"})

    @app.post("/api/ingest", response_model=models.IngestResult, tags=["ingest"],
              dependencies=[Depends(authorised)],
              responses={503: {"model": models.ErrorOut, "description": "Two ingest requests are already"
                               " running or waiting (unavailable); retry after `Retry-After` seconds."}})
    def ingest(request: models.IngestRequest) -> models.IngestResult:
        """Store articles given as JSON records and code their events; a record already stored is not
        stored again (idempotent)."""
        from eventwire.api.ingest import IngestBusy, unreadable_published

        problem = unreadable_published(request.records)
        if problem is not None:
            raise ApiError(422, problem, parameter="body")
        try:
            result = ingestor.ingest(request.records)
        except IngestBusy:
            raise ApiError(503, "other ingest requests are being processed; retry later",
                           headers={"Retry-After": "5"}) from None
        log.info("ingest: %d documents, %d new, %d duplicate, %d failed, %d events", result.documents,
                 result.new, result.duplicate, result.failed, result.events)
        return result

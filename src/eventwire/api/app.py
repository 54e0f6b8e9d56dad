"""create_app: the FastAPI application over one store, composed of one router per resource
(api/routes/*, api/download.py) and the middleware that guards them. Routes are sync functions: FastAPI
runs them in its thread pool, each thread with its own read-only connection (stores.ThreadStores)."""

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import anyio.to_thread
from fastapi import Depends, FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire import __version__
from eventwire.api import download
from eventwire.api.cache import AggregateCache
from eventwire.api.context import ApiContext
from eventwire.api.docs import add_offline_docs, document_errors, offline_docs_assets
from eventwire.api.errors import (
    ApiError,
    TokenLogFilter,
    on_api_error,
    on_http_error,
    on_query_error,
    on_validation_error,
)
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
from eventwire.api.params import reject_unknown_parameters
from eventwire.api.ratelimit import TokenBucketLimiter
from eventwire.api.routes import actors, articles, clusters, events, ingest, service, stats
from eventwire.api.stores import ThreadStores
from eventwire.store import QueryError, Store, database_url
from eventwire.web import mount_web

if TYPE_CHECKING:
    from eventwire.actors import KnowledgeBase
    from eventwire.events import EventCoder

log = logging.getLogger("eventwire.api")

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
    ingestor = None
    if token is not None:
        from eventwire.api.ingest import Ingestor

        ingestor = Ingestor(url, settings.load_coder)
    context = ApiContext(stores=ThreadStores(url), aggregates=AggregateCache(url), knowledge=_KNOWLEDGE.get,
                         schema_version=schema_version, ingestor=ingestor, token=token)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Installed now, after `eventwire serve` has set up logging, so the handlers get the filter too.
        token_filter = TokenLogFilter(token) if token is not None else None
        filtered = token_filter.install() if token_filter is not None else []
        await anyio.to_thread.run_sync(_KNOWLEDGE.get)  # before the first request is accepted
        if ingestor is not None and settings.load_coder_at_startup:
            ingestor.warm_up()
        try:
            yield
        finally:
            context.stores.close()
            if ingestor is not None:
                ingestor.close()
            if token_filter is not None:
                token_filter.remove(filtered)

    docs_assets = offline_docs_assets()
    app = FastAPI(
        title="eventwire", version=__version__, lifespan=lifespan,
        **({"docs_url": None, "redoc_url": None} if docs_assets else {}),
        description="Political event data from news: events, statistics, articles, actors and"
                    " deduplicated real-world events. Read-only unless started with an ingest token.",
        dependencies=[Depends(reject_unknown_parameters)],
    )
    app.state.context = context  # what the routes are given (api/context.py)
    app.state.ingestor = ingestor  # None when read-only
    app.state.aggregates = context.aggregates
    app.state.ingest_token = token  # only to blank it out of error messages (errors.redact)
    if docs_assets is not None:
        add_offline_docs(app, docs_assets)
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

    for router in (service.router, events.router, stats.router, clusters.router, actors.router,
                   download.router,  # the current selection as a file (the page's Download)
                   articles.router):
        app.include_router(router)
    if ingestor is not None:
        app.include_router(ingest.router)
    document_errors(app)
    mount_web(app)  # the analysts' page at "/" (eventwire.web); after the API, so /api/* keeps its routes
    return app

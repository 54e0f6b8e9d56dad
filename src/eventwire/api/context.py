"""What every route needs from the app it serves: the store connections, the caches and the knowledge
base, held by the app (`app.state.context`) and handed to a route by the `Context` dependency.

A route opens its connection itself with `context.reader()` in its own body: FastAPI may run a sync
dependency and the route on different pool threads, and a connection must stay on the thread that
opened it (seen as "Error creating function" under concurrent requests).
"""

# No `from __future__ import annotations`: FastAPI reads the annotations of api_context.
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Optional

from fastapi import Depends, Request

from eventwire.api.actors import ActorNames
from eventwire.api.cache import AggregateCache
from eventwire.api.stores import ThreadStores
from eventwire.store import Reader

if TYPE_CHECKING:
    from eventwire.actors import KnowledgeBase
    from eventwire.api.ingest import Ingestor

# Downloads write whole exports and keep a pool thread busy meanwhile: two at a time, so they cannot take
# the threads every other request needs; a third is told to retry (503).
MAX_DOWNLOADS = 2


class _NamesCache:
    """The knowledge base's name index, built on the first actor search (about 0.2 s), then kept."""

    def __init__(self) -> None:
        self._names: ActorNames | None = None
        self._lock = threading.Lock()

    def get(self, kb: "KnowledgeBase") -> ActorNames:
        with self._lock:
            if self._names is None:
                self._names = ActorNames(kb)
            return self._names


@dataclass(frozen=True)
class ApiContext:
    stores: ThreadStores
    # The explorer's aggregates over the whole store take seconds on millions of events: kept until the
    # store changes (api/cache.py).
    aggregates: AggregateCache
    knowledge: Callable[[], "KnowledgeBase"]
    schema_version: int
    ingestor: Optional["Ingestor"] = None  # None: read-only
    token: str | None = None  # the ingest token, when ingest is enabled
    downloads: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(MAX_DOWNLOADS))
    names: _NamesCache = field(default_factory=_NamesCache)

    def reader(self) -> Reader:
        """The calling thread's read-only store, as its Reader."""
        return Reader(self.stores.get())

    def country_name(self, key: str) -> str | None:
        """The knowledge base's name of a country actor (ew:XXX or XXX)."""
        found = self.knowledge().countries.get(key.removeprefix("ew:"))
        return found.name if found else None


# `async`: a plain `def` dependency would be a round trip through the thread pool for a dictionary look-up.
async def api_context(request: Request) -> ApiContext:
    context: ApiContext = request.app.state.context
    return context


Context = Annotated[ApiContext, Depends(api_context)]

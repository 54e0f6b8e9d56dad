"""Storage: the only stage that knows about databases. SQLite (WAL) is the embedded default; PostgreSQL
runs the same store on a server (`--db postgresql://user@host/db`).

Writing goes through `Store` (the pipeline and ingest); reading goes through `Reader` (store/reader.py):
the questions callers ask, each answered with the frozen records exported here. The filter of every
events question is one `EventQuery`.
"""

from eventwire.store.backend import StoreError, mask_url
from eventwire.store.magnitudes import MagnitudeTotals
from eventwire.store.overview import (
    SORT_COLUMNS,
    SORT_PATTERN,
    ActiveActor,
    ClusterRow,
    DateSpan,
    Facet,
    NetworkEdge,
    NetworkNode,
    Place,
    node_filter,
)
from eventwire.store.queries import (
    ArticleListing,
    Counterpart,
    Dyad,
    EventCluster,
    EventQuery,
    EventWithCluster,
    Near,
    PeriodCount,
    PeriodIntensity,
    QueryError,
    StoredArticle,
    StoredEvent,
)
from eventwire.store.reader import Reader
from eventwire.store.store import (
    DEFAULT_DB,
    SourceCount,
    Store,
    StoreSummary,
    database_url,
    server_version,
)

__all__ = [
    "DEFAULT_DB", "SORT_COLUMNS", "SORT_PATTERN", "ActiveActor", "ArticleListing", "ClusterRow",
    "Counterpart", "DateSpan", "Dyad", "EventCluster", "EventQuery", "EventWithCluster", "Facet",
    "MagnitudeTotals", "Near",
    "NetworkEdge", "NetworkNode", "PeriodCount", "PeriodIntensity", "Place", "QueryError", "Reader",
    "SourceCount", "Store", "StoreError", "StoreSummary", "StoredArticle", "StoredEvent", "database_url",
    "mask_url", "node_filter", "server_version",
]

"""Storage: the only stage that knows about databases. SQLite (WAL) is the embedded default; PostgreSQL
runs the same store on a server (`--db postgresql://user@host/db`)."""

from eventwire.store.backend import StoreError, mask_url
from eventwire.store.store import (
    DEFAULT_DB,
    SourceCount,
    Store,
    StoreSummary,
    database_url,
    server_version,
)

__all__ = ["DEFAULT_DB", "SourceCount", "Store", "StoreError", "StoreSummary", "database_url", "mask_url",
           "server_version"]

"""Storage: the only stage that knows about databases. SQLite (WAL) is the embedded default."""

from eventwire.store.sqlite import (
    DEFAULT_DB,
    SourceCount,
    Store,
    StoreError,
    StoreSummary,
    database_url,
)

__all__ = ["DEFAULT_DB", "SourceCount", "Store", "StoreError", "StoreSummary", "database_url"]

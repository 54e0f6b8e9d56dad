"""Store connections for request threads: one read-only Store per worker thread, one writer for ingest.

FastAPI runs sync endpoints in a thread pool. A sqlite3 connection must not be used by two threads at
once, and opening one per request costs a schema check (Store.open migrates) on every call, so each pool
thread keeps its own connection (measured in docs/api.md). Read connections are read-only (SQLite
`query_only`, a PostgreSQL read-only session), so no request path can write through them even by mistake.
"""

from __future__ import annotations

import threading

from eventwire.store import Store


class ThreadStores:
    """A read-only Store per thread, opened on first use and closed together by close()."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()
        self._opened: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self.url)
            store.read_only()
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            store.close()
        self._local = threading.local()

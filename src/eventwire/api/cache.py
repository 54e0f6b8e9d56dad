"""Answers of the explorer's aggregates kept until the store changes (issue #18: on 1M events the network
took 15.6 s and the top dyads 10.3 s on SQLite, for every page load).

Without filters (and for the timeline, with only type and date filters) the aggregates read the totals the
store keeps on write (store/totals.py), so even the first request after a write answers in milliseconds;
this cache saves the filtered ones, which still read the matching events, from being computed again.

The key is the request (route, filters, parameters) and the store's generation: for SQLite the size and
modification time (nanoseconds) of the database file and of its write-ahead log, and the log's header,
which every committed write changes (the store runs in WAL mode: a commit appends to the log, a log
restarted after a checkpoint gets new salts in its header; a checkpoint rewrites the file).
An answer computed while a write commits is kept under the generation read before it, so it is recomputed
on the next request. PostgreSQL has no such cheap marker that only this database's writes move: its
answers are not cached.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

SQLITE_PREFIX = "sqlite:///"
Value = TypeVar("Value")


class AggregateCache:
    """At most `size` answers, least recently used out first."""

    def __init__(self, url: str, size: int = 128) -> None:
        path = url.removeprefix(SQLITE_PREFIX) if url.startswith(SQLITE_PREFIX) else None
        # sqlite:///:memory: and file: URIs have no file to watch.
        self._files = (path, f"{path}-wal") if path and not path.startswith((":", "file:")) else None
        self._size = size
        self._entries: OrderedDict[Hashable, tuple[Hashable, object]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def generation(self) -> Hashable | None:
        """What changes with every committed write; None when it cannot be told (no caching)."""
        if self._files is None:
            return None
        marks: list[Hashable] = []
        for name in self._files:
            try:
                found = os.stat(name)
            except FileNotFoundError:
                marks.append(None)
                continue
            marks.append((found.st_size, found.st_mtime_ns))
        # The log's header: its salts change each time the log restarts from its beginning after a
        # checkpoint, when a write of the same size within one clock tick would leave size and time alike.
        try:
            with open(self._files[1], "rb") as log:
                marks.append(log.read(32))
        except FileNotFoundError:
            marks.append(None)
        return tuple(marks)

    def get(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        """The answer for `key` at the store's current generation, computed (outside the lock) if absent."""
        generation = self.generation()
        if generation is None:
            return compute()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == generation:
                self._entries.move_to_end(key)
                self.hits += 1
                return entry[1]  # type: ignore[return-value]
            self.misses += 1
        value = compute()
        with self._lock:
            self._entries[key] = (generation, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return value

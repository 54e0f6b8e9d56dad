"""The embedded default: one SQLite file in WAL mode (readers never wait for the writer)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventwire.store.backend import Backend, StoreError, placeholders, search_terms
from eventwire.store.geo import distance_km

# What the user can do about a refused write, by words of SQLite's message; checked in this order.
_FAILURE_HINTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("full", "disk i/o"), "the disk is full or the file may not grow: free space, then run again"),
    (("readonly", "read-only"), "the file or its folder is read-only: make it writable or use another --db"),
    (("locked", "busy"), "another process holds the database: wait for it to finish, then run again"),
    (("unable to open",), "the file or its folder cannot be written: check their permissions"),
)

PAGE_CACHE_KIB = 64 * 1024  # per connection (a negative cache_size is KiB)


def sqlite_path(url: str) -> Path:
    rest = url.partition("://")[2]
    # sqlite:////abs/path has an absolute path after the third slash: keep exactly one leading slash so
    # messages name the file as the user knows it, not "//abs/path".
    return Path("/" + rest.lstrip("/") if rest.startswith("/") else rest)


class SQLiteBackend(Backend):
    name = "sqlite"
    null_safe_equal = "IS"
    forced_join = "CROSS JOIN"  # SQLite joins CROSS JOIN operands in the order written
    newline = "char(10)"
    no_limit = -1

    def connect(self, url: str) -> sqlite3.Connection:
        path = sqlite_path(url)
        if not path.parent.is_dir():
            raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")
        try:
            connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute("PRAGMA busy_timeout=10000")
            # A 64 MiB page cache (SQLite's default is 2 MiB): each article's events touch pages of some
            # twenty indexes and the search table, and once the store outgrows 2 MiB every commit re-reads
            # them from the OS. Replaying the writes of bench's 1,000 articles: 6.2-6.6 -> 5.6 ms of CPU
            # per article (docs/ingest-profile.md); the cache fills only as far as the store is read.
            connection.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
        except sqlite3.DatabaseError as error:
            raise StoreError(f"cannot open database {path}: {error} ({self.hint(error)})") from error
        # PostgreSQL has it as a SQL function (migration 0003); here it is Python, registered per connection.
        connection.create_function("ew_distance_km", 4, distance_km, deterministic=True)
        return connection

    def describe(self, url: str) -> str:
        return str(sqlite_path(url))

    def server_version(self, url: str) -> str:
        return f"SQLite {sqlite3.sqlite_version} (embedded)"

    @property
    def errors(self) -> tuple[type[BaseException], ...]:
        return (sqlite3.Error,)

    @property
    def write_errors(self) -> tuple[type[BaseException], ...]:
        return (sqlite3.OperationalError,)

    def is_disconnect(self, error: BaseException, connection: Any) -> bool:
        return False  # a file does not go away and come back

    def hint(self, error: BaseException) -> str:
        message = str(error).lower()
        return next((text for words, text in _FAILURE_HINTS if any(word in message for word in words)),
                    "check the file and the disk")

    def begin(self) -> tuple[str, ...]:
        return ("BEGIN IMMEDIATE",)  # take the write lock now, not at the first write (no upgrade deadlock)

    def read_only(self) -> tuple[str, ...]:
        return ("PRAGMA query_only = ON",)

    def insert_ignore(self, table: str, columns: Sequence[str], key: Sequence[str]) -> str:
        return f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({placeholders(columns)})"

    def insert_replace(self, table: str, columns: Sequence[str], key: Sequence[str]) -> str:
        return f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({placeholders(columns)})"

    def least(self, first: str, second: str) -> str:
        return f"min({first}, {second})"

    def greatest(self, first: str, second: str) -> str:
        return f"max({first}, {second})"

    def position(self, haystack: str, needle: str) -> str:
        return f"instr({haystack}, {needle})"

    def week_start(self, iso_date: str) -> str:
        # Forward to Sunday ('weekday 0' keeps a Sunday), then back six days.
        return f"date({iso_date}, 'weekday 0', '-6 days')"

    def text_search(self, words: str) -> tuple[str, Any] | None:
        # Every term a quoted FTS5 string (a phrase when it has several words), so nothing the user types
        # is FTS5 syntax; `word*` stays a prefix search; terms are ANDed.
        terms = search_terms(words)
        if not terms:
            return None
        expression = " ".join('"' + " ".join(term) + '"' + ("*" if prefix else "") for term, prefix in terms)
        return ("e.event_id IN (SELECT s.event_id FROM events_fts f JOIN event_search s ON s.id = f.rowid"
                " WHERE events_fts MATCH ?)", expression)

    def explain(self, select: str) -> str:
        return "EXPLAIN QUERY PLAN " + select



SQLITE = SQLiteBackend()

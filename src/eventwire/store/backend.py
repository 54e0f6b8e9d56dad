"""What differs between the databases the store runs on, in one place.

The store (store/store.py) and the queries (store/queries.py) are written once, in SQL both SQLite and
PostgreSQL accept, with `?` placeholders. Where the two really differ (conflict clauses, NULL ordering,
full-text search, string functions, connecting, what a lost connection looks like) they ask their
`Backend`. Backends are found by the URL's scheme: the built-in ones in `BUILTIN_BACKENDS` (imported only
when a URL asks for them), then those installed packages add through the `eventwire.store_backends` entry
point (eventwire.plugins, docs/extending.md).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "***"


class StoreError(RuntimeError):
    """A database that cannot be opened or written, with what the user can do about it."""


def mask_url(url: str) -> str:
    """The URL with its password (in the authority or a `password=` parameter) replaced by ***, for
    messages and listings: a URL may be printed, a password never."""
    if "://" not in url:
        return url
    parts = urlsplit(url)
    if parts.password is None and "password" not in parts.query.lower():
        return url  # untouched: urlunsplit would drop the empty authority of sqlite:////path
    netloc = parts.netloc
    if "@" in netloc:
        credentials, _, host = netloc.rpartition("@")
        user, has_password, _ = credentials.partition(":")
        netloc = f"{user}:{MASK}@{host}" if has_password else netloc
    query = parts.query
    if "password" in query.lower():
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(k, MASK if k.lower() == "password" else v) for k, v in pairs], safe="*=-")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def scrub(message: str, url: str) -> str:
    """A driver's message with the URL's password taken out, should the driver have quoted it."""
    password = urlsplit(url).password if "://" in url else None
    for key, value in parse_qsl(urlsplit(url).query) if "://" in url else []:
        if key.lower() == "password":
            password = value
    return message.replace(password, MASK) if password else message


Row = Sequence[Any]
Batch = tuple[str, Sequence[Row]]  # a statement and the rows of parameters to run it with


class Backend(ABC):
    """One database system: connecting, its SQL dialect and its errors. Stateless; one instance each."""

    name: str  # the migrations folder, and what `eventwire info` calls it
    null_safe_equal: str  # `a IS b` in SQLite: true for NULL = NULL
    forced_join: str  # a join the planner must take in the written order (page first, then the rows)
    newline: str  # the SQL expression for "\n"
    no_limit: int | None  # the LIMIT value that means "all rows"

    # --- connecting ----------------------------------------------------------------------------------

    @abstractmethod
    def connect(self, url: str) -> Any:
        """A new connection in autocommit mode (transactions are begun explicitly), or StoreError."""

    @abstractmethod
    def describe(self, url: str) -> str:
        """Where the data lives, for messages (a file path, or the URL with its password masked)."""

    @abstractmethod
    def server_version(self, url: str) -> str:
        """The database system and its version, without opening (or migrating) a store."""

    @property
    @abstractmethod
    def errors(self) -> tuple[type[BaseException], ...]:
        """The driver's errors."""

    @property
    @abstractmethod
    def write_errors(self) -> tuple[type[BaseException], ...]:
        """Errors of a refused write (disk full, read-only, no rights, server gone): StoreError to users."""

    @abstractmethod
    def is_disconnect(self, error: BaseException, connection: Any) -> bool:
        """True when the connection was lost (server restarted or unreachable): the work can be redone on
        a new connection. Never true for SQLite."""

    @abstractmethod
    def hint(self, error: BaseException) -> str:
        """What the user can do about the error."""

    def message(self, error: BaseException) -> str:
        """The driver's message in one line."""
        return " ".join(str(error).split())

    # --- statements ----------------------------------------------------------------------------------

    def sql(self, text: str) -> str:
        """The store's SQL (with `?` placeholders) as this driver takes it."""
        return text

    @abstractmethod
    def begin(self) -> tuple[str, ...]:
        """The statements that begin a write transaction, which also serialise writers (as SQLite does)."""

    @abstractmethod
    def read_only(self) -> tuple[str, ...]:
        """Session statements after which no statement of this connection may write."""

    @abstractmethod
    def insert_ignore(self, table: str, columns: Sequence[str], key: Sequence[str]) -> str:
        """INSERT of one row (placeholders) that does nothing when a row with the same key exists."""

    @abstractmethod
    def insert_replace(self, table: str, columns: Sequence[str], key: Sequence[str]) -> str:
        """INSERT of one row (placeholders) that overwrites every given column of a row with the same key."""

    @abstractmethod
    def least(self, first: str, second: str) -> str:
        """The smaller of two non-NULL values."""

    @abstractmethod
    def greatest(self, first: str, second: str) -> str: ...

    def nulls_first(self, expression: str) -> str:
        """Ascending order with NULLs first (SQLite's default)."""
        return expression

    def desc_nulls_last(self, expression: str) -> str:
        """Descending order with NULLs last (SQLite's default)."""
        return f"{expression} DESC"

    @abstractmethod
    def position(self, haystack: str, needle: str) -> str:
        """1-based position of needle in haystack, 0 when absent."""

    @abstractmethod
    def week_start(self, iso_date: str) -> str:
        """The Monday of the ISO week of an ISO date column, as YYYY-MM-DD text."""

    @abstractmethod
    def text_search(self, words: str) -> tuple[str, Any] | None:
        """A condition on `e.event_id` matching events whose evidence sentence holds the words (all of
        them; "quoted phrases"; `word*` prefixes), and its one parameter; None when no word is left."""

    @abstractmethod
    def explain(self, select: str) -> str:
        """The statement that shows the plan of select."""

    def plan_lines(self, rows: Iterable[Row]) -> list[str]:
        return [str(row[-1]) for row in rows]

    def execute_many(self, connection: Any, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        """statement (already in the driver's form) once per row of parameters."""
        connection.executemany(statement, rows)

    def execute_batches(self, connection: Any, batches: Sequence[Batch]) -> None:
        """execute_many of each (statement in the driver's form, rows) in turn."""
        for statement, rows in batches:
            self.execute_many(connection, statement, rows)

    def stream(self, connection: Any, sql: str, params: Sequence[Any]) -> Iterator[Row]:
        """Rows read as they are consumed (exports of millions of events), not all at once."""
        yield from connection.execute(self.sql(sql), params)


# The terms of a search: "quoted phrases" and words, a trailing * making a word a prefix.
SEARCH_TERM = re.compile(r'"([^"]*)"|(\S+)')
WORD = re.compile(r"\w+")


def placeholders(values: Sequence[Any]) -> str:
    """`?, ?, ?`: one parameter mark per value, for an IN list or a VALUES row (both backends take `?`)."""
    return ", ".join("?" for _ in values)


def search_terms(text: str) -> list[tuple[list[str], bool]]:
    """User words -> (words of one term, is a prefix), with everything but letters and digits dropped, so
    no input is a syntax error in either database's search language."""
    terms = []
    for phrase, word in SEARCH_TERM.findall(text):
        raw = phrase if phrase else word.replace('"', "")
        prefix = bool(word) and raw.endswith("*")
        words = WORD.findall(raw.rstrip("*"))
        if words:
            terms.append((words, prefix))
    return terms


# scheme -> "module:attribute" of its Backend. Named, not imported: this module is imported by every
# backend, and importing the backends here would make a cycle (and load psycopg for SQLite users).
BUILTIN_BACKENDS: dict[str, str] = {
    "sqlite": "eventwire.store.sqlite:SQLITE",
    "postgresql": "eventwire.store.postgresql:POSTGRESQL",
    "postgres": "eventwire.store.postgresql:POSTGRESQL",
}


def backend_schemes() -> list[str]:
    """Every URL scheme a store can be opened with: the built-in ones, then those plugins add."""
    from eventwire.plugins import STORE_BACKENDS, names

    return names(STORE_BACKENDS, BUILTIN_BACKENDS)


def backend_for(url: str) -> Backend:
    from importlib import import_module

    from eventwire.plugins import STORE_BACKENDS, choose, plugins

    scheme = url.partition("://")[0].lower()
    if scheme in BUILTIN_BACKENDS:
        module, _, name = BUILTIN_BACKENDS[scheme].partition(":")
        return getattr(import_module(module), name)
    backend = choose(STORE_BACKENDS, scheme, {}, StoreError, lambda: (
        f"unknown database URL {mask_url(url)!r}: give a file path or a URL starting with one of "
        + ", ".join(f"{known}://" for known in backend_schemes())))
    if not isinstance(backend, Backend):
        plugin = plugins(STORE_BACKENDS)[scheme]
        raise StoreError(f"plugin {scheme!r} of package {plugin.package!r} is not a store backend:"
                         f" {plugin.value} must name an eventwire.store.backend.Backend instance")
    return backend

"""PostgreSQL through psycopg 3: the same store on a server (`--db postgresql://user@host/db`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any

from eventwire.store.backend import (
    Backend,
    Batch,
    Row,
    StoreError,
    mask_url,
    placeholders,
    scrub,
    search_terms,
)

# Any number below 2**63: writers of one database take this transaction-scoped advisory lock, so two
# ingests into one store are serialised as SQLite serialises them (clustering reads what it then writes).
WRITE_LOCK = 0x65776972  # "ewir"
CONNECT_TIMEOUT_SECONDS = 10

# SQLSTATE classes and codes that mean "the server went away or is not yet back"; the work can be redone.
_LOST_CLASSES = ("08",)  # connection exception
_LOST_CODES = frozenset({"57P01", "57P02", "57P03"})  # admin / crash shutdown, cannot connect now

_HINTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("53100", "53200", "53300"), "the server is out of disk space, memory or connections"),
    (("25006",), "the session or database is read-only: use a writable database"),
    (("42501",), "the role may not do this: grant it rights on the database (or its schema)"),
    (("28P01", "28000"), "the server refused the role or its password: check the URL"),
    (("3D000",), "the database does not exist: create it (createdb) or fix the URL"),
    (("3F000",), "the schema named by search_path does not exist: create it (CREATE SCHEMA) or fix the URL"),
)

# Failures to connect carry no SQLSTATE: recognised by libpq's words.
_CONNECT_HINTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("no password supplied", "password authentication"),
     "give the role's password in the URL (postgresql://user:password@host/db) or in ~/.pgpass"),
    (("does not exist",), "the database or role does not exist: create it or fix the URL"),
    (("refused", "could not connect", "no such file", "timeout expired", "could not translate host"),
     "is the server running and reachable at that host and port?"),
)

_PLACEHOLDER = re.compile(r"'(?:[^']|'')*'|\?|%")


@functools.lru_cache(maxsize=512)
def _psycopg_sql(text: str) -> str:
    # `?` -> `%s`, a literal % doubled, string literals left alone.
    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        return {"?": "%s", "%": "%%"}.get(token, token)

    return _PLACEHOLDER.sub(swap, text)


class PostgreSQLBackend(Backend):
    name = "postgresql"
    null_safe_equal = "IS NOT DISTINCT FROM"
    forced_join = "JOIN"
    newline = "chr(10)"
    no_limit = None  # LIMIT NULL: all rows

    def connect(self, url: str) -> Any:
        import psycopg

        try:
            connection = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS)
        except psycopg.Error as error:
            raise StoreError(f"cannot open database {mask_url(url)}: {scrub(self.message(error), url)}"
                             f" ({self.hint(error)})") from error
        # Every statement planned for its own values. psycopg prepares a statement run five times, and the
        # server may then keep one generic plan for all values: blind to how common a word or a country
        # is, it counted a frequent word through a bitmap of all its matches (~30 -> ~400 ms a total).
        connection.prepare_threshold = None
        return connection

    def describe(self, url: str) -> str:
        return mask_url(url)

    def server_version(self, url: str) -> str:
        connection = self.connect(url)
        try:
            (version,) = connection.execute("SHOW server_version").fetchone()
            return f"PostgreSQL {version}"
        finally:
            connection.close()

    @property
    def errors(self) -> tuple[type[BaseException], ...]:
        import psycopg

        return (psycopg.Error,)

    @property
    def write_errors(self) -> tuple[type[BaseException], ...]:
        import psycopg
        from psycopg import errors

        return (psycopg.OperationalError, errors.InsufficientPrivilege, errors.ReadOnlySqlTransaction)

    def is_disconnect(self, error: BaseException, connection: Any) -> bool:
        import psycopg

        if not isinstance(error, psycopg.OperationalError):
            return False
        code = getattr(error, "sqlstate", None) or ""
        return (code[:2] in _LOST_CLASSES or code in _LOST_CODES
                or connection is None or connection.closed or connection.broken)

    def hint(self, error: BaseException) -> str:
        code = getattr(error, "sqlstate", None) or ""
        found = next((text for codes, text in _HINTS if code in codes), None)
        if found:
            return found
        message = str(error).lower()
        found = next((text for words, text in _CONNECT_HINTS if any(word in message for word in words)), None)
        if found:
            return found
        if code[:2] in _LOST_CLASSES or code in _LOST_CODES or not code:
            return "is the server running and reachable at that host and port?"
        return "see the server's log for more"

    def message(self, error: BaseException) -> str:
        # The server's primary message, without the statement excerpt and caret psycopg adds below it.
        diag = getattr(error, "diag", None)
        primary = getattr(diag, "message_primary", None) if diag is not None else None
        return primary or super().message(error)

    def sql(self, text: str) -> str:
        return _psycopg_sql(text)

    def begin(self) -> tuple[str, ...]:
        return ("BEGIN", f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")

    def read_only(self) -> tuple[str, ...]:
        return ("SET default_transaction_read_only = on",)

    def insert_ignore(self, table: str, columns: Sequence[str], key: Sequence[str]) -> str:
        return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders(columns)})"
                f" ON CONFLICT ({', '.join(key)}) DO NOTHING")

    def insert_replace(self, table: str, columns: Sequence[str], key: Sequence[str]) -> str:
        # SQLite's OR REPLACE deletes the old row and inserts the new one, so columns not given fall back
        # to their defaults; callers give every column they mean to keep, so updating them is the same.
        updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in columns if column not in key)
        return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders(columns)})"
                f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}")

    def least(self, first: str, second: str) -> str:
        return f"least({first}, {second})"

    def greatest(self, first: str, second: str) -> str:
        return f"greatest({first}, {second})"

    def nulls_first(self, expression: str) -> str:
        return f"{expression} NULLS FIRST"

    def desc_nulls_last(self, expression: str) -> str:
        return f"{expression} DESC NULLS LAST"

    def position(self, haystack: str, needle: str) -> str:
        return f"strpos({haystack}, {needle})"

    def week_start(self, iso_date: str) -> str:
        return f"to_char(date_trunc('week', substr({iso_date}, 1, 10)::date), 'YYYY-MM-DD')"

    def text_search(self, words: str) -> tuple[str, Any] | None:
        # A tsquery built from letters and digits only: 'a' <-> 'b' for a phrase, :* for a prefix, & between
        # terms. Folded like the indexed sentences (ew_fold, then the 'simple' configuration lower-cases).
        terms = search_terms(words)
        if not terms:
            return None
        parts = []
        for term, prefix in terms:
            lexemes = [f"'{word}'" for word in term]
            if prefix:
                lexemes[-1] += ":*"
            parts.append("(" + " <-> ".join(lexemes) + ")")
        return "e.search @@ to_tsquery('simple', ew_fold(?))", " & ".join(parts)

    def explain(self, select: str) -> str:
        return "EXPLAIN " + select

    def plan_lines(self, rows: Any) -> list[str]:
        return [str(row[0]) for row in rows]

    def execute_many(self, connection: Any, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        with connection.cursor() as cursor:  # psycopg pipelines the rows: one round trip, not one per row
            cursor.executemany(statement, rows)

    def execute_batches(self, connection: Any, batches: Sequence[Batch]) -> None:
        # One pipeline for all of them: one round trip, not one per statement (the totals' six upserts
        # per article, store/totals.py).
        with connection.pipeline(), connection.cursor() as cursor:
            for statement, rows in batches:
                cursor.executemany(statement, rows)

    def stream(self, connection: Any, sql: str, params: Sequence[Any]) -> Iterator[Row]:
        # Rows come in chunks as the export consumes them; the connection serves nothing else meanwhile.
        with connection.cursor() as cursor:
            yield from cursor.stream(self.sql(sql), params, size=500)



POSTGRESQL = PostgreSQLBackend()

"""Versioned schema: numbered SQL scripts applied in order, each in its own transaction.

Each database system has its folder (migrations/sqlite/, migrations/postgresql/) with the same version
numbers and names, so a store of either reports the same schema version for the same tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

_SCRIPT_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

# The bookkeeping table, created on first open. SQLite stores made before PostgreSQL support have it
# in exactly this form.
_BOOKKEEPING: dict[str, str] = {
    "sqlite": "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
              " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
    "postgresql": "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                  " name TEXT NOT NULL, applied_at TEXT NOT NULL"
                  " DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
}
# Held while migrating, so two processes opening a new PostgreSQL store at once do not both create it
# (SQLite: the first script's BEGIN ... COMMIT takes the file's write lock).
_MIGRATION_LOCK = 0x65776D67  # "ewmg"


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations(backend: str = "sqlite") -> list[Migration]:
    folder = resources.files("eventwire.store") / "migrations" / backend
    found = []
    for entry in folder.iterdir():
        match = _SCRIPT_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: m.version)


def current_version(connection: Any, backend: str = "sqlite") -> int:
    connection.execute(_BOOKKEEPING[backend])
    row = connection.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return row[0] or 0


def migrate(connection: Any, backend: str = "sqlite") -> int:
    """Bring the schema up to date; returns the version reached. Safe to run on every open."""
    locked = backend == "postgresql"
    if locked:
        connection.execute(f"SELECT pg_advisory_lock({_MIGRATION_LOCK})")
    try:
        version = current_version(connection, backend)
        for migration in available_migrations(backend):
            if migration.version <= version:
                continue
            # One explicit transaction for the script and its bookkeeping, so a crash mid-migration leaves
            # the previous version intact (SQLite's executescript commits first; hence BEGIN inside).
            script = ("BEGIN;\n" + migration.sql
                      + "\nINSERT INTO schema_migrations (version, name)"
                      + f" VALUES ({migration.version}, '{migration.name}');"
                      + "\nCOMMIT;")
            if backend == "sqlite":
                connection.executescript(script)
            else:
                try:
                    connection.execute(script)  # no parameters: psycopg sends the statements as they are
                except BaseException:
                    if not connection.closed:
                        connection.execute("ROLLBACK")
                    raise
            version = migration.version
        return version
    finally:
        if locked and not connection.closed:
            connection.execute(f"SELECT pg_advisory_unlock({_MIGRATION_LOCK})")

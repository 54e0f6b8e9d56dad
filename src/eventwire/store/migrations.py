"""Versioned schema: numbered SQL scripts applied in order, each in its own transaction."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

_SCRIPT_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    folder = resources.files("eventwire.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _SCRIPT_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: m.version)


def current_version(connection: sqlite3.Connection) -> int:
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
    )
    row = connection.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return row[0] or 0


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the schema up to date; returns the version reached. Safe to run on every open."""
    version = current_version(connection)
    for migration in available_migrations():
        if migration.version <= version:
            continue
        # executescript commits first; wrap the script and its bookkeeping in one explicit transaction so
        # a crash mid-migration leaves the previous version intact.
        connection.executescript(
            "BEGIN;\n" + migration.sql
            + "\nINSERT INTO schema_migrations (version, name)"
            + f" VALUES ({migration.version}, '{migration.name}');"
            + "\nCOMMIT;"
        )
        version = migration.version
    return version

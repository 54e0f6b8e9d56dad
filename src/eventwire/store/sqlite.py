"""The embedded SQLite store.

Writes are idempotent: articles are keyed by content hash and sightings by (article, origin), so running
the same ingest twice, or again after a run was killed, ends with exactly what one clean run gives. Each
article is written in one transaction together with everything derived from it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.records import Article, ArticleMeta
from eventwire.store.dedup import MentionSignature, actor_keys, compatibility, date_window
from eventwire.store.migrations import migrate

if TYPE_CHECKING:
    from eventwire.events import Event

DEFAULT_DB = "eventwire.db"


class StoreError(RuntimeError):
    """A database that cannot be opened or written, with what the user can do about it."""


@dataclass(frozen=True, slots=True)
class SourceCount:
    source: str
    articles: int


@dataclass(frozen=True, slots=True)
class StoreSummary:
    url: str
    schema_version: int
    articles: int
    near_duplicates: int
    sightings: int
    first_published: str | None
    last_published: str | None
    sources: tuple[SourceCount, ...]
    languages: tuple[tuple[str, int], ...]
    events: int = 0
    events_by_type: tuple[tuple[str, int], ...] = ()
    events_by_factuality: tuple[tuple[str, int], ...] = ()


def database_url(db: str | os.PathLike[str] | None) -> str:
    """The URL a --db value (path or URL; default from EVENTWIRE_DB or ./eventwire.db) stands for."""
    value = str(db or os.environ.get("EVENTWIRE_DB") or DEFAULT_DB)
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _sqlite_path(url: str) -> Path:
    scheme, _, rest = url.partition("://")
    if scheme.startswith("postgres"):
        raise StoreError("PostgreSQL stores are not supported yet; use a SQLite file path for --db.")
    if scheme != "sqlite":
        raise StoreError(f"unknown database URL {url!r}: give a file path or sqlite:///path")
    # sqlite:////abs/path has an absolute path after the third slash: keep exactly one leading slash so
    # messages name the file as the user knows it, not "//abs/path".
    return Path("/" + rest.lstrip("/") if rest.startswith("/") else rest)


# What the user can do about a refused write, by words of SQLite's message; checked in this order.
_FAILURE_HINTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("full", "disk i/o"), "the disk is full or the file may not grow: free space, then run again"),
    (("readonly", "read-only"), "the file or its folder is read-only: make it writable or use another --db"),
    (("locked", "busy"), "another process holds the database: wait for it to finish, then run again"),
    (("unable to open",), "the file or its folder cannot be written: check their permissions"),
)


def _hint(error: sqlite3.Error) -> str:
    message = str(error).lower()
    return next((text for words, text in _FAILURE_HINTS if any(word in message for word in words)),
                "check the file and the disk")


def _write_failure(url: str, error: sqlite3.Error) -> str:
    return (f"cannot write to database {_sqlite_path(url)}: {error} ({_hint(error)}; "
            "everything stored before this article is kept)")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store:
    def __init__(self, connection: sqlite3.Connection, url: str, schema_version: int) -> None:
        self._db = connection
        self.url = url
        self.schema_version = schema_version

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None) -> Store:
        url = database_url(db)
        path = _sqlite_path(url)
        if not path.parent.is_dir():
            raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")
        try:
            connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute("PRAGMA busy_timeout=10000")
            version = migrate(connection)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"cannot open database {path}: {error} ({_hint(error)})") from error
        return cls(connection, url, version)

    @property
    def connection(self) -> sqlite3.Connection:
        """The open SQLite connection, for the query layer (store/queries.py) and nothing else."""
        return self._db

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all (a kill mid-way leaves nothing half-written).

        A write the database refuses (disk full, read-only file, locked too long) raises StoreError naming
        the database; what was committed before stays intact.
        """
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._rollback()
                raise
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as error:
            self._rollback()
            raise StoreError(_write_failure(self.url, error)) from error

    def _rollback(self) -> None:
        # A failed COMMIT may already have ended the transaction; a second error would hide the first.
        if self._db.in_transaction:
            with suppress(sqlite3.OperationalError):
                self._db.execute("ROLLBACK")

    # --- articles -------------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add_article(
        self, article: Article, *, near_duplicate_of: str | None = None, minhash: bytes | None = None
    ) -> bool:
        """Store the article (and its sighting). Returns False when it was already stored."""
        meta = article.meta
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO articles (id, title, source, url, author, published, language, text,"
            " origin, record_id, near_duplicate_of, minhash, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, meta.title, meta.source, meta.url, meta.author, meta.published, meta.language,
             article.text, article.origin, article.record_id, near_duplicate_of, minhash, _now()),
        )
        self.add_sighting(article)
        return cursor.rowcount == 1

    def add_sighting(self, article: Article) -> bool:
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO article_sightings (article_id, origin, url, seen_at) VALUES (?, ?, ?, ?)",
            (article.id, article.origin, article.meta.url, _now()),
        )
        return cursor.rowcount == 1

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute(
            "SELECT id, text, origin, record_id, title, source, url, author, published, language"
            " FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return Article(id=row[0], text=row[1], origin=row[2], record_id=row[3], meta=ArticleMeta(*row[4:]))

    def events_coded_by(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT events_coded_by FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def replace_events(self, article: Article, events: list[Event], coder_version: str) -> None:
        """The article's events, as coded by coder_version; earlier codings of it are replaced. Each event
        joins the cluster of an earlier mention of the same real-world event, or starts one."""
        touched = [row[0] for row in self._db.execute(
            "SELECT DISTINCT cluster_id FROM events WHERE article_id = ? AND cluster_id IS NOT NULL",
            (article.id,),
        )]
        self._db.execute(
            "DELETE FROM event_actors WHERE event_id IN (SELECT event_id FROM events WHERE article_id = ?)",
            (article.id,),
        )
        self._db.execute("DELETE FROM events WHERE article_id = ?", (article.id,))
        for cluster_id in touched:
            self._recount_cluster(cluster_id)
        reference = {"id": article.id, "url": article.meta.url, "source": article.meta.source,
                     "published": article.meta.published, "title": article.meta.title}
        for event in events:
            if event.article_id != article.id:  # the id must name the article it is stored under
                event = replace(event, article_id=article.id)
            record = event.as_json(reference)
            date, location = event.date, event.location
            self._db.execute(
                "INSERT OR REPLACE INTO events (event_id, article_id, type, mode, cameo, quad_class,"
                " intensity, factuality, date_start, date_end, date_precision, date_from_text, location_name,"
                " location_country, lat, lon, confidence, sentence_start, record)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (record["event_id"], article.id, event.type, event.mode, event.cameo, event.quad_class,
                 event.intensity, event.factuality, date.start if date else None, date.end if date else None,
                 date.precision if date else None, int(bool(date and date.from_text)),
                 location.name if location else None, location.country if location else None,
                 location.lat if location else None, location.lon if location else None,
                 event.confidence, event.evidence.start, json.dumps(record, ensure_ascii=False)),
            )
            self._join_cluster(record["event_id"], event)
            for role, actors in (("source", event.source), ("target", event.target)):
                for position, actor in enumerate(actors):
                    self._db.execute(
                        "INSERT OR REPLACE INTO event_actors (event_id, role, position, text, actor_id, name,"
                        " country, sector) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (record["event_id"], role, position, actor.text, actor.actor_id, actor.name,
                         actor.country, actor.sector),
                    )
        self._db.execute("UPDATE articles SET events_coded_by = ? WHERE id = ?", (coder_version, article.id))

    def _join_cluster(self, event_id: str, event: Event) -> None:
        mention = MentionSignature(
            type=event.type, factuality=event.factuality,
            date_start=event.date.start if event.date else None,
            date_end=event.date.end if event.date else None,
            source_keys=actor_keys(event.source), target_keys=actor_keys(event.target),
            location_country=event.location.country if event.location else None,
        )
        window = date_window(mention.date_start, mention.date_end)
        best: tuple[int, str, MentionSignature] | None = None
        if window is not None and (mention.source_keys or mention.target_keys):
            rows = self._db.execute(
                "SELECT cluster_id, date_start, date_end, source_keys, target_keys, location_country"
                " FROM event_clusters"
                " WHERE type IS ? AND factuality = ? AND date_start <= ? AND date_end >= ?"
                " ORDER BY rowid",
                (mention.type, mention.factuality, window[1], window[0]),
            )
            for cluster_id, start, end, sources, targets, country in rows:
                cluster = MentionSignature(
                    mention.type, mention.factuality, start, end,
                    frozenset(json.loads(sources)), frozenset(json.loads(targets)), country,
                )
                score = compatibility(mention, cluster)
                if score and (best is None or score > best[0]):
                    best = (score, cluster_id, cluster)
        if best is None:
            cluster_id = event_id
            self._db.execute(
                "INSERT OR REPLACE INTO event_clusters (cluster_id, type, factuality, date_start, date_end,"
                " source_keys, target_keys, location_country) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (cluster_id, mention.type, mention.factuality, mention.date_start,
                 mention.date_end or mention.date_start, json.dumps(sorted(mention.source_keys)),
                 json.dumps(sorted(mention.target_keys)), mention.location_country),
            )
        else:
            _, cluster_id, cluster = best
            # The cluster learns the actors and days its mentions add, so a later report joins on them too.
            self._db.execute(
                "UPDATE event_clusters SET source_keys = ?, target_keys = ?, date_start = min(date_start, ?),"
                " date_end = max(date_end, ?), location_country = coalesce(location_country, ?)"
                " WHERE cluster_id = ?",
                (json.dumps(sorted(cluster.source_keys | mention.source_keys)),
                 json.dumps(sorted(cluster.target_keys | mention.target_keys)), mention.date_start,
                 mention.date_end or mention.date_start, mention.location_country, cluster_id),
            )
        self._db.execute("UPDATE events SET cluster_id = ? WHERE event_id = ?", (cluster_id, event_id))
        self._recount_cluster(cluster_id)

    def _recount_cluster(self, cluster_id: str) -> None:
        mentions, articles, sources = self._db.execute(
            "SELECT count(*), count(DISTINCT e.article_id), count(DISTINCT coalesce(a.source, a.id))"
            " FROM events e JOIN articles a ON a.id = e.article_id WHERE e.cluster_id = ?",
            (cluster_id,),
        ).fetchone()
        if mentions == 0:
            self._db.execute("DELETE FROM event_clusters WHERE cluster_id = ?", (cluster_id,))
            return
        self._db.execute(
            "UPDATE event_clusters SET mentions = ?, articles = ?, sources = ? WHERE cluster_id = ?",
            (mentions, articles, sources, cluster_id),
        )

    def event_records(self, article_id: str | None = None) -> list[dict]:
        query = "SELECT record FROM events"
        params: tuple[str, ...] = ()
        if article_id is not None:
            query += " WHERE article_id = ?"
            params = (article_id,)
        rows = self._db.execute(query + " ORDER BY article_id, sentence_start", params)
        return [json.loads(row[0]) for row in rows]

    def near_duplicate_of(self, article_id: str) -> str | None:
        query = "SELECT near_duplicate_of FROM articles WHERE id = ?"
        row = self._db.execute(query, (article_id,)).fetchone()
        return row[0] if row else None

    def minhash_signatures(self) -> Iterator[tuple[str, bytes]]:
        """Stored near-duplicate signatures, oldest first, to rebuild the index of a new run."""
        yield from self._db.execute(
            "SELECT id, minhash FROM articles WHERE minhash IS NOT NULL ORDER BY rowid"
        )

    # --- reporting ------------------------------------------------------------------------------------

    def summary(self) -> StoreSummary:
        one = self._db.execute
        articles, near, first, last = one(
            "SELECT count(*), count(near_duplicate_of), min(published), max(published) FROM articles"
        ).fetchone()
        sources = tuple(
            SourceCount(source or "(unknown)", count)
            for source, count in one(
                "SELECT source, count(*) FROM articles GROUP BY source ORDER BY count(*) DESC, source"
            )
        )
        languages = tuple(
            (language or "(unknown)", count)
            for language, count in one(
                "SELECT language, count(*) FROM articles GROUP BY language ORDER BY count(*) DESC"
            )
        )
        (sightings,) = one("SELECT count(*) FROM article_sightings").fetchone()
        (events,) = one("SELECT count(*) FROM events").fetchone()
        by_type = tuple(one("SELECT coalesce(type, '-'), count(*) FROM events GROUP BY type"
                            " ORDER BY count(*) DESC, type"))
        by_factuality = tuple(one("SELECT factuality, count(*) FROM events GROUP BY factuality"
                                  " ORDER BY count(*) DESC, factuality"))
        return StoreSummary(self.url, self.schema_version, articles, near, sightings, first, last,
                            sources, languages, events, by_type, by_factuality)

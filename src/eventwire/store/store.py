"""The store: articles, their sightings and coded events, on SQLite or PostgreSQL with one implementation.

Writes are idempotent: articles are keyed by content hash and sightings by (article, origin), so running
the same ingest twice, or again after a run was killed, ends with exactly what one clean run gives. Each
article is written in one transaction together with everything derived from it.

The SQL below is written once; where the databases differ it asks its `Backend` (store/backend.py).

A server that restarts while a transaction is open loses it. Every write method called inside
`transaction()` is therefore recorded (the transaction's journal); when the connection is lost the store
reconnects (bounded, with backoff), begins again, replays the journal and carries on, so the caller's
transaction commits as if nothing happened. The writes are idempotent, so replaying after a COMMIT whose
answer was lost changes nothing. Hence the contract: inside `transaction()`, write through Store methods
only.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from eventwire.events.invariants import InvalidRecord, record_problems
from eventwire.records import Article, ArticleMeta
from eventwire.store import totals
from eventwire.store.backend import Backend, StoreError, backend_for, mask_url, placeholders, scrub
from eventwire.store.dedup import (
    MentionSignature,
    actor_keys,
    compatibility,
    date_window,
    earliest_joinable_start,
    mergeable,
)
from eventwire.store.migrations import migrate

if TYPE_CHECKING:
    from eventwire.events import Event

DEFAULT_DB = "eventwire.db"
log = logging.getLogger("eventwire.store")
RECONNECT_SECONDS = 60.0  # how long a lost server is waited for before the write fails
MAX_RECOVERIES_PER_TRANSACTION = 5  # a server that keeps dropping the connection is not waited for forever
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


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


def server_version(db: str | os.PathLike[str] | None) -> str:
    """The database system behind --db and its version; opens no store (so migrates nothing)."""
    url = database_url(db)
    return backend_for(url).server_version(url)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


P = ParamSpec("P")
R = TypeVar("R")
Write = Callable[["Store"], object]


def _journaled(method: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    """A write that is replayed, with the transaction's earlier writes, on a new connection when the
    server goes away in the middle of it."""

    @functools.wraps(method)
    def write(store: Store, *args: P.args, **kwargs: P.kwargs) -> R:
        if store._journal is None or store._nested_writes:
            # Outside a transaction each statement is retried on its own (execute); inside another
            # journaled write, that write is the one replayed.
            store._nested_writes += 1
            try:
                return method(store, *args, **kwargs)
            finally:
                store._nested_writes -= 1
        store._journal.append(lambda again: method(again, *args, **kwargs))
        while True:
            store._nested_writes += 1
            try:
                return method(store, *args, **kwargs)
            except store.backend.errors as error:
                if not store.backend.is_disconnect(error, store._db):
                    raise
                lost = error
            finally:
                store._nested_writes -= 1
            store._recover(lost, replay=store._journal[:-1])

    return write


class Store:
    def __init__(self, connection: Any, url: str, schema_version: int, backend: Backend) -> None:
        self._db = connection
        self._url = url
        self.url = mask_url(url)  # as printed: a password never shows
        self.schema_version = schema_version
        self.backend = backend
        self.reconnect_seconds = RECONNECT_SECONDS
        self._session: tuple[str, ...] = ()  # statements every (re)connection runs first
        self._journal: list[Write] | None = None  # the open transaction's writes, None outside one
        self._nested_writes = 0
        self._recoveries = 0
        self._statements = _WriteStatements.of(backend)

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None) -> Store:
        url = database_url(db)
        backend = backend_for(url)
        connection = backend.connect(url)
        try:
            version = migrate(connection, backend.name)
        except backend.errors as error:
            connection.close()
            reason = scrub(backend.message(error), url)
            raise StoreError(f"cannot open database {backend.describe(url)}: {reason}"
                             f" ({backend.hint(error)})") from error
        return cls(connection, url, version, backend)

    @property
    def connection(self) -> Any:
        """The driver's connection (sqlite3 or psycopg). Prefer execute(), which speaks both dialects and
        survives a server restart."""
        return self._db

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def read_only(self) -> None:
        """From now on (and after any reconnect) no statement of this store may write."""
        self._session = self._session + self.backend.read_only()
        for statement in self.backend.read_only():
            self.execute(statement)

    # --- statements -----------------------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement written with `?` placeholders; returns the driver's cursor.

        A lost connection outside a transaction is re-established and the statement run again; inside
        one, the transaction's writes are replayed first (see the module's docstring)."""
        statement = self.backend.sql(sql)
        return self._reconnecting(lambda: self._db.execute(statement, params))

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement run for each row of parameters, in one round trip where the driver can."""
        if not rows:
            return
        statement = self.backend.sql(sql)
        self._reconnecting(lambda: self.backend.execute_many(self._db, statement, rows))

    def execute_batches(self, batches: Sequence[tuple[str, Sequence[Sequence[Any]]]]) -> None:
        """execute_many of each (statement, rows) in turn, in one round trip where the driver can."""
        batches = [(self.backend.sql(sql), rows) for sql, rows in batches if rows]
        if batches:
            self._reconnecting(lambda: self.backend.execute_batches(self._db, batches))

    def _reconnecting(self, run: Callable[[], R]) -> R:
        """run() (which must read self._db anew each call), again on a new connection if it was lost."""
        while True:
            try:
                return run()
            except self.backend.errors as error:
                if not self.backend.is_disconnect(error, self._db):
                    raise
                if self._journal is not None and self._nested_writes:
                    raise  # the journaled write around this statement replays itself
                self._recover(error, replay=self._journal)

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        """Rows read as they are consumed; run no other statement on this store until it is exhausted.

        A connection lost before the first row is re-established and the statement run again; one lost
        half-way raises (the rows already given out cannot be taken back)."""
        while True:
            rows = self.backend.stream(self._db, sql, params)
            try:
                first = next(rows)
            except StopIteration:
                return
            except self.backend.errors as error:
                if not self.backend.is_disconnect(error, self._db) or (
                        self._journal is not None and self._nested_writes):
                    raise
                self._recover(error, replay=self._journal)
                continue
            yield first
            yield from rows
            return

    def _recover(self, lost: BaseException, *, replay: list[Write] | None) -> None:
        """A new connection, and the open transaction (if any) begun again with `replay` redone in it."""
        self._recoveries += 1
        if self._journal is not None and self._recoveries > MAX_RECOVERIES_PER_TRANSACTION:
            raise StoreError(self._lost_message(lost, "it was lost again and again during one article"))
        deadline = time.monotonic() + self.reconnect_seconds
        delay = 0.05
        while True:
            try:
                self._reconnect()
                if self._journal is not None:
                    self._begin()
                    self._nested_writes += 1  # each write of the replay runs as it did the first time
                    try:
                        for write in replay or ():
                            write(self)
                    finally:
                        self._nested_writes -= 1
                log.warning("reconnected to database %s after losing the connection (%s)%s",
                            self.backend.describe(self._url), scrub(self.backend.message(lost), self._url),
                            "; the open transaction was redone" if self._journal is not None else "")
                return
            except StoreError as failure:
                lost = failure
            except self.backend.errors as error:
                if not self.backend.is_disconnect(error, self._db):
                    raise
                lost = error
            if time.monotonic() + delay > deadline:
                raise StoreError(self._lost_message(
                    lost, f"the server did not come back within {self.reconnect_seconds:g} s"))
            time.sleep(delay)
            delay = min(delay * 2, 2.0)

    def _reconnect(self) -> None:
        with suppress(*self.backend.errors):
            self._db.close()
        self._db = self.backend.connect(self._url)
        for statement in self._session:
            self._db.execute(self.backend.sql(statement))

    def _lost_message(self, error: BaseException, why: str) -> str:
        return (f"lost the connection to database {self.backend.describe(self._url)} and gave up: {why}"
                f" ({scrub(self.backend.message(error), self._url)}; {self.backend.hint(error)};"
                " everything stored before this article is kept, and running the same command again"
                " resumes)")

    # --- transactions ---------------------------------------------------------------------------------

    def _begin(self) -> None:
        for statement in self.backend.begin():
            self._db.execute(self.backend.sql(statement))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all (a kill mid-way leaves nothing half-written).

        A write the database refuses (disk full, read-only file, locked too long) raises StoreError naming
        the database; what was committed before stays intact. A lost server connection is re-established
        and the transaction redone (see the module's docstring) unless the server stays away.
        """
        if self._journal is not None:
            raise RuntimeError("Store.transaction() does not nest")
        self._journal, self._recoveries = [], 0
        try:
            try:
                self._begin()
            except self.backend.errors as error:
                if not self.backend.is_disconnect(error, self._db):
                    raise
                self._recover(error, replay=[])  # BEGIN and its lock again, on a new connection
            try:
                yield
            except BaseException:
                self._rollback()
                raise
            self._commit()
        except self.backend.write_errors as error:
            self._rollback()
            raise StoreError(self._write_failure(error)) from error
        finally:
            self._journal = None

    def _commit(self) -> None:
        while True:
            try:
                self._db.execute("COMMIT")
                return
            except self.backend.errors as error:
                if not self.backend.is_disconnect(error, self._db):
                    raise
                # Whether the COMMIT arrived is unknown; the writes are idempotent, so redo and commit.
                self._recover(error, replay=self._journal)

    def _rollback(self) -> None:
        # A failed COMMIT may already have ended the transaction; a second error would hide the first.
        with suppress(*self.backend.errors):
            if not getattr(self._db, "closed", False) and _in_transaction(self._db):
                self._db.execute("ROLLBACK")

    def _write_failure(self, error: BaseException) -> str:
        return (f"cannot write to database {self.backend.describe(self._url)}: "
                f"{scrub(self.backend.message(error), self._url)} ({self.backend.hint(error)}; "
                "everything stored before this article is kept)")

    # --- articles -------------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    @_journaled
    def add_article(
        self, article: Article, *, near_duplicate_of: str | None = None, minhash: bytes | None = None
    ) -> bool:
        """Store the article (and its sighting). Returns False when it was already stored."""
        meta = article.meta
        cursor = self.execute(
            self.backend.insert_ignore("articles", _ARTICLE_COLUMNS, ("id",)),
            (article.id, meta.title, meta.source, meta.url, meta.author, meta.published, meta.language,
             article.text, article.origin, article.record_id, near_duplicate_of, minhash, _now()),
        )
        self.add_sighting(article)
        return cursor.rowcount == 1

    @_journaled
    def add_sighting(self, article: Article) -> bool:
        cursor = self.execute(
            self.backend.insert_ignore("article_sightings", ("article_id", "origin", "url", "seen_at"),
                                       ("article_id", "origin")),
            (article.id, article.origin, article.meta.url, _now()),
        )
        return cursor.rowcount == 1

    def article(self, article_id: str) -> Article | None:
        row = self.execute(
            "SELECT id, text, origin, record_id, title, source, url, author, published, language"
            " FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return Article(id=row[0], text=row[1], origin=row[2], record_id=row[3], meta=ArticleMeta(*row[4:]))

    def events_coded_by(self, article_id: str) -> str | None:
        row = self.execute("SELECT events_coded_by FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    @_journaled
    def replace_events(self, article: Article, events: list[Event], coder_version: str) -> None:
        """The article's events, as coded by coder_version; earlier codings of it are replaced. Each event
        joins the cluster of an earlier mention of the same real-world event, or starts one."""
        clusters = [row[0] for row in self.execute(
            "SELECT DISTINCT cluster_id FROM events WHERE article_id = ?", (article.id,)).fetchall()]
        touched = [cluster_id for cluster_id in clusters if cluster_id is not None]
        if clusters:  # it has events (a re-coding): their counts go before they do (store/totals.py)
            totals.forget_article(self, article.id)
        self.execute(
            "DELETE FROM event_actors WHERE event_id IN (SELECT event_id FROM events WHERE article_id = ?)",
            (article.id,),
        )
        self.execute("DELETE FROM events WHERE article_id = ?", (article.id,))
        for cluster_id in touched:
            self._recount_cluster(cluster_id)
        reference = {"id": article.id, "url": article.meta.url, "source": article.meta.source,
                     "published": article.meta.published, "title": article.meta.title}
        # Each event's cluster is chosen first (in order: a later event may join the cluster an earlier one
        # started), so the events go in with their cluster and the participants in one statement each, and
        # each cluster the events joined is recounted once, after all of them (the counts are a function of
        # the events stored, never read while joining). Fewer statements, the same rows.
        event_rows: list[tuple[Any, ...]] = []
        actor_rows: list[tuple[Any, ...]] = []
        joined: dict[str, None] = {}  # the clusters joined or started, in the order first met
        for event in events:
            if event.article_id != article.id:  # the id must name the article it is stored under
                event = replace(event, article_id=article.id)
            record = event.as_json(reference)
            # The text-free invariants (dates, phrases, offsets inside the sentence, coordinates); that the
            # offsets reproduce the article text is the coder's check, where the text is at hand.
            problems = record_problems(record, None, article.meta.published)
            if problems:  # the coder repairs or drops such records; one reaching here is a bug upstream
                raise InvalidRecord(record["event_id"], problems)
            cluster_id = self._join_cluster(record["event_id"], event)
            event_rows.append((*event_row(article.id, event, record), cluster_id))
            actor_rows.extend(participant_rows(record["event_id"], event))
            joined[cluster_id] = None
        self.execute_many(self._statements.insert_event, event_rows)
        self.execute_many(self._statements.insert_actor, actor_rows)
        self._recount_joined_clusters(list(joined))
        if events:
            totals.count_article(self, article.id)
        self.execute("UPDATE articles SET events_coded_by = ? WHERE id = ?", (coder_version, article.id))

    def _join_cluster(self, event_id: str, event: Event) -> str:
        """The cluster the event joins (its actors and days added to it), or the one it starts; the caller
        stores the event with it and recounts the cluster once the article's events are in."""
        mention = MentionSignature(
            type=event.type, factuality=event.factuality,
            date_start=event.date.start if event.date else None,
            date_end=event.date.end if event.date else None,
            source_keys=actor_keys(event.source), target_keys=actor_keys(event.target),
            location_country=event.location.country if event.location else None,
        )
        window = date_window(mention.date_start, mention.date_end)
        best: tuple[int, str, MentionSignature] | None = None
        if (window is not None and (mention.source_keys or mention.target_keys)
                and mergeable(mention.date_start, mention.date_end)):
            rows = self.execute(
                "SELECT cluster_id, date_start, date_end, source_keys, target_keys, location_country"
                f" FROM event_clusters WHERE type {self.backend.null_safe_equal} ? AND factuality = ?"
                " AND date_start <= ? AND date_start >= ? AND date_end >= ? ORDER BY rowid",
                (mention.type, mention.factuality, window[1], earliest_joinable_start(window), window[0]),
            ).fetchall()
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
            self.execute(
                self._statements.insert_cluster,
                (cluster_id, mention.type, mention.factuality, mention.date_start,
                 mention.date_end or mention.date_start, json.dumps(sorted(mention.source_keys)),
                 json.dumps(sorted(mention.target_keys)), mention.location_country, 0, 0, 0),
            )
        else:
            _, cluster_id, cluster = best
            # The cluster learns the actors and days its mentions add, so a later report joins on them too.
            least, greatest = self.backend.least("date_start", "?"), self.backend.greatest("date_end", "?")
            self.execute(
                f"UPDATE event_clusters SET source_keys = ?, target_keys = ?, date_start = {least},"
                f" date_end = {greatest}, location_country = coalesce(location_country, ?)"
                " WHERE cluster_id = ?",
                (json.dumps(sorted(cluster.source_keys | mention.source_keys)),
                 json.dumps(sorted(cluster.target_keys | mention.target_keys)), mention.date_start,
                 mention.date_end or mention.date_start, mention.location_country, cluster_id),
            )
        return cluster_id

    def _recount_joined_clusters(self, cluster_ids: Sequence[str]) -> None:
        """_recount_cluster of clusters that have a mention each (those an article's events just joined),
        in one statement: each has its counts set from its mentions, none is deleted."""
        if cluster_ids:
            self.execute(f"{self._statements.recount_clusters} ({placeholders(cluster_ids)})", cluster_ids)

    def _recount_cluster(self, cluster_id: str) -> None:
        # first_day: the earliest date of the mentions it has now (migration 0011), by which the
        # real-world-events page orders clusters; date_start keeps the earliest ever joined.
        mentions, articles, sources, first_day = self.execute(
            f"{_CLUSTER_COUNTS} WHERE e.cluster_id = ?", (cluster_id,)).fetchone()
        if mentions == 0:
            self.execute("DELETE FROM event_clusters WHERE cluster_id = ?", (cluster_id,))
            return
        self.execute(
            "UPDATE event_clusters SET mentions = ?, articles = ?, sources = ?, first_day = ?"
            " WHERE cluster_id = ?",
            (mentions, articles, sources, first_day, cluster_id),
        )

    def event_records(self, article_id: str | None = None) -> list[dict]:
        query = "SELECT record FROM events"
        params: tuple[str, ...] = ()
        if article_id is not None:
            query += " WHERE article_id = ?"
            params = (article_id,)
        rows = self.execute(query + " ORDER BY article_id, sentence_start", params).fetchall()
        return [json.loads(row[0]) for row in rows]

    def near_duplicate_of(self, article_id: str) -> str | None:
        query = "SELECT near_duplicate_of FROM articles WHERE id = ?"
        row = self.execute(query, (article_id,)).fetchone()
        return row[0] if row else None

    # --- the near-duplicate index on disk: LSH band keys ------------------------------------------------

    @_journaled
    def add_bands(self, article_id: str, keys: Sequence[int]) -> None:
        """Index the article's MinHash band keys (signed 64-bit); call in the article's transaction.
        Adding the same keys again changes nothing."""
        for key in keys:
            if not _INT64_MIN <= key <= _INT64_MAX:
                raise ValueError(f"band key {key} of article {article_id} is not a signed 64-bit integer")
        row = self.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise ValueError(f"band keys for article {article_id}, which is not stored")
        columns = ("key", "article_rowid")
        insert = self.backend.insert_ignore("article_bands", columns, columns)
        self.execute_many(insert, [(key, row[0]) for key in dict.fromkeys(keys)])

    def near_duplicate_candidates(self, keys: Sequence[int], limit: int | None = None
                                  ) -> list[tuple[str, bytes]]:
        """(article id, MinHash signature) of the stored articles sharing any of the band keys, each once,
        in the order they were stored (the first stored is the original a copy is linked to). With a
        limit, the `limit` sharing most keys (of equals, the first stored), still in stored order."""
        if not keys or limit == 0:
            return []
        unique = list(dict.fromkeys(keys))
        rows = self.execute(
            "SELECT a.rowid, a.id, a.minhash FROM (SELECT b.article_rowid, count(*) AS shared"
            f" FROM article_bands b WHERE b.key IN ({', '.join('?' for _ in unique)})"
            " GROUP BY b.article_rowid)"
            " AS s JOIN articles a ON a.rowid = s.article_rowid WHERE a.minhash IS NOT NULL"
            " ORDER BY s.shared DESC, a.rowid LIMIT ?",
            [*unique, self.backend.no_limit if limit is None else limit],
        ).fetchall()
        return [(article_id, bytes(signature)) for _, article_id, signature in sorted(rows)]

    def articles_without_bands(self) -> Iterator[tuple[str, bytes]]:
        """(article id, MinHash signature) of articles with a signature but no band keys, oldest first: what
        a one-time backfill of the band index has to add. The caller may write between items."""
        return self._signatures_by_insertion(
            "NOT EXISTS (SELECT 1 FROM article_bands b WHERE b.article_rowid = a.rowid)")

    def _signatures_by_insertion(self, condition: str, page: int = 1000) -> Iterator[tuple[str, bytes]]:
        # Pages by rowid rather than one open cursor: memory stays flat on millions of articles, and the
        # caller may write to the store between items (a PostgreSQL connection streaming rows may not).
        after = _INT64_MIN
        while True:
            rows = self.execute(
                "SELECT a.rowid, a.id, a.minhash FROM articles a WHERE a.minhash IS NOT NULL"
                f" AND {condition} AND a.rowid > ? ORDER BY a.rowid LIMIT ?",
                (after, page),
            ).fetchall()
            for _, article_id, signature in rows:
                yield article_id, bytes(signature)
            if len(rows) < page:
                return
            after = rows[-1][0]

    # --- reporting ------------------------------------------------------------------------------------

    def summary(self) -> StoreSummary:
        def one(sql: str) -> Any:
            return self.execute(sql).fetchall()

        nulls_first = self.backend.nulls_first
        # Each figure its own subquery, so each is read from an index (a lone min or max is one look-up)
        # rather than all four from a scan of every article's text: 200,000 articles, first request
        # after a write under load, 1.0-1.8 s before.
        [(articles, near, first, last)] = one(
            "SELECT (SELECT count(*) FROM articles),"
            " (SELECT count(*) FROM articles WHERE near_duplicate_of IS NOT NULL),"
            " (SELECT min(published) FROM articles), (SELECT max(published) FROM articles)"
        )
        sources = tuple(
            SourceCount(source or "(unknown)", count)
            for source, count in one(
                "SELECT source, count(*) FROM articles GROUP BY source"
                f" ORDER BY count(*) DESC, {nulls_first('source')}"
            )
        )
        languages = tuple(
            (language or "(unknown)", count)
            for language, count in one(
                "SELECT language, count(*) FROM articles GROUP BY language"
                f" ORDER BY count(*) DESC, {nulls_first('language')}"
            )
        )
        [(sightings,)] = one("SELECT count(*) FROM article_sightings")
        if totals.READ:  # counted on write (store/totals.py): on 1M events the GROUP BYs read every event
            by_type = totals.facet_counts(self, "type")
            by_factuality = totals.facet_counts(self, "factuality")
            events = sum(count for _, count in by_factuality)  # every event has a factuality
        else:
            [(events,)] = one("SELECT count(*) FROM events")
            by_type = tuple((name, count) for name, count in one(
                "SELECT coalesce(type, '-'), count(*) FROM events GROUP BY type"
                f" ORDER BY count(*) DESC, {nulls_first('type')}"))
            by_factuality = tuple((name, count) for name, count in one(
                "SELECT factuality, count(*) FROM events GROUP BY factuality"
                " ORDER BY count(*) DESC, factuality"))
        return StoreSummary(self.url, self.schema_version, articles, near, sightings, first, last,
                            sources, languages, events, by_type, by_factuality)


_ARTICLE_COLUMNS = ("id", "title", "source", "url", "author", "published", "language", "text", "origin",
                    "record_id", "near_duplicate_of", "minhash", "ingested_at")
_EVENT_COLUMNS = ("event_id", "article_id", "type", "mode", "cameo", "quad_class", "intensity", "factuality",
                  "date_start", "date_end", "date_precision", "date_from_text", "location_name",
                  "location_country", "lat", "lon", "confidence", "sentence_start", "record")
# type and date_start repeat the event's, so actor filters combined with them read one index (0007).
_ACTOR_COLUMNS = ("event_id", "role", "position", "text", "actor_id", "name", "country", "sector", "type",
                  "date_start")
# The counts are given (as 0; _recount_cluster sets them) so that replacing a cluster resets them on both.
_CLUSTER_COLUMNS = ("cluster_id", "type", "factuality", "date_start", "date_end", "source_keys",
                    "target_keys", "location_country", "mentions", "articles", "sources")


# How a cluster's counts follow from its current mentions (Store._recount_cluster, one cluster at a time).
_CLUSTER_COUNTS = ("SELECT count(*), count(DISTINCT e.article_id), count(DISTINCT coalesce(a.source, a.id)),"
                   " min(e.date_start) FROM events e JOIN articles a ON a.id = e.article_id")


@dataclass(frozen=True, slots=True)
class _WriteStatements:
    """The statements that write an article's events, in the backend's dialect: built once per store, not
    once per event."""

    insert_event: str  # _EVENT_COLUMNS, then cluster_id
    insert_actor: str
    insert_cluster: str
    recount_clusters: str  # the clusters' counts from their mentions; the caller adds the IN list

    @classmethod
    def of(cls, backend: Backend) -> _WriteStatements:
        return cls(
            insert_event=backend.insert_replace("events", (*_EVENT_COLUMNS, "cluster_id"), ("event_id",)),
            insert_actor=backend.insert_replace("event_actors", _ACTOR_COLUMNS,
                                                ("event_id", "role", "position")),
            insert_cluster=backend.insert_replace("event_clusters", _CLUSTER_COLUMNS, ("cluster_id",)),
            recount_clusters=(f"UPDATE event_clusters SET (mentions, articles, sources, first_day) ="
                              f" ({_CLUSTER_COUNTS} WHERE e.cluster_id = event_clusters.cluster_id)"
                              " WHERE cluster_id IN"),
        )


def event_row(article_id: str, event: Event, record: dict[str, Any]) -> tuple[Any, ...]:
    """The values of _EVENT_COLUMNS for one event whose public record is `record`."""
    date, location = event.date, event.location
    return (record["event_id"], article_id, event.type, event.mode, event.cameo, event.quad_class,
            event.intensity, event.factuality, date.start if date else None, date.end if date else None,
            date.precision if date else None, int(bool(date and date.from_text)),
            location.name if location else None, location.country if location else None,
            location.lat if location else None, location.lon if location else None,
            event.confidence, event.evidence.start, json.dumps(record, ensure_ascii=False))


def participant_rows(event_id: str, event: Event) -> list[tuple[Any, ...]]:
    """The values of _ACTOR_COLUMNS for each source and target of one event."""
    day = event.date.start if event.date else None
    return [(event_id, role, position, actor.text, actor.actor_id, actor.name, actor.country, actor.sector,
             event.type, day)
            for role, actors in (("source", event.source), ("target", event.target))
            for position, actor in enumerate(actors)]


def _in_transaction(connection: Any) -> bool:
    status = getattr(connection, "in_transaction", None)  # sqlite3
    if status is not None:
        return bool(status)
    from psycopg.pq import TransactionStatus

    return connection.info.transaction_status != TransactionStatus.IDLE

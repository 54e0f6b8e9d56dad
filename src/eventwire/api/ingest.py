"""POST /api/ingest: JSON records through the pipeline's one path (`pipeline.read_records` and an
`Ingestion` kept for the server's life), so a record posted here is stored exactly as
`eventwire ingest records.jsonl` would store it (and posting it twice stores it once).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from eventwire.api.models import IngestRecord, IngestResult, RecordError
from eventwire.pipeline import Ingestion, read_records
from eventwire.records import Article, SourceError
from eventwire.store import Store

if TYPE_CHECKING:
    from eventwire.events import EventCoder

def readable_published(value: str) -> bool:
    """Whether `value` is a publication time ingest can read: ISO 8601 (a day, or a date and time with an
    optional offset or Z) or RFC 822 as feeds write it. Anything else would be stored as given and every
    relative date in the article ("on Tuesday") resolved against nothing."""
    value = value.strip()
    try:
        parsedate_to_datetime(value)
        return True
    except (TypeError, ValueError, IndexError):
        pass
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parse(value.replace("Z", "+00:00") if parse is datetime.fromisoformat else value)
            return True
        except ValueError:
            continue
    return False


def unreadable_published(records: list[IngestRecord]) -> str | None:
    """The 422 message naming the first record whose `published` cannot be read, or None."""
    for index, record in enumerate(records):
        if record.published and record.published.strip() and not readable_published(record.published):
            name = f"record {index}" + (f" (id {record.id!r})" if record.id else "")
            return (f"{name}: published {record.published!r} is not a date or time (ISO 8601, e.g. 2024-03-05"
                    " or 2024-03-05T10:20:00Z, or RFC 822); nothing was stored")
    return None


def origin_of(record: IngestRecord) -> str:
    # The sighting key: the same record posted again is the same sighting, not a new one.
    if record.id:
        return f"api:id={record.id}"
    if record.url:
        return f"api:url={record.url}"
    return "api"


class IngestBusy(RuntimeError):
    """Too many ingest requests are running or waiting already."""


@dataclass
class Ingestor:
    """Writes posted records into the store. One at a time (the lock): spaCy pipelines are not meant for
    concurrent calls, and the near-duplicate index must see each article before judging the next.

    At most `max_in_flight` requests run or wait; more are refused (IngestBusy) rather than queued, so
    waiting ingests cannot take every thread of the pool the read endpoints also run in."""

    store_url: str
    load_coder: Callable[[], EventCoder]
    max_in_flight: int = 2
    _in_flight: int = 0
    _admission: threading.Lock = field(default_factory=threading.Lock)
    _store: Store | None = None
    _ingestion: Ingestion | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def in_flight(self) -> int:
        """Ingest requests running or waiting for the lock."""
        return self._in_flight

    def warm_up(self) -> None:
        with self._lock:
            self._ready()

    def _ready(self) -> Ingestion:
        if self._ingestion is None:
            coder = self.load_coder()
            if self._store is None:
                self._store = Store.open(self.store_url)
            # Near-duplicates are looked up in the store, so articles another process stores meanwhile
            # are recognised too (exact and near-duplicates alike).
            self._ingestion = Ingestion(self._store, coder=coder)
        return self._ingestion

    def ingest(self, records: list[IngestRecord]) -> IngestResult:
        with self._admission:
            if self._in_flight >= self.max_in_flight:
                raise IngestBusy(f"{self._in_flight} ingest requests are running or waiting")
            self._in_flight += 1
        try:
            return self._ingest(records)
        finally:
            with self._admission:
                self._in_flight -= 1

    def _ingest(self, records: list[IngestRecord]) -> IngestResult:
        items: list[Article | SourceError] = list(read_records(
            (record.model_dump(exclude_none=True), origin_of(record)) for record in records))
        errors: list[SourceError] = []
        with self._lock:
            tally = self._ready().run(items, on_error=errors.append)
        return IngestResult(
            documents=tally.documents, new=tally.new, duplicate=tally.duplicate,
            near_duplicate=tally.near_duplicate, failed=tally.failed, events=tally.events,
            article_ids=[item.id if isinstance(item, Article) else None for item in items],
            errors=[RecordError(record=error.origin, reason=error.reason) for error in errors],
        )

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
                self._ingestion = None

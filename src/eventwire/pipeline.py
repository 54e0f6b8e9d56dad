"""The stages composed: sources -> RawDocument -> Article -> (parse -> events) -> store.

Data flows one way. Each stage is a function of the previous record; only this module and store/ know
that a database exists. Parsing and event coding may run elsewhere (eventwire.engines: this process, a
local process pool, a Dask cluster), but this module stays the one place that composes the stages, gives
duplicate verdicts and writes, always in input order (docs/scaling.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from tqdm import tqdm

from eventwire.engines.base import settle_loaded_objects
from eventwire.events.invariants import CheckTally
from eventwire.extract import NearDuplicateFinder, extract
from eventwire.extract.neardup import Signature
from eventwire.ingest import read_sources
from eventwire.ingest.sources import DEFAULT_MAX_BYTES
from eventwire.records import Article, SourceError
from eventwire.store import Store

if TYPE_CHECKING:
    from eventwire.engines import Engine
    from eventwire.events import Event, EventCoder

ErrorHandler = Callable[[SourceError], None]

# The languages the event coder reads: the shipped spaCy pipelines, trigger table, lexicons and actor
# names are English. Articles in other languages are stored with their language but not coded (coding
# German with an English parser gives events that are not there); an unknown language is coded.
CODED_LANGUAGES = frozenset({"en"})


def is_coded_language(article: Article) -> bool:
    return article.meta.language is None or article.meta.language in CODED_LANGUAGES


def iter_articles(paths: Iterable[str], *, max_input_bytes: int = DEFAULT_MAX_BYTES
                  ) -> Iterator[Article | SourceError]:
    """Read and extract every document of the inputs, streamed; failures come out as SourceError, in order.

    `max_input_bytes` caps each file (and stdin): bigger ones are refused, so raise it for huge JSONL.
    """
    for raw in read_sources(list(paths), max_bytes=max_input_bytes):
        yield raw if isinstance(raw, SourceError) else extract(raw)


@dataclass
class IngestTally:
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failed: int = 0
    events: int = 0
    not_coded: Counter[str] = field(default_factory=Counter)  # articles stored uncoded, by language
    checks: CheckTally = field(default_factory=CheckTally)  # records repaired / dropped by the invariants

    @property
    def documents(self) -> int:
        return self.new + self.duplicate + self.near_duplicate + self.failed

    def closing_line(self) -> str:
        line = (
            f"{self.documents} documents: {self.new} new, {self.duplicate} duplicate, "
            f"{self.near_duplicate} near-duplicate, {self.failed} failed; {self.events} events coded"
        )
        if self.not_coded:
            line += "; not coded: " + ", ".join(f"language {language} {count}"
                                               for language, count in sorted(self.not_coded.items()))
        repaired, dropped = self.checks.repaired, self.checks.dropped
        if repaired or dropped:
            line += f"; records repaired {sum(repaired.values())}, dropped {sum(dropped.values())}"
        return line

    def check_lines(self) -> list[str]:
        """One line per reason a record was repaired or dropped, most frequent first."""
        return ([f"repaired {count}: {reason}" for reason, count in self.checks.repaired.most_common()]
                + [f"dropped {count}: {reason}" for reason, count in self.checks.dropped.most_common()])


@dataclass(frozen=True, slots=True)
class _NewArticle:
    article: Article
    near_duplicate_of: str | None
    signature: Signature


@dataclass(slots=True)
class _Batch:
    """One batch of input, sorted by the coordinator: what to write once its events are back."""

    documents: int
    failed: list[SourceError] = field(default_factory=list)
    new: list[_NewArticle] = field(default_factory=list)
    uncoded: list[Article] = field(default_factory=list)  # stored by an earlier run, not (or re-) coded
    seen_again: list[Article] = field(default_factory=list)

    def to_code(self) -> list[Article]:
        """The articles to code: new and stale ones in a language the coder reads."""
        return [article for article in [entry.article for entry in self.new] + self.uncoded
                if is_coded_language(article)]


def _index_unbanded_articles(store: Store, chunk: int = 1000) -> None:
    """Band keys for articles stored before the store kept them (schema 5): a one-time upgrade."""
    unbanded = store.articles_without_bands()  # paged by the store, so writing between pages is fine
    while pending := list(islice(unbanded, chunk)):
        with store.transaction():
            for article_id, data in pending:
                signature = Signature.from_bytes(data, name=f"signature of {article_id}")
                store.add_bands(article_id, signature.keys)


def _batches(items: Iterator[Article | SourceError], size: int) -> Iterator[list[Article | SourceError]]:
    while batch := list(islice(items, size)):
        yield batch


class _DuplicateSorter:
    """Gives each input its verdict, in input order: failed, new (maybe a near-duplicate), seen again.

    Verdicts run ahead of the writes by the engine's in-flight batches, so articles given out but not
    yet written are remembered in `unwritten`: a copy of one of them is a duplicate, as it would be if the
    original had been written already.
    """

    def __init__(self, store: Store, coder_version: str | None) -> None:
        self.store = store
        self.coder_version = coder_version
        _index_unbanded_articles(store)
        self.near_duplicates = NearDuplicateFinder(store)
        self.unwritten: set[str] = set()

    def sort(self, items: list[Article | SourceError]) -> _Batch:
        batch = _Batch(documents=len(items))
        for item in items:
            if isinstance(item, SourceError):
                batch.failed.append(item)
                continue
            if item.id in self.unwritten or self.store.has_article(item.id):
                batch.seen_again.append(item)
                if (self.coder_version and item.id not in self.unwritten
                        and self.store.events_coded_by(item.id) != self.coder_version):
                    batch.uncoded.append(item)
                    self.unwritten.add(item.id)
                continue
            admission = self.near_duplicates.admit(item.id, item.text)
            self.unwritten.add(item.id)
            batch.new.append(_NewArticle(item, admission.original, admission.signature))
        return batch

    def written(self, batch: _Batch) -> None:
        """The batch is in the store: forget what was remembered until then."""
        new = [entry.article.id for entry in batch.new]
        self.unwritten.difference_update(new + [article.id for article in batch.uncoded])
        self.near_duplicates.written(new)

    def jobs(self, items: Iterator[Article | SourceError], size: int
             ) -> Iterator[tuple[_Batch, list[Article]]]:
        for items_of_batch in _batches(items, size):
            batch = self.sort(items_of_batch)
            yield batch, batch.to_code() if self.coder_version else []


def read_records(records: Iterable[tuple[Mapping[str, object], str]]) -> Iterator[Article | SourceError]:
    """Records already read (JSON objects, e.g. the body of an HTTP request), each with its origin, as
    articles: the same reading and extraction a JSONL file gets, failures as SourceError, in order."""
    from eventwire.ingest.tabular import record_document

    for record, origin in records:
        raw = record_document(dict(record), origin)
        yield raw if isinstance(raw, SourceError) else extract(raw)


class Ingestion:
    """Filling one store: the one path every caller (the CLI, the HTTP API, any engine) takes from read
    articles to stored rows.

    Give each article its duplicate verdict in input order, code the new ones (with `coder` in this
    process, or on `engine`: a process pool or a Dask cluster), and write each article with its events,
    in input order, a batch of articles per transaction (never an article without its events). The
    verdicts remember what was given out but not yet written, so successive `run` calls on one Ingestion
    (an HTTP server's requests) judge duplicates across calls.
    """

    def __init__(self, store: Store, *, coder: EventCoder | None = None, engine: Engine | None = None,
                 batch_size: int = 16) -> None:
        if coder is not None and engine is not None:
            raise ValueError("give a coder or an engine, not both")
        if engine is None and coder is not None:
            from eventwire.engines import InProcessEngine

            engine = InProcessEngine(coder=coder)
        self.store = store
        self.engine = engine
        self.batch_size = batch_size
        self._version = engine.coder_version if engine is not None else None
        if engine is not None:
            settle_loaded_objects()
        self._sorter = _DuplicateSorter(store, self._version)

    @property
    def remembered(self) -> int:
        """Articles given a verdict but not yet written, held in memory (0 between runs: written articles
        are found in the store, so memory does not grow with the store)."""
        return len(self._sorter.unwritten) + len(self._sorter.near_duplicates.pending)

    def run(self, items: Iterable[Article | SourceError], *, on_error: ErrorHandler,
            progress: bool = False) -> IngestTally:
        """Store every article of `items` once, with its coded events when there is a coder or engine."""
        jobs = self._sorter.jobs(iter(items), self.batch_size)
        engine = self.engine
        coded = engine.ordered(jobs) if engine is not None else ((batch, None) for batch, _ in jobs)
        tally = IngestTally()
        with tqdm(desc="ingest", unit="doc", disable=not progress, leave=False) as bar:
            for batch, result in coded:
                events = result.by_article() if result is not None else {}
                if result is not None and result.checks is not None:
                    tally.checks.add(result.checks)
                try:
                    _write_batch(batch, events, self._version, self.store, tally, on_error)
                finally:
                    # Written or not, the batch leaves the verdicts' memory: what was committed is found
                    # in the store from now on, and what was not is new again next time.
                    self._sorter.written(batch)
                bar.update(batch.documents)
                bar.set_postfix(new=tally.new, dup=tally.duplicate, near=tally.near_duplicate,
                                failed=tally.failed, events=tally.events, refresh=False)
        return tally


def ingest(
    paths: Iterable[str], store: Store, *, on_error: ErrorHandler, progress: bool = False,
    coder: EventCoder | None = None, engine: Engine | None = None, batch_size: int = 16,
    max_input_bytes: int = DEFAULT_MAX_BYTES,
) -> IngestTally:
    """Store every article of the input files once, with its coded events when a coder or engine is given.

    Safe to re-run, also after a run was killed half-way: each article is committed together with its
    events, stored articles are recognised by content hash (and coded if an earlier run stored them
    uncoded), and the near-duplicate index is rebuilt from the stored signatures in their original order.

    This process reads the inputs in order and gives each article its duplicate verdict in order; the
    engine (this process for `coder`, or a process pool / Dask cluster) codes batches of articles, at
    most `engine.max_in_flight` at a time, so memory stays flat on inputs of any length; results are
    written back in input order, one transaction per batch of articles (per article when a write fails:
    `_write_batch`). Hence any engine and any number of workers
    give the same store, and a resumed run the same store as a clean one.
    """
    ingestion = Ingestion(store, coder=coder, engine=engine, batch_size=batch_size)
    return ingestion.run(iter_articles(paths, max_input_bytes=max_input_bytes), on_error=on_error,
                         progress=progress)


def _write_batch(batch: _Batch, events: dict[str, list[Event]], coder_version: str | None, store: Store,
                tally: IngestTally, on_error: ErrorHandler) -> None:
    """Write one batch in input order, each article with its events, in one transaction for the batch: a
    commit per article cost more than writing its rows (SQLite writes every page the article touched,
    indexes and totals among them, to the WAL at each commit; PostgreSQL waits for a durable commit).

    If a write fails, the batch is rolled back and written again one transaction per article, so what came
    before the failing article is kept and the failure is raised where it happened, as when every article
    had its own transaction. An article in a language the coder does not read is written as coded by this
    version with no events, and counted."""
    for error in batch.failed:
        tally.failed += 1
        on_error(error)
    if not (batch.new or batch.uncoded or batch.seen_again):
        return
    written = IngestTally()  # this batch's counts, added to the run's once committed
    try:
        with store.transaction():
            _write_articles(batch, events, coder_version, store, written, nullcontext)
    except Exception:
        # Nothing of the batch is stored: again article by article, which raises at the failing one (or
        # passes, when the failure does not recur: then every article is stored, as the caller wants).
        written = IngestTally()
        try:
            _write_articles(batch, events, coder_version, store, written, store.transaction)
        finally:
            _add_counts(tally, written)  # the articles committed before a failure
        return
    _add_counts(tally, written)


def _write_articles(batch: _Batch, events: dict[str, list[Event]], coder_version: str | None, store: Store,
                    tally: IngestTally, transaction: Callable[[], AbstractContextManager[None]]) -> None:
    """The batch's writes in input order, each article's inside its own `transaction()` (a no-op context
    when the caller holds one for the whole batch)."""
    for entry in batch.new:
        with transaction():
            store.add_article(entry.article, near_duplicate_of=entry.near_duplicate_of,
                              minhash=None if entry.signature.empty else entry.signature.as_bytes())
            store.add_bands(entry.article.id, entry.signature.keys)
            if coder_version is not None:
                store.replace_events(entry.article, _events_of(entry.article, events, tally), coder_version)
        tally.events += len(events.get(entry.article.id, ()))
        if entry.near_duplicate_of:
            tally.near_duplicate += 1
        else:
            tally.new += 1
    for article in batch.uncoded:
        found = _events_of(article, events, tally)
        with transaction():
            store.replace_events(article, found, coder_version)  # type: ignore[arg-type]
        tally.events += len(found)
    for article in batch.seen_again:
        tally.duplicate += 1
        with transaction():
            store.add_sighting(article)


def _add_counts(tally: IngestTally, batch: IngestTally) -> None:
    tally.new += batch.new
    tally.duplicate += batch.duplicate
    tally.near_duplicate += batch.near_duplicate
    tally.events += batch.events
    tally.not_coded.update(batch.not_coded)


def _events_of(article: Article, events: dict[str, list[Event]], tally: IngestTally) -> list[Event]:
    if not is_coded_language(article):
        tally.not_coded[str(article.meta.language)] += 1
        return []
    return events[article.id]

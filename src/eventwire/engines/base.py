"""What every engine shares: the coder recipe workers load, the coded batch they return, ordered results.

An engine codes batches of Articles somewhere (this process, a local process pool, a Dask cluster) and
hands the coded batches back in the order they were submitted. It never touches the store: the
coordinator (eventwire.pipeline) writes, so every engine produces the same store.
"""

from __future__ import annotations

import gc
import os
import resource
import socket
import sys
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from eventwire.records import Article

if TYPE_CHECKING:
    from eventwire.events import Event, EventCoder
    from eventwire.events.invariants import CheckTally

Context = TypeVar("Context")


class EngineError(RuntimeError):
    """An engine that cannot start or whose workers disagree, with what the user can do about it."""


@dataclass(frozen=True, slots=True)
class CoderSpec:
    """How a worker loads its coder: everything EventCoder.load needs, and picklable."""

    model: str | None = None
    actor_files: tuple[str, ...] = ()
    with_places: bool = True
    min_confidence: float | None = None  # events below it are not stored (ingest --min-confidence)
    coder_config: str | None = None  # the coder's steps and settings (None: data/events/coder.cfg)

    def load(self) -> EventCoder:
        from eventwire.events import EventCoder

        return EventCoder.load(self.model, actor_files=self.actor_files, with_places=self.with_places,
                               min_confidence=self.min_confidence, config=self.coder_config)


@dataclass(frozen=True, slots=True)
class CodedBatch:
    """A worker's answer for one batch: the events of each article, in the batch's order."""

    coder_version: str
    worker: str  # host:pid, to tell workers apart in memory figures and error messages
    peak_rss_bytes: int  # the worker process's peak resident memory so far
    events: tuple[tuple[str, tuple[Event, ...]], ...] = ()  # (article id, its events)
    cpu_seconds: float = 0.0  # CPU time the worker spent coding this batch
    checks: CheckTally | None = None  # records the invariants repaired or dropped in this batch

    def by_article(self) -> dict[str, list[Event]]:
        return {article_id: list(events) for article_id, events in self.events}


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def peak_rss_bytes() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # Linux reports KiB, macOS bytes


def code_with(coder: EventCoder, articles: list[Article]) -> CodedBatch:
    started = time.thread_time()
    coder.checks.take()  # counts from earlier use of this coder belong to no batch
    events = tuple((article.id, tuple(found)) for article, found in coder.code_articles(articles))
    return CodedBatch(coder.version, worker_name(), peak_rss_bytes(), events, time.thread_time() - started,
                      coder.checks.take())


# One coder per worker process, loaded on first use (or by a process initializer / Dask worker plugin).
# Dask workers may run tasks on several threads; the lock keeps one spaCy pipeline from being used by two
# threads at once.
_WORKER_CODERS: dict[CoderSpec, EventCoder] = {}
_WORKER_LOCK = threading.Lock()


_SETTLED = False


def settle_loaded_objects() -> None:
    """Take what this process holds once its stages are loaded (spaCy's pipeline, the actor knowledge base,
    the gazetteer, the trigger and time tables: ~460,000 objects) out of the garbage collector's sight,
    once per process (`gc.freeze`). They live as long as the process, yet every full collection walked
    them all: on the 300-article bench corpus full collections cost 2.4 ms of CPU per article of an
    in-process ingest, 0.3 ms once they are frozen. What loading left as garbage is collected first
    (frozen, it would stay: peak memory 967 -> 948 MB with the collection, higher without it). Objects
    made later are collected as before."""
    global _SETTLED
    if not _SETTLED:
        _SETTLED = True
        gc.collect()
        gc.freeze()
        # A young-generation pass every 10,000 new objects instead of 700: the coder makes and drops
        # thousands per article, and each pass that finds an article's objects alive moves them up to where
        # only rarer, dearer passes free them (200 articles: 217 -> 13 young passes, one full pass -> none;
        # the collector's CPU 1.0 -> 0.4 ms per article).
        gc.set_threshold(10_000, 10, 10)


def worker_coder(spec: CoderSpec) -> EventCoder:
    """The coder of this worker process for spec, loaded once."""
    with _WORKER_LOCK:
        coder = _WORKER_CODERS.get(spec)
        if coder is None:
            coder = _WORKER_CODERS[spec] = spec.load()
            settle_loaded_objects()  # as Ingestion does in-process: full collections skip the loaded models
        return coder


def code_batch(spec: CoderSpec, articles: list[Article]) -> CodedBatch:
    """The task a worker runs: code one batch with this process's coder."""
    coder = worker_coder(spec)
    with _WORKER_LOCK:
        return code_with(coder, articles)


def worker_version(spec: CoderSpec) -> str:
    """Load the coder now (so the first batch does not wait for it) and say which version it codes."""
    return worker_coder(spec).version


class Pending(Protocol):
    """A batch on its way: concurrent.futures.Future and dask's Future both fit."""

    def result(self) -> CodedBatch: ...


@dataclass
class _Done:
    value: CodedBatch

    def result(self) -> CodedBatch:
        return self.value


@dataclass
class Engine(ABC):
    """Codes batches of articles; results come back in submission order (see `ordered`)."""

    coder_version: str = ""
    peak_rss_by_worker: dict[str, int] = field(default_factory=dict)
    worker_cpu_seconds: float = 0.0  # spent coding the batches collected so far, over all workers

    @property
    @abstractmethod
    def max_in_flight(self) -> int:
        """Batches submitted but not yet collected: enough to keep every worker busy, few enough that
        memory stays flat however long the input is."""

    @abstractmethod
    def _submit(self, articles: list[Article]) -> Pending: ...

    def submit(self, articles: list[Article]) -> Pending:
        if not articles:  # nothing to code: no round trip to a worker
            return _Done(CodedBatch(self.coder_version, worker_name(), 0))
        return self._submit(articles)

    def collect(self, pending: Pending) -> CodedBatch:
        batch = pending.result()
        if batch.events and batch.coder_version != self.coder_version:
            raise EngineError(
                f"worker {batch.worker} codes with eventwire {batch.coder_version} but this run started "
                f"with {self.coder_version}: install the same eventwire (and data) on every worker"
            )
        self.worker_cpu_seconds += batch.cpu_seconds
        if batch.peak_rss_bytes:
            known = self.peak_rss_by_worker.get(batch.worker, 0)
            self.peak_rss_by_worker[batch.worker] = max(known, batch.peak_rss_bytes)
        return batch

    def ordered(self, jobs: Iterable[tuple[Context, list[Article]]]) -> Iterator[tuple[Context, CodedBatch]]:
        """Each job's context with its coded batch, in job order, with at most max_in_flight outstanding.

        Jobs are pulled lazily, so the input is read only as fast as workers free up.
        """
        window: deque[tuple[Context, Pending]] = deque()
        for context, articles in jobs:
            window.append((context, self.submit(articles)))
            while len(window) >= self.max_in_flight:
                context_done, pending = window.popleft()
                yield context_done, self.collect(pending)
        while window:
            context_done, pending = window.popleft()
            yield context_done, self.collect(pending)

    def close(self) -> None:  # noqa: B027 - engines without resources need no clean-up
        pass

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def describe(self) -> str:
        return type(self).__name__


@dataclass
class InProcessEngine(Engine):
    """Codes in the calling process: no workers, no pickling. What `--workers 1` uses."""

    coder: EventCoder | None = None

    def __post_init__(self) -> None:
        if self.coder is None:
            raise EngineError("InProcessEngine needs a loaded coder")
        self.coder_version = self.coder.version
        # Settled with the loading, as a pool or Dask worker settles its coder when it loads it: the
        # collection over everything loading left (0.3-0.6 s of CPU) is start-up, not the first batch's.
        settle_loaded_objects()

    @property
    def max_in_flight(self) -> int:
        return 1  # code, write, then read on: the behaviour of a plain loop

    def _submit(self, articles: list[Article]) -> Pending:
        assert self.coder is not None
        return _Done(code_with(self.coder, articles))

    def describe(self) -> str:
        return "in-process"


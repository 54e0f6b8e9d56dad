"""A local process pool: N worker processes, each with its own coder, fed batches by the coordinator."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from eventwire.engines.base import (
    CodedBatch,
    CoderSpec,
    Engine,
    EngineError,
    Pending,
    code_batch,
    worker_coder,
    worker_version,
)
from eventwire.records import Article

_STARTUP_TIMEOUT_S = 300.0
_started_together: Any = None  # this worker's copy of the pool's start barrier


def _initialise_worker(spec: CoderSpec, barrier: Any) -> None:
    global _started_together
    _started_together = barrier
    worker_coder(spec)  # load the models once per worker, before its first batch


def _meet_and_report(spec: CoderSpec) -> str:
    """Run as one task per worker: each blocks at the barrier until all have loaded, so each takes one."""
    _started_together.wait(_STARTUP_TIMEOUT_S)
    return worker_version(spec)


@dataclass
class _Guarded:
    """A pool future whose failure from a dead worker is explained."""

    future: Pending

    def result(self) -> CodedBatch:
        try:
            return self.future.result()
        except BrokenProcessPool as error:
            raise EngineError(
                "a worker process died (out of memory, or killed); the store holds every article written "
                "so far: run the same ingest again to finish, with fewer --workers if memory is short"
            ) from error


@dataclass
class ProcessPoolEngine(Engine):
    spec: CoderSpec = field(default_factory=CoderSpec)
    workers: int = 2
    _pool: ProcessPoolExecutor | None = None

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise EngineError(f"--workers must be at least 1 (got {self.workers})")
        # spawn, not fork: workers start clean (no copy of the coordinator's threads, SQLite connection
        # or memory) and behave the same on Linux, macOS and Windows.
        context = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=context,
            initializer=_initialise_worker, initargs=(self.spec, context.Barrier(self.workers)),
        )
        # Wait until every worker has its models: the first batches then spread over all of them, and
        # a run's timing starts with every worker ready.
        try:
            meetings = [self._pool.submit(_meet_and_report, self.spec) for _ in range(self.workers)]
            versions = {meeting.result() for meeting in meetings}
            if len(versions) != 1:
                raise EngineError(f"worker processes code with different versions: {sorted(versions)}")
            self.coder_version = versions.pop()
        except BrokenProcessPool as error:
            self.close()
            raise EngineError("the worker processes could not start (see the error above)") from error
        except BaseException:
            self.close()
            raise

    @property
    def max_in_flight(self) -> int:
        return 2 * self.workers  # one batch running and one queued per worker

    def _submit(self, articles: list[Article]) -> Pending:
        assert self._pool is not None
        return _Guarded(self._pool.submit(code_batch, self.spec, articles))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def describe(self) -> str:
        return f"process pool of {self.workers} workers"

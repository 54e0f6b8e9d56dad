"""A Dask cluster: a LocalCluster of N processes started here, or an existing scheduler's workers.

Workers need eventwire, its data and the spaCy pipeline installed (the same versions as here); they load
the coder once per process, on the first task or when the engine starts. Tasks carry Articles in and
CodedBatches out; nothing else crosses the wire, and only this process writes the store.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventwire.engines.base import CoderSpec, Engine, EngineError, Pending, code_batch, worker_version
from eventwire.records import Article

if TYPE_CHECKING:
    from distributed import Client

_STARTUP_TIMEOUT_S = 120.0


@dataclass
class DaskEngine(Engine):
    spec: CoderSpec = field(default_factory=CoderSpec)
    workers: int = 2  # LocalCluster size; ignored when a scheduler address is given
    scheduler: str | None = None  # tcp://host:port of a running scheduler
    connect_timeout_s: float = _STARTUP_TIMEOUT_S
    _client: Client | None = None
    _cluster: Any = None
    _slots: int = 1

    def __post_init__(self) -> None:
        try:
            from distributed import Client, LocalCluster
        except ModuleNotFoundError as missing:
            raise EngineError(
                "--engine dask needs dask's distributed scheduler: pip install 'dask[distributed]'"
            ) from missing
        try:
            if self.scheduler:
                self._client = Client(self.scheduler, timeout=f"{self.connect_timeout_s}s")
            else:
                if self.workers < 1:
                    raise EngineError(f"--workers must be at least 1 (got {self.workers})")
                # One thread per worker process: spaCy parses on one core, and processes, not threads,
                # give the parallelism (the GIL).
                self._cluster = LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self._client = Client(self._cluster)
            self._client.wait_for_workers(1, timeout=self.connect_timeout_s)
            self.coder_version = self._load_coders()
        except EngineError:
            self.close()
            raise
        except (OSError, TimeoutError) as error:
            self.close()
            where = self.scheduler or "a local cluster"
            raise EngineError(f"cannot reach the Dask scheduler at {where}: {error}") from error
        except BaseException:
            self.close()
            raise

    def _load_coders(self) -> str:
        """Load the coder on every worker now, and check they all code with the same version."""
        assert self._client is not None
        workers = self._client.scheduler_info()["workers"]
        self._slots = max(1, sum(info.get("nthreads", 1) for info in workers.values()))
        futures = [self._client.submit(worker_version, self.spec, workers=[address], pure=False,
                                       allow_other_workers=False)
                   for address in workers]
        versions = dict(zip(workers, self._client.gather(futures), strict=True))
        if len(set(versions.values())) != 1:
            listing = ", ".join(f"{address}: {version}" for address, version in sorted(versions.items()))
            raise EngineError(f"Dask workers run different eventwire versions ({listing}); install one")
        return next(iter(versions.values()))

    @property
    def max_in_flight(self) -> int:
        return 2 * self._slots

    def _submit(self, articles: list[Article]) -> Pending:
        assert self._client is not None
        return self._client.submit(code_batch, self.spec, articles, pure=False)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def describe(self) -> str:
        if self.scheduler:
            return f"Dask cluster at {self.scheduler} ({self._slots} worker threads)"
        return f"Dask LocalCluster of {self.workers} workers"

"""Where events are coded: in this process, in a local process pool, or on a Dask cluster.

The coordinator (eventwire.pipeline.ingest) reads inputs in order, decides duplicates, ships batches of
Articles to an engine and writes what comes back in input order; engines only code. So every engine,
with any number of workers, fills the store with the same rows.

    with open_engine("local", spec=CoderSpec(), workers=2) as engine:
        ingest(paths, store, on_error=print, engine=engine)
"""

from __future__ import annotations

from collections.abc import Callable

from eventwire.engines.base import CodedBatch, CoderSpec, Engine, EngineError, InProcessEngine


def _local(spec: CoderSpec, workers: int, scheduler: str | None) -> Engine:
    if scheduler:
        raise EngineError("--scheduler needs --engine dask (the local engine runs on this machine only)")
    if workers == 1:
        return InProcessEngine(coder=spec.load())  # no worker process to start or feed
    from eventwire.engines.pool import ProcessPoolEngine

    return ProcessPoolEngine(spec=spec, workers=workers)


def _dask(spec: CoderSpec, workers: int, scheduler: str | None) -> Engine:
    from eventwire.engines.dask_cluster import DaskEngine

    return DaskEngine(spec=spec, workers=workers, scheduler=scheduler)


EngineFactory = Callable[[CoderSpec, int, str | None], Engine]

# The built-in engines: name -> factory(spec, workers, scheduler address or None). Installed packages add
# more through the `eventwire.engines` entry point (eventwire.plugins, docs/extending.md).
ENGINES: dict[str, EngineFactory] = {"local": _local, "dask": _dask}


def engine_names() -> list[str]:
    """Every engine `open_engine` can start: the built-in ones, then those plugins add."""
    from eventwire.plugins import ENGINES as GROUP
    from eventwire.plugins import names

    return names(GROUP, ENGINES)


def _factory(name: str) -> EngineFactory:
    from eventwire.plugins import ENGINES as GROUP
    from eventwire.plugins import choose

    return choose(GROUP, name, ENGINES, EngineError,  # type: ignore[return-value]
                  lambda: f"unknown engine {name!r}; choose one of {', '.join(engine_names())}")


def open_engine(name: str, *, spec: CoderSpec, workers: int = 1, scheduler: str | None = None) -> Engine:
    """Start the engine `name` (see engine_names); use it as a context manager so workers are stopped."""
    factory = _factory(name)
    if workers < 1:
        raise EngineError(f"--workers must be at least 1 (got {workers})")
    return factory(spec, workers, scheduler)


__all__ = ["ENGINES", "CodedBatch", "CoderSpec", "Engine", "EngineError", "EngineFactory", "InProcessEngine",
           "engine_names", "open_engine"]

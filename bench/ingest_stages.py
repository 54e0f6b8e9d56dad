"""Where one in-process ingest spends its CPU, stage by stage, in ms per article.

    python bench/ingest_stages.py CORPUS.jsonl [--profile OUT.prof]

Runs `ingest` (1 worker, in this process, a fresh SQLite store) on a corpus (e.g. one written by
bench/make_corpus.py) with each stage wrapped in a CPU-time counter: reading and extraction, duplicate
verdicts, parse + code (`code_with`; the parse is that minus `code_doc`), each coder step, the geoparser, the
time expressions, the actor resolver, the store's writes (the event rows, clusters, totals, commits) and the
cycle collector's passes.
Nested stages are counted inside their parents too (the geoparser inside `step.time_place`). CPU time, not
the clock: on a machine shared with other work the clock mostly measures waiting for a core.
`--profile` also writes a cProfile of the run (which slows the Python-heavy stages more than spaCy's).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

CPU_SECONDS: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)


def counted(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """function, with its CPU time and calls added to `name`'s."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            CPU_SECONDS[name] += time.process_time() - started
            CALLS[name] += 1

    return wrapper


def instrument() -> None:
    """Wrap the coordinator's stages and the store's writes (module and class attributes)."""
    from eventwire import pipeline
    from eventwire.engines import base
    from eventwire.store import store as store_module

    pipeline.extract = counted("extract", pipeline.extract)  # type: ignore[assignment]
    pipeline._DuplicateSorter.sort = counted("duplicate verdicts", pipeline._DuplicateSorter.sort)  # type: ignore[method-assign]
    pipeline._write_batch = counted("store: write batch (all)", pipeline._write_batch)
    base.code_with = counted("parse + code (code_with)", base.code_with)
    store = store_module.Store
    for name in ("add_article", "add_sighting", "add_bands", "replace_events", "_join_cluster", "_commit"):
        setattr(store, name, counted(f"store: {name}", getattr(store, name)))
    store_module.totals.count_article = counted("store: totals.count_article",  # type: ignore[method-assign]
                                                store_module.totals.count_article)
    store_module.event_row = counted("store: event_row (record JSON)", store_module.event_row)


def count_collections() -> None:
    """Add the cycle collector's passes (CPU, all generations) as a stage of their own."""
    started: list[float] = []

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(time.process_time())
        elif started:
            CPU_SECONDS["cycle collector (gc passes)"] += time.process_time() - started.pop()
            CALLS["cycle collector (gc passes)"] += 1

    gc.callbacks.append(callback)


def instrument_coder(coder: Any) -> None:
    """Wrap the coder's steps, its geoparser, time expressions and actor resolver."""
    import eventwire.temporal as temporal

    coder.code_doc = counted("code_doc (all steps)", coder.code_doc)
    components = coder.steps._components  # (name, step) pairs, in order: each step wrapped in place
    for index, (name, step) in enumerate(components):
        components[index] = (name, counted(f"step.{name}", step))
    if coder.geoparser is not None:
        coder.geoparser.geoparse_doc = counted("geoparse_doc", coder.geoparser.geoparse_doc)
    temporal.find_timexes = counted("find_timexes", temporal.find_timexes)  # type: ignore[assignment]
    coder.resolver.resolve = counted("actors.resolve", coder.resolver.resolve)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--profile", type=Path, help="also write a cProfile of the run here")
    args = parser.parse_args()

    from eventwire import pipeline
    from eventwire.engines import CoderSpec, open_engine
    from eventwire.store import Store

    instrument()
    engine = open_engine("local", spec=CoderSpec(), workers=1)
    instrument_coder(engine.coder)  # type: ignore[attr-defined]
    profile = cProfile.Profile() if args.profile else None
    count_collections()
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "stages.db") as store, engine:
        started = time.process_time()
        if profile is not None:
            profile.enable()
        tally = pipeline.ingest([str(args.corpus)], store, on_error=lambda error: None, engine=engine,
                                batch_size=16, max_input_bytes=1 << 40)
        if profile is not None:
            profile.disable()
        total = time.process_time() - started
    articles = tally.documents
    print(f"{articles} articles, {tally.events} events: {1000 * total / articles:.1f} ms of CPU per article")
    parse = CPU_SECONDS["parse + code (code_with)"] - CPU_SECONDS["code_doc (all steps)"]
    print(f"{'parse (code_with - code_doc)':<34} {1000 * parse / articles:8.2f}")
    for name in sorted(CPU_SECONDS, key=lambda key: -CPU_SECONDS[key]):
        print(f"{name:<34} {1000 * CPU_SECONDS[name] / articles:8.2f}  ({CALLS[name]} calls)")
    if profile is not None:
        profile.dump_stats(args.profile)


if __name__ == "__main__":
    main()

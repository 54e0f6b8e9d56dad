"""The store's writes alone: code a corpus once, replay its writes into fresh stores, CPU ms per article.

    python bench/write_replay.py CORPUS.jsonl [--rounds 3] [--cache coded.pickle]

The first run ingests the corpus (1 worker, in this process) and keeps what `pipeline._write_batch` was given
(batches and their events) in `--cache`; each round then writes them again into a fresh SQLite store, with
each write stage counted as in bench/ingest_stages.py, and prints the CPU per article by quarter of the
corpus too (writes cost more as the store grows). Coding once makes before/after comparisons of the write
path cheap and free of the coder's noise: run it with one checkout's src/ and another's in turn.
"""

from __future__ import annotations

import argparse
import pickle
import tempfile
import time
from pathlib import Path
from typing import Any

import ingest_stages


def record(corpus: Path) -> list[tuple[Any, ...]]:
    """Ingest the corpus once and return the arguments of every `_write_batch` call."""
    from eventwire import pipeline
    from eventwire.engines import CoderSpec, open_engine
    from eventwire.store import Store

    recorded: list[tuple[Any, ...]] = []
    original = pipeline._write_batch

    def recording(batch: Any, events: Any, version: Any, store: Any, tally: Any, on_error: Any) -> None:
        recorded.append((batch, events, version))
        original(batch, events, version, store, tally, on_error)

    pipeline._write_batch = recording
    try:
        engine = open_engine("local", spec=CoderSpec(), workers=1)
        with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "coded.db") as store, engine:
            pipeline.ingest([str(corpus)], store, on_error=lambda error: None, engine=engine, batch_size=16,
                            max_input_bytes=1 << 40)
    finally:
        pipeline._write_batch = original
    return recorded


def replay(recorded: list[tuple[Any, ...]]) -> tuple[float, list[float], int]:
    """Write the recorded batches into a fresh store: CPU ms per article, the same by quarter, events."""
    from eventwire import pipeline
    from eventwire.store import Store

    quarter = max(1, len(recorded) // 4)
    quarters: list[float] = []
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "replay.db") as store:
        tally = pipeline.IngestTally()
        started = part_started = time.process_time()
        for index, (batch, events, version) in enumerate(recorded, start=1):
            pipeline._write_batch(batch, events, version, store, tally, lambda error: None)
            if index % quarter == 0 and len(quarters) < 4:
                part = recorded[index - quarter:index]
                quarters.append(1000 * (time.process_time() - part_started) / _articles(part))
                part_started = time.process_time()
        total = time.process_time() - started
    return 1000 * total / _articles(recorded), quarters, tally.events


def _articles(recorded: list[tuple[Any, ...]]) -> int:
    return max(1, sum(len(batch.new) + len(batch.uncoded) for batch, _, _ in recorded))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cache", type=Path, help="where the coded batches are kept between runs")
    args = parser.parse_args()

    if args.cache is not None and args.cache.exists():
        recorded = pickle.loads(args.cache.read_bytes())
    else:
        recorded = record(args.corpus)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(recorded))
    ingest_stages.instrument()
    for round_number in range(1, args.rounds + 1):
        ingest_stages.CPU_SECONDS.clear()
        ingest_stages.CALLS.clear()
        per_article, quarters, events = replay(recorded)
        print(f"round {round_number}: {_articles(recorded)} articles, {events} events: writes"
              f" {per_article:.2f} ms of CPU per article; by quarter "
              + " / ".join(f"{value:.2f}" for value in quarters))
        for name in sorted(ingest_stages.CPU_SECONDS, key=lambda key: -ingest_stages.CPU_SECONDS[key]):
            print(f"  {name:<34} {1000 * ingest_stages.CPU_SECONDS[name] / _articles(recorded):8.2f}"
                  f"  ({ingest_stages.CALLS[name]} calls)")


if __name__ == "__main__":
    main()

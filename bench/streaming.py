"""Streaming input: a 1,000,000-article JSONL is read, and ingested, without ever being held in memory.

    python bench/streaming.py [--articles 1000000] [--seconds 120] [--corpus PATH] [--json OUT]

1. Writes the corpus with bench/make_corpus.py (about 1.5 GB for a million articles; `--corpus` reuses
   a file written before).
2. Reads all of it through the reader stage ingest uses (`iter_articles`: read, parse JSON, extract),
   noting resident memory after 1%, 10%, 50% and 100% of the articles: flat memory means streaming.
3. Starts `eventwire ingest FILE --workers 2` on it, samples the resident memory of the coordinator and
   its workers every second for `--seconds`, then kills the run: the time to the first stored article
   shows the input is not loaded first, and memory over the run shows the in-flight bound holding.
   (Coding a million articles takes hours on a laptop; the rate is measured by bench/throughput.py.)
4. Starts `eventwire ingest FILE --no-events` (read, extract, duplicate and near-duplicate checks, write),
   which goes about fifty times as far in the same time, and samples the process's resident memory
   against the number of stored articles: the near-duplicate index lives in the store, so memory must
   not grow with the articles stored (it grew about 12 KB an article while the index was held in memory).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]


def _mb(value: float) -> float:
    return round(value / 2**20, 1)


def read_all(corpus: Path, articles: int) -> dict:
    from eventwire.pipeline import iter_articles

    process = psutil.Process()
    marks = {max(1, articles // 100): "1%", max(1, articles // 10): "10%", max(1, articles // 2): "50%"}
    rss: dict[str, float] = {"start": _mb(process.memory_info().rss)}
    started = time.perf_counter()
    count = 0
    for _ in iter_articles([str(corpus)], max_input_bytes=1 << 42):
        count += 1
        if count in marks:
            rss[marks[count]] = _mb(process.memory_info().rss)
    rss["100%"] = _mb(process.memory_info().rss)
    seconds = time.perf_counter() - started
    return {"documents": count, "seconds": round(seconds, 1), "documents_per_s": round(count / seconds),
            "rss_mb": rss}


def _stored(db: Path) -> int:
    try:
        connection = sqlite3.connect(db, timeout=1)
        try:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return 0


def ingest_for(corpus: Path, seconds: float, folder: Path, *options: str) -> dict:
    db = folder / f"streaming{'-'.join(options)}.db"
    command = [sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--db", str(db),
               "--no-progress", "--max-input-mb", str(1 << 22), *options]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    coordinator = psutil.Process(process.pid)
    first_stored: float | None = None
    samples: list[tuple[float, float, float, int]] = []  # (s, coordinator MB, largest worker MB, stored)
    while time.monotonic() - started < seconds and process.poll() is None:
        time.sleep(1.0)
        try:
            workers = coordinator.children(recursive=True)
            worker_rss = max((w.memory_info().rss for w in workers), default=0)
            rss = _mb(coordinator.memory_info().rss)
        except psutil.Error:
            break
        stored_now = _stored(db)
        samples.append((round(time.monotonic() - started, 1), rss, _mb(worker_rss), stored_now))
        if first_stored is None and stored_now > 0:
            first_stored = time.monotonic() - started
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    stored = _stored(db)
    after_start = [s for s in samples if first_stored is not None and s[0] >= first_stored]
    # Growth per stored article between the first tenth of the run (models loaded, caches warm) and the end.
    warm = [s for s in after_start if s[3] >= stored / 10] or after_start
    growth = ((warm[-1][1] - warm[0][1]) * 2**20 / (warm[-1][3] - warm[0][3])
              if len(warm) > 1 and warm[-1][3] > warm[0][3] else None)
    return {
        "seconds": seconds, "articles_stored": stored,
        "seconds_to_first_stored_article": round(first_stored, 1) if first_stored is not None else None,
        "coordinator_rss_mb_first": after_start[0][1] if after_start else None,
        "coordinator_rss_mb_last": after_start[-1][1] if after_start else None,
        "worker_rss_mb_max": max((s[2] for s in samples), default=None),
        "coordinator_rss_bytes_per_stored_article": round(growth) if growth is not None else None,
        "articles_between_growth_samples": warm[-1][3] - warm[0][3] if warm else 0,
        "samples": samples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=120.0, help="how long the ingest run is watched")
    parser.add_argument("--corpus", type=Path, help="an existing JSONL to use instead of writing one")
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        corpus = args.corpus
        generate_seconds = None
        if corpus is None:
            corpus = folder / "million.jsonl"
            command = [sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(corpus),
                       "--articles", str(args.articles)]
            if args.shared and args.shared.is_dir():
                command += ["--shared", str(args.shared)]
            started = time.perf_counter()
            subprocess.run(command, check=True, cwd=ROOT)
            generate_seconds = round(time.perf_counter() - started, 1)
        reading = read_all(corpus, args.articles)
        watched = ingest_for(corpus, args.seconds, folder, "--workers", "2")
        uncoded = ingest_for(corpus, args.seconds, folder, "--no-events")
        result = {
            "corpus_articles": reading["documents"], "corpus_mb": _mb(corpus.stat().st_size),
            "corpus_write_seconds": generate_seconds,
            "read_and_extract_documents_per_s": reading["documents_per_s"],
            "read_and_extract_seconds": reading["seconds"],
            **{f"reader_rss_mb_at_{mark}": value for mark, value in reading["rss_mb"].items()},
            **{f"ingest_{key}": value for key, value in watched.items() if key != "samples"},
            "ingest_samples": watched["samples"],
            **{f"no_events_{key}": value for key, value in uncoded.items() if key != "samples"},
            "no_events_samples": uncoded["samples"],
        }
    for key, value in result.items():
        if not isinstance(value, list):
            print(f"{key:>44}: {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

"""Engines: results in input order with bounded batches in flight, and the same store from every engine.

The cross-engine tests start real workers (a spawned process pool and a Dask LocalCluster, 2 processes
each, models loaded once per worker) on the sample corpus plus copies and edited copies of its records,
so duplicates and near-duplicates fall in batches that are in flight together.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from eventwire.engines import CodedBatch, CoderSpec, Engine, EngineError, InProcessEngine, open_engine
from eventwire.engines.base import Pending
from eventwire.events import EventCoder
from eventwire.pipeline import IngestTally, ingest
from eventwire.records import Article, ArticleMeta
from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
sys.path.insert(0, str(Path(__file__).parent))
from test_pipeline import write_corpus  # noqa: E402 - the pseudo-article corpus of the pipeline tests


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load()


# --- ordering and bounds, with a fake engine ---------------------------------------------------------


@dataclass
class _SlowThreads(Engine):
    """Codes nothing; finishes batches in a random order after random delays, and counts what is open."""

    window: int = 3
    open_batches: int = 0
    most_open: int = 0
    version_of_workers: str = "v1"
    _pool: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(max_workers=4))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.coder_version = "v1"

    @property
    def max_in_flight(self) -> int:
        return self.window

    def _submit(self, articles: list[Article]) -> Pending:
        with self._lock:
            self.open_batches += 1
            self.most_open = max(self.most_open, self.open_batches)
        delay = random.Random(articles[0].id).random() / 50

        def run() -> CodedBatch:
            time.sleep(delay)
            return CodedBatch(self.version_of_workers, "fake:1", 1, tuple((a.id, ()) for a in articles))

        future: Future[CodedBatch] = self._pool.submit(run)
        return future

    def collect(self, pending: Pending) -> CodedBatch:
        batch = super().collect(pending)
        with self._lock:
            self.open_batches -= 1
        return batch


def _article(number: int) -> Article:
    return Article(id=f"a{number}", text=f"text {number}", meta=ArticleMeta(), origin="test")


def test_ordered_keeps_submission_order_and_bounds_batches_in_flight() -> None:
    engine = _SlowThreads(window=3)
    pulled: list[int] = []

    def jobs() -> Iterator[tuple[int, list[Article]]]:
        for number in range(40):
            pulled.append(number)
            yield number, [_article(number)]

    seen = []
    for number, batch in engine.ordered(jobs()):
        seen.append(number)
        assert batch.events[0][0] == f"a{number}"
        assert len(pulled) - len(seen) < engine.max_in_flight  # input is read only as workers free up
    assert seen == list(range(40))
    assert engine.most_open == 3
    assert engine.peak_rss_by_worker == {"fake:1": 1}


def test_a_worker_with_another_coder_version_stops_the_run() -> None:
    engine = _SlowThreads(version_of_workers="v2")
    with pytest.raises(EngineError, match=r"fake:1 codes with eventwire v2 .* started with v1"):
        list(engine.ordered([(0, [_article(0)])]))


def test_the_in_process_engine_settles_the_loaded_objects_when_it_starts(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What loading made is frozen when the engine starts, so the first ingest batch does not pay the one
    full collection over the loaded models (bench/throughput.py times ingest after start-up)."""
    import gc

    from eventwire.engines import base

    @dataclass
    class _LoadedCoder:
        version: str = "v1"

    gc.unfreeze()
    monkeypatch.setattr(base, "_SETTLED", False)
    kept_alive = [[index] for index in range(1000)]  # objects a loaded model would hold
    assert gc.get_freeze_count() == 0
    InProcessEngine(coder=_LoadedCoder())  # type: ignore[arg-type]
    assert gc.get_freeze_count() >= len(kept_alive)
    assert base._SETTLED


def test_engine_choice_errors_name_the_fix() -> None:
    with pytest.raises(EngineError, match="unknown engine 'spark'"):
        open_engine("spark", spec=CoderSpec())
    with pytest.raises(EngineError, match="--scheduler needs --engine dask"):
        open_engine("local", spec=CoderSpec(), workers=2, scheduler="tcp://127.0.0.1:1")
    with pytest.raises(EngineError, match="at least 1"):
        open_engine("local", spec=CoderSpec(), workers=0)


def test_dask_engine_names_an_unreachable_scheduler() -> None:
    from eventwire.engines.dask_cluster import DaskEngine

    started = time.monotonic()
    with pytest.raises(EngineError, match=r"tcp://127\.0\.0\.1:9"):
        DaskEngine(spec=CoderSpec(), scheduler="tcp://127.0.0.1:9", connect_timeout_s=1.0)
    assert time.monotonic() - started < 20


def test_events_survive_the_trip_to_and_from_a_worker(coder: EventCoder) -> None:
    from eventwire.pipeline import iter_articles

    articles = [a for a in iter_articles([str(SAMPLE / "records")]) if isinstance(a, Article)]
    coded = InProcessEngine(coder=coder).submit(articles).result()
    assert sum(len(events) for _, events in coded.events) > 0
    assert pickle.loads(pickle.dumps(coded)) == coded
    assert pickle.loads(pickle.dumps(articles)) == articles


# --- the same store from every engine ----------------------------------------------------------------


def _corpus_with_copies(folder: Path) -> Path:
    """The sample corpus, then its JSONL records again: verbatim (duplicates) and edited (near-duplicates)."""
    corpus = folder / "corpus"
    shutil.copytree(SAMPLE, corpus, ignore=shutil.ignore_patterns("*.py", "*.md"))
    lines = (SAMPLE / "records" / "wire-archive.jsonl").read_text().splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    copies = []
    for record in records:
        copies.append({**record, "id": record["id"] + "-copy", "url": record["url"] + "?copy"})
        edited = record["text"].replace(".", ", officials said.", 1)
        copies.append({**record, "id": record["id"] + "-edited", "url": record["url"] + "?edited",
                       "text": edited})
    # "zz": read after every other file, so copies land in later batches than their originals
    (corpus / "zz-republished.jsonl").write_text("\n".join(json.dumps(c) for c in copies) + "\n")
    return corpus


def store_tables(db: Path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(db)
    try:
        return {
            "articles": connection.execute(
                "SELECT rowid, id, title, source, url, published, text, origin, record_id, near_duplicate_of,"
                " minhash, events_coded_by FROM articles ORDER BY rowid"
            ).fetchall(),
            "sightings": connection.execute(
                "SELECT article_id, origin, url FROM article_sightings ORDER BY 1, 2"
            ).fetchall(),
            "events": connection.execute("SELECT * FROM events ORDER BY event_id").fetchall(),
            "event_actors": connection.execute(
                "SELECT * FROM event_actors ORDER BY event_id, role, position"
            ).fetchall(),
        }
    finally:
        connection.close()


def _ingest_with(engine: Engine, corpus: Path, db: Path) -> IngestTally:
    with Store.open(db) as store:
        return ingest([str(corpus)], store, on_error=lambda error: None, engine=engine, batch_size=3)


def test_every_engine_fills_the_store_with_the_same_rows(tmp_path: Path, coder: EventCoder) -> None:
    corpus = _corpus_with_copies(tmp_path)
    reference_tally = _ingest_with(InProcessEngine(coder=coder), corpus, tmp_path / "one.db")
    reference = store_tables(tmp_path / "one.db")
    assert reference_tally.duplicate == 4 and reference_tally.near_duplicate >= 4  # + the sample's own
    assert len(reference["events"]) > 50

    spec = CoderSpec()
    for name in ("local", "dask"):
        with open_engine(name, spec=spec, workers=2) as engine:
            assert engine.max_in_flight >= 4  # several batches in flight at once
            tally = _ingest_with(engine, corpus, tmp_path / f"{name}.db")
            assert len(engine.peak_rss_by_worker) == 2  # both workers coded, each loaded its own models
        assert tally == reference_tally, name
        assert store_tables(tmp_path / f"{name}.db") == reference, name


def test_a_killed_multi_worker_run_resumed_equals_a_clean_run(tmp_path: Path, coder: EventCoder) -> None:
    corpus = write_corpus(tmp_path, articles=150)
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    _ingest_with(InProcessEngine(coder=coder), corpus, clean_db)

    command = [sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--db", str(killed_db),
               "--workers", "2", "--batch-size", "3", "--no-progress"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 90
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        if killed_db.exists():
            try:
                stored = sqlite3.connect(killed_db).execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 15:
                break
        time.sleep(0.01)
    assert process.poll() is None, "ingest finished before it could be killed: make the corpus larger"
    os.killpg(process.pid, signal.SIGKILL)  # coordinator and workers alike
    process.wait()
    assert 0 < len(store_tables(killed_db)["articles"]) < 150

    # Resumed here, in-process: which engine finishes a run does not matter either.
    _ingest_with(InProcessEngine(coder=coder), corpus, killed_db)
    resumed, clean = store_tables(killed_db), store_tables(clean_db)
    assert resumed["events"] and resumed == clean


def test_cli_rejects_a_scheduler_without_dask(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "eventwire.cli", "ingest", str(SAMPLE / "records"), "--db",
         str(tmp_path / "x.db"), "--scheduler", "tcp://127.0.0.1:8786"],
        capture_output=True, text=True,
    )
    assert result.returncode == 2 and "--scheduler needs --engine dask" in result.stderr

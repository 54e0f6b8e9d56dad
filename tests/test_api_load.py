"""The loopback load harness (bench/load.py) end to end, briefly and at a low rate: `eventwire serve` in its
own process, an ingest writing into the same store meanwhile, and every answer checked. No timing is
asserted here; the figures come from `make bench` (docs/benchmarks.md)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from fixtures.scripts import load_script

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "queries"


def _load(name: str, path: Path) -> ModuleType:
    return load_script(path, name)


LOAD = _load("bench_load", ROOT / "bench" / "load.py")
SAMPLE = _load("api_load_sample_store", FIXTURES / "sample_store.py")

RATE = 20.0
SECONDS = 3.0


@pytest.fixture
def store_with_corpus(tmp_path: Path) -> tuple[Path, Path]:
    db = tmp_path / "events.db"
    store, _ = SAMPLE.build(db)
    store.close()
    corpus = tmp_path / "corpus.jsonl"
    LOAD.make_corpus(corpus, 300)
    return db, corpus


def test_load_harness_gets_a_well_formed_answer_to_every_request_while_an_ingest_writes(
    store_with_corpus: tuple[Path, Path]
) -> None:
    db, corpus = store_with_corpus
    articles_before = LOAD.store_counts(db)[0]
    result = LOAD.run_load(db, rate=RATE, seconds=SECONDS, corpus=corpus, ingest_events=False,
                           connections=4, mix_size=200)
    assert result["requests"] == int(RATE * SECONDS)
    assert result["errors"] == 0, result["problems"]
    assert result["statuses"] == {"200": int(RATE * SECONDS)}
    assert result["ingest"] in ("running the whole window", "stopped during the window")
    assert LOAD.store_counts(db)[0] > articles_before  # the ingest really wrote while the server read
    kinds = {key.removeprefix("p99_ms_") for key in result if key.startswith("p99_ms_")}
    assert {"events", "event", "actor"} <= kinds  # the mix reached the main kinds of request
    for key in ("p50_ms", "p95_ms", "p99_ms", "achieved_rps", "server_cpu_share_of_one_core"):
        assert result[key] >= 0


def test_the_answer_check_refuses_what_is_not_well_formed() -> None:
    answer = LOAD.Answer
    good = b'{"total": 1, "limit": 50, "offset": 0, "items": []}'
    assert LOAD.check_answer("events", answer(200, "application/json", good)) is None
    assert LOAD.check_answer("events", answer(500, "application/json", good)) == "status 500"
    assert "content type" in LOAD.check_answer("events", answer(200, "text/html", good))
    assert LOAD.check_answer("events", answer(200, "application/json", b"{nope")) == "body is not JSON"
    assert "missing" in LOAD.check_answer("events", answer(200, "application/json", b'{"total": 1}'))
    items_not_list = answer(200, "application/json", b'{"total": 1, "limit": 50, "offset": 0, "items": {}}')
    assert LOAD.check_answer("events", items_not_list) == "items is not a list"


def test_percentile_is_nearest_rank() -> None:
    values = [float(number) for number in range(1, 101)]
    assert LOAD.percentile(values, 0.50) == 50.0
    assert LOAD.percentile(values, 0.99) == 99.0
    assert LOAD.percentile([7.0], 0.99) == 7.0

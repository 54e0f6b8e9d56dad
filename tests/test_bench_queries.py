"""bench/queries.py on a small store: it generates the events through the Store API, measures every query
mix and the yearly aggregate, and writes a complete report. No timing is asserted (that is the
benchmark's job, in docs/benchmarks.md)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from fixtures.scripts import load_script

ROOT = Path(__file__).resolve().parents[1]
EVENTS = 2000


def _load_bench() -> ModuleType:
    return load_script(ROOT / "bench" / "queries.py", "bench_queries")


QUERIES = _load_bench()


def test_benchmark_reports_every_query_on_a_small_store(tmp_path: Path) -> None:
    db = tmp_path / "bench.db"
    out = tmp_path / "report.json"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "queries.py"), "--db", str(db),
                           "--events", str(EVENTS), "--repeat", "3", "--json", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text())
    (store,) = report["stores"]
    assert store["events"] == store["load_events"] == EVENTS
    assert store["load_seconds"] > 0
    expected_mixes = set(QUERIES.filter_mixes(random.Random(0), QUERIES.World(random.Random(0))))
    assert set(store["pages"]) == expected_mixes
    for name, row in store["pages"].items():
        assert row["runs"] == 3, name
        assert 0 <= row["p50_ms"] <= row["p95_ms"], name
        assert isinstance(row["meets_aim"], bool)
    yearly = store["yearly_daily_counts"]
    assert yearly["runs"] == 3 and 0 <= yearly["p50_ms"] <= yearly["p95_ms"]
    assert "sqlite yearly daily counts p95 ms" in report["summary"]
    assert "sqlite all aims met" in report["summary"]


def test_a_second_run_measures_the_store_it_finds(tmp_path: Path) -> None:
    from eventwire.store import Store

    db = tmp_path / "bench.db"
    with Store.open(db) as store:
        QUERIES.load(store, 300, seed=3, newest_first=True, progress=False)
    report = QUERIES.bench_one(str(db), events=5000, repeat=2, seed=3, newest_first=True)
    assert report["events"] == 300 and "load_events" not in report  # measured, not refilled


def test_generated_events_follow_the_requested_total_and_skew() -> None:
    import collections

    pairs = list(QUERIES.generate(3000, seed=5))
    events = [event for _, events in pairs for event in events]
    assert len(events) == 3000
    assert all(1 <= len(batch) <= 9 for _, batch in pairs)
    for article, batch in pairs:
        for event in batch:  # offsets index the article text, as the coder's do
            evidence = event.evidence
            assert article.text[evidence.start:evidence.end] == evidence.sentence
            assert article.text[evidence.trigger_start:evidence.trigger_end] == evidence.trigger
            for actor in (*event.source, *event.target):
                assert article.text[actor.start:actor.end] == actor.text
    dates = [event.date.start for event in events]
    assert dates == sorted(dates, reverse=True)  # newest first (see the module's docstring)
    countries = collections.Counter(event.source[0].country for event in events)
    top, second = countries.most_common(2)
    assert top[0] == "USA" and top[1] > 1.5 * second[1] > 0  # skewed, not uniform
    types = collections.Counter(event.type for event in events)
    assert types["CONSULT"] > types["RETREAT"] * 5
    assert len({event.article_id for event in events}) == len(pairs)


@pytest.mark.postgresql
def test_copy_from_sqlite_gives_postgresql_the_same_store(tmp_path: Path) -> None:
    from conftest import StoreUrls, require_postgresql
    from eventwire.store import Store
    from eventwire.store.queries import EventQuery, count_events, find_events

    require_postgresql()  # skipped with conftest's PG_NOT_RUN reason: reported as not run
    db = tmp_path / "source.db"
    with Store.open(db) as store:
        QUERIES.load(store, EVENTS, seed=11, newest_first=True, progress=False)
    urls = StoreUrls("postgresql", tmp_path)
    try:
        with Store.open(urls.new()) as target:
            report = QUERIES.copy_from_sqlite(db, target)
            assert {"articles", "article_sightings", "events", "event_actors", "event_clusters"} <= set(
                report["tables"])
            assert "events_fts" in report["sqlite_only_tables"]  # PostgreSQL generates its own search
            for table, row in report["tables"].items():
                assert row["source_rows"] == row["target_rows"] == row["rows_written"], table
            assert report["tables"]["events"]["target_rows"] == EVENTS
            query = EventQuery(types=("CONSULT",), text="officials", limit=50)
            with Store.open(db) as source:
                expected = [(event.event_id, event.record, event.cluster_id, event.cluster_mentions)
                            for event in find_events(source, query)]
                expected_total = count_events(source, query)
            copied = [(event.event_id, event.record, event.cluster_id, event.cluster_mentions)
                      for event in find_events(target, query)]
            assert copied == expected and expected
            assert count_events(target, query) == expected_total
            # The identity sequences were moved past the copied rowids: a new article gets a fresh one.
            article, events = next(iter(QUERIES.generate(5, seed=12)))
            with target.transaction():
                target.add_article(article)
                target.replace_events(article, events, QUERIES.CODER_VERSION)
            assert QUERIES.stored_events(target) == EVENTS + len(events)
    finally:
        urls.drop_all()

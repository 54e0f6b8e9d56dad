"""The explorer's aggregates on a large SQLite store, on the first request after a write (issue #18).

    python bench/aggregates.py fill --db STORE.db [--events 1000000]
    python bench/aggregates.py figures --db STORE.db     # magnitudes for a store filled before they were
    python bench/aggregates.py measure --db STORE.db [--write-events 5000] [--json OUT]

`fill` writes the events of bench/queries.py's generator (seed 7) straight into the tables, many rows per
statement, each event its own cluster: through the Store API a million events take over an hour on this
shared machine (clustering looks up candidates per event), and the aggregates do not read the clusters.
One event in FIGURES_EVERY is given magnitudes (the generator writes none). The aggregate tables are then
built as an old store's migrations build them, and the time it takes is printed (the backfill).

`measure` times, on a copy of the store it is given:
1. write throughput: `--write-events` more generated events written through Store.replace_events
   (articles of 1 to 9 events, 500 per transaction, as `eventwire ingest` commits), events per second;
   run once with the aggregate tables maintained and once with their maintenance switched off
   (eventwire.store.totals.MAINTAINED), so the difference is the cost of keeping them;
2. each unfiltered request of the explorer (bench/web_views.py's list, plus the top dyads), answered by
   the app in process right after that write, i.e. with an empty cache (the first request after a write);
   and again with the aggregate tables ignored (the plain queries), which is what the page paid before.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import queries as generator
from web_views import timed_get

ROWS_PER_STATEMENT_BATCH = 20_000
SEED = 7


def fill(db: str, total: int) -> dict[str, Any]:
    """Write `total` generated events straight into the tables, then build the aggregate tables as the
    migration does; returns the times."""
    from eventwire.store import Store
    from eventwire.store.store import (
        _ACTOR_COLUMNS,
        _ARTICLE_COLUMNS,
        _CLUSTER_COLUMNS,
        _EVENT_COLUMNS,
        event_row,
        participant_rows,
    )

    started = time.perf_counter()
    with Store.open(db) as store:
        (stored,) = store.execute("SELECT count(*) FROM events").fetchone()
        if stored:
            raise SystemExit(f"{db} already holds {stored:,} events")
        # A page cache of 2 GB: with SQLite's default 2 MB, the indexes of a growing store are read back
        # from the OS for every row, and writing slows to a few hundred events per second.
        store.execute("PRAGMA cache_size = -2000000")
        backend = store.backend
        insert_article = backend.insert_ignore("articles", _ARTICLE_COLUMNS, ("id",))
        insert_event = backend.insert_replace("events", (*_EVENT_COLUMNS, "cluster_id"), ("event_id",))
        insert_actor = backend.insert_replace("event_actors", _ACTOR_COLUMNS,
                                              ("event_id", "role", "position"))
        insert_cluster = backend.insert_replace("event_clusters", _CLUSTER_COLUMNS, ("cluster_id",))
        pairs = generator.generate(total, SEED, newest_first=True)
        written = 0
        while True:
            batch = list(itertools.islice(pairs, 2_000))
            if not batch:
                break
            articles, events, actors, clusters = [], [], [], []
            for article, coded in batch:
                meta = article.meta
                articles.append((article.id, meta.title, meta.source, meta.url, meta.author, meta.published,
                                 meta.language, article.text, article.origin, article.record_id, None, None,
                                 "2026-01-01T00:00:00Z"))
                reference = {"id": article.id, "url": meta.url, "source": meta.source,
                             "published": meta.published, "title": meta.title}
                for event in coded:
                    record = event.as_json(reference)
                    event_id = record["event_id"]
                    events.append((*event_row(article.id, event, record), event_id))
                    actors.extend(participant_rows(event_id, event))
                    day = event.date.start if event.date else None
                    clusters.append((event_id, event.type, event.factuality, day, day, "[]", "[]",
                                     event.location.country if event.location else None, 1, 1, 1))
            with store.transaction():
                store.execute_many(insert_article, articles)
                store.execute_many(insert_cluster, clusters)
                store.execute_many(insert_event, events)
                store.execute_many(insert_actor, actors)
                store.execute_many("UPDATE articles SET events_coded_by = ? WHERE id = ?",
                                   [(generator.CODER_VERSION, row[0]) for row in articles])
            written += len(events)
            print(f"  {written:,} events written, {time.perf_counter() - started:.0f} s", file=sys.stderr,
                  flush=True)
        with store.transaction():  # each event its own cluster: its first day is its own date
            store.execute("UPDATE event_clusters SET first_day = date_start")
    filled = time.perf_counter() - started
    return {"events": written, "fill_seconds": round(filled, 1), **add_figures(db), **backfill(db)}


# The generator writes no magnitudes; this share of events is given some, so the magnitudes' sum has
# figures to add up (real conflict news gives a figure to a few events in a hundred).
FIGURES_EVERY = 20  # one event in 20 (5%)


def add_figures(db: str) -> dict[str, Any]:
    """Give every FIGURES_EVERY-th event (by rowid) a "size" object in its record, deterministic figures:
    dead for all of them, injured for every second, arrested and participants for some."""
    from eventwire.store import Store, totals

    started = time.perf_counter()
    with Store.open(db) as store, store.transaction():
        store.execute(
            "UPDATE events SET record = json_set(record, '$.size', json_object("
            " 'dead', rowid % 37 + 1,"
            " 'injured', CASE WHEN rowid % 40 = 0 THEN rowid % 53 + 2 END,"
            " 'arrested', CASE WHEN rowid % 60 = 0 THEN rowid % 17 + 1 END,"
            " 'participants', CASE WHEN rowid % 100 = 0 THEN 1000 * (rowid % 9 + 1) END))"
            " WHERE rowid % ? = 0 AND json_extract(record, '$.size') IS NULL", (FIGURES_EVERY,))
        (given,) = store.execute("SELECT count(*) FROM events WHERE dead IS NOT NULL").fetchone()
        # Records changed by raw SQL: the sentences' figures kept on write are counted again.
        store.execute("DELETE FROM totals_magnitudes")
        store.execute(totals.REBUILD_MAGNITUDES)
    seconds = time.perf_counter() - started
    print(f"  figures given to {given:,} events: {seconds:.0f} s", file=sys.stderr)
    return {"events_with_figures": given, "figures_seconds": round(seconds, 1)}


def backfill(db: str) -> dict[str, Any]:
    """Drop the totals, then time the migrations that build them (0008, 0010: what opening an old store
    with this version does), run as scripts: the later migrations (0009's columns) cannot run twice."""
    import sqlite3

    from eventwire.store import Store, totals
    from eventwire.store.migrations import available_migrations
    from eventwire.store.sqlite import sqlite_path
    from eventwire.store.store import database_url

    scripts = [m for m in available_migrations("sqlite") if m.name.endswith("_totals.sql")]
    with Store.open(db) as store, store.transaction():
        for table in totals.TABLES:
            store.execute(f"DROP TABLE IF EXISTS {table}")
    connection = sqlite3.connect(sqlite_path(database_url(db)))
    started = time.perf_counter()
    for script in scripts:
        connection.executescript("BEGIN;\n" + script.sql + "\nCOMMIT;")
    seconds = time.perf_counter() - started
    rows = {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in totals.TABLES}
    connection.close()
    names = ", ".join(m.name for m in scripts)
    print(f"  migrations {names} (the totals' backfill): {seconds:.1f} s; rows {rows}", file=sys.stderr)
    return {"backfill_seconds": round(seconds, 1), "totals_rows": rows}


# The explorer's requests with no filter (bench/web_views.py: the page's first view), and the top dyads
# the issue measured.
REQUESTS = (
    ("summary", "/api/summary"),
    ("timeline dates", "/api/stats/dates"),
    ("timeline counts", "/api/stats/counts?by=month&group=quad_class&precision=day"),
    ("intensity", "/api/stats/intensity?by=month"),
    ("network", "/api/stats/network?edges=60"),
    ("top dyads", "/api/stats/dyads?n=10"),
    ("map places", "/api/stats/places?n=1000"),
    ("facets", "/api/stats/facets?n=12"),
    ("active actors", "/api/stats/actors?n=50"),
    ("magnitudes", "/api/stats/magnitudes"),
    ("table page", "/api/events?limit=50&offset=0"),
    ("clusters page", "/api/clusters?limit=50&offset=0"),
)
WRITE_SEED = 11  # other articles than the store's (seed 7)
ARTICLES_PER_TRANSACTION = 500  # as bench/queries.py and an ingest commit


def _articles(seed: int, events: int) -> list[tuple[Any, list[Any]]]:
    """Generated articles holding about `events` events: the first ones of a 100,000-event stream, so an
    article holds 1 to 9 events (5 on average) as in the store; a stream of `events` would spread them
    over seven years of days, one or two per article."""
    pairs, held = [], 0
    for article, coded in generator.generate(max(100_000, events), seed, newest_first=True):
        if held >= events:
            break
        pairs.append((article, coded))
        held += len(coded)
    return pairs


def write(db: str, pairs: list[tuple[Any, list[Any]]]) -> tuple[float, float]:
    """Write the (article, events) pairs through the Store API; returns the seconds taken on the clock and
    of this process's CPU (SQLite runs in it). On a shared machine the clock mostly measures waiting for a
    core (10.9 s on the clock for 1.4 s of CPU); the CPU time is the work."""
    from eventwire.store import Store

    with Store.open(db) as store:
        started, cpu = time.perf_counter(), time.process_time()
        for first in range(0, len(pairs), ARTICLES_PER_TRANSACTION):
            with store.transaction():
                for article, events in pairs[first:first + ARTICLES_PER_TRANSACTION]:
                    store.add_article(article)
                    store.replace_events(article, events, generator.CODER_VERSION)
        return time.perf_counter() - started, time.process_time() - cpu


def write_throughput(db: str, events: int, rounds: int) -> dict[str, Any]:
    """Events per second written with the totals kept and without, in alternating rounds (the machine is
    shared: alternating spreads its load over both)."""
    from eventwire.store import totals

    seconds = {True: 0.0, False: 0.0}
    cpu = {True: 0.0, False: 0.0}
    written = {True: 0, False: 0}
    for number in range(rounds * 2):
        maintained = number % 2 == 0
        pairs = _articles(WRITE_SEED + number, events // (rounds * 2))
        totals.MAINTAINED = maintained
        try:
            clock, used = write(db, pairs)
            seconds[maintained] += clock
            cpu[maintained] += used
        finally:
            totals.MAINTAINED = True
        written[maintained] += sum(len(coded) for _, coded in pairs)
    rates = {kept: written[kept] / seconds[kept] for kept in (True, False)}
    cpu_rates = {kept: written[kept] / cpu[kept] for kept in (True, False)}
    result = {"events_per_second_with_totals": round(rates[True]),
              "events_per_second_without_totals": round(rates[False]),
              "cost_percent": round(100 * (rates[False] / rates[True] - 1), 1),
              "events_per_cpu_second_with_totals": round(cpu_rates[True]),
              "events_per_cpu_second_without_totals": round(cpu_rates[False]),
              "cpu_cost_percent": round(100 * (cpu_rates[False] / cpu_rates[True] - 1), 1),
              "events_written": written[True] + written[False]}
    print(f"  writes: {result['events_per_second_with_totals']:,} events/s with the totals, "
          f"{result['events_per_second_without_totals']:,} without ({result['cost_percent']}% more time);"
          f" per CPU second {result['events_per_cpu_second_with_totals']:,} and"
          f" {result['events_per_cpu_second_without_totals']:,} ({result['cpu_cost_percent']}% more CPU)",
          file=sys.stderr)
    return result


def first_requests(db: str, repeat: int, read_totals: bool) -> list[dict[str, Any]]:
    """Each request's time when it is the first after a write (an article of a few events written just
    before it, so the answer cache is cold); `repeat` times each."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from eventwire.api import ApiSettings, create_app
    from eventwire.store import totals

    totals.READ = read_totals
    app = create_app(db, settings=ApiSettings(rate_per_second=10_000, rate_burst=10_000))
    rows = []
    number = 0
    try:
        with TestClient(app, base_url="http://127.0.0.1") as client:
            for name, path in REQUESTS:
                times = []
                for _ in range(repeat):
                    number += 1
                    write(db, _articles(WRITE_SEED + 1000 + number + (0 if read_totals else 500), 5))
                    times.append(timed_get(client, path))
                rows.append({"request": name, "path": path, "max_ms": round(max(times), 1),
                             "min_ms": round(min(times), 1)})
                print(f"  {'totals' if read_totals else 'events'} {name:16} max {rows[-1]['max_ms']:>9} ms"
                      f"  min {rows[-1]['min_ms']:>9} ms  {path}", file=sys.stderr, flush=True)
    finally:
        totals.READ = True
    return rows


def measure(db: str, write_events: int, rounds: int, repeat: int, plain_repeat: int) -> dict[str, Any]:
    import sqlite3

    from eventwire.store import Store
    from eventwire.store.sqlite import sqlite_path
    from eventwire.store.store import database_url

    source = sqlite_path(database_url(db))
    with sqlite3.connect(source) as connection:  # everything in the main file, so one copy holds it all
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    report: dict[str, Any] = {"db": str(source), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    with tempfile.TemporaryDirectory(dir=source.parent) as folder:
        copy = str(Path(folder) / "copy.db")
        shutil.copyfile(source, copy)
        started = time.perf_counter()
        with Store.open(copy) as store:  # an older store is migrated here
            report["open_seconds"] = round(time.perf_counter() - started, 1)
            (report["events"],) = store.execute("SELECT count(*) FROM events").fetchone()
        report["writes"] = write_throughput(copy, write_events, rounds)
        report["totals"] = first_requests(copy, repeat, read_totals=True)
        if plain_repeat:  # 0: not again (minutes on 1M events)
            report["events_read"] = first_requests(copy, plain_repeat, read_totals=False)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    filling = commands.add_parser("fill", help="generate a store")
    filling.add_argument("--db", required=True)
    filling.add_argument("--events", type=int, default=1_000_000)
    measuring = commands.add_parser("measure", help="time writes and first requests on a copy")
    measuring.add_argument("--db", required=True)
    measuring.add_argument("--write-events", type=int, default=8_000)
    measuring.add_argument("--rounds", type=int, default=4, help="alternating rounds of each kind of write")
    measuring.add_argument("--repeat", type=int, default=3, help="first requests timed, each after a write")
    measuring.add_argument("--plain-repeat", type=int, default=1,
                           help="the same with the totals ignored (seconds each on 1M events; 0: skip)")
    figures = commands.add_parser("figures", help="give a filled store's events their magnitudes")
    figures.add_argument("--db", required=True)
    for command in (filling, measuring, figures):
        command.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if args.command == "fill":
        report = fill(args.db, args.events)
    elif args.command == "figures":
        report = add_figures(args.db)
    else:
        report = measure(args.db, args.write_events, args.rounds, args.repeat, args.plain_repeat)
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

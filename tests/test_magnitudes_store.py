"""Magnitudes stored, migrated, summed and exported, on SQLite and PostgreSQL: the record's "size" object
kept as written, its counts as columns (migration 0009, also for events stored before it), the API's sum
(each real-world event once), and the CSV, Parquet and PLOVER JSONL columns; GDELT's table unchanged."""

from __future__ import annotations

import csv
import json
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventwire.api import ApiSettings, create_app
from eventwire.events import ActorRef, Event, EventDate, Evidence
from eventwire.events.records import Count, Magnitudes, Money
from eventwire.export import export_events
from eventwire.export.gdelt import EVENT_COLUMNS
from eventwire.records import Article, ArticleMeta, content_hash
from eventwire.store import Store
from eventwire.store.magnitudes import MagnitudeTotals, magnitude_totals
from eventwire.store.migrations import available_migrations
from eventwire.store.queries import EventQuery, iter_events

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

LOCAL = "http://127.0.0.1"
RUSSIA = ActorRef("Russian forces", 0, 14, "ew:RUS", "Russia", "RUS", "MIL")
POLICE = ActorRef("Police", 0, 6, None, None, "FRA", "COP")


def event(article_id: str, sentence: str, start: int, type_: str, trigger: str, source: ActorRef,
          magnitudes: Magnitudes | None, day: str = "2024-05-01") -> Event:
    at = sentence.index(trigger)
    return Event(type=type_, mode=None, context=(), cameo="190" if type_ == "ASSAULT" else "173",
                 quad_class=4, intensity=-9.0, factuality="occurred", source=(source,), target=(),
                 evidence=Evidence(sentence, start, start + len(sentence), trigger, start + at,
                                   start + at + len(trigger)),
                 confidence=0.8, date=EventDate(day, day, "day", None, True), article_id=article_id,
                 magnitudes=magnitudes)


def store_article(store: Store, sentences: list[str], coded: list[tuple[int, str, str, ActorRef,
                                                                         Magnitudes | None]],
                  source: str = "Wire") -> str:
    """An article of these sentences and events (sentence number, type, trigger, source, magnitudes)."""
    text = " ".join(sentences)
    article = Article(id=content_hash(text), text=text, meta=ArticleMeta(source=source),
                      origin=f"{source}.txt")
    starts = [text.index(sentence) for sentence in sentences]
    events = [event(article.id, sentences[n], starts[n], type_, trigger, actor, size)
              for n, type_, trigger, actor, size in coded]
    with store.transaction():
        store.add_article(article)
        store.replace_events(article, events, "test")
    return article.id


KHARKIV = "Russian forces shelled Kharkiv, killing 14 civilians and wounding 30."
LYON = "Police arrested 45 protesters after thousands marched in Lyon."


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


@pytest.fixture
def filled(store: Store) -> Store:
    # one attack coded twice in its sentence (the shelling and the killing: one figure), reported again by
    # a second outlet with a higher toll (one real-world event: its largest figure), and an arrest
    shelling = Magnitudes(dead=Count(14), injured=Count(30))
    store_article(store, [KHARKIV], [(0, "ASSAULT", "shelled", RUSSIA, shelling),
                                     (0, "ASSAULT", "killing", RUSSIA, Magnitudes(dead=Count(14)))])
    store_article(store, ["Russian forces shelled Kharkiv on Wednesday, killing 16 civilians."],
                  [(0, "ASSAULT", "shelled", RUSSIA, Magnitudes(dead=Count(16)))], source="Other Wire")
    store_article(store, [LYON, "Police also fined the organisers 500 euros."],
                  [(0, "COERCE", "arrested", POLICE,
                    Magnitudes(arrested=Count(45), participants=Count(2000, approximate=True))),
                   (1, "COERCE", "fined", POLICE, Magnitudes(money=Money(500.0, "EUR")))])
    store_article(store, ["Russian forces struck a depot near Kursk."],
                  [(0, "ASSAULT", "struck", RUSSIA, None)], source="Third Wire")
    return store


def test_the_size_object_is_stored_as_written_and_its_counts_are_columns(filled: Store) -> None:
    records = [e.record for e in iter_events(filled, EventQuery(types=("COERCE",)))]
    arrest = next(r for r in records if r["evidence"]["trigger"] == "arrested")
    assert arrest["size"] == {"arrested": 45, "participants": 2000, "approximate": ["participants"]}
    fine = next(r for r in records if r["evidence"]["trigger"] == "fined")
    assert fine["size"] == {"money": {"amount": 500.0, "currency": "EUR", "approximate": False}}
    rows = filled.execute("SELECT dead, injured, arrested, participants FROM events")
    assert sorted((tuple(row) for row in rows.fetchall()), key=repr) == sorted(
        [(14, 30, None, None), (14, None, None, None), (16, None, None, None), (None, None, 45, 2000),
         (None, None, None, None), (None, None, None, None)], key=repr)


def test_totals_count_each_real_world_event_once_with_its_largest_figure(filled: Store) -> None:
    assert magnitude_totals(filled, EventQuery()) == MagnitudeTotals(
        dead=16, injured=30, arrested=45, participants=2000, events=2, records=4)
    assert magnitude_totals(filled, EventQuery(types=("COERCE",))) == MagnitudeTotals(
        dead=0, injured=0, arrested=45, participants=2000, events=1, records=1)
    assert magnitude_totals(filled, EventQuery(outlets=("Other Wire",))).dead == 16
    assert magnitude_totals(filled, EventQuery(types=("SANCTION",))) == MagnitudeTotals(0, 0, 0, 0, 0, 0)


def test_the_api_sums_the_figures_of_the_filtered_events(filled: Store, store_url: str) -> None:
    app = create_app(store_url, settings=ApiSettings(rate_per_second=1000, rate_burst=1000))
    with TestClient(base_url=LOCAL, app=app) as client:
        everything = client.get("/api/stats/magnitudes").json()
        assert everything == {"dead": 16, "injured": 30, "arrested": 45, "participants": 2000, "events": 2,
                              "records": 4}
        assault = client.get("/api/stats/magnitudes", params={"type": "ASSAULT"}).json()
        assert (assault["dead"], assault["arrested"]) == (16, 0)
        assert client.get("/api/stats/magnitudes", params={"type": "NOPE"}).status_code == 400
        event_page = client.get("/api/events", params={"type": "COERCE"}).json()
        assert {item["evidence"]["trigger"]: item.get("size", {}).get("arrested")
                for item in event_page["items"]} == {"arrested": 45, "fined": None}


def test_exports_carry_the_figures_in_columns_and_gdelt_keeps_its_table(filled: Store,
                                                                        tmp_path: Path) -> None:
    query = EventQuery(types=("COERCE",))
    export_events(iter_events(filled, query), "csv", tmp_path / "events.csv")
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["trigger"]: row for row in csv.DictReader(handle)}
    assert (rows["arrested"]["arrested"], rows["arrested"]["participants"],
            rows["arrested"]["approximate"]) == ("45", "2000", "participants")
    assert (rows["fined"]["money_amount"], rows["fined"]["money_currency"], rows["fined"]["dead"]) == (
        "500.0", "EUR", "")
    export_events(iter_events(filled, EventQuery()), "parquet", tmp_path / "events.parquet")
    table = pq.read_table(tmp_path / "events.parquet")
    assert str(table.schema.field("dead").type) == "int64"
    assert str(table.schema.field("money_amount").type) == "double"
    assert sorted(v for v in table.column("dead").to_pylist() if v is not None) == [14, 14, 16]
    export_events(iter_events(filled, EventQuery()), "plover-jsonl", tmp_path / "events.jsonl")
    sizes = [json.loads(line).get("size") for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert sum(1 for size in sizes if size) == 5
    # GDELT 2.0's event table has no casualty columns: its 61 columns stay as its readers expect them
    export_events(iter_events(filled, EventQuery()), "gdelt", tmp_path / "events.tsv")
    first = (tmp_path / "events.tsv").read_text().splitlines()[0].split("\t")
    assert len(first) == len(EVENT_COLUMNS) == 61


def test_events_stored_before_the_magnitudes_migration_get_their_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                       " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))")
    for migration in available_migrations():
        if migration.version < 9:
            connection.executescript(migration.sql)
            connection.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                               (migration.version, migration.name))
    connection.execute("INSERT INTO articles (id, text, origin, ingested_at) VALUES ('a', 'x', 'x', 'now')")
    for event_id, record in (("e1", {"event_id": "e1", "size": {"dead": 7, "arrested": 2}}),
                             ("e2", {"event_id": "e2"})):
        connection.execute(
            "INSERT INTO events (event_id, article_id, type, cameo, factuality, confidence, sentence_start,"
            " record, date_start) VALUES (?, 'a', 'ASSAULT', '190', 'occurred', 0.5, ?, ?, '2024-01-01')",
            (event_id, int(event_id[1]), json.dumps(record)))
    connection.commit()
    connection.close()
    with Store.open(path) as store:
        assert store.schema_version >= 9
        rows = store.execute("SELECT event_id, dead, arrested FROM events ORDER BY event_id").fetchall()
        assert [tuple(row) for row in rows] == [("e1", 7, 2), ("e2", None, None)]
        assert magnitude_totals(store, EventQuery()).dead == 7

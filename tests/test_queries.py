"""Queries over stored events: every filter, bound parameters, pages, full-text search, the radius filter,
aggregates on a known set, the FTS triggers, and the `events` / `stats` commands."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import StoreUrls
from eventwire.cli import main
from eventwire.records import Article, ArticleMeta, content_hash
from eventwire.store import Store, queries
from eventwire.store.geo import distance_km
from eventwire.store.migrations import available_migrations
from eventwire.store.queries import (
    FORMS,
    PLANNED_FILTERS,
    SECOND_TABLE_FILTERS,
    Dyad,
    EventQuery,
    Near,
    PeriodCount,
    QueryError,
    _only_filter,
    count_events,
    counts_by_period,
    explain,
    find_events,
    intensity_by_period,
    latest_events,
    page_ids_sql,
    plan_filters,
    top_dyads,
)
from fixtures.queries import sample_store

ORDER = ["a1", "a3", "a2", "c1", "b1", "b2", "b3"]  # by date, then event id (a2 and a3 share a day)


@pytest.fixture
def store(sample: tuple[Store, dict[str, str], str]) -> Store:
    return sample[0]


@pytest.fixture
def keys(sample: tuple[Store, dict[str, str], str]) -> dict[str, str]:
    return {event_id: key for key, event_id in sample[1].items()}


def found(store: Store, keys: dict[str, str], **filters: object) -> list[str]:
    return [keys[event.event_id] for event in find_events(store, EventQuery(**filters))]  # type: ignore[arg-type]


def test_without_filters_every_event_comes_sorted_by_event_date_then_id(
    store: Store, keys: dict[str, str]
) -> None:
    assert found(store, keys) == ORDER
    assert count_events(store, EventQuery()) == 7


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"actor_countries": ("RUS",)}, {"a1", "a2", "a3", "c1"}),
        ({"actor_countries": ("RUS",), "actor_role": "source"}, {"a1", "a3"}),
        ({"actor_countries": ("RUS",), "actor_role": "target"}, {"a2", "a3", "c1"}),
        ({"actor_countries": ("POL", "PSE")}, {"c1", "b1"}),
        ({"actor_ids": ("ew:ukr-zelensky",)}, {"a2"}),
        ({"actor_ids": ("ew:RUS",)}, {"a1", "a2", "c1"}),
        ({"actor_ids": ("ew:RUS",), "actor_role": "source"}, {"a1"}),
        ({"actor_sectors": ("COP",)}, {"a3"}),
        ({"actor_sectors": ("GOV",), "actor_role": "target"}, {"a1", "a2", "c1"}),
        # country and sector must hold for the same participant: Israel is GOV in b1 and MIL in b3
        ({"actor_countries": ("ISR",), "actor_sectors": ("MIL",)}, {"b3"}),
        ({"actor_countries": ("ISR",), "actor_sectors": ("GOV",)}, {"b1"}),
        ({"actor_countries": ("UKR",), "actor_sectors": ("MIL",)}, set()),
        ({"actor_role": "target"}, {"a1", "a2", "a3", "c1", "b1", "b3"}),
        ({"types": ("ASSAULT",)}, {"a1"}),
        ({"types": ("AGREE", "THREATEN")}, {"b1", "b3"}),
        ({"types": ("-",)}, {"b2"}),
        ({"modes": ("aerial", "arrest")}, {"a1", "a3"}),
        ({"factualities": ("threatened",)}, {"b3"}),
        ({"factualities": ("demanded", "threatened")}, {"a2", "b3"}),
        ({"cameo_prefixes": ("1",)}, {"a1", "a2", "a3", "b3", "c1"}),
        ({"cameo_prefixes": ("17",)}, {"a3"}),
        ({"cameo_prefixes": ("0",)}, {"b1", "b2"}),
        ({"cameo_prefixes": ("05", "19")}, {"b1", "a1"}),
        ({"cameo_prefixes": ("195",)}, {"a1"}),
        ({"quad_classes": (4,)}, {"a1", "a3"}),
        ({"quad_classes": (3,)}, {"a2", "b3", "c1"}),
        ({"since": date(2022, 2, 25), "until": date(2022, 3, 1)}, {"a2", "a3", "c1"}),
        ({"since": date(2025, 1, 16)}, {"b2", "b3"}),
        ({"until": date(2022, 2, 24)}, {"a1"}),
        ({"location_countries": ("UKR",)}, {"a1", "c1"}),
        ({"outlets": ("Harbourview News",)}, {"b1", "b2", "b3"}),
        ({"outlets": ("O'Brien's Wire",)}, {"c1"}),
        ({"min_confidence": 0.75}, {"a1", "a3", "b1"}),
        ({"actor_countries": ("RUS",), "quad_classes": (4,), "since": date(2022, 2, 25)}, {"a3"}),
    ],
)
def test_each_filter_narrows_to_the_matching_events(
    store: Store, keys: dict[str, str], filters: dict[str, object], expected: set[str]
) -> None:
    result = found(store, keys, **filters)
    assert set(result) == expected
    assert result == [key for key in ORDER if key in expected]  # still in page order
    assert count_events(store, EventQuery(**filters)) == len(expected)  # type: ignore[arg-type]
    # Capped, the count stops at the cap and is exact below it, whichever plan counts.
    for at_most in (0, 1, 2, 3, 10):
        assert count_events(store, EventQuery(**filters), at_most=at_most) == min(  # type: ignore[arg-type]
            at_most, len(expected))


@pytest.mark.parametrize("filters", [
    {},  # every event
    {"actor_countries": ("RUS",)},  # counted from the participants' index alone
    {"text": "on"},  # counted from the search index alone on SQLite
    {"actor_countries": ("RUS",), "quad_classes": (4, 3)},  # through the events table
])
def test_a_capped_count_of_a_common_filter_stops_at_the_cap(store: Store, filters: dict[str, object]) -> None:
    total = count_events(store, EventQuery(**filters))  # type: ignore[arg-type]
    assert total >= 2
    assert count_events(store, EventQuery(**filters), at_most=total - 1) == total - 1  # type: ignore[arg-type]
    assert count_events(store, EventQuery(**filters), at_most=total + 5) == total  # type: ignore[arg-type]
    with pytest.raises(QueryError, match="negative"):
        count_events(store, EventQuery(**filters), at_most=-1)  # type: ignore[arg-type]


def test_the_date_filter_is_the_events_date_not_the_articles(store: Store, keys: dict[str, str]) -> None:
    # b1 happened on the 15th; its article was published on the 16th.
    assert found(store, keys, since=date(2025, 1, 15), until=date(2025, 1, 15)) == ["b1"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ceasefire", ["b1"]),
        ("missiles", ["a1"]),
        ("MISSILES", ["a1"]),
        ('"stop the war"', ["a2"]),
        ("threat*", ["b3"]),
        ("Moscow", ["a3", "a2"]),
        ("struck Doha", []),  # every word must occur
        ("Gaza posts", ["b3"]),
    ],
)
def test_full_text_search_in_the_evidence_sentence(
    store: Store, keys: dict[str, str], text: str, expected: list[str]
) -> None:
    assert found(store, keys, text=text) == expected


@pytest.mark.parametrize("text", ['"', "' OR 1=1 --", "war)", "AND", "NEAR(", "a:b", '"stop the', "*"])
def test_search_text_with_fts_syntax_or_quotes_is_never_an_error(
    store: Store, keys: dict[str, str], text: str
) -> None:
    try:
        result = found(store, keys, text=text)
    except QueryError as error:
        assert error.option == "text"  # nothing left to search for
        return
    assert set(result) <= set(ORDER)


@pytest.mark.parametrize("hostile", ["x' OR '1'='1", "'; DROP TABLE events; --", 'RUS") OR 1=1 --'])
def test_filter_values_are_bound_parameters_so_sql_in_them_is_harmless(
    store: Store, keys: dict[str, str], hostile: str
) -> None:
    assert found(store, keys, outlets=(hostile,)) == []
    assert found(store, keys, actor_ids=(hostile,)) == []
    assert found(store, keys, modes=(hostile,)) == []
    assert found(store, keys, actor_sectors=(hostile,)) == []
    assert count_events(store, EventQuery()) == 7  # the table is still there


def test_pages_split_the_sorted_result_without_overlap_or_gap(store: Store, keys: dict[str, str]) -> None:
    pages = [found(store, keys, limit=3, offset=offset) for offset in (0, 3, 6, 9)]
    assert pages == [ORDER[0:3], ORDER[3:6], ORDER[6:7], []]
    assert found(store, keys, limit=0) == []
    assert count_events(store, EventQuery(limit=2, offset=2)) == 7  # the total ignores the page
    assert found(store, keys, offset=5) == ORDER[5:]


@pytest.mark.parametrize(
    ("near", "expected"),
    [
        (Near(50.45, 30.52, 100), ["a1"]),  # Kyiv
        (Near(50.45, 30.52, 500), ["a1", "c1"]),  # Kharkiv is ~410 km away
        (Near(50.45, 30.52, 400), ["a1"]),
        (Near(32.08, 34.78, 100), ["b3"]),  # Tel Aviv -> Gaza City ~70 km
        (Near(0.0, 0.0, 1000), []),
    ],
)
def test_radius_filter_keeps_events_within_the_distance(
    store: Store, keys: dict[str, str], near: Near, expected: list[str]
) -> None:
    assert found(store, keys, near=near) == expected


def test_distance_is_great_circle_kilometres() -> None:
    kyiv_kharkiv = distance_km(50.45, 30.52, 49.99, 36.23)
    assert kyiv_kharkiv is not None and 405 < kyiv_kharkiv < 415
    assert distance_km(None, None, 0, 0) is None
    across_the_date_line = distance_km(0.0, 179.9, 0.0, -179.9)
    assert across_the_date_line is not None and across_the_date_line < 25


def test_radius_near_the_date_line_finds_events_on_the_other_side(store_url: str) -> None:
    store, ids = sample_store.build(store_url)  # type: ignore[arg-type]
    with store:
        store.execute("UPDATE events SET lat = 0.0, lon = -179.95 WHERE event_id = ?", (ids["a1"],))
        hits = find_events(store, EventQuery(near=Near(0.0, 179.95, 50)))
    assert [event.event_id for event in hits] == [ids["a1"]]


@pytest.mark.parametrize(
    ("filters", "option"),
    [
        ({"types": ("ASSAULTS",)}, "type"),
        ({"factualities": ("maybe",)}, "factuality"),
        ({"cameo_prefixes": ("19a",)}, "cameo"),
        ({"cameo_prefixes": ("12345",)}, "cameo"),
        ({"quad_classes": (5,)}, "quad-class"),
        ({"location_countries": ("Ukraine",)}, "place-country"),
        ({"since": date(2024, 2, 1), "until": date(2024, 1, 1)}, "since"),
        ({"near": Near(91.0, 0.0, 10)}, "near"),
        ({"near": Near(0.0, 0.0, 0)}, "radius"),
        ({"min_confidence": 1.5}, "min-confidence"),
        ({"limit": -1}, "limit"),
        ({"offset": -1}, "offset"),
        ({"text": "  "}, "text"),
        ({"actor_role": "both"}, "actor-role"),
    ],
)
def test_bad_filter_values_are_refused_naming_the_filter(filters: dict[str, object], option: str) -> None:
    with pytest.raises(QueryError) as raised:
        EventQuery(**filters)  # type: ignore[arg-type]
    assert raised.value.option == option


# --- aggregates --------------------------------------------------------------------------------------------


def test_counts_per_day_by_type(store: Store) -> None:
    assert counts_by_period(store, EventQuery(), by="day", group="type") == [
        PeriodCount("2022-02-24", "ASSAULT", 1),
        PeriodCount("2022-02-25", "COERCE", 1),
        PeriodCount("2022-02-25", "REQUEST", 1),
        PeriodCount("2022-03-01", "ACCUSE", 1),
        PeriodCount("2025-01-15", "AGREE", 1),
        PeriodCount("2025-01-16", "-", 1),
        PeriodCount("2025-01-20", "THREATEN", 1),
    ]


def test_weeks_are_named_by_their_monday(store: Store) -> None:
    weeks = {(c.period, c.group): c.events for c in counts_by_period(store, EventQuery(), by="week")}
    assert weeks == {
        ("2022-02-21", "ASSAULT"): 1,
        ("2022-02-21", "COERCE"): 1,
        ("2022-02-21", "REQUEST"): 1,
        ("2022-02-28", "ACCUSE"): 1,  # 1 March 2022 was a Tuesday
        ("2025-01-13", "AGREE"): 1,
        ("2025-01-13", "-"): 1,
        ("2025-01-20", "THREATEN"): 1,  # 20 January 2025 was a Monday
    }


def test_counts_per_month_by_quad_class_with_filters(store: Store) -> None:
    assert counts_by_period(store, EventQuery(), by="month", group="quad_class") == [
        PeriodCount("2022-02", "4", 2),
        PeriodCount("2022-02", "3", 1),
        PeriodCount("2022-03", "3", 1),
        PeriodCount("2025-01", "-", 1),
        PeriodCount("2025-01", "1", 1),
        PeriodCount("2025-01", "3", 1),
    ]
    russian_sources = EventQuery(actor_countries=("RUS",), actor_role="source")
    assert counts_by_period(store, russian_sources, by="month", group="quad_class") == [
        PeriodCount("2022-02", "4", 2)
    ]


def test_mean_intensity_per_month_leaves_out_events_without_one(store: Store) -> None:
    means = {
        m.period: (m.mean_intensity, m.events) for m in intensity_by_period(store, EventQuery(), by="month")
    }
    assert means == {
        "2022-02": (pytest.approx(-5.833, abs=1e-3), 3),
        "2022-03": (-3.5, 1),
        "2025-01": (-0.5, 2),
    }


def test_top_dyads_count_each_source_target_pair(store: Store) -> None:
    dyads = top_dyads(store, EventQuery(), limit=10)
    assert dyads[0] == Dyad("UKR", "RUS", 2)  # a2 (Zelensky -> Moscow) and c1 (Ukraine and Poland -> Russia)
    assert set(dyads[1:]) == {
        Dyad("POL", "RUS", 1),
        Dyad("RUS", "UKR", 1),
        Dyad("RUS", "RUS", 1),
        Dyad("ISR", "PSE", 1),
        Dyad("Gunmen", "ISR", 1),
    }
    assert top_dyads(store, EventQuery(), limit=1) == [Dyad("UKR", "RUS", 2)]
    assert top_dyads(store, EventQuery(since=date(2025, 1, 1)), limit=10) == [
        Dyad("Gunmen", "ISR", 1),
        Dyad("ISR", "PSE", 1),
    ]


def test_aggregates_refuse_unknown_periods(store: Store) -> None:
    with pytest.raises(QueryError, match="by"):
        counts_by_period(store, EventQuery(), by="year")  # type: ignore[arg-type]


# --- schema: search index kept in sync, indexes used --------------------------------------------------------


def test_recoding_an_article_replaces_its_searchable_sentences(tmp_path: Path) -> None:
    store, ids = sample_store.build(tmp_path / "recode.db")
    with store:
        article_id = store._db.execute(
            "SELECT article_id FROM events WHERE event_id = ?", (ids["b1"],)
        ).fetchone()[0]
        article = store.article(article_id)
        assert article is not None
        store.replace_events(article, [], "test-2")
        assert find_events(store, EventQuery(text="ceasefire")) == []
        (fts_rows,) = store._db.execute("SELECT count(*) FROM events_fts").fetchone()
        (search_rows,) = store._db.execute("SELECT count(*) FROM event_search").fetchone()
        assert fts_rows == search_rows == count_events(store, EventQuery()) == 4


def _sqlite_store_before(path: Path, version: int) -> sqlite3.Connection:
    """A SQLite store as the migrations before `version` left it (what an older eventwire wrote)."""
    connection = sqlite3.connect(path)
    connection.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
    )
    for migration in available_migrations():
        if migration.version < version:
            connection.executescript(migration.sql)
            connection.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                (migration.version, migration.name),
            )
    return connection


def test_events_stored_before_the_large_store_migration_get_cells_and_actor_copies(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    connection = _sqlite_store_before(path, 7)
    connection.execute("INSERT INTO articles (id, text, origin, ingested_at) VALUES ('a', 'x', 'x', 'now')")
    for event_id, type_, day, lat, lon in (("e1", "ASSAULT", "2024-01-01", 50.45, 30.52),
                                           ("e2", "CONSULT", "2023-05-02", 50.45, 30.52),
                                           ("e3", None, "2024-03-01", None, None)):
        connection.execute(
            "INSERT INTO events (event_id, article_id, type, cameo, factuality, confidence, sentence_start,"
            " record, date_start, lat, lon) VALUES (?, 'a', ?, '190', 'occurred', 0.5, 0, ?, ?, ?, ?)",
            (event_id, type_, json.dumps({"event_id": event_id}), day, lat, lon))
        connection.execute("INSERT INTO event_actors (event_id, role, position, text, country)"
                           " VALUES (?, 'source', 0, 'Russia', 'RUS')", (event_id,))
    connection.commit()
    connection.close()
    with Store.open(path) as store:
        assert store.schema_version >= 7
        copies = store.execute("SELECT event_id, type, date_start FROM event_actors ORDER BY event_id")
        assert [tuple(row) for row in copies.fetchall()] == [
            ("e1", "ASSAULT", "2024-01-01"), ("e2", "CONSULT", "2023-05-02"), ("e3", None, "2024-03-01")]

        def ids(**filters: object) -> list[str]:
            return [e.event_id for e in find_events(store, EventQuery(**filters))]  # type: ignore[arg-type]

        assert ids(actor_countries=("RUS",), types=("ASSAULT",), since=date(2024, 1, 1)) == ["e1"]
        assert ids(actor_countries=("RUS",), types=("-",)) == ["e3"]
        assert ids(actor_countries=("RUS",), until=date(2023, 12, 31)) == ["e2"]
        assert ids(near=Near(50.4, 30.5, 20)) == ["e2", "e1"]


def test_events_stored_before_the_search_migration_become_searchable(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    connection = _sqlite_store_before(path, 3)
    text = "Troops withdrew from the border town."
    connection.execute(
        "INSERT INTO articles (id, text, origin, ingested_at) VALUES ('a', ?, 'x', 'now')", (text,)
    )
    record = {"event_id": "e1", "evidence": {"sentence": text}}
    connection.execute(
        "INSERT INTO events (event_id, article_id, cameo, factuality, confidence, sentence_start,"
        " record, date_start) VALUES ('e1', 'a', '0871', 'occurred', 0.5, 0, ?, '2024-01-01')",
        (json.dumps(record),),
    )
    connection.commit()
    connection.close()
    with Store.open(path) as store:
        assert [e.event_id for e in find_events(store, EventQuery(text="withdrew"))] == ["e1"]


def test_the_same_event_written_twice_leaves_one_search_row(tmp_path: Path) -> None:
    store, ids = sample_store.build(tmp_path / "twice.db")
    with store:
        record = store._db.execute("SELECT record FROM events WHERE event_id = ?", (ids["a1"],)).fetchone()[0]
        # INSERT OR REPLACE deletes the old row without firing DELETE triggers
        store._db.execute(
            "INSERT OR REPLACE INTO events (event_id, article_id, cameo, factuality, confidence,"
            " sentence_start, record) SELECT event_id, article_id, cameo, factuality, confidence,"
            " sentence_start, ? FROM events WHERE event_id = ?",
            (record, ids["a1"]),
        )
        assert [e.event_id for e in find_events(store, EventQuery(text="missiles"))] == [ids["a1"]]
        (fts_rows,) = store._db.execute(
            "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'missiles'"
        ).fetchone()
        assert fts_rows == 1


@pytest.mark.parametrize(
    ("query", "index"),
    [
        (EventQuery(limit=50), "events_date_id"),
        (EventQuery(location_countries=("UKR",), limit=50), "events_location_country_date"),
        (EventQuery(cameo_prefixes=("19",), limit=50), "events_cameo"),
        (EventQuery(near=Near(50.0, 30.0, 10), limit=50), "events_geo_cell"),
        # Any role: the (country|actor_id, event_id) indexes of migration 0006; one role: the 0003 ones.
        (EventQuery(actor_countries=("RUS",), limit=50), "event_actors_country_event"),
        (EventQuery(actor_countries=("RUS",), actor_role="source", limit=50), "event_actors_country_role"),
        (EventQuery(actor_ids=("ew:RUS",), limit=50), "event_actors_actor_event"),
        (EventQuery(actor_ids=("ew:RUS",), actor_role="target", limit=50), "event_actors_actor_role"),
        (EventQuery(actor_sectors=("MIL",), limit=50), "event_actors_sector_role"),
    ],
)
def test_filtered_pages_are_read_through_an_index(store: Store, query: EventQuery, index: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # As on a large store, where an actor filter matches too many participants to page through them alone.
    monkeypatch.setattr(queries, "PARTICIPANT_PAGE_AT_MOST", 0)
    if store.backend.name == "postgresql":
        # Seven rows are read fastest by a scan; what is checked is that an index on the filtered column
        # answers (which of the column's indexes is a coin toss on seven rows' statistics).
        store.execute("SET enable_seqscan = off")
        index = index.rsplit("_", 1)[0]
    plan = " ".join(explain(store, query))
    assert index in plan, plan


@pytest.mark.parametrize(
    ("query", "index"),
    [
        (EventQuery(actor_countries=("RUS",), types=("ASSAULT",), since=date(2022, 1, 1)),
         "event_actors_country_date"),
        (EventQuery(actor_ids=("ew:RUS",), since=date(2022, 1, 1), until=date(2022, 12, 31)),
         "event_actors_actor_date"),
    ],
)
def test_an_actor_filter_with_a_type_or_period_reads_the_participants_copies_of_them(
        tmp_path: Path, query: EventQuery, index: str) -> None:
    # SQLite's plans follow from the schema alone; PostgreSQL's depend on its statistics of seven rows.
    store, _ = sample_store.build(str(tmp_path / "plans.db"))  # type: ignore[arg-type]
    with store:
        assert index in " ".join(explain(store, replace(query, limit=50)))


@pytest.mark.parametrize("query", [
    EventQuery(actor_countries=("RUS",), types=("ASSAULT",), since=date(2022, 1, 1)),
    EventQuery(actor_countries=("RUS", "UKR"), types=("ASSAULT", "ACCUSE", "-")),
    EventQuery(actor_ids=("ew:RUS",), since=date(2022, 1, 1), until=date(2022, 12, 31)),
    EventQuery(actor_countries=("RUS",), actor_role="target", until=date(2022, 2, 28)),
    EventQuery(actor_countries=("USA",), types=("-",)),
    EventQuery(actor_countries=("RUS",), types=("ASSAULT",), quad_classes=(4,)),  # not from the index alone
])
def test_actor_filters_with_a_type_or_period_find_what_the_events_own_columns_give(
        store: Store, query: EventQuery) -> None:
    # The participants' copies of type and date give the same events, pages and counts as checking the
    # events' own columns one by one.
    same_type_and_dates = {event.event_id for event in find_events(
        store, replace(query, actor_countries=(), actor_ids=(), actor_role="any"))}

    def named(actor: dict[str, str], role: str) -> bool:
        return (actor.get("country") in query.actor_countries or actor.get("actor_id") in query.actor_ids) \
            and query.actor_role in ("any", role)

    expected = [event.event_id for event in find_events(store, EventQuery())
                if event.event_id in same_type_and_dates and any(
                    named(actor, role) for role in ("source", "target") for actor in event.record[role])]
    assert expected  # each case must match something to mean anything
    assert [event.event_id for event in find_events(store, query)] == expected
    assert count_events(store, query) == len(expected)
    assert count_events(store, query, at_most=1) == 1
    for limit, offset in [(1, 0), (2, 1), (50, 0), (1, len(expected) - 1), (3, len(expected))]:
        page = replace(query, limit=limit, offset=offset)
        assert [event.event_id for event in find_events(store, page)] == expected[offset:offset + limit]
    # A page of participants with the event's type and dates only is read from the participants alone.
    from_participants = _only_filter(query) == "actor"
    page_sql, _ = page_ids_sql(store, replace(query, limit=5))
    assert page_sql.startswith("SELECT a.event_id") == from_participants
    for form in FORMS:  # every way of writing the participant filter
        ids, params = page_ids_sql(store, replace(query, limit=50), {"actor": form})  # type: ignore[dict-item]
        assert [row[0] for row in store.execute(ids, params).fetchall()] == expected, form


@pytest.mark.parametrize("filters", [
    {}, {"actor_ids": ("ew:RUS",)}, {"actor_countries": ("RUS",), "actor_role": "source"},
    {"types": ("ASSAULT", "-")}, {"text": "on"}, {"outlets": ("Harbourview News",)},
    {"near": Near(50.45, 30.52, 500)}, {"actor_countries": ("RUS",), "since": date(2022, 2, 25)},
])
def test_the_latest_events_are_the_page_order_read_backwards(store: Store, filters: dict[str, object],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    query = EventQuery(**filters)  # type: ignore[arg-type]
    backwards = [event.event_id for event in reversed(find_events(store, query))]
    assert backwards
    for participants_at_most in (10_000, 0):  # from the participants alone, and through the events
        monkeypatch.setattr(queries, "PARTICIPANT_PAGE_AT_MOST", participants_at_most)
        for n in range(len(backwards) + 2):
            assert [event.event_id for event in latest_events(store, query, n)] == backwards[:n], n
        for form in FORMS:  # every way of writing the second-table filters, read backwards
            sql, params = page_ids_sql(store, replace(query, limit=3), dict.fromkeys(PLANNED_FILTERS, form),
                                       newest_first=True)
            assert [row[0] for row in store.execute(sql, params).fetchall()] == backwards[:3], form


def test_undated_events_come_first_in_page_order_and_last_read_backwards(store_url: str) -> None:
    store, ids = sample_store.build(store_url)  # type: ignore[arg-type]
    with store:
        for key in ("b2", "a3"):  # undated: an article with no date anywhere
            store.execute("UPDATE events SET date_start = NULL WHERE event_id = ?", (ids[key],))
            store.execute("UPDATE event_actors SET date_start = NULL WHERE event_id = ?", (ids[key],))
        for query in (EventQuery(), EventQuery(actor_countries=("RUS", "USA", "ISR", "UKR"))):
            forward = [event.event_id for event in find_events(store, query)]
            undated = [event_id for event_id in forward if event_id in {ids["b2"], ids["a3"]}]
            assert undated and forward[:len(undated)] == undated
            latest = [event.event_id for event in latest_events(store, query, len(forward))]
            assert latest == list(reversed(forward))


# Filters through a second table, matching a large share of the sample (RUS in 4 of 7 events, "on" in 4,
# Harbourview in 3) or a small one (Zelensky in 1, "Kharkiv" in 1, O'Brien's Wire in 1).
SECOND_TABLE_CASES = [
    {"actor_countries": ("RUS",)},
    {"actor_ids": ("ew:RUS",), "actor_role": "target"},
    {"actor_role": "target"},
    {"actor_countries": ("ISR",), "actor_sectors": ("MIL",)},
    {"actor_ids": ("ew:ukr-zelensky",)},
    {"text": "on"},
    {"text": "Kharkiv"},
    {"outlets": ("Harbourview News",)},
    {"outlets": ("O'Brien's Wire",)},
    {"actor_countries": ("RUS",), "text": "on", "quad_classes": (4,)},
    {"actor_countries": ("RUS", "ISR"), "outlets": ("Harbourview News", "O'Brien's Wire"),
     "since": date(2022, 1, 1)},
    {"near": Near(50.45, 30.52, 500)},  # the radius: read through the grid or in page order
    {"near": Near(50.45, 30.52, 500), "actor_countries": ("RUS",), "text": "on"},
]


@pytest.mark.parametrize("filters", SECOND_TABLE_CASES)
def test_a_page_is_the_same_in_every_form_of_the_second_table_filters(
    store: Store, keys: dict[str, str], filters: dict[str, object]
) -> None:
    everything = found(store, keys, **filters)
    assert count_events(store, EventQuery(**filters)) == len(everything)  # type: ignore[arg-type]
    for limit, offset in [(1, 0), (2, 1), (3, 2), (50, 0), (2, 5)]:
        query = EventQuery(**filters, limit=limit, offset=offset)  # type: ignore[arg-type]
        for form in FORMS:
            sql, params = page_ids_sql(store, query, dict.fromkeys(PLANNED_FILTERS, form))
            page = [keys[row[0]] for row in store.execute(sql, params).fetchall()]
            assert page == everything[offset:offset + limit], (form, limit, offset)
        assert found(store, keys, **filters, limit=limit, offset=offset) == everything[offset:offset + limit]


def test_the_forms_are_written_as_planned(store: Store) -> None:
    query = EventQuery(actor_countries=("RUS",), outlets=("Harbourview News",), text="on", limit=1)
    collected, _ = page_ids_sql(store, query, {})
    probed, _ = page_ids_sql(store, query, dict.fromkeys(SECOND_TABLE_FILTERS, "probe"))
    assert "EXISTS" not in collected
    if store.backend.name == "sqlite":
        assert probed.count("EXISTS") == 3
        member, _ = page_ids_sql(store, query, dict.fromkeys(SECOND_TABLE_FILTERS, "member"))
        assert "+e.event_id IN" in member and "+e.article_id IN" in member and "s.id IN" in member
    circle = EventQuery(near=Near(50.45, 30.52, 100), limit=1)
    assert "(e.geo_cell + 0) IN" in page_ids_sql(store, circle, {"near": "probe"})[0]
    assert " e.geo_cell IN" in page_ids_sql(store, circle, {"near": "collect"})[0]


@pytest.mark.parametrize(
    ("filters", "kinds"),
    [
        ({"actor_countries": ("RUS",)}, {"actor"}),
        ({"outlets": ("Harbourview News",), "text": "Kharkiv"}, {"outlet", "text"}),
        ({"actor_ids": ("ew:ukr-zelensky",), "types": ("REQUEST",)}, {"actor"}),
        ({"types": ("ASSAULT",)}, set()),
        ({"near": Near(50.45, 30.52, 100)}, {"near"}),
        ({"near": Near(0.0, 0.0, 5000)}, set()),  # too many cells: no grid, nothing to plan
    ],
)
def test_a_page_plans_a_form_for_each_second_table_filter(
    store: Store, filters: dict[str, object], kinds: set[str]
) -> None:
    chosen = plan_filters(store, EventQuery(**filters, limit=1))  # type: ignore[arg-type]
    # PostgreSQL plans every form alike (a semi-join): it is always given IN.
    assert set(chosen) == (kinds if store.backend.name == "sqlite" else set())
    assert set(chosen.values()) <= set(FORMS)
    assert plan_filters(store, EventQuery(**filters)) == {}  # type: ignore[arg-type]  # no page: all rows


def test_forms_follow_the_share_of_matches_on_a_large_store() -> None:
    from eventwire.store.queries import _cheapest

    # 1M events, a page of 50: a rare country is collected, a middling one checked, a common one probed.
    assert _cheapest("actor", 476, 50, 1_000_000) == "collect"
    assert _cheapest("actor", 4_899, 50, 1_000_000) == "member"
    assert _cheapest("actor", 207_033, 50, 1_000_000) == "probe"
    assert _cheapest("text", 25_167, 50, 1_000_000) == "member"
    assert _cheapest("text", 676_112, 50, 1_000_000) == "probe"
    # A deep page must read further in page order: collecting wins sooner.
    assert _cheapest("actor", 4_899, 200_050, 1_000_000) == "collect"
    # A circle holding few events is read through the grid, a dense one in page order (never "member").
    assert _cheapest("near", 800, 50, 1_000_000) == "collect"
    assert _cheapest("near", 66_896, 50, 1_000_000) == "probe"


@pytest.fixture(scope="module")
def skewed(module_store_urls: StoreUrls) -> Iterator[Store]:
    """1,500 events of bench/queries.py's generator: countries by a Zipf law, so one is in a third of the
    events and many in one or two."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_queries_for_forms", Path(__file__).resolve().parents[1] / "bench" / "queries.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up there
    spec.loader.exec_module(bench)
    with Store.open(module_store_urls.new("skewed")) as store:
        bench.load(store, 1500, 3, True, progress=False)
        yield store


def test_a_common_country_is_probed_a_rare_one_collected_and_every_form_gives_the_same_page(
    skewed: Store,
) -> None:
    counts = dict(skewed.execute("SELECT country, count(*) FROM event_actors GROUP BY country").fetchall())
    common, rare = max(counts, key=counts.__getitem__), min(counts, key=counts.__getitem__)
    assert counts[common] > 300 > 3 >= counts[rare]
    sqlite = skewed.backend.name == "sqlite"
    for country, planned in ((common, "probe"), (rare, "collect")):
        every = [event.event_id for event in find_events(skewed, EventQuery(actor_countries=(country,)))]
        # PostgreSQL plans every form alike: it is always given IN.
        first = EventQuery(actor_countries=(country,), limit=5)
        assert plan_filters(skewed, first) == ({"actor": planned} if sqlite else {})
        for limit, offset in [(5, 0), (5, 3), (50, 0)]:
            query = EventQuery(actor_countries=(country,), limit=limit, offset=offset)
            expected = every[offset:offset + limit]
            for form in FORMS:
                sql, params = page_ids_sql(skewed, query, {"actor": form})
                assert [row[0] for row in skewed.execute(sql, params).fetchall()] == expected, form
            assert [event.event_id for event in find_events(skewed, query)] == expected


# --- commands ----------------------------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_events_command_prints_the_stored_records_as_jsonl(
    sample: tuple[Store, dict[str, str], str],
) -> None:
    _, ids, path = sample
    code, out, _ = run(
        "events", "--db", str(path), "--format", "jsonl", "--actor-country", "rus", "--role", "source"
    )
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["event_id"] for r in records] == [ids["a1"], ids["a3"]]
    assert records[0]["evidence"]["sentence"].startswith("KYIV - Russian forces")


def test_events_command_csv_and_table(sample: tuple[Store, dict[str, str], str]) -> None:
    _, ids, path = sample
    code, out, _ = run("events", "--db", str(path), "--format", "csv", "--limit", "2", "--offset", "1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("event_id,date,")
    assert [line.split(",")[0] for line in lines[1:]] == [ids["a3"], ids["a2"]]
    code, out, err = run(
        "events", "--db", str(path), "--near", "50.45,30.52", "--radius", "500", "--text", "Kharkiv"
    )
    assert code == 0
    assert "Ukraine + Poland -> Russia" in out and "Kharkiv (UKR)" in out
    assert "events 1-1 of 1" in err


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--since", "yesterday"], "--since"),
        (["--until", "2024-13-01"], "--until"),
        (["--type", "ATTACK"], "--type"),
        (["--cameo", "1x"], "--cameo"),
        (["--quad-class", "7"], "--quad-class"),
        (["--near", "Kyiv"], "--near"),
        (["--near", "95,30"], "--near"),
        (["--radius", "20"], "--radius"),
        (["--near", "50,30", "--radius", "-5"], "--radius"),
        (["--place-country", "Ukraine"], "--place-country"),
        (["--factuality", "perhaps"], "--factuality"),
        (["--min-confidence", "2"], "--min-confidence"),
        (["--since", "2024-02-01", "--until", "2024-01-01"], "--since"),
        (["--limit", "-3"], "--limit"),
    ],
)
def test_bad_filter_values_exit_2_with_a_message_naming_the_option(
    sample: tuple[Store, dict[str, str], str], args: list[str], option: str
) -> None:
    code, _, err = run("events", "--db", str(sample[2]), *args)
    assert code == 2
    assert option in err


def test_stats_command_reports_counts_intensity_and_dyads(sample: tuple[Store, dict[str, str], str]) -> None:
    code, out, _ = run(
        "stats",
        "--db",
        str(sample[2]),
        "--by",
        "month",
        "--group",
        "quad_class",
        "--dyads",
        "1",
        "--format",
        "json",
    )
    assert code == 0
    facts = json.loads(out)
    assert {"period": "2022-02", "group": "4", "events": 2} in facts["counts"]
    assert facts["dyads"] == [{"source": "UKR", "target": "RUS", "events": 2}]
    assert {"period": "2025-01", "mean_intensity": -0.5, "events": 2} in facts["intensity"]
    code, out, _ = run("stats", "--db", str(sample[2]), "--by", "week", "--type", "ASSAULT")
    assert code == 0
    assert "2022-02-21" in out and "ASSAULT 1" in out and "RUS -> UKR" in out
    code, out, _ = run("stats", "--db", str(sample[2]), "--group", "quad_class", "--dyads", "0")
    assert code == 0
    assert "2022-02" in out and "material-conflict 2, verbal-conflict 1" in out and "dyads" not in out
    code, _, err = run("stats", "--db", str(sample[2]), "--by", "year")
    assert code == 2 and "--by" in err


def test_commands_on_a_missing_folder_fail_with_the_reason(tmp_path: Path) -> None:
    code, _, err = run("events", "--db", str(tmp_path / "nowhere" / "x.db"))
    assert code == 1 and "does not exist" in err


def test_an_empty_store_lists_nothing(store_url: str) -> None:
    with Store.open(store_url) as store:
        text = "Nothing happened."
        store.add_article(Article(id=content_hash(text), text=text, meta=ArticleMeta(), origin="x"))
    code, out, err = run("events", "--db", store_url)
    assert code == 0 and out == "" and "none of 0" in err

"""The totals kept on write (store/totals.py) answer the explorer's aggregates exactly as reading the events
does: on the sample store, and after random inserts, re-codings (replacements), deletions and rolled-back
transactions; the migration that builds them in an old store gives the same tables. Both databases."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from eventwire.events import ActorRef, Event, EventDate, EventLocation, Evidence
from eventwire.events.records import Count, Magnitudes
from eventwire.records import Article, ArticleMeta, content_hash
from eventwire.store import Store, totals
from eventwire.store.magnitudes import magnitude_totals
from eventwire.store.migrations import available_migrations
from eventwire.store.overview import (
    _active_actors_from_events,
    active_actors,
    cluster_rows,
    date_spans,
    day_span,
    facets,
    network,
    places,
)
from eventwire.store.queries import (
    GROUPINGS,
    PERIODS,
    EventQuery,
    counts_by_period,
    intensity_by_period,
    top_dyads,
)

# Queries the totals answer: none, and those on the event's type, quad class and dates only (the timeline).
TIMELINE_QUERIES = (
    EventQuery(), EventQuery(types=("ASSAULT", "-")), EventQuery(quad_classes=(3, 4)),
    EventQuery(since=date(2022, 2, 25)), EventQuery(until=date(2022, 2, 28), types=("REQUEST",)),
)


def answers(store: Store) -> dict[Any, Any]:
    """Every aggregate the totals can answer, as the store gives it now."""
    unfiltered = EventQuery()
    found: dict[Any, Any] = {
        "network": network(store, unfiltered, 80), "places": places(store, unfiltered, 500),
        "facets": facets(store, unfiltered, 30), "spans": sorted(date_spans(store, unfiltered), key=repr),
        "dyads": top_dyads(store, unfiltered, 100), "summary": store.summary(),
        # The real-world-events table: every row, and a page inside it (first_day order, migration 0011).
        "clusters": cluster_rows(store, unfiltered, 500),
        "clusters page": cluster_rows(store, unfiltered, 3, 2),
        "magnitudes": magnitude_totals(store, unfiltered),
    }
    for query in TIMELINE_QUERIES:
        found["day span", query] = day_span(store, query)
        found["spans", query] = sorted(date_spans(store, replace(query, types=(), quad_classes=())), key=repr)
        for by in PERIODS:
            found["intensity", query, by] = intensity_by_period(store, query, by)  # type: ignore[arg-type]
            for group in GROUPINGS:
                for day_only in (False, True):
                    found["counts", query, by, group, day_only] = counts_by_period(
                        store, query, by, group, day_only)  # type: ignore[arg-type]
    return found


def assert_answers_as_the_events_do(store: Store, monkeypatch: pytest.MonkeyPatch) -> dict[Any, Any]:
    monkeypatch.setattr(totals, "READ", True)
    kept = answers(store)
    # Without totals the unfiltered active actors come from a participant index naming each actor by its
    # first row; the kept ones name it by its largest, as the query over the events does.
    kept["active actors"] = active_actors(store, EventQuery(), 50)
    monkeypatch.setattr(totals, "READ", False)
    read = answers(store)
    read["active actors"] = _active_actors_from_events(store, EventQuery(), 50)
    monkeypatch.setattr(totals, "READ", True)
    assert kept.keys() == read.keys()
    for key in kept:
        assert kept[key] == read[key], key
    return kept


def table_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """The totals' rows with a count (a count that fell to 0 keeps its row), sums rounded."""
    rows = {}
    for table in totals.TABLES:
        counted = "participants" if table == "totals_by_actor_name" else "events"
        found = store.execute(f"SELECT * FROM {table} WHERE {counted} <> 0").fetchall()
        rows[table] = sorted(tuple(round(v, 6) if isinstance(v, float) else v for v in row) for row in found)
    rows["totals_magnitudes"] = sorted(store.execute("SELECT * FROM totals_magnitudes").fetchall())
    return rows


def test_sample_store_answers(sample: tuple[Store, dict[str, str], str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    store, _, _ = sample
    kept = assert_answers_as_the_events_do(store, monkeypatch)
    # Not vacuous: the sample has edges, places, spans of every kind the totals keep.
    assert kept["network"][1] and kept["places"] and kept["dyads"] and kept["summary"].events == 7
    assert kept["clusters"][0] and kept["clusters"][1] and kept["active actors"]
    assert kept["counts", EventQuery(), "month", "type", False]


# --- random writes ---------------------------------------------------------------------------------------

PARTICIPANTS = (
    ("Russia", "ew:RUS", "Russia", "RUS", "GOV"), ("Moscow", "ew:RUS", "Russia", "RUS", "GOV"),
    ("Kyiv", "ew:UKR", "Ukraine", "UKR", "GOV"),
    ("Zelensky", "ew:ukr-zelensky", "Volodymyr Zelensky", "UKR", "GOV"),
    ("Kremlin", "ew:RUS", "Russian Federation", "RUS", "GOV"),  # another name of ew:RUS: the largest names it
    ("Police", None, None, "RUS", "COP"), ("protesters", None, None, "RUS", "CVL"),
    ("Gunmen", None, None, None, None), ("Hamas", "ew:hamas", "Hamas", "PSE", "REB"),
)
KINDS = (("ASSAULT", "190", 4, -9.5), ("REQUEST", "100", 3, -1.0), ("AGREE", "057", 1, 2.5),
         (None, "010", None, None), ("ACCUSE", "112", 3, -3.5))
# Two names at one pair of coordinates (the larger names the place), a country-level place, none.
PLACES = (
    EventLocation("Kyiv", "Kyiv", 703448, 50.45, 30.52, "UKR", "city"),
    EventLocation("Kiev", "Kiev", 703448, 50.45, 30.52, "UKR", "city"),
    EventLocation("Ukraine", "Ukraine", 690791, 49.0, 32.0, "UKR", "country"),
    EventLocation("Doha", "Doha", 290030, 25.29, 51.53, None, "city"),
    None,
)
DATES = (
    EventDate("2022-02-24", "2022-02-24", "day", None, True),
    EventDate("2022-02-25", "2022-02-25", "day", None, True),
    EventDate("2022-03-01", "2022-03-01", "day", None, True),
    EventDate("2022-02-01", "2022-02-28", "month", "in February", True),
    EventDate("2022-01-01", "2022-12-31", "year", "this year", True),
    EventDate("2022-02-21", "2022-02-27", "week", "last week", True), None,
)
FACTUALITIES = ("occurred", "occurred", "threatened", "denied")
# Most events give no figure; some give one or two kinds (the magnitudes' sum takes each event's largest).
FIGURES = (None, None, None, Magnitudes(dead=Count(3)), Magnitudes(dead=Count(12), injured=Count(40)),
           Magnitudes(arrested=Count(7)), Magnitudes(participants=Count(2000, approximate=True)))
OUTLETS = ("Dnipro Ledger", "Harbourview News", None)


def random_event(rng: random.Random, article_id: str, number: int) -> Event:
    sources = rng.sample(PARTICIPANTS, rng.choice((1, 1, 2)))
    targets = rng.sample(PARTICIPANTS, rng.choice((0, 1, 1, 2)))
    words = " and ".join(p[0] for p in sources) + " acted on " + " and ".join(p[0] for p in targets)
    sentence = f"{words} (report {number})."
    start = number * 300  # each event its own stretch of the article: no two share an id by accident

    def actor(participant: tuple[Any, ...], after: int) -> ActorRef:
        at = sentence.index(participant[0], after)
        return ActorRef(participant[0], start + at, start + at + len(participant[0]), *participant[1:])

    acted = sentence.index("acted")
    kind, cameo, quad, intensity = rng.choice(KINDS)
    # Drawn apart from `rng`, so the writes (and the clusters they make) are those of the seeds before.
    figures = random.Random(f"{article_id} {number} {sentence}").choice(FIGURES)
    return Event(
        type=kind, mode=None, context=(), cameo=cameo, quad_class=quad, intensity=intensity,
        factuality=rng.choice(FACTUALITIES),  # type: ignore[arg-type]
        source=tuple(actor(p, 0) for p in sources), target=tuple(actor(p, acted) for p in targets),
        evidence=Evidence(sentence, start, start + len(sentence), "acted", start + acted, start + acted + 5),
        confidence=0.7, date=rng.choice(DATES), location=rng.choice(PLACES), article_id=article_id,
        magnitudes=figures)


def slots(count: int) -> list[Article]:
    articles = []
    for number in range(count):
        text = f"Article {number} of the random writes."
        meta = ArticleMeta(title=f"Report {number}", source=OUTLETS[number % len(OUTLETS)],
                           url=f"https://outlet.example/{number}", published="2022-03-02")
        articles.append(Article(id=content_hash(text), text=text, meta=meta, origin=f"random/{number}"))
    return articles


class Failed(Exception):
    """Raised inside a transaction to roll it back."""


@pytest.mark.parametrize("seed", [1, 2])
def test_random_writes_keep_the_totals(store_url: str, seed: int,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    articles = slots(6)
    with Store.open(store_url) as store:
        for step in range(40):
            article = rng.choice(articles)
            events = [random_event(rng, article.id, number) for number in range(rng.choice((0, 1, 2, 3, 5)))]
            try:
                with store.transaction():
                    store.add_article(article)
                    store.replace_events(article, events, f"step {step}")  # new, re-coded or deleted (none)
                    if step % 7 == 3:
                        raise Failed  # a run killed mid-article: events and totals roll back together
            except Failed:
                pass
            if step % 10 == 9:
                assert_answers_as_the_events_do(store, monkeypatch)
        kept = assert_answers_as_the_events_do(store, monkeypatch)
        assert kept["network"][1] and kept["spans"] and kept["places"]  # something to compare
        assert kept["active actors"] and kept["clusters"][1]
        assert kept["magnitudes"].records >= kept["magnitudes"].events > 0 and kept["magnitudes"].dead
        # Some real-world event has several mentions (else the clusters' counts prove little).
        assert any(row.mentions > 1 for row in kept["clusters"][1])
        # Counting every event again from nothing gives the same tables as the writes kept.
        incremental = table_rows(store)
        with store.transaction():
            totals.rebuild(store)
        assert table_rows(store) == incremental


def test_migration_builds_the_same_totals(sample: tuple[Store, dict[str, str], str]) -> None:
    """What 0008, 0010 and 0011 count in an old store is what the writes count (their INSERTs are written out
    by hand)."""
    store, _, _ = sample
    kept = table_rows(store)
    scripts = [m for m in available_migrations(store.backend.name) if m.name.endswith("_totals.sql")]
    assert [m.version for m in scripts] == [8, 10]
    indexes = next(m for m in available_migrations(store.backend.name) if m.version == 11)

    def statements(sql: str) -> list[str]:
        sql = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
        return [statement for statement in sql.split(";") if statement.strip()]

    with store.transaction():
        for table in (*totals.TABLES, "totals_magnitudes"):
            store.execute(f"DELETE FROM {table}")
        assert not any(table_rows(store).values())
        # The scripts' CREATE TABLE IF NOT EXISTS statements keep the tables; their INSERTs fill them again.
        for script in scripts:
            for statement in statements(script.sql):
                store.execute(statement)
        for statement in statements(indexes.sql):
            if statement.strip().startswith("INSERT INTO totals_magnitudes"):
                store.execute(statement)
    assert table_rows(store) == kept
    assert kept["totals_by_edge"] and kept["totals_by_place"] and kept["totals_by_facet"]
    assert kept["totals_by_actor"]


def test_unfiltered_and_timeline_queries_are_recognised() -> None:
    assert totals.unfiltered(EventQuery(limit=50, offset=100))
    assert not totals.unfiltered(EventQuery(types=("ASSAULT",)))
    assert totals.by_type_and_dates_only(
        EventQuery(types=("ASSAULT",), quad_classes=(4,), since=date(2022, 1, 1)))
    assert not totals.by_type_and_dates_only(EventQuery(types=("ASSAULT",)), types=False)
    assert not totals.by_type_and_dates_only(EventQuery(actor_ids=("ew:RUS",)))
    assert not totals.by_type_and_dates_only(EventQuery(factualities=("occurred",)))


def test_migration_sets_the_clusters_first_day_as_the_writes_do(
        sample: tuple[Store, dict[str, str], str]) -> None:
    """0011 gives an old store's clusters the first_day Store._recount_cluster keeps: the earliest date of
    their mentions, by which the unfiltered real-world-events page is ordered."""
    store, _, _ = sample
    kept = store.execute("SELECT cluster_id, first_day FROM event_clusters ORDER BY cluster_id").fetchall()
    assert any(day for _, day in kept) and len(kept) == store.execute(
        "SELECT count(DISTINCT cluster_id) FROM events").fetchone()[0]
    script = next(m for m in available_migrations(store.backend.name) if m.version == 11)
    update = next(statement for statement in script.sql.split(";") if "UPDATE event_clusters" in statement)
    with store.transaction():
        store.execute("UPDATE event_clusters SET first_day = NULL")
        store.execute("\n".join(line for line in update.splitlines() if not line.lstrip().startswith("--")))
    again = store.execute("SELECT cluster_id, first_day FROM event_clusters ORDER BY cluster_id").fetchall()
    assert again == kept


def test_magnitudes_read_only_the_events_with_a_figure(tmp_path: Any) -> None:
    """SQLite sums the magnitudes without reading every event's record: unfiltered from the sentences'
    figures kept on write (their covering index), filtered (here by type, which has an index of its own
    SQLite would otherwise take) from the partial index of 0011 over the events with a figure."""
    with Store.open(str(tmp_path / "plan.db")) as store:
        plans: list[str] = []
        original = store.execute

        def explained(sql: str, params: Any = ()) -> Any:
            if sql.lstrip().startswith("SELECT coalesce(sum("):
                plans.extend(str(row[-1]) for row in original("EXPLAIN QUERY PLAN " + sql, params).fetchall())
            return original(sql, params)

        store.execute = explained  # type: ignore[method-assign]
        assert magnitude_totals(store, EventQuery()).events == 0
        unfiltered = list(plans)
        plans.clear()
        assert magnitude_totals(store, EventQuery(types=("ASSAULT",))).events == 0
        store.execute = original  # type: ignore[method-assign]
    assert any("COVERING INDEX totals_magnitudes_event" in plan for plan in unfiltered), unfiltered
    assert any("events_magnitudes" in plan for plan in plans), plans
    assert not any("events_type_date" in plan for plan in plans), plans

"""Cross-article deduplication: mentions of one real-world event are linked, never dropped."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.events import ActorRef, Event, EventDate, EventLocation, Evidence
from eventwire.records import Article, ArticleMeta, content_hash
from eventwire.store import Store


def article(text: str, source: str) -> Article:
    return Article(id=content_hash(text), text=text, meta=ArticleMeta(source=source), origin=f"{source}.html")


def actor(country: str, sector: str = "GOV", actor_id: str | None = None) -> ActorRef:
    return ActorRef(
        text=country, start=0, end=3, actor_id=actor_id or f"ew:{country}", country=country, sector=sector
    )


def event(
    source: list[ActorRef],
    target: list[ActorRef],
    day: str,
    *,
    type_: str = "ASSAULT",
    factuality: str = "occurred",
    place: str | None = None,
    sentence_start: int = 0,
) -> Event:
    return Event(
        type=type_,
        mode=None,
        context=(),
        cameo="190",
        quad_class=4,
        intensity=-9.0,
        factuality=factuality,
        source=tuple(source),
        target=tuple(target),
        evidence=Evidence(
            "A sentence.", sentence_start, sentence_start + 11, "attacked", sentence_start, sentence_start + 8
        ),
        confidence=0.8,
        date=EventDate(day, day, "day", "on Monday", True),
        location=EventLocation(place, country=place) if place else None,
    )


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


def store_events(store: Store, text: str, outlet: str, events: list[Event]) -> Article:
    item = article(text, outlet)
    with store.transaction():
        store.add_article(item)
        store.replace_events(item, events, "test")
    return item


def cluster_rows(store: Store) -> list[tuple]:
    return [tuple(row) for row in store.execute(
        "SELECT mentions, articles, sources FROM event_clusters ORDER BY mentions DESC, cluster_id"
    ).fetchall()]


def test_two_outlets_reporting_one_strike_make_one_event_with_two_mentions(store: Store) -> None:
    store_events(store, "first report", "Wire A", [event([actor("USA")], [actor("IRN")], "2020-01-03")])
    store_events(store, "second report", "Paper B", [event([actor("USA")], [actor("IRN")], "2020-01-04")])
    assert cluster_rows(store) == [(2, 2, 2)]
    assert len(store.event_records()) == 2  # each mention keeps its row and evidence


def test_only_the_target_named_in_a_later_report_still_joins(store: Store) -> None:
    store_events(store, "one", "A", [event([actor("USA")], [actor("IRN")], "2020-01-03")])
    store_events(store, "two", "B", [event([], [actor("IRN")], "2020-01-03")])
    assert cluster_rows(store) == [(2, 2, 2)]


@pytest.mark.parametrize(
    "other",
    [
        event([actor("USA")], [actor("IRQ")], "2020-01-03"),  # another target
        event([actor("USA")], [actor("IRN")], "2020-01-09"),  # another week
        event([actor("USA")], [actor("IRN")], "2020-01-03", factuality="threatened"),  # only threatened
        event([actor("USA")], [actor("IRN")], "2020-01-03", type_="ACCUSE"),  # another category
        event([actor("USA")], [actor("IRN")], "2020-01-03", place="SYR"),  # elsewhere
    ],
)
def test_different_events_stay_apart(store: Store, other: Event) -> None:
    store_events(store, "one", "A", [event([actor("USA")], [actor("IRN")], "2020-01-03", place="IRQ")])
    store_events(store, "two", "B", [other])
    assert cluster_rows(store) == [(1, 1, 1), (1, 1, 1)]


def dated(item: Event, start: str, end: str, precision: str) -> Event:
    return replace(item, date=EventDate(start, end, precision, "in the text", True))


def test_mentions_dated_only_by_year_are_never_merged(store: Store) -> None:
    strike = event([actor("USA")], [actor("IRN")], "2019-01-01")
    store_events(store, "first", "Wire A", [dated(strike, "2019-01-01", "2019-12-31", "year")])
    store_events(store, "second", "Paper B", [dated(strike, "2019-01-01", "2019-12-31", "year")])
    assert cluster_rows(store) == [(1, 1, 1), (1, 1, 1)]


def test_a_cluster_does_not_grow_past_a_month(store: Store) -> None:
    strike = event([actor("USA")], [actor("IRN")], "2020-01-01")
    store_events(store, "first", "Wire A", [dated(strike, "2020-01-01", "2020-01-20", "range")])
    store_events(store, "inside", "Paper B", [dated(strike, "2020-01-10", "2020-01-25", "range")])
    store_events(store, "stretching", "Paper C", [dated(strike, "2020-01-19", "2020-02-10", "range")])
    assert cluster_rows(store) == [(2, 2, 2), (1, 1, 1)]


def test_a_report_months_after_many_older_clusters_still_joins_its_own(store: Store) -> None:
    for month in range(1, 10):
        store_events(store, f"old {month}", "Wire A",
                     [event([actor("USA")], [actor("IRN")], f"2020-0{month}-15", place="IRQ")])
    store_events(store, "late", "Paper B", [event([actor("IRN")], [actor("USA")], "2020-09-16")])
    store_events(store, "later", "Paper C", [event([actor("USA")], [actor("IRN")], "2020-09-14")])
    assert cluster_rows(store)[0] == (2, 2, 2)


def test_two_mentions_in_one_article_count_one_article_and_one_source(store: Store) -> None:
    store_events(
        store,
        "one",
        "A",
        [
            event([actor("USA")], [actor("IRN")], "2020-01-03"),
            event([actor("USA")], [actor("IRN")], "2020-01-03", sentence_start=40),
        ],
    )
    assert cluster_rows(store) == [(2, 1, 1)]


def test_recoding_an_article_moves_its_mentions_and_leaves_no_empty_cluster(store: Store) -> None:
    first = store_events(store, "one", "A", [event([actor("USA")], [actor("IRN")], "2020-01-03")])
    store_events(store, "two", "B", [event([actor("USA")], [actor("IRN")], "2020-01-03")])
    with store.transaction():
        store.replace_events(first, [event([actor("RUS")], [actor("UKR")], "2022-02-24")], "test-2")
    assert cluster_rows(store) == [(1, 1, 1), (1, 1, 1)]
    with store.transaction():  # the same coding again changes nothing
        store.replace_events(first, [event([actor("RUS")], [actor("UKR")], "2022-02-24")], "test-2")
    assert cluster_rows(store) == [(1, 1, 1), (1, 1, 1)]


def test_gdelt_export_has_one_event_row_per_real_world_event_with_its_mention_counts(
    store: Store, tmp_path: Path
) -> None:
    from eventwire.export import export_events
    from eventwire.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, mentions_path
    from eventwire.store.queries import EventQuery, iter_events

    store_events(store, "first report", "Wire A", [event([actor("USA")], [actor("IRN")], "2020-01-03")])
    store_events(store, "second report", "Paper B", [event([actor("USA")], [actor("IRN")], "2020-01-03")])
    store_events(store, "other news", "Paper B", [event([actor("RUS")], [actor("UKR")], "2022-02-24")])
    output = tmp_path / "events.export.CSV"
    export_events(iter_events(store, EventQuery()), "gdelt", output)
    rows = [line.split("\t") for line in output.read_text().splitlines()]
    mentions = [line.split("\t") for line in mentions_path(output).read_text().splitlines()]
    assert len(rows) == 2 and len(mentions) == 3
    counts = {
        row[EVENT_COLUMNS.index("Actor2CountryCode")]: (
            row[EVENT_COLUMNS.index("NumMentions")],
            row[EVENT_COLUMNS.index("NumSources")],
            row[EVENT_COLUMNS.index("NumArticles")],
        )
        for row in rows
    }
    assert counts == {"IRN": ("2", "2", "2"), "UKR": ("1", "1", "1")}
    event_ids = {row[0] for row in rows}
    assert {mention[MENTION_COLUMNS.index("GlobalEventID")] for mention in mentions} == event_ids

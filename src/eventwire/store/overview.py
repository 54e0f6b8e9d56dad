"""The aggregates behind the analysts' page beyond `eventwire stats`: the actor network, the map's places,
the most active actors (the actor filter's suggestions) and event pages in another order.

They take an EventQuery and compile it with the same WHERE clause as `find_events`, so the network, the
map and the table always show the same events.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from eventwire.store import totals
from eventwire.store.backend import placeholders
from eventwire.store.queries import (
    COUNTRY_ONLY_PREFIX,
    DAY_PRECISIONS,
    EventQuery,
    QueryError,
    _add_type_and_dates,
    _Where,
    _where,
)
from eventwire.store.store import Store

# How a participant becomes a node: its knowledge-base id, else its country's actor (ew:XXX). A country
# named by name ("Russia", resolved to ew:RUS) and one known only by its code (country RUS, no id) are one
# node, not two; a participant with neither is left out of the network.
COUNTRY_ACTOR_PREFIX = "ew:"
_NODE_KEY = f"coalesce({{a}}.actor_id, '{COUNTRY_ACTOR_PREFIX}' || {{a}}.country)"
_COUNTRY_ACTOR = re.compile(r"^ew:[A-Z]{3}$")
# Place levels drawn as points on the map; the others (country, admin1, admin2, or unknown) are areas,
# whose coordinates are a centroid, not where anything happened.
POINT_LEVELS: tuple[str, ...] = ("city", "feature")

# sort parameter -> ORDER BY expression; NULLs last either way so a page of "no place" never comes first.
SORT_COLUMNS: dict[str, str] = {
    "date": "e.date_start",
    "type": "e.type",
    "factuality": "e.factuality",
    "intensity": "e.intensity",
    "confidence": "e.confidence",
    "place": "e.location_name",
    "outlet": "(SELECT a.source FROM articles a WHERE a.id = e.article_id)",
}
SORT_PATTERN = "^-?(" + "|".join(SORT_COLUMNS) + ")$"


@dataclass(frozen=True, slots=True)
class NetworkNode:
    key: str  # actor id (ew:RUS) or country:XXX
    actor_id: str | None
    name: str
    country: str | None
    events: int  # events in which it is on either side of an edge shown
    # The actor filter values that select exactly this node's participants: [id], or for a country
    # [ew:XXX, country:XXX] (those known only by the country's code are drawn in its node).
    filter: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    source: str
    target: str
    events: int
    mean_intensity: float | None  # over the events that have one


@dataclass(frozen=True, slots=True)
class Place:
    name: str | None
    country: str | None
    lat: float
    lon: float
    events: int
    mean_intensity: float | None
    level: str | None = None  # country, admin1, admin2, city, feature (None: not said)
    point: bool = False  # a point-level place (city, feature): drawn as a point; else an area


@dataclass(frozen=True, slots=True)
class Facet:
    value: str
    events: int


@dataclass(frozen=True, slots=True)
class ClusterRow:
    cluster_id: str
    matching: int  # mentions matching the filters
    mentions: int  # every mention of the real-world event (GDELT's NumMentions)
    articles: int
    sources: int
    record: dict[str, Any]  # the first matching mention's record


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: str
    end: str
    precision: str | None
    events: int


@dataclass(frozen=True, slots=True)
class ActiveActor:
    actor_id: str
    name: str | None
    country: str | None
    events: int


def node_filter(key: str) -> tuple[str, ...]:
    """The actor filter values selecting a node's participants (see NetworkNode.filter)."""
    if _COUNTRY_ACTOR.match(key):
        return key, COUNTRY_ONLY_PREFIX + key.removeprefix(COUNTRY_ACTOR_PREFIX)
    return (key,)


def network(store: Store, query: EventQuery, limit: int, name_of: Callable[[str], str | None] | None = None,
            ) -> tuple[list[NetworkNode], list[NetworkEdge]]:
    """The `limit` most frequent source -> target pairs of the matching events, as a graph. An event with
    several sources or targets counts once per distinct pair. `name_of` names a node the stored events do
    not name (a country known only by its code): the knowledge base's name."""
    if limit < 0:
        raise QueryError("edges", f"{limit} is negative")
    if totals.unfiltered(query):  # counted on write (store/totals.py), not read from every event
        edges = [NetworkEdge(*row) for row in totals.edges(store, limit)]
    else:
        edges = _edges(store, query, limit)
    weight: dict[str, int] = {}
    for edge in edges:
        weight[edge.source] = weight.get(edge.source, 0) + edge.events
        weight[edge.target] = weight.get(edge.target, 0) + edge.events
    names = _actor_names(store, list(weight))
    nodes = []
    for key, events in weight.items():
        name, country = names.get(key, (None, None))
        if _COUNTRY_ACTOR.match(key):
            country = country or key.removeprefix(COUNTRY_ACTOR_PREFIX)
        name = name or (name_of(key) if name_of else None) or country or key
        nodes.append(NetworkNode(key, key, name, country, events, node_filter(key)))
    return nodes, edges


def _edges(store: Store, query: EventQuery, limit: int) -> list[NetworkEdge]:
    where = _where(query, store.backend)
    source, target = _NODE_KEY.format(a="s"), _NODE_KEY.format(a="t")
    sql = (
        "SELECT src, tgt, count(*), avg(intensity) FROM ("
        f" SELECT DISTINCT e.event_id, e.intensity, {source} AS src, {target} AS tgt"
        " FROM events e JOIN event_actors s ON s.event_id = e.event_id AND s.role = 'source'"
        f" JOIN event_actors t ON t.event_id = e.event_id AND t.role = 'target'{where.sql()}) AS pairs"
        " WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt"
        " GROUP BY src, tgt ORDER BY count(*) DESC, src, tgt LIMIT ?"
    )
    return [NetworkEdge(src, tgt, n, _mean(mean))
            for src, tgt, n, mean in store.execute(sql, [*where.params, limit]).fetchall()]


def _mean(value: Any) -> float | None:
    # PostgreSQL's avg() is a Decimal; the API speaks floats.
    return None if value is None else round(float(value), 3)


def _actor_names(store: Store, actor_ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """The name and country the stored events give each actor (the knowledge base's at coding time)."""
    if not actor_ids:
        return {}
    if totals.READ:  # kept on write: reading every participant row of ew:USA took seconds on 1M events
        return totals.actor_names(store, actor_ids)
    marks = placeholders(actor_ids)
    sql = (f"SELECT actor_id, max(name), max(country) FROM event_actors WHERE actor_id IN ({marks})"
           " GROUP BY actor_id")
    rows = store.execute(sql, actor_ids).fetchall()
    return {actor_id: (name, country) for actor_id, name, country in rows}


def _record_field(store: Store, path: tuple[str, ...], alias: str = "e") -> str:
    # A field of the stored JSON record as text (the record is JSON text on both databases).
    if store.backend.name == "sqlite":
        return f"json_extract({alias}.record, '$.{'.'.join(path)}')"
    return f"({alias}.record::json #>> '{{{','.join(path)}}}')"


def places(store: Store, query: EventQuery, limit: int) -> list[Place]:
    """Where the matching events happened: one entry per distinct pair of coordinates (what `at=LAT,LON`
    selects, so a click on it selects exactly what it counts), most events first, with the place's level:
    a point (town, site) or an area (country, region, district) whose coordinates are its centroid."""
    if limit < 0:
        raise QueryError("places", f"{limit} is negative")
    if totals.unfiltered(query):
        return [Place(name, country, lat, lon, n, mean, level, level in POINT_LEVELS)
                for name, country, lat, lon, n, mean, level in totals.places(store, limit)]
    where = _where(query, store.backend)
    where.add("e.lat IS NOT NULL AND e.lon IS NOT NULL")
    # The level is read from one event's record per place, after grouping: parsing every event's JSON made
    # the map's query 5x slower (30,000 events: 190 -> 940 ms). Events at the same coordinates are at the
    # same place, so at the same level. Several names can share coordinates (spellings of one town): the
    # largest names the entry.
    level = _record_field(store, ("location", "level"), alias="x")
    sql = ("SELECT g.name, g.country, g.lat, g.lon, g.n, g.mean,"
           f" (SELECT {level} FROM events x WHERE x.event_id = g.first) FROM"
           " (SELECT max(e.location_name) AS name, max(e.location_country) AS country,"
           " e.lat AS lat, e.lon AS lon, count(*) AS n, avg(e.intensity) AS mean, min(e.event_id) AS first"
           f" FROM events e{where.sql()}"
           " GROUP BY e.lat, e.lon ORDER BY count(*) DESC, max(e.location_name) LIMIT ?) AS g"
           " ORDER BY g.n DESC, g.name")
    rows = store.execute(sql, [*where.params, limit]).fetchall()
    return [Place(name, country, lat, lon, n, _mean(mean), level, level in POINT_LEVELS)
            for name, country, lat, lon, n, mean, level in rows]


# facet name -> (the EventQuery field its filter sets, SQL of the value). The outlet is the article's:
# events are counted per article first, so each article is looked up once, not once per event.
_FACETS: dict[str, tuple[str, str]] = {
    "type": ("types", "coalesce(e.type, '-')"),
    "place_country": ("location_countries", "e.location_country"),
    "outlet": ("outlets", "e.article_id"),
    "factuality": ("factualities", "e.factuality"),
}


def facets(store: Store, query: EventQuery, limit: int = 30) -> dict[str, list[Facet]]:
    """Counts of the matching events by type, place country, outlet and factuality. Each facet is counted
    without its own filter (the others hold), so its other values show what adding them would give."""
    answer: dict[str, list[Facet]] = {}
    for name, (field, value_sql) in _FACETS.items():
        if totals.unfiltered(query):
            counted = totals.facet(store, name, limit)
            answer[name] = [Facet(value, n) for value, n in counted if value is not None]
            continue
        where = _where(replace(query, **{field: ()}, limit=None, offset=0), store.backend)
        sql = f"SELECT {value_sql} AS v, count(*) AS n FROM events e{where.sql()} GROUP BY v"
        if name == "outlet":
            sql = (f"SELECT ar.source AS v, sum(per.n) AS n FROM ({sql}) AS per"
                   " JOIN articles ar ON ar.id = per.v GROUP BY ar.source")
        sql = f"SELECT v, n FROM ({sql}) AS counted ORDER BY n DESC, v LIMIT ?"
        rows = store.execute(sql, [*where.params, limit]).fetchall()
        answer[name] = [Facet(value, int(n)) for value, n in rows if value is not None]
    return answer


def cluster_rows(store: Store, query: EventQuery, limit: int, offset: int = 0,
                 ) -> tuple[int, list[ClusterRow]]:
    """One row per real-world event (cross-article cluster; an event without one is its own) that has a
    matching mention, by its first matching date then id, and how many there are."""
    if totals.unfiltered(query) and _every_event_clustered(store):
        return _all_cluster_rows(store, limit, offset)
    where = _where(replace(query, limit=None, offset=0), store.backend)
    key = "coalesce(e.cluster_id, e.event_id)"
    (total,) = store.execute(f"SELECT count(DISTINCT {key}) FROM events e{where.sql()}",
                             where.params).fetchone()
    sql = (f"SELECT {key} AS k, count(*), min(e.event_id) FROM events e{where.sql()}"
           " GROUP BY k ORDER BY min(e.date_start) IS NOT NULL, min(e.date_start), k LIMIT ? OFFSET ?")
    groups = store.execute(sql, [*where.params, limit, offset]).fetchall()
    counts = _cluster_counts(store, [cluster_id for cluster_id, _, _ in groups])
    records = _records(store, [first for _, _, first in groups])
    rows = []
    for cluster_id, matching, first in groups:
        mentions, articles, sources = counts.get(cluster_id, (1, 1, 1))
        rows.append(ClusterRow(cluster_id, int(matching), int(mentions), int(articles), int(sources),
                               records[first]))
    return int(total), rows


def _cluster_counts(store: Store, cluster_ids: list[str]) -> dict[str, tuple[int, int, int]]:
    """cluster id -> (mentions, articles, sources) for those of the ids that are clusters, in one query."""
    if not cluster_ids:
        return {}
    found = store.execute("SELECT cluster_id, mentions, articles, sources FROM event_clusters"
                          f" WHERE cluster_id IN ({placeholders(cluster_ids)})", cluster_ids).fetchall()
    return {cluster_id: (mentions, articles, sources) for cluster_id, mentions, articles, sources in found}


def _records(store: Store, event_ids: list[str]) -> dict[str, dict]:
    """event id -> its stored record, in one query (a page's rows, not one query per row)."""
    if not event_ids:
        return {}
    marks = placeholders(event_ids)
    found = store.execute(f"SELECT event_id, record FROM events WHERE event_id IN ({marks})",
                          event_ids).fetchall()
    return {event_id: json.loads(record) for event_id, record in found}


def _every_event_clustered(store: Store) -> bool:
    # Events stored before clustering (migration 0004) have none until re-coded; each is its own row.
    return store.execute("SELECT 1 FROM events WHERE cluster_id IS NULL LIMIT 1").fetchone() is None


def _all_cluster_rows(store: Store, limit: int, offset: int) -> tuple[int, list[ClusterRow]]:
    """cluster_rows without filters, read from the clusters in their first_day order (migration 0011)
    instead of grouping every event: the same rows, as every mention then matches."""
    (total,) = store.execute("SELECT count(*) FROM event_clusters").fetchone()
    order = store.backend.nulls_first("c.first_day")  # undated first, as the grouped query orders them
    groups = store.execute(
        "SELECT c.cluster_id, c.mentions, c.articles, c.sources FROM event_clusters c"
        f" ORDER BY {order}, c.cluster_id LIMIT ? OFFSET ?",
        (limit, offset)).fetchall()
    cluster_ids = [cluster_id for cluster_id, _, _, _ in groups]
    firsts = dict(store.execute(
        "SELECT cluster_id, min(event_id) FROM events"
        f" WHERE cluster_id IN ({placeholders(cluster_ids)}) GROUP BY cluster_id", cluster_ids).fetchall()
    ) if cluster_ids else {}
    records = _records(store, list(firsts.values()))
    rows = [ClusterRow(cluster_id, int(mentions), int(mentions), int(articles), int(sources),
                       records[firsts[cluster_id]])
            for cluster_id, mentions, articles, sources in groups]
    return int(total), rows


def date_spans(store: Store, query: EventQuery, limit: int = 200) -> list[DateSpan]:
    """The matching events dated only to a week, month, year or a fuzzy stretch, grouped by their span:
    drawn as spans by the timeline, not as their first day."""
    if totals.by_type_and_dates_only(query, types=False):
        return [DateSpan(*row) for row in totals.date_spans(store, query, limit)]
    where = _where(replace(query, limit=None, offset=0), store.backend)
    where.add("e.date_start IS NOT NULL")
    where.add(f"e.date_precision NOT IN ({placeholders(DAY_PRECISIONS)})", *DAY_PRECISIONS)
    sql = ("SELECT e.date_start, coalesce(e.date_end, e.date_start), e.date_precision, count(*) FROM events e"
           f"{where.sql()} GROUP BY e.date_start, coalesce(e.date_end, e.date_start), e.date_precision"
           " ORDER BY count(*) DESC, e.date_start LIMIT ?")
    return [DateSpan(start, end, precision, int(n))
            for start, end, precision, n in store.execute(sql, [*where.params, limit]).fetchall()]


def day_span(store: Store, query: EventQuery) -> tuple[str | None, str | None]:
    """The first and last day-precision date of the matching events (the timeline's bin is chosen from it)."""
    if totals.by_type_and_dates_only(query):
        return totals.day_span(store, query)
    where = _where(replace(query, limit=None, offset=0), store.backend)
    where.add("e.date_start IS NOT NULL")
    where.add(f"(e.date_precision IS NULL OR e.date_precision IN ({placeholders(DAY_PRECISIONS)}))",
              *DAY_PRECISIONS)
    first, last = store.execute(f"SELECT min(e.date_start), max(e.date_start) FROM events e{where.sql()}",
                                where.params).fetchone()
    return first, last


def active_actors(store: Store, query: EventQuery, limit: int) -> list[ActiveActor]:
    """The knowledge-base actors taking part in most matching events."""
    if limit < 0:
        raise QueryError("n", f"{limit} is negative")
    if totals.unfiltered(query):  # counted on write (totals_by_actor, migration 0010)
        return [ActiveActor(*row) for row in totals.active_actors(store, limit)]
    if replace(query, types=(), since=None, until=None, limit=None, offset=0) == EventQuery():
        return _active_actors_from_participants(store, query, limit)
    return _active_actors_from_events(store, query, limit)


def _active_actors_from_events(store: Store, query: EventQuery, limit: int) -> list[ActiveActor]:
    where = _where(query, store.backend)
    sql = ("SELECT x.actor_id, max(x.name), max(x.country), count(DISTINCT e.event_id) AS n"
           f" FROM events e JOIN event_actors x ON x.event_id = e.event_id{where.sql()}"
           f"{' AND' if where.clauses else ' WHERE'} x.actor_id IS NOT NULL"
           " GROUP BY x.actor_id ORDER BY n DESC, x.actor_id LIMIT ?")
    return [ActiveActor(*row) for row in store.execute(sql, [*where.params, limit]).fetchall()]


def _active_actors_from_participants(store: Store, query: EventQuery, limit: int) -> list[ActiveActor]:
    # No filter but the event's type and dates, which the participants carry (migration 0007): counted
    # from a participant index alone, without reading events (all of 1M events on SQLite: 8.8 -> 0.5 s).
    # The name and country are those of the actor's first participant row by event id: reading the
    # largest of them, as the filtered query does, would read every row of a frequent actor.
    carried = _Where()
    _add_type_and_dates(carried, query, "a")
    conditions = " AND ".join(["a.actor_id IS NOT NULL", *carried.clauses])
    first = ("(SELECT x.{column} FROM event_actors x WHERE x.actor_id = top.actor_id"
             " ORDER BY x.event_id, x.role, x.position LIMIT 1)")
    rows = store.execute(
        f"SELECT top.actor_id, {first.format(column='name')}, {first.format(column='country')}, top.n FROM"
        f" (SELECT a.actor_id, count(DISTINCT a.event_id) AS n FROM event_actors a WHERE {conditions}"
        "  GROUP BY a.actor_id ORDER BY n DESC, a.actor_id LIMIT ?) AS top ORDER BY top.n DESC, top.actor_id",
        [*carried.params, limit]).fetchall()
    return [ActiveActor(actor_id, name, country, int(events)) for actor_id, name, country, events in rows]


def sorted_record_texts(store: Store, query: EventQuery, sort: str) -> list[str]:
    """The JSON text of each event record on the page (query.limit, query.offset) of matching events in
    the order `sort` names (a column of SORT_COLUMNS, `-` first for descending), ties broken by event id."""
    column = SORT_COLUMNS.get(sort.removeprefix("-"))
    if column is None:
        raise QueryError("sort", f"{sort!r} is not one of {', '.join(SORT_COLUMNS)} (prefix - to reverse)")
    direction = "DESC" if sort.startswith("-") else "ASC"
    where = _where(query, store.backend)
    sql = (f"SELECT e.event_id, e.record FROM events e{where.sql()}"
           f" ORDER BY {column} IS NULL, {column} {direction}, e.event_id LIMIT ? OFFSET ?")
    limit = store.backend.no_limit if query.limit is None else query.limit
    rows = store.execute(sql, [*where.params, limit, query.offset]).fetchall()
    return [record for _, record in rows]

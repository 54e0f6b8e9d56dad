"""The aggregates behind the analysts' page beyond `eventwire stats`: the actor network, the map's places,
the most active actors (the actor filter's suggestions) and event pages in another order.

They take an EventQuery and compile it with the same WHERE clause as `find_events`, so the network, the
map and the table always show the same events.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from eventwire.store.queries import EventQuery, QueryError, _add_type_and_dates, _Where, _where
from eventwire.store.store import Store

# How a participant becomes a node: its knowledge-base id, else its country. A node is something a click
# can filter on (actor=ID or actor_country=XXX); a participant with neither is left out of the network.
_NODE_KEY = "coalesce({a}.actor_id, 'country:' || {a}.country)"

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


@dataclass(frozen=True, slots=True)
class ActiveActor:
    actor_id: str
    name: str | None
    country: str | None
    events: int


def network(store: Store, query: EventQuery, limit: int) -> tuple[list[NetworkNode], list[NetworkEdge]]:
    """The `limit` most frequent source -> target pairs of the matching events, as a graph. An event with
    several sources or targets counts once per distinct pair."""
    if limit < 0:
        raise QueryError("edges", f"{limit} is negative")
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
    edges = [NetworkEdge(src, tgt, n, _mean(mean))
             for src, tgt, n, mean in store.execute(sql, [*where.params, limit]).fetchall()]
    weight: dict[str, int] = {}
    for edge in edges:
        weight[edge.source] = weight.get(edge.source, 0) + edge.events
        weight[edge.target] = weight.get(edge.target, 0) + edge.events
    names = _actor_names(store, [key for key in weight if not key.startswith("country:")])
    nodes = []
    for key, events in weight.items():
        if key.startswith("country:"):
            country = key.removeprefix("country:")
            nodes.append(NetworkNode(key, None, country, country, events))
        else:
            name, country = names.get(key, (None, None))
            nodes.append(NetworkNode(key, key, name or key, country, events))
    return nodes, edges


def _mean(value: Any) -> float | None:
    # PostgreSQL's avg() is a Decimal; the API speaks floats.
    return None if value is None else round(float(value), 3)


def _actor_names(store: Store, actor_ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """The name and country the stored events give each actor (the knowledge base's at coding time)."""
    if not actor_ids:
        return {}
    marks = ", ".join("?" for _ in actor_ids)
    sql = (f"SELECT actor_id, max(name), max(country) FROM event_actors WHERE actor_id IN ({marks})"
           " GROUP BY actor_id")
    rows = store.execute(sql, actor_ids).fetchall()
    return {actor_id: (name, country) for actor_id, name, country in rows}


def places(store: Store, query: EventQuery, limit: int) -> list[Place]:
    """Where the matching events happened: one point per distinct place, most events first."""
    if limit < 0:
        raise QueryError("places", f"{limit} is negative")
    where = _where(query, store.backend)
    where.add("e.lat IS NOT NULL AND e.lon IS NOT NULL")
    sql = ("SELECT e.location_name, e.location_country, e.lat, e.lon, count(*), avg(e.intensity)"
           f" FROM events e{where.sql()} GROUP BY e.lat, e.lon, e.location_name, e.location_country"
           " ORDER BY count(*) DESC, e.location_name LIMIT ?")
    rows = store.execute(sql, [*where.params, limit]).fetchall()
    return [Place(name, country, lat, lon, n, _mean(mean)) for name, country, lat, lon, n, mean in rows]


def active_actors(store: Store, query: EventQuery, limit: int) -> list[ActiveActor]:
    """The knowledge-base actors taking part in most matching events."""
    if limit < 0:
        raise QueryError("n", f"{limit} is negative")
    if replace(query, types=(), since=None, until=None, limit=None, offset=0) == EventQuery():
        return _active_actors_from_participants(store, query, limit)
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

"""Totals kept on write for the explorer's aggregates over the whole store (issue #18).

On 1,000,000 events the unfiltered network took 15.6 s and the top dyads 10.3 s on SQLite, for the first
request after every write (api/cache.py keeps answers only until the store changes). These tables hold
the answers' counts instead, updated in the transaction that writes an article's events
(Store.replace_events), so they are never out of step with the events, even after a killed run:

  totals_by_day    dated events per (day, type, quad class, whether dated to a day) with their intensity:
                   the timeline's counts, intensity per period and first/last day, also for a type, quad
                   class or date range;
  totals_by_span   events dated only to a week, month, year or stretch, per span: the timeline's spans;
  totals_by_edge   events per network edge (source node -> target node, as store/overview.network keys
                   them) with their intensity;
  totals_by_dyad   events per top-dyads pair (as store/queries.top_dyads names the sides);
  totals_by_place  located events per (coordinates, name, country, level) with their intensity: the map;
  totals_by_facet  events per value of each facet (type, place country, outlet, factuality), which also
                   gives `eventwire stats`' event counts;
  totals_by_actor_name  participant rows per (actor id, name, country): the names of the network's nodes
                   and of the most active actors;
  totals_by_actor  events per knowledge-base actor (migration 0010): the most active actors.

Each table is defined once, as the SELECT of an article's contribution (`_CONTRIBUTIONS`): added after
its events are written, subtracted before they are deleted (re-coding replaces an article's events), and
run over every event by the migration that builds the tables in an old store (0008_totals.sql, whose
statements tests/test_totals.py checks give the same tables). A key whose count falls to 0 keeps its row
(readers skip it): deleting it would cost a statement per key on every re-coding.

Columns that may be NULL in the events are stored with a stand-in inside keys ('' for text, 0 for the quad
class) because PostgreSQL keys cannot hold NULL; readers turn it back into NULL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from eventwire.store.backend import Backend, placeholders

if TYPE_CHECKING:
    from eventwire.store.queries import EventQuery
    from eventwire.store.store import Store

# False only to measure what keeping them costs (bench/aggregates.py): the tables then go out of step.
MAINTAINED = True
# False: every aggregate reads the events, as before the tables existed (bench/aggregates.py, tests).
READ = True

TABLES: tuple[str, ...] = ("totals_by_day", "totals_by_span", "totals_by_edge", "totals_by_dyad",
                           "totals_by_place", "totals_by_facet", "totals_by_actor_name", "totals_by_actor")
NO_TYPE = "-"  # as store/queries.NO_TYPE
DAY_PRECISIONS: tuple[str, ...] = ("day", "time")  # as store/queries.DAY_PRECISIONS

# The node and label of a participant, exactly as store/overview.network and store/queries.top_dyads
# compute them (a test compares the answers).
_NODE = "coalesce({a}.actor_id, 'ew:' || {a}.country)"
_LABEL = "coalesce({a}.country, {a}.name, {a}.text)"


def _level(backend: Backend) -> str:
    # The place's level, from the stored record (JSON text on both databases).
    if backend.name == "sqlite":
        return "json_extract(e.record, '$.location.level')"
    return "(e.record::json #>> '{location,level}')"


def _contributions(backend: Backend) -> dict[str, tuple[tuple[str, ...], tuple[str, ...], str]]:
    """table -> (key columns, counted columns, SELECT of the key and counts over the events matching
    `{scope}`)."""
    day_precision = "', '".join(DAY_PRECISIONS)
    source, target = _NODE.format(a="s"), _NODE.format(a="t")
    source_label, target_label = _LABEL.format(a="s"), _LABEL.format(a="t")
    pairs = ("FROM events e JOIN event_actors s ON s.event_id = e.event_id AND s.role = 'source'"
             " JOIN event_actors t ON t.event_id = e.event_id AND t.role = 'target' WHERE {scope}")
    return {
        "totals_by_day": (
            ("day", "type", "quad_class", "day_precision"), ("events", "intensity_sum", "intensity_events"),
            f"SELECT e.date_start, coalesce(e.type, '{NO_TYPE}'), coalesce(e.quad_class, 0),"
            " CASE WHEN e.date_precision IS NULL"
            f" OR e.date_precision IN ('{day_precision}') THEN 1 ELSE 0 END,"
            " {sign}count(*), {sign}coalesce(sum(e.intensity), 0), {sign}count(e.intensity)"
            " FROM events e WHERE {scope} AND e.date_start IS NOT NULL GROUP BY 1, 2, 3, 4"),
        "totals_by_span": (
            ("date_start", "date_end", "date_precision"), ("events",),
            "SELECT e.date_start, coalesce(e.date_end, e.date_start), e.date_precision, {sign}count(*)"
            " FROM events e WHERE {scope} AND e.date_start IS NOT NULL"
            f" AND e.date_precision NOT IN ('{day_precision}') GROUP BY 1, 2, 3"),
        # An event counts once per distinct pair of nodes, as in the network (several participants of one
        # side may be one node).
        "totals_by_edge": (
            ("source", "target"), ("events", "intensity_sum", "intensity_events"),
            "SELECT src, tgt, {sign}count(*), {sign}coalesce(sum(intensity), 0), {sign}count(intensity) FROM"
            f" (SELECT DISTINCT e.event_id, e.intensity, {source} AS src, {target} AS tgt {pairs}) AS p"
            " WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt GROUP BY src, tgt"),
        "totals_by_dyad": (
            ("source", "target"), ("events",),
            "SELECT src, tgt, {sign}count(*) FROM"
            f" (SELECT DISTINCT e.event_id, {source_label} AS src, {target_label} AS tgt {pairs}) AS p"
            " GROUP BY src, tgt"),
        "totals_by_place": (
            ("lat", "lon", "name", "country", "level"), ("events", "intensity_sum", "intensity_events"),
            "SELECT e.lat, e.lon, coalesce(e.location_name, ''), coalesce(e.location_country, ''),"
            f" coalesce({_level(backend)}, ''), {{sign}}count(*), {{sign}}coalesce(sum(e.intensity), 0),"
            " {sign}count(e.intensity) FROM events e"
            " WHERE {scope} AND e.lat IS NOT NULL AND e.lon IS NOT NULL GROUP BY 1, 2, 3, 4, 5"),
        # Participant rows per (actor id, name, country): the names the network gives its nodes, the
        # largest of each actor's, as store/overview._actor_names reads them from every participant row
        # (ew:USA's 200,000 rows on 1M events: 3.6 s of the network's answer).
        "totals_by_actor_name": (
            ("actor_id", "name", "country"), ("participants",),
            "SELECT a.actor_id, coalesce(a.name, ''), coalesce(a.country, ''), {sign}count(*)"
            " FROM events e JOIN event_actors a ON a.event_id = e.event_id"
            " WHERE {scope} AND a.actor_id IS NOT NULL GROUP BY 1, 2, 3"),
        # An event counts once per actor, however many of its participants the actor is (as
        # store/overview.active_actors counts DISTINCT events).
        "totals_by_actor": (
            ("actor_id",), ("events",),
            "SELECT a.actor_id, {sign}count(DISTINCT a.event_id) FROM events e"
            " JOIN event_actors a ON a.event_id = e.event_id WHERE {scope} AND a.actor_id IS NOT NULL"
            " GROUP BY 1"),
        # The outlet is the article's source, looked up once per article, not once per event.
        "totals_by_facet": (
            ("facet", "value"), ("events",),
            f"SELECT 'type', coalesce(e.type, '{NO_TYPE}'), {{sign}}count(*) FROM events e WHERE {{scope}}"
            " GROUP BY 2"
            " UNION ALL SELECT 'place_country', coalesce(e.location_country, ''), {sign}count(*)"
            " FROM events e WHERE {scope} GROUP BY 2"
            " UNION ALL SELECT 'factuality', e.factuality, {sign}count(*) FROM events e WHERE {scope}"
            " GROUP BY 2"
            " UNION ALL SELECT 'outlet', coalesce(ar.source, ''), sum(per.n) FROM"
            " (SELECT e.article_id, {sign}count(*) AS n FROM events e WHERE {scope} GROUP BY e.article_id)"
            " AS per JOIN articles ar ON ar.id = per.article_id GROUP BY 2"),
    }


def contribution_sql(backend: Backend, table: str, scope: str, subtract: bool = False) -> str:
    """The statement adding (or subtracting) the counts of the events matching `scope` (SQL over events
    `e`) to `table`."""
    keys, counted, select = _contributions(backend)[table]
    columns = (*keys, *counted)
    # Not str.format: PostgreSQL's JSON path '{location,level}' has braces of its own.
    select = select.replace("{scope}", scope).replace("{sign}", "-" if subtract else "")
    updates = ", ".join(f"{column} = {table}.{column} + excluded.{column}" for column in counted)
    # SQLite needs a WHERE in an INSERT ... SELECT followed by ON CONFLICT (else ON is read as a join's).
    return (f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM ({select}) AS c WHERE true"
            f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}")


def count_article(store: Store, article_id: str, subtract: bool = False) -> None:
    """Add the stored events of the article to the totals (subtract: take them out, before they are
    deleted). Call in the transaction that writes them.

    The counts are worked out here from the article's rows, read in two statements, and written with one
    upsert per table: running each table's contribution SELECT instead (what `rebuild` and the migration
    do over every event) cost PostgreSQL, which plans every statement anew, about half again the time of
    writing the events (51 vs 76 events/s on this shared machine). tests/test_totals.py checks both give
    the same tables."""
    if not MAINTAINED:
        return
    deltas, sentences = _article_deltas(store, article_id)
    sign = -1 if subtract else 1
    batches: list[tuple[str, Sequence[Sequence[Any]]]] = []
    for table, counted in deltas.items():
        if counted:
            keys, columns, _ = _contributions(store.backend)[table]
            rows = [(*key, *(sign * value for value in values)) for key, values in counted.items()]
            batches.append((_upsert(table, keys, columns), rows))
    # The sentences' magnitudes are not sums: an article's rows are replaced, not subtracted.
    if subtract:
        batches.append(("DELETE FROM totals_magnitudes WHERE article_id = ?", [(article_id,)]))
    elif sentences:
        batches.append((f"INSERT INTO totals_magnitudes ({', '.join(MAGNITUDE_COLUMNS)})"
                        f" VALUES ({placeholders(MAGNITUDE_COLUMNS)})",
                        [(article_id, start, *row) for start, row in sentences.items()]))
    store.execute_batches(batches)


def forget_article(store: Store, article_id: str) -> None:
    """Take the article's stored events out of the totals, before they are deleted."""
    if MAINTAINED:
        count_article(store, article_id, subtract=True)


def _upsert(table: str, keys: tuple[str, ...], counted: tuple[str, ...]) -> str:
    columns = (*keys, *counted)
    updates = ", ".join(f"{column} = {table}.{column} + excluded.{column}" for column in counted)
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders(columns)})"
            f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}")


Counts = dict[tuple[Any, ...], list[Any]]


def _add(counts: Counts, key: tuple[Any, ...], *values: Any) -> None:
    found = counts.get(key)
    if found is None:
        counts[key] = list(values)
    else:
        for index, value in enumerate(values):
            found[index] += value


def _article_deltas(store: Store, article_id: str) -> tuple[dict[str, Counts], dict[int, list[Any]]]:
    """table -> key -> counts of the article's stored events, as `_contributions` defines them; and
    sentence start -> its totals_magnitudes row after the start (see `_sentence_magnitudes`)."""
    # One statement: each event with each of its participants (or once with none).
    rows = store.execute(
        "SELECT e.event_id, e.type, e.quad_class, e.intensity, e.date_start, e.date_end, e.date_precision,"
        f" e.lat, e.lon, e.location_name, e.location_country, {_level(store.backend)}, e.factuality,"
        " ar.source, a.role, a.actor_id, a.country, a.name, a.text,"
        " e.sentence_start, coalesce(e.cluster_id, e.event_id), e.dead, e.injured, e.arrested, e.participants"
        " FROM events e JOIN articles ar ON ar.id = e.article_id"
        " LEFT JOIN event_actors a ON a.event_id = e.event_id WHERE e.article_id = ?",
        (article_id,)).fetchall()
    deltas: dict[str, Counts] = {table: {} for table in TABLES}
    Side = list[tuple[Any, ...]]
    events: dict[str, tuple[Any, ...]] = {}
    sides: dict[str, tuple[Side, Side]] = {}
    figures: dict[str, tuple[Any, ...]] = {}
    for row in rows:
        event_id, role = row[0], row[14]
        if event_id not in events:
            events[event_id] = row[:14]
            figures[event_id] = row[19:]
            sides[event_id] = ([], [])
        if role is not None:
            sides[event_id][0 if role == "source" else 1].append(row[15:19])
    by_day, by_span, by_edge = deltas["totals_by_day"], deltas["totals_by_span"], deltas["totals_by_edge"]
    by_dyad, by_place = deltas["totals_by_dyad"], deltas["totals_by_place"]
    by_facet = deltas["totals_by_facet"]
    for (event_id, kind, quad_class, intensity, start, end, precision, lat, lon, place_name, place_country,
         level, factuality, outlet) in events.values():
        kind = kind if kind is not None else NO_TYPE
        weighed = (intensity if intensity is not None else 0.0, 0 if intensity is None else 1)
        if start is not None:
            day_precision = 1 if precision is None or precision in DAY_PRECISIONS else 0
            _add(by_day, (start, kind, quad_class or 0, day_precision), 1, *weighed)
            if precision is not None and not day_precision:
                _add(by_span, (start, end if end is not None else start, precision), 1)
        sources, targets = sides[event_id]
        # Each distinct pair once per event, as the SELECT DISTINCT of the network and the dyads.
        for source, target in {(_node(s), _node(t)) for s in sources for t in targets}:
            if source is not None and target is not None and source != target:
                _add(by_edge, (source, target), 1, *weighed)
        for pair in {(_label(s), _label(t)) for s in sources for t in targets}:
            _add(by_dyad, pair, 1)
        if lat is not None and lon is not None:
            _add(by_place, (lat, lon, place_name or "", place_country or "", level or ""), 1, *weighed)
        for facet_name, value in (("type", kind), ("place_country", place_country or ""),
                                  ("factuality", factuality), ("outlet", outlet or "")):
            _add(by_facet, (facet_name, value), 1)
        for actor_id, country, name, _ in (*sources, *targets):
            if actor_id is not None:
                _add(deltas["totals_by_actor_name"], (actor_id, name or "", country or ""), 1)
        for actor_id in {actor[0] for actor in (*sources, *targets) if actor[0] is not None}:
            _add(deltas["totals_by_actor"], (actor_id,), 1)
    return deltas, _sentence_magnitudes(figures.values())


def _sentence_magnitudes(figures: Iterable[tuple[Any, ...]]) -> dict[int, list[Any]]:
    """sentence start -> [event key, dead, injured, arrested, participants, records] over the events with
    a figure, as store/magnitudes.py groups them: the largest figure of each kind, the first key."""
    sentences: dict[int, list[Any]] = {}
    for start, key, *counts in figures:
        if all(count is None for count in counts):
            continue
        found = sentences.get(start)
        if found is None:
            sentences[start] = [key, *counts, 1]
            continue
        found[0] = min(found[0], key)
        for index, count in enumerate(counts, start=1):
            if count is not None and (found[index] is None or count > found[index]):
                found[index] = count
        found[-1] += 1
    return sentences


def _node(actor: tuple[Any, ...]) -> str | None:
    actor_id, country, _, _ = actor
    return actor_id if actor_id is not None else (None if country is None else "ew:" + country)


def _label(actor: tuple[Any, ...]) -> str:
    _, country, name, text = actor
    return next(value for value in (country, name, text) if value is not None)


MAGNITUDE_COLUMNS: tuple[str, ...] = ("article_id", "sentence_start", "event_key", "dead", "injured",
                                      "arrested", "participants", "records")
# The sentences' magnitudes of every event, as migration 0011 counts them (and count_article one article's).
REBUILD_MAGNITUDES = (
    f"INSERT INTO totals_magnitudes ({', '.join(MAGNITUDE_COLUMNS)})"
    " SELECT e.article_id, e.sentence_start, min(coalesce(e.cluster_id, e.event_id)), max(e.dead),"
    " max(e.injured), max(e.arrested), max(e.participants), count(*) FROM events e"
    " WHERE (e.dead IS NOT NULL OR e.injured IS NOT NULL OR e.arrested IS NOT NULL"
    " OR e.participants IS NOT NULL) GROUP BY e.article_id, e.sentence_start")


def rebuild(store: Store) -> None:
    """Count every stored event again, from nothing (what the migrations do in an old store)."""
    for table in TABLES:
        store.execute(f"DELETE FROM {table}")
        store.execute(contribution_sql(store.backend, table, "true"))
    store.execute("DELETE FROM totals_magnitudes")
    store.execute(REBUILD_MAGNITUDES)


def magnitudes(store: Store) -> tuple[int, int, int, int, int, int]:
    """(dead, injured, arrested, participants, real-world events, records) of every stored event with a
    figure, as store/magnitudes.magnitude_totals sums them: each real-world event once, at its largest."""
    row = store.execute(
        "SELECT coalesce(sum(c.dead), 0), coalesce(sum(c.injured), 0), coalesce(sum(c.arrested), 0),"
        " coalesce(sum(c.participants), 0), count(*), coalesce(sum(c.records), 0) FROM"
        " (SELECT max(dead) AS dead, max(injured) AS injured, max(arrested) AS arrested,"
        " max(participants) AS participants, sum(records) AS records FROM totals_magnitudes"
        " GROUP BY event_key) AS c").fetchone()
    dead, injured, arrested, participants, events, records = (int(value or 0) for value in row)
    return dead, injured, arrested, participants, events, records


# --- reading ----------------------------------------------------------------------------------------------

def unfiltered(query: EventQuery) -> bool:
    """True when the query selects every event (the page leaves its limit and offset out of aggregates)."""
    return READ and replace(query, limit=None, offset=0) == type(query)()  # the query with no filter


def by_type_and_dates_only(query: EventQuery, types: bool = True) -> bool:
    """True when the query filters on nothing but the event's date range and (if `types`) its type and
    quad class: what totals_by_day can answer."""
    rest = replace(query, since=None, until=None, limit=None, offset=0)
    if types:
        rest = replace(rest, types=(), quad_classes=())
    return READ and rest == type(query)()


def _day_conditions(query: EventQuery) -> tuple[list[str], list[Any]]:
    conditions: list[str] = []
    params: list[Any] = []
    if query.types:
        conditions.append(f"d.type IN ({placeholders(query.types)})")
        params.extend(query.types)  # NO_TYPE is stored as itself
    if query.quad_classes:
        conditions.append(f"d.quad_class IN ({placeholders(query.quad_classes)})")
        params.extend(query.quad_classes)
    _add_date_range(query, "d.day", conditions, params)
    return conditions, params


def _add_date_range(query: EventQuery, column: str, conditions: list[str], params: list[Any]) -> None:
    """The query's since/until as conditions on `column` (an ISO date)."""
    if query.since:
        conditions.append(f"{column} >= ?")
        params.append(query.since.isoformat())
    if query.until:
        conditions.append(f"{column} <= ?")
        params.append(query.until.isoformat())



def counts_by_period(store: Store, query: EventQuery, period_of: str, group: str,
                     day_precision_only: bool) -> list[tuple[str, str, int]]:
    """(period, group, events) as store/queries.counts_by_period answers; `period_of` is its SQL of the
    period over a date column `d.day`, group "type" or "quad_class"."""
    conditions, params = _day_conditions(query)
    conditions.append("d.events > 0")
    if day_precision_only:
        conditions.append("d.day_precision = 1")
    quad_class = f"coalesce(CAST(nullif(d.quad_class, 0) AS TEXT), '{NO_TYPE}')"
    group_sql = "d.type" if group == "type" else quad_class
    sql = (f"SELECT {period_of} AS period, {group_sql} AS grp, sum(d.events) AS n FROM totals_by_day d"
           f" WHERE {' AND '.join(conditions)} GROUP BY period, grp ORDER BY period, n DESC, grp")
    return [(period, grp, int(n)) for period, grp, n in store.execute(sql, params).fetchall()]


def intensity_by_period(store: Store, query: EventQuery, period_of: str) -> list[tuple[str, float, int]]:
    """(period, mean intensity rounded to 3 places, events with an intensity) per period."""
    conditions, params = _day_conditions(query)
    conditions.append("d.intensity_events > 0")
    sql = (f"SELECT {period_of} AS period, sum(d.intensity_sum), sum(d.intensity_events) FROM totals_by_day d"
           f" WHERE {' AND '.join(conditions)} GROUP BY period ORDER BY period")
    return [(period, round(float(total) / int(n), 3), int(n))
            for period, total, n in store.execute(sql, params).fetchall()]


def day_span(store: Store, query: EventQuery) -> tuple[str | None, str | None]:
    conditions, params = _day_conditions(query)
    conditions.extend(("d.events > 0", "d.day_precision = 1"))
    first, last = store.execute(f"SELECT min(d.day), max(d.day) FROM totals_by_day d"
                                f" WHERE {' AND '.join(conditions)}", params).fetchone()
    return first, last


def date_spans(store: Store, query: EventQuery, limit: int) -> list[tuple[str, str, str, int]]:
    """(start, end, precision, events) of the events dated to more than a day, most first."""
    conditions: list[str] = ["s.events > 0"]
    params: list[Any] = []
    _add_date_range(query, "s.date_start", conditions, params)
    sql = ("SELECT s.date_start, s.date_end, s.date_precision, s.events FROM totals_by_span s"
           f" WHERE {' AND '.join(conditions)} ORDER BY s.events DESC, s.date_start LIMIT ?")
    return [(start, end, precision, int(n))
            for start, end, precision, n in store.execute(sql, [*params, limit]).fetchall()]


def edges(store: Store, limit: int) -> list[tuple[str, str, int, float | None]]:
    """(source node, target node, events, mean intensity or None) of the `limit` largest edges."""
    rows = store.execute(
        "SELECT source, target, events, intensity_sum, intensity_events FROM totals_by_edge WHERE events > 0"
        " ORDER BY events DESC, source, target LIMIT ?", (limit,)).fetchall()
    return [(source, target, int(n), _mean(total, counted)) for source, target, n, total, counted in rows]


def dyads(store: Store, limit: int) -> list[tuple[str, str, int]]:
    rows = store.execute("SELECT source, target, events FROM totals_by_dyad WHERE events > 0"
                         " ORDER BY events DESC, source, target LIMIT ?", (limit,)).fetchall()
    return [(source, target, int(n)) for source, target, n in rows]


def places(store: Store, limit: int) -> list[tuple[str | None, str | None, float, float, int, float | None,
                                                  str | None]]:
    """(name, country, lat, lon, events, mean intensity, level) per pair of coordinates, as
    store/overview.places groups them. The level is the largest of those stored at the coordinates (the
    plain query reads its first event's; events at the same coordinates are at the same place)."""
    rows = store.execute(
        "SELECT nullif(max(p.name), '') AS name, nullif(max(p.country), ''), p.lat, p.lon,"
        " sum(p.events) AS n,"
        " sum(p.intensity_sum), sum(p.intensity_events), nullif(max(p.level), '') FROM totals_by_place p"
        " WHERE p.events > 0 GROUP BY p.lat, p.lon ORDER BY n DESC, name LIMIT ?", (limit,)).fetchall()
    return [(name, country, lat, lon, int(n), _mean(total, counted), level)
            for name, country, lat, lon, n, total, counted, level in rows]


def facet(store: Store, name: str, limit: int) -> list[tuple[str | None, int]]:
    """(value or None, events) of one facet over every event, most first, as store/overview.facets
    orders them."""
    rows = store.execute("SELECT nullif(f.value, '') AS v, f.events AS n FROM totals_by_facet f"
                         " WHERE f.facet = ? AND f.events > 0 ORDER BY n DESC, v LIMIT ?",
                         (name, limit)).fetchall()
    return [(value, int(n)) for value, n in rows]


def facet_counts(store: Store, name: str) -> tuple[tuple[str, int], ...]:
    """(value, events) of every value of a facet, most first, then by value: `eventwire stats`' order
    (the events without a type, "-", first among equals, as NULL sorts first there)."""
    rows = store.execute("SELECT value, events FROM totals_by_facet WHERE facet = ? AND events > 0",
                         (name,)).fetchall()
    return tuple(sorted(((value, int(n)) for value, n in rows), key=lambda row: (-row[1], row[0] != NO_TYPE,
                                                                                 row[0])))


def actor_names(store: Store, actor_ids: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
    """The largest name and country the stored participants give each actor id (either may be None)."""
    if not actor_ids:
        return {}
    rows = store.execute(
        "SELECT actor_id, nullif(max(name), ''), nullif(max(country), '') FROM totals_by_actor_name"
        f" WHERE actor_id IN ({placeholders(actor_ids)}) AND participants > 0 GROUP BY actor_id",
        list(actor_ids)).fetchall()
    return {actor_id: (name, country) for actor_id, name, country in rows}


def active_actors(store: Store, limit: int) -> list[tuple[str, str | None, str | None, int]]:
    """(actor id, name, country, events) of the `limit` actors in most events, most first, then by id; the
    name and country are the largest the participants give (as the filtered query reads them)."""
    rows = store.execute("SELECT actor_id, events FROM totals_by_actor WHERE events > 0"
                         " ORDER BY events DESC, actor_id LIMIT ?", (limit,)).fetchall()
    names = actor_names(store, [actor_id for actor_id, _ in rows])
    return [(actor_id, *names.get(actor_id, (None, None)), int(n)) for actor_id, n in rows]


def _mean(total: Any, counted: Any) -> float | None:
    return round(float(total) / int(counted), 3) if counted else None

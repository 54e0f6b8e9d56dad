"""Reading stored events back: filters, pages, full-text search and aggregates.

An `EventQuery` is compiled to one WHERE clause whose values are all bound parameters, never formatted
into the SQL, so a filter value can hold any text. Pages are sorted by the event's date (its start, for
ranges; undated events first) and then by event id, which makes the order total and stable.

Filters of different kinds must all hold; several values of one filter are alternatives. The actor
filters (id, country, sector, role) must all hold for one and the same participant.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

import yaml

from eventwire.store import totals
from eventwire.store.backend import Backend, placeholders, search_terms
from eventwire.store.geo import cells_within, latitude_reach, longitude_reach

if TYPE_CHECKING:
    from eventwire.store.store import Store


ActorRole = Literal["source", "target", "any"]
Period = Literal["day", "week", "month"]
GroupBy = Literal["type", "quad_class"]

ACTOR_ROLES: tuple[str, ...] = ("source", "target", "any")
PERIODS: tuple[str, ...] = ("day", "week", "month")
GROUPINGS: tuple[str, ...] = ("type", "quad_class")
NO_TYPE = "-"  # the group of CAMEO-only events (statements, appeals), which have no PLOVER type

_CAMEO_PREFIX = re.compile(r"^\d{1,4}$")
_COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")


class QueryError(ValueError):
    """A filter value that cannot be used, naming the filter (`option`) so a command can point at it."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option = option
        self.reason = message


@dataclass(frozen=True, slots=True)
class Near:
    """Events located within radius_km (great-circle distance) of a point."""

    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True, slots=True)
class EventQuery:
    actor_ids: tuple[str, ...] = ()
    actor_countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-3 or organisation code (UNO, EUR, IGO)
    actor_sectors: tuple[str, ...] = ()
    actor_role: ActorRole = "any"
    types: tuple[str, ...] = ()  # PLOVER categories; "-" selects events without one
    modes: tuple[str, ...] = ()
    factualities: tuple[str, ...] = ()
    cameo_prefixes: tuple[str, ...] = ()
    quad_classes: tuple[int, ...] = ()
    since: date | None = None  # the event's date, inclusive
    until: date | None = None
    location_countries: tuple[str, ...] = ()
    near: Near | None = None
    outlets: tuple[str, ...] = ()
    text: str | None = None  # words (all must occur) and "quoted phrases" in the evidence sentence
    min_confidence: float | None = None
    # Added for the web page (issue #18): one source and one target side at once (a network edge), the
    # exact coordinates of a place (a map circle), and ranges of intensity and confidence.
    source_ids: tuple[str, ...] = ()  # some source participant is one of these (ids or country:XXX)
    target_ids: tuple[str, ...] = ()
    at: tuple[float, float] | None = None  # (lat, lon): events located at exactly these coordinates
    min_intensity: float | None = None
    max_intensity: float | None = None
    max_confidence: float | None = None
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        vocabulary = _vocabulary()
        for value in self.types:
            if value != NO_TYPE and value not in vocabulary.types:
                known = ", ".join(vocabulary.types)
                raise QueryError("type", f"unknown PLOVER type {value!r} (one of {known}, or {NO_TYPE})")
        for value in self.factualities:
            if value not in vocabulary.factualities:
                raise QueryError("factuality", f"unknown factuality {value!r}"
                                               f" (one of {', '.join(vocabulary.factualities)})")
        for value in self.cameo_prefixes:
            if not _CAMEO_PREFIX.match(value):
                raise QueryError("cameo", f"{value!r} is not a CAMEO code prefix (1 to 4 digits, e.g. 19)")
        for value in self.quad_classes:
            if value not in (1, 2, 3, 4):
                raise QueryError("quad-class", f"{value!r} is not a quad class (1, 2, 3 or 4)")
        for value in self.location_countries:
            if not _COUNTRY_CODE.match(value):
                raise QueryError("place-country",
                                 f"{value!r} is not an ISO 3166-1 alpha-3 code (three capitals, e.g. UKR)")
        if self.actor_role not in ACTOR_ROLES:
            raise QueryError("actor-role", f"{self.actor_role!r} is not one of {', '.join(ACTOR_ROLES)}")
        if self.since and self.until and self.since > self.until:
            raise QueryError("since", f"{self.since} is after --until {self.until}")
        if self.near is not None:
            near = self.near
            if not (-90 <= near.lat <= 90 and -180 <= near.lon <= 180):
                raise QueryError("near", f"{near.lat},{near.lon} is not a latitude,longitude in degrees")
            if not near.radius_km > 0:
                raise QueryError("radius", f"{near.radius_km} km: the radius must be more than 0")
        if self.text is not None and not search_terms(self.text):
            raise QueryError("text", "give at least one word to search for")
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            raise QueryError("min-confidence", f"{self.min_confidence} is not between 0 and 1")
        if self.max_confidence is not None and not 0 <= self.max_confidence <= 1:
            raise QueryError("max-confidence", f"{self.max_confidence} is not between 0 and 1")
        for option, bound in (("min-intensity", self.min_intensity), ("max-intensity", self.max_intensity)):
            if bound is not None and not -10 <= bound <= 10:
                raise QueryError(option, f"{bound} is not between -10 and 10 (PLOVER intensity)")
        if (self.min_intensity is not None and self.max_intensity is not None
                and self.min_intensity > self.max_intensity):
            raise QueryError("min-intensity",
                             f"{self.min_intensity} is above the maximum {self.max_intensity}")
        if self.at is not None and not (-90 <= self.at[0] <= 90 and -180 <= self.at[1] <= 180):
            raise QueryError("at", f"{self.at[0]},{self.at[1]} is not a latitude,longitude in degrees")
        if self.limit is not None and self.limit < 0:
            raise QueryError("limit", f"{self.limit} is negative")
        if self.offset < 0:
            raise QueryError("offset", f"{self.offset} is negative")


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One stored event: the public record plus the article facts an export needs."""

    event_id: str
    article_id: str
    date_start: str | None
    record: dict[str, Any]
    article_text_length: int
    ingested_at: str
    origin: str
    sentence_number: int  # 1-based rank of the evidence sentence among the article's coded sentences
    in_lead_paragraph: bool  # the sentence starts before the article's first line break
    # The real-world event this mention belongs to (cross-article deduplication) and its counts.
    cluster_id: str | None = None
    cluster_mentions: int = 1
    cluster_sources: int = 1
    cluster_articles: int = 1


@dataclass(frozen=True, slots=True)
class PeriodCount:
    period: str  # day: 2024-03-05; week: its Monday, 2024-03-04; month: 2024-03
    group: str  # PLOVER type ("-" for none) or quad class ("1".."4", "-" for none)
    events: int


@dataclass(frozen=True, slots=True)
class PeriodIntensity:
    period: str
    mean_intensity: float | None
    events: int  # events with an intensity in the period


@dataclass(frozen=True, slots=True)
class Dyad:
    source: str
    target: str
    events: int


@dataclass(frozen=True, slots=True)
class Vocabulary:
    types: tuple[str, ...]
    factualities: tuple[str, ...]


@functools.cache
def _vocabulary() -> Vocabulary:
    # Read from the ontology data directly: importing eventwire.events would load the coder (~1 s).
    text = (resources.files("eventwire.data") / "events" / "plover.yaml").read_text(encoding="utf-8")
    plover = yaml.safe_load(text)
    return Vocabulary(tuple(plover["types"]), tuple(plover["factuality"]))


# --- compiling ------------------------------------------------------------------------------------------


@dataclass
class _Where:
    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def _prefix_upper_bound(prefix: str) -> str:
    # The smallest string greater than every string starting with prefix (digits only: '9' -> ':').
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


# Filters answered through a second table (participants, articles, the search index), and the three ways
# of writing one (see plan_filters, which chooses; measured on 1M events, docs/exports.md):
# * "collect": IN, the database collects the matching ids first, then sorts them (fast when few match);
# * "member": the events are read in page order, each checked against the matching ids collected once
#   into a temporary index (SQLite's unary + keeps IN from driving the look-up), so reading stops after the
#   page (fast for a middling share: Poland as source, 27 -> 6 ms);
# * "probe": read in page order, each event probed with a correlated EXISTS, nothing collected (fast when
#   a large share matches: USA as source, 690 -> 0.5 ms; a rare country, 2 -> 400 ms).
SECOND_TABLE_FILTERS: tuple[str, ...] = ("actor", "outlet", "text")
# The radius filter has two of these forms: "collect" reads the grid cells from their index, then sorts the
# matches; "probe" reads events in page order and measures each (fast when the circle holds a large share:
# 200 km around Gaza, 67,000 of 1M events: 68 -> 0.4 ms).
PLANNED_FILTERS: tuple[str, ...] = (*SECOND_TABLE_FILTERS, "near")
Form = Literal["collect", "member", "probe"]
FORMS: tuple[str, ...] = ("collect", "member", "probe")


def _has_actor_filter(query: EventQuery) -> bool:
    return bool(query.actor_ids or query.actor_countries or query.actor_sectors or query.actor_role != "any")


# An actor value `country:XXX` stands for the participants known only by their country (no knowledge-base
# id), as the network draws them together with the country's own actor (ew:XXX): the page's node for a
# country filters on both, `actor=ew:RUS&actor=country:RUS`.
COUNTRY_ONLY_PREFIX = "country:"


def _actor_id_condition(values: tuple[str, ...], hide: str = "") -> tuple[str, list[Any]]:
    """SQL over participant `a` true when it is one of `values` (ids, or country:XXX as above)."""
    ids = tuple(v for v in values if not v.startswith(COUNTRY_ONLY_PREFIX))
    countries = tuple(v.removeprefix(COUNTRY_ONLY_PREFIX) for v in values
                      if v.startswith(COUNTRY_ONLY_PREFIX))
    options = [f"{hide}a.actor_id IN ({placeholders(ids)})"] if ids else []
    if countries:
        options.append(f"({hide}a.actor_id IS NULL AND {hide}a.country IN ({placeholders(countries)}))")
    sql = options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")"
    return sql, [*ids, *countries]


def _actor_conditions(query: EventQuery, backend: Backend, hidden: bool) -> tuple[str, list[Any]]:
    # Hidden: the filter columns are kept from the index choice (SQLite's unary +), so a probe is a look-up
    # by event id, not a scan of every participant of the country.
    hide = "+" if hidden and backend.name == "sqlite" else ""
    actor: list[str] = []
    params: list[Any] = []
    if query.actor_ids:
        condition, values = _actor_id_condition(query.actor_ids, hide)
        actor.append(condition)
        params.extend(values)
    for column, values in (("country", query.actor_countries), ("sector", query.actor_sectors)):
        if values:
            actor.append(f"{hide}a.{column} IN ({placeholders(values)})")
            params.extend(values)
    if query.actor_role != "any":
        actor.append("a.role = ?")
        params.append(query.actor_role)
    return " AND ".join(actor), params


def _participant_conditions(query: EventQuery, backend: Backend) -> tuple[str, list[Any]]:
    """The actor filters and, as the participants carry their event's type and date (migration 0007), the
    event's type and date filters too: they narrow the participants read to the matching events (USA,
    one type, one year on 1M events: ~80,000 participant rows -> ~4,000)."""
    conditions, params = _actor_conditions(query, backend, hidden=False)
    carried = _Where()
    _add_type_and_dates(carried, query, "a")
    return " AND ".join([conditions, *carried.clauses]), [*params, *carried.params]


def _where(query: EventQuery, backend: Backend, forms: Mapping[str, Form] | None = None) -> _Where:
    # forms: how to write each of the PLANNED_FILTERS (see plan_filters); "collect" when not given.
    forms = forms or {}
    # Unary + is SQLite's way to keep a term from choosing the index; PostgreSQL has no such need (and no +
    # on text): its planner makes the same semi-join of every form.
    hide = "+" if backend.name == "sqlite" else ""
    where = _Where()
    if _has_actor_filter(query):
        form = forms.get("actor", "collect")
        if form == "probe":
            conditions, params = _actor_conditions(query, backend, hidden=True)
            where.add("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id"
                      f" AND {conditions})", *params)
        else:
            conditions, params = _participant_conditions(query, backend)
            lead = hide if form == "member" else ""
            where.add(f"{lead}e.event_id IN (SELECT a.event_id FROM event_actors a WHERE {conditions})",
                      *params)
    _add_type_and_dates(where, query, "e")
    if query.modes:
        where.add(f"e.mode IN ({placeholders(query.modes)})", *query.modes)
    if query.factualities:
        where.add(f"e.factuality IN ({placeholders(query.factualities)})", *query.factualities)
    if query.cameo_prefixes:
        ranges = " OR ".join("(e.cameo >= ? AND e.cameo < ?)" for _ in query.cameo_prefixes)
        bounds = [bound for prefix in query.cameo_prefixes for bound in (prefix, _prefix_upper_bound(prefix))]
        where.add(f"({ranges})", *bounds)
    if query.quad_classes:
        where.add(f"e.quad_class IN ({placeholders(query.quad_classes)})", *query.quad_classes)
    if query.location_countries:
        where.add(f"e.location_country IN ({placeholders(query.location_countries)})",
                  *query.location_countries)
    if query.near:
        _add_near(where, query.near, hidden=forms.get("near") == "probe")
    if query.outlets:
        outlets = placeholders(query.outlets)
        form = forms.get("outlet", "collect")
        if form == "probe":
            where.add(f"EXISTS (SELECT 1 FROM articles ar WHERE ar.id = e.article_id"
                      f" AND {hide}ar.source IN ({outlets}))", *query.outlets)
        else:
            lead = hide if form == "member" else ""
            where.add(f"{lead}e.article_id IN (SELECT id FROM articles WHERE source IN ({outlets}))",
                      *query.outlets)
    if query.text:
        search = backend.text_search(query.text)
        if search is not None:  # EventQuery refuses text without a word, so always
            form = forms.get("text", "collect")
            # The event's search row by its unique event_id, then either the one FTS row (CROSS JOIN keeps
            # this order) or the set of matching FTS rows collected once. PostgreSQL's search is a column of
            # the event: nothing to choose.
            if form == "probe" and backend.name == "sqlite":
                where.add("EXISTS (SELECT 1 FROM event_search s CROSS JOIN events_fts f ON f.rowid = s.id"
                          " WHERE s.event_id = e.event_id AND events_fts MATCH ?)", search[1])
            elif form == "member" and backend.name == "sqlite":
                where.add("EXISTS (SELECT 1 FROM event_search s WHERE s.event_id = e.event_id"
                          " AND s.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?))", search[1])
            else:
                where.add(search[0], search[1])
    if query.min_confidence is not None:
        where.add("e.confidence >= ?", query.min_confidence)
    if query.max_confidence is not None:
        where.add("e.confidence <= ?", query.max_confidence)
    if query.min_intensity is not None:
        where.add("e.intensity >= ?", query.min_intensity)
    if query.max_intensity is not None:
        where.add("e.intensity <= ?", query.max_intensity)
    for role, values in (("source", query.source_ids), ("target", query.target_ids)):
        if values:
            condition, params = _actor_id_condition(values)
            where.add("e.event_id IN (SELECT a.event_id FROM event_actors a"
                      f" WHERE a.role = ? AND {condition})", role, *params)
    if query.at is not None:
        where.add("e.lat = ? AND e.lon = ?", *query.at)
    return where


# More cells than this (a radius of ~2,000 km at the equator) and the radius filter skips the grid.
GRID_CELLS_AT_MOST = 2_000


def _add_type_and_dates(where: _Where, query: EventQuery, alias: str) -> None:
    # The event's type and date range, on the events (e) or on the participants, which carry both (a).
    if query.types:
        named = tuple(t for t in query.types if t != NO_TYPE)
        options = [f"{alias}.type IN ({placeholders(named)})"] if named else []
        if NO_TYPE in query.types:
            options.append(f"{alias}.type IS NULL")
        where.add("(" + " OR ".join(options) + ")", *named)
    if query.since:
        where.add(f"{alias}.date_start >= ?", query.since.isoformat())
    if query.until:
        where.add(f"{alias}.date_start <= ?", query.until.isoformat())


def _add_near(where: _Where, near: Near, hidden: bool = False) -> None:
    # The grid cells the circle touches (an index answers them), then the exact distance. Without the
    # grid (a huge circle), a bounding box. The box is not added to the cells: it says nothing the cells
    # do not, and PostgreSQL, taking the three conditions as independent, then expected ~1% of the
    # events a dense circle holds and sorted 67,000 of them for a page.
    # hidden: the grid must not choose the index (a dense circle is read in page order, see plan_filters).
    cells = cells_within(near.lat, near.lon, near.radius_km, GRID_CELLS_AT_MOST)
    if cells is not None:
        column = "(e.geo_cell + 0)" if hidden else "e.geo_cell"
        where.add(f"{column} IN ({placeholders(tuple(cells))})", *cells)
    else:
        dlat = latitude_reach(near.radius_km)
        where.add("e.lat BETWEEN ? AND ?", near.lat - dlat, near.lat + dlat)
        dlon = longitude_reach(near.lat, near.radius_km)
        if dlon < 180 and near.lon - dlon >= -180 and near.lon + dlon <= 180:
            where.add("e.lon BETWEEN ? AND ?", near.lon - dlon, near.lon + dlon)
    where.add("ew_distance_km(e.lat, e.lon, ?, ?) <= ?", near.lat, near.lon, near.radius_km)


# --- reading --------------------------------------------------------------------------------------------

def _order(backend: Backend, newest_first: bool = False, alias: str = "e") -> str:
    # Page order: undated events first, then by date and id; newest_first is its exact reverse.
    if newest_first:
        return f" ORDER BY {backend.desc_nulls_last(f'{alias}.date_start')}, {alias}.event_id DESC"
    return f" ORDER BY {backend.nulls_first(f'{alias}.date_start')}, {alias}.event_id"


def _page(query: EventQuery, backend: Backend) -> tuple[str, list[Any]]:
    if query.limit is None and not query.offset:
        return "", []
    return " LIMIT ? OFFSET ?", [backend.no_limit if query.limit is None else query.limit, query.offset]


# Cost in microseconds, per kind of filter, of collecting and sorting one matching id ("collect"), of
# collecting one into the temporary index ("member", build), of checking one event read in page order
# against it ("member", check) and of probing one ("probe"); measured on 1M events (bench/queries.py).
_COSTS: dict[str, tuple[float, float, float, float]] = {
    "actor": (5.5, 0.3, 0.3, 3.8),
    # An outlet is checked on the event's article_id, which the page-order index lacks: each event read
    # costs a row look-up whatever the form, so probing (the articles' index by id) is nearly as cheap.
    "outlet": (2.5, 0.1, 1.9, 2.0),
    "text": (7.0, 0.25, 2.5, 80.0),  # an FTS5 probe parses and seeks the term's doclist each time
    # No member form: building it costs what collecting does and checking is free, so it never wins.
    "near": (1.0, 1.0, 0.0, 1.0),
}


def _matching_rows_sql(query: EventQuery, backend: Backend, kind: str) -> tuple[str, list[Any]] | None:
    """SELECT of one row per match of a second-table filter (per article for outlets), from its index
    alone (an event with two matching participants counts twice: an estimate); None when it has none."""
    if kind == "actor" and _has_actor_filter(query):
        conditions, params = _participant_conditions(query, backend)
        return f"SELECT 1 FROM event_actors a WHERE {conditions}", params
    if kind == "outlet" and query.outlets:
        # The outlet's articles, not its events: counting those reads every article's events (80 ms for a
        # common outlet on 1M events); plan_filters scales the count by the events an article holds.
        return (f"SELECT 1 FROM articles ar WHERE ar.source IN ({placeholders(query.outlets)})",
                list(query.outlets))
    if kind == "text" and query.text and backend.name == "sqlite":
        search = backend.text_search(query.text)
        if search is not None:
            return "SELECT 1 FROM events_fts WHERE events_fts MATCH ?", [search[1]]
    if kind == "near" and query.near:
        near = query.near
        cells = cells_within(near.lat, near.lon, near.radius_km, GRID_CELLS_AT_MOST)
        if cells is not None:  # the events in the circle's cells: an upper bound of those in the circle
            return f"SELECT 1 FROM events e WHERE e.geo_cell IN ({placeholders(tuple(cells))})", cells
    return None


def _cheapest(kind: str, matches: int, wanted: int, events: int) -> Form:
    collect, build, check, probe = _COSTS[kind]
    # Read in page order, the page is complete after about wanted * events / matches events.
    read = wanted * events / max(matches, 1)
    costs: dict[Form, float] = {"collect": collect * matches, "member": build * matches + check * read,
                                "probe": probe * read}
    return min(costs, key=lambda form: costs[form])


def plan_filters(store: Store, query: EventQuery) -> dict[str, Form]:
    """How a page of `query` best reads each of its filters through a second table (see _where).

    The forms cost about matches (collect), matches plus the events read in page order (member), and the
    events read (probe), where reading stops after about (offset + limit) * events / matches events. The
    matches are counted from the index, never beyond the count where probing becomes the cheapest (a few
    ms at most). SQLite only: PostgreSQL's planner turns every form into the same semi-join, and gets IN."""
    backend = store.backend
    if query.limit is None or backend.name != "sqlite":
        return {}
    kinds = [kind for kind in PLANNED_FILTERS if _matching_rows_sql(query, backend, kind) is not None]
    if not kinds:
        return {}
    # The largest rowid: the number of events, give or take rows deleted (O(log n), unlike count(*)).
    (events,) = store.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()
    wanted = query.offset + query.limit
    forms: dict[str, Form] = {}
    for kind in kinds:
        rows_sql, params = _matching_rows_sql(query, backend, kind)  # type: ignore[misc]
        per_row = 1.0  # events per row counted
        if kind == "outlet":
            (articles,) = store.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()
            per_row = int(events) / max(int(articles), 1)
        _, build, check, probe = _COSTS[kind]
        # Past this many matches probing beats the member form; counting further changes nothing.
        enough = min(math.isqrt(int((probe - check) / build * wanted * int(events))) + 1, 2**62)
        (rows,) = store.execute(f"SELECT count(*) FROM ({rows_sql} LIMIT ?) AS m",
                                [*params, math.ceil(enough / per_row)]).fetchone()
        forms[kind] = _cheapest(kind, round(int(rows) * per_row), wanted, int(events))
    return forms


def _only_filter(query: EventQuery) -> str | None:
    """The one second-table filter of a query that has no other filter, else None. The participants carry
    their event's type and date, so an actor filter may come with those."""
    bare = replace(query, actor_ids=(), actor_countries=(), actor_sectors=(), actor_role="any", outlets=(),
                   text=None, limit=None, offset=0)
    present = [kind for kind, there in (("actor", _has_actor_filter(query)), ("outlet", bool(query.outlets)),
                                        ("text", query.text is not None)) if there]
    if len(present) != 1:
        return None
    if present == ["actor"]:
        bare = replace(bare, types=(), since=None, until=None)
    return present[0] if bare == EventQuery() else None


def _index_count(store: Store, query: EventQuery, at_most: int | None) -> int | None:
    """The total of a query filtering on participants (with the event's type and dates), an outlet or words
    only, from their indexes alone (no look-up of each matching event: USA as source on 1M events,
    184 -> 33 ms; USA, one type, one year: 68 -> ~5 ms); None for other queries."""
    backend = store.backend
    kind = _only_filter(query)
    cap, cap_params = _cap(at_most)
    if kind == "actor":
        conditions, params = _participant_conditions(query, backend)
        # Participant rows always belong to a stored event (foreign key); an event with several matching
        # participants counts once.
        sql = f"SELECT DISTINCT a.event_id FROM event_actors a WHERE {conditions}"
    elif kind == "outlet":
        # Each event is in one article: the outlet's articles from their index, then each article's events
        # from theirs (a common outlet, counting stopped at 10,001: 74 -> 9 ms on 1M events).
        sql = (f"SELECT 1 FROM articles ar JOIN events e ON e.article_id = ar.id"
               f" WHERE ar.source IN ({placeholders(query.outlets)})")
        params = list(query.outlets)
    elif kind == "text" and backend.name == "sqlite":
        search = backend.text_search(query.text or "")
        if search is None:
            return None
        # One FTS row per stored event, kept so by the triggers of migration 0003.
        sql, params = "SELECT 1 FROM events_fts WHERE events_fts MATCH ?", [search[1]]
    else:
        return None
    (count,) = store.execute(f"SELECT count(*) FROM ({sql}{cap}) AS m", [*params, *cap_params]).fetchone()
    return int(count)


def _cap(at_most: int | None) -> tuple[str, list[Any]]:
    if at_most is None:
        return "", []
    if at_most < 0:
        raise QueryError("at_most", f"{at_most} is negative")
    return " LIMIT ?", [at_most]


def page_ids_sql(store: Store, query: EventQuery, forms: Mapping[str, Form] | None = None,
                 newest_first: bool = False) -> tuple[str, list[Any]]:
    """SELECT of the ids of the page of `query` (column `id`, in page order, or its reverse), with its
    parameters; the filters through a second table written in the forms plan_filters chose (or the
    `forms` given)."""
    backend = store.backend
    page, page_params = _page(query, backend)
    if forms is None:
        from_participants = _participant_page_sql(store, query)
        if from_participants is not None:
            sql = from_participants[0] + _order(backend, newest_first, alias="a") + page
            return sql, [*from_participants[1], *page_params]
    where = _where(query, backend, plan_filters(store, query) if forms is None else forms)
    return ("SELECT e.event_id AS id FROM events e" + where.sql() + _order(backend, newest_first) + page,
            [*where.params, *page_params])


# A page of a participant filter with the event's type and dates only is read from the participant index
# when it matches at most this many participant rows (sorting them costs a few ms).
PARTICIPANT_PAGE_AT_MOST = 10_000


def _participant_page_sql(store: Store, query: EventQuery) -> tuple[str, list[Any]] | None:
    """The page's ids in page order from the participants alone (they carry the event's date), for a
    query that filters on participants and the event's type and dates only, with few matches; else None.
    PostgreSQL otherwise joined ~10,000 events of the type and year to the country's participants (USA,
    REQUEST, 2021 on 1M events: 170 -> ~30 ms at p95 for the page with its records)."""
    if query.limit is None or _only_filter(query) != "actor":
        return None
    backend = store.backend
    conditions, params = _participant_conditions(query, backend)
    (rows,) = store.execute(f"SELECT count(*) FROM (SELECT 1 FROM event_actors a WHERE {conditions} LIMIT ?)"
                            " AS m", [*params, PARTICIPANT_PAGE_AT_MOST + 1]).fetchone()
    if int(rows) > PARTICIPANT_PAGE_AT_MOST:
        return None
    # One row per event (two matching participants of one event are one match); the caller orders it.
    return (f"SELECT a.event_id AS id FROM event_actors a WHERE {conditions}"
            " GROUP BY a.date_start, a.event_id"), params


def _page_records_sql(store: Store, query: EventQuery) -> tuple[str, list[Any]]:
    backend = store.backend
    ids, params = page_ids_sql(store, query)
    # The page's ids first (from the indexes when they cover the filter), then only those rows' records.
    return (f"SELECT e.record FROM ({ids}) AS page {backend.forced_join} events e ON e.event_id = page.id"
            + _order(backend)), params


def page_record_texts(store: Store, query: EventQuery) -> list[str]:
    """The JSON text of each event record on the page of `query`, in page order (as find_events)."""
    sql, params = _page_records_sql(store, query)
    return [row[0] for row in store.execute(sql, params).fetchall()]


def iter_events(store: Store, query: EventQuery, newest_first: bool = False) -> Iterator[StoredEvent]:
    """The matching events in page order (or its reverse), read lazily (exports stream through this)."""
    backend = store.backend
    ids, params = page_ids_sql(store, query, newest_first=newest_first)
    order = _order(backend, newest_first)
    newline = backend.position("a.text", backend.newline)
    # Two steps: the page's ids first (from the indexes alone when they cover the filter), then the records
    # and article facts of those rows only, so a sort or a deep offset never carries the JSON records.
    sql = ("SELECT e.event_id, e.article_id, e.date_start, e.record, length(a.text), a.ingested_at, a.origin,"
           " (SELECT count(DISTINCT x.sentence_start) FROM events x"
           "  WHERE x.article_id = e.article_id AND x.sentence_start <= e.sentence_start),"
           f" {newline} = 0 OR e.sentence_start < {newline},"
           " e.cluster_id, coalesce(c.mentions, 1), coalesce(c.sources, 1), coalesce(c.articles, 1)"
           f" FROM ({ids}) AS page"
           f" {backend.forced_join} events e ON e.event_id = page.id JOIN articles a ON a.id = e.article_id"
           " LEFT JOIN event_clusters c ON c.cluster_id = e.cluster_id" + order)
    for row in store.stream(sql, params):
        yield StoredEvent(row[0], row[1], row[2], json.loads(row[3]), row[4], row[5], row[6], row[7],
                          bool(row[8]), row[9], row[10], row[11], row[12])


def find_events(store: Store, query: EventQuery) -> list[StoredEvent]:
    return list(iter_events(store, query))


def count_events(store: Store, query: EventQuery, at_most: int | None = None) -> int:
    """How many events match, ignoring the page (limit and offset); with `at_most`, counting stops there
    (the result is min(matches, at_most)): on millions of events a common filter matches hundreds of
    thousands, and counting them all is most of a page's time (a common word on PostgreSQL: 2.5-7 s)."""
    counted = _index_count(store, query, at_most)
    if counted is not None:
        return counted
    backend = store.backend
    # Capped, the count reads matches in no particular order and stops early, like a page of at_most
    # events: the second-table filters are best written as for such a page. Not the radius: with no page
    # order to follow, its grid index is the shortest way to any number of matches.
    forms = plan_filters(store, replace(query, limit=at_most, offset=0)) if at_most is not None else {}
    forms.pop("near", None)
    where = _where(query, backend, forms)
    cap, cap_params = _cap(at_most)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM events e{where.sql()}{cap}) AS m" if cap else \
        "SELECT count(*) FROM events e" + where.sql()
    (count,) = store.execute(sql, [*where.params, *cap_params]).fetchone()
    return int(count)


def explain(store: Store, query: EventQuery) -> list[str]:
    """The database's query plan of the page as GET /api/events reads it (page_record_texts: the page's
    ids, then their records), to check which index a filter uses."""
    backend = store.backend
    sql, params = _page_records_sql(store, query)
    return backend.plan_lines(store.execute(backend.explain(sql), params).fetchall())


# --- aggregates ------------------------------------------------------------------------------------------

_PERIOD_SQL: dict[str, Callable[[Backend], str]] = {
    "day": lambda backend: "e.date_start",
    "week": lambda backend: backend.week_start("e.date_start"),  # named by its Monday
    "month": lambda backend: "substr(e.date_start, 1, 7)",
}
_GROUP_SQL: dict[str, str] = {
    "type": f"coalesce(e.type, '{NO_TYPE}')",
    "quad_class": f"coalesce(CAST(e.quad_class AS TEXT), '{NO_TYPE}')",
}


def _check_period(by: str, backend: Backend) -> str:
    if by not in _PERIOD_SQL:
        raise QueryError("by", f"{by!r} is not one of {', '.join(PERIODS)}")
    return _PERIOD_SQL[by](backend)


# Dates precise enough to be drawn in a day/week/month bin; the others (a week, month or year, a fuzzy
# stretch) cover more than a day and are drawn as spans (store/overview.date_spans), not as their first day.
DAY_PRECISIONS: tuple[str, ...] = ("day", "time")


def counts_by_period(store: Store, query: EventQuery, by: Period = "month",
                     group: GroupBy = "type", day_precision_only: bool = False) -> list[PeriodCount]:
    """Events per period and group; undated events are left out (they belong to no period). With
    `day_precision_only`, so are events dated only to a week, month, year or a fuzzy stretch."""
    period = _check_period(by, store.backend)
    if group not in _GROUP_SQL:
        raise QueryError("group", f"{group!r} is not one of {', '.join(GROUPINGS)}")
    if totals.by_type_and_dates_only(query):  # counted on write (store/totals.py)
        return [PeriodCount(*row) for row in totals.counts_by_period(
            store, query, _PERIOD_SQL[by](store.backend).replace("e.date_start", "d.day"), group,
            day_precision_only)]
    where = _where(query, store.backend)
    where.add("e.date_start IS NOT NULL")
    if day_precision_only:
        where.add(f"(e.date_precision IS NULL OR e.date_precision IN ({placeholders(DAY_PRECISIONS)}))",
                  *DAY_PRECISIONS)
    sql = (f"SELECT {period} AS period, {_GROUP_SQL[group]} AS grp, count(*) FROM events e{where.sql()}"
           " GROUP BY period, grp ORDER BY period, count(*) DESC, grp")
    return [PeriodCount(*row) for row in store.execute(sql, where.params).fetchall()]


def intensity_by_period(store: Store, query: EventQuery, by: Period = "month") -> list[PeriodIntensity]:
    """Mean PLOVER intensity per period, over the events that have one."""
    period = _check_period(by, store.backend)
    if totals.by_type_and_dates_only(query):
        return [PeriodIntensity(*row) for row in totals.intensity_by_period(
            store, query, period.replace("e.date_start", "d.day"))]
    where = _where(query, store.backend)
    where.add("e.date_start IS NOT NULL")
    where.add("e.intensity IS NOT NULL")
    sql = (f"SELECT {period} AS period, avg(e.intensity), count(*) FROM events e{where.sql()}"
           " GROUP BY period ORDER BY period")
    return [PeriodIntensity(period, round(mean, 3), n)
            for period, mean, n in store.execute(sql, where.params).fetchall()]


# How a participant is named in a dyad: its country (or organisation) code, else its resolved name, else
# the words of the text.
_DYAD_LABEL = "coalesce({a}.country, {a}.name, {a}.text)"


def top_dyads(store: Store, query: EventQuery, limit: int = 10) -> list[Dyad]:
    """The most frequent source -> target pairs. An event with several sources or targets counts once for
    each distinct pair; events without a target have no dyad."""
    if limit < 0:
        raise QueryError("dyads", f"{limit} is negative")
    if totals.unfiltered(query):
        return [Dyad(*row) for row in totals.dyads(store, limit)]
    where = _where(query, store.backend)
    source, target = _DYAD_LABEL.format(a="s"), _DYAD_LABEL.format(a="t")
    sql = (
        f"SELECT src, tgt, count(*) FROM (SELECT DISTINCT e.event_id, {source} AS src, {target} AS tgt"
        " FROM events e JOIN event_actors s ON s.event_id = e.event_id AND s.role = 'source'"
        f" JOIN event_actors t ON t.event_id = e.event_id AND t.role = 'target'{where.sql()}) AS pairs"
        " GROUP BY src, tgt ORDER BY count(*) DESC, src, tgt LIMIT ?"
    )
    return [Dyad(*row) for row in store.execute(sql, [*where.params, limit]).fetchall()]


# --- articles, one event, an actor's events and counterparts, a cluster ---------------------------------

@dataclass(frozen=True, slots=True)
class ArticleListing:
    """One stored article as a list shows it: metadata and how many events were coded in it."""

    id: str  # content hash
    record_id: str | None
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    language: str | None
    near_duplicate_of: str | None
    events: int


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """One stored article whole: its metadata, clean text and events (their evidence offsets index into
    `text`), in text order."""

    id: str
    record_id: str | None
    title: str | None
    source: str | None
    url: str | None
    author: str | None
    published: str | None
    language: str | None
    near_duplicate_of: str | None
    text: str
    events: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class EventWithCluster:
    record: dict[str, Any]
    cluster_id: str | None


@dataclass(frozen=True, slots=True)
class Counterpart:
    """Who an actor dealt with: the participant on the other side of its events."""

    actor_id: str | None
    name: str  # knowledge-base name, else the words of the text
    country: str | None
    events: int


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One real-world event: every stored mention of it, with GDELT-style counts."""

    cluster_id: str
    type: str | None
    factuality: str
    date_start: str | None
    date_end: str | None
    location_country: str | None
    source_keys: tuple[str, ...]
    target_keys: tuple[str, ...]
    mentions: int
    articles: int
    sources: int
    events: tuple[dict[str, Any], ...]  # the mentions' event records, in the order they were stored


def count_articles(store: Store) -> int:
    (count,) = store.execute("SELECT count(*) FROM articles").fetchone()
    return int(count)


def list_articles(store: Store, *, limit: int, offset: int = 0) -> list[ArticleListing]:
    """Stored articles, newest publication first (undated last), then by id."""
    if limit < 0 or offset < 0:
        raise QueryError("limit" if limit < 0 else "offset", "must not be negative")
    rows = store.execute(
        "SELECT a.id, a.record_id, a.title, a.source, a.url, a.published, a.language, a.near_duplicate_of,"
        " (SELECT count(*) FROM events e WHERE e.article_id = a.id)"
        f" FROM articles a ORDER BY {store.backend.desc_nulls_last('a.published')}, a.id DESC"
        " LIMIT ? OFFSET ?",
        (limit, offset),
    ).fetchall()
    return [ArticleListing(*row) for row in rows]


def find_article(store: Store, article_id: str) -> StoredArticle | None:
    found = store.article(article_id)
    if found is None:
        return None
    meta = found.meta
    return StoredArticle(found.id, found.record_id, meta.title, meta.source, meta.url, meta.author,
                         meta.published, meta.language, store.near_duplicate_of(found.id), found.text,
                         tuple(store.event_records(found.id)))


def find_event(store: Store, event_id: str) -> EventWithCluster | None:
    row = store.execute(
        "SELECT record, cluster_id FROM events WHERE event_id = ?", (event_id,)
    ).fetchone()
    return EventWithCluster(json.loads(row[0]), row[1]) if row else None


def latest_events(store: Store, query: EventQuery, limit: int) -> list[StoredEvent]:
    """The `limit` matching events with the latest dates, newest first: the page order read backwards, so
    the same indexes serve it and nothing is skipped (an actor in 232,501 of 1M events: 3 s -> ms, where
    the first page was read at an offset of the total)."""
    if limit < 0:
        raise QueryError("limit", f"{limit} is negative")
    return list(iter_events(store, replace(query, limit=limit, offset=0), newest_first=True))


def top_counterparts(store: Store, actor_id: str, limit: int = 10) -> list[Counterpart]:
    """The participants most often on the other side of `actor_id`'s events (source <-> target), each event
    counted once per counterpart; an unresolved participant is told apart by its words."""
    if limit < 0:
        raise QueryError("limit", f"{limit} is negative")
    rows = store.execute(
        "SELECT max(o.actor_id), coalesce(max(o.name), max(o.text)), max(o.country),"
        " count(DISTINCT o.event_id) AS n"
        " FROM event_actors me JOIN event_actors o ON o.event_id = me.event_id AND o.role <> me.role"
        " WHERE me.actor_id = ? AND (o.actor_id IS NULL OR o.actor_id <> ?)"
        " GROUP BY coalesce(o.actor_id, 'text:' || lower(o.text))"
        " ORDER BY n DESC, 2 LIMIT ?",
        (actor_id, actor_id, limit),
    ).fetchall()
    return [Counterpart(*row) for row in rows]


def event_cluster(store: Store, cluster_id: str) -> EventCluster | None:
    row = store.execute(
        "SELECT cluster_id, type, factuality, date_start, date_end, location_country, source_keys,"
        " target_keys, mentions, articles, sources FROM event_clusters WHERE cluster_id = ?",
        (cluster_id,),
    ).fetchone()
    if row is None:
        return None
    events = tuple(json.loads(record) for (record,) in store.execute(
        "SELECT record FROM events WHERE cluster_id = ? ORDER BY rowid", (cluster_id,)
    ).fetchall())
    return EventCluster(*row[:6], tuple(json.loads(row[6])), tuple(json.loads(row[7])), *row[8:11],
                        events=events)


def count_clusters(store: Store) -> int:
    (count,) = store.execute("SELECT count(*) FROM event_clusters").fetchone()
    return int(count)


def event_counts_by_actor(store: Store, actor_ids: list[str]) -> dict[str, int]:
    """Stored events per actor id; a country's actor (ew:XXX) counts the participants known only by its
    code too (as the network draws them in its node)."""
    if not actor_ids:
        return {}
    countries = [i.removeprefix("ew:") for i in actor_ids if re.match(r"^ew:[A-Z]{3}$", i)]
    id_marks = placeholders(tuple(actor_ids))
    country_marks = placeholders(tuple(countries)) or "NULL"
    rows = store.execute(
        "SELECT coalesce(actor_id, 'ew:' || country) AS k, count(DISTINCT event_id) FROM event_actors"
        f" WHERE actor_id IN ({id_marks}) OR (actor_id IS NULL AND country IN ({country_marks})) GROUP BY k",
        [*actor_ids, *countries]).fetchall()
    return {key: int(n) for key, n in rows}

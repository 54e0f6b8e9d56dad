"""Query latency on a large store: filtered event pages and a year of daily counts (issue #7).

    python bench/queries.py [--db URL ...] [--events 1000000] [--repeat 30] [--json OUT]
    python bench/queries.py --copy-from STORE.db --db postgresql://... --db STORE-COPY.db

For each `--db` (a SQLite path or sqlite:/// URL, or a postgresql:// URL; default: a fresh SQLite file in
a temporary folder) the store is filled with `--events` generated events, unless it already holds events
(then it is measured as it is: a second run can reuse the store of the first). Generation goes through
the public Store API only (`Store.open`, `transaction()`, `add_article`, `replace_events`), many
articles per transaction, and is seeded, with a realistic skew: participants' countries and actors,
PLOVER types, outlets and evidence words follow Zipf-like laws; dates span seven years with more news in
later years and bursts around crises; places are region centres of the events' countries.

Articles are written newest day first by default (`--order oldest-first` is how news arrives). Before
clusters were bounded to a month (store/dedup.py), oldest-first loading read every earlier cluster of an
event's type for each new event and slowed as the store grew; both orders now read a month of clusters.

Through the Store API PostgreSQL stores ~190 events/s (1,000,000 would take 1.5 h). `--copy-from` fills
each empty PostgreSQL `--db` from a SQLite store instead: the target is opened with Store.open (so its
schema is our migrations', whatever their version), then every table both schemas have is copied with
COPY, in foreign-key order, in one transaction, rowids included (article_bands names articles by rowid);
SQLite's search tables are skipped (PostgreSQL generates its `search` column from the record as rows
arrive); identity sequences are moved past the copied rowids; then VACUUM ANALYZE. The row counts of
both stores are printed and must match. The source is opened read-only; to measure it too, pass a copy
of it as another `--db` (opening it runs our migrations on it).

Then, through eventwire.store.queries (what `eventwire events` and the API run), each query is timed
`--repeat` times with seeded parameters: a filtered page (`find_events`, 50 events) together with its
total (`count_events`), as GET /api/events answers it, for several filter mixes; and the daily counts by
PLOVER type over one calendar year (`counts_by_period(by="day")`). Aims: p95 under 100 ms for a page,
under 500 ms for the yearly aggregate. A query over its aim gets its plan printed (queries.explain).
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import itertools
import json
import math
import os
import platform
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire import countries as country_table

ROOT = Path(__file__).resolve().parents[1]
PAGE_AIM_MS = 100.0
YEARLY_AIM_MS = 500.0
PAGE_SIZE = 50
FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
ARTICLES_PER_TRANSACTION = 500
CODER_VERSION = "bench-queries-1"

# PLOVER type -> (weight in the news, CAMEO code); None: CAMEO-only statements.
TYPES: dict[str | None, tuple[float, str]] = {
    "CONSULT": (20, "040"), "ACCUSE": (12, "112"), "ASSAULT": (12, "190"), "AGREE": (8, "057"),
    "SUPPORT": (7, "051"), "REQUEST": (7, "100"), "COERCE": (6, "170"), "PROTEST": (6, "140"),
    "THREATEN": (5, "130"), "REJECT": (5, "120"), "COOPERATE": (4, "060"), "AID": (3, "070"),
    "SANCTION": (2, "160"), "MOBILIZE": (2, "150"), "CONCEDE": (1, "080"), "RETREAT": (1, "087"),
    None: (5, "010"),
}
FACTUALITIES = {"occurred": 80, "planned": 5, "promised": 3, "threatened": 4, "demanded": 3, "refused": 2,
                "denied": 2, "hypothetical": 1}
SECTORS = {"GOV": 50, "MIL": 15, "COP": 8, "REB": 7, "CVL": 12, "BUS": 5, "MED": 3}
# The countries most in the news first; the rest of the world follows in a fixed shuffled order.
HEAD_COUNTRIES = ["USA", "RUS", "UKR", "CHN", "ISR", "PSE", "IRN", "GBR", "FRA", "DEU", "IND", "TUR", "SYR",
                  "IRQ", "AFG", "PAK", "SAU", "JPN", "KOR", "PRK", "SDN", "ETH", "NGA", "VEN", "BRA", "MEX",
                  "LBN", "YEM", "EGY", "POL"]
VERBS = ["met", "accused", "attacked", "backed", "urged", "rejected", "warned", "arrested", "hosted",
         "criticised", "shelled", "signed a deal with", "called on", "sanctioned", "condemned", "praised"]
# Evidence words: a news vocabulary drawn by a Zipf law, so some words are in most sentences, most in few.
_NEWS_WORDS = (
    "officials said talks security forces government minister president military border attack ceasefire "
    "sanctions agreement troops protest election police capital region ministry spokesman statement "
    "opposition parliament leaders aid humanitarian refugees missile drone strike convoy negotiations "
    "summit trade energy oil gas pipeline nuclear inspectors embassy ambassador envoy delegation visit "
    "meeting council resolution vote court judge trial corruption investigation journalists media "
    "internet blackout curfew checkpoint militants rebels insurgents hostages prisoners exchange release "
    "withdrawal deployment exercises navy coast guard airspace violation shelling artillery casualties "
    "civilians hospital school village town province district governor mayor commander general colonel "
    "soldiers officers protesters demonstrators crowd tear teargas rubber bullets arrests detained "
    "charged convicted sentenced pardoned amnesty reform budget loan debt inflation currency bank "
    "investment tariffs exports imports grain fertiliser shipments port corridor bridge railway highway "
    "dam water drought floods earthquake relief reconstruction donors pledged billion million funding "
    "package weapons ammunition tanks jets helicopters satellite cyber hackers election ballot turnout "
    "campaign candidate coalition cabinet resignation impeachment referendum constitution decree "
    "emergency martial law sovereignty territory annexation occupation settlement blockade siege "
    "evacuation mediation mediator broker framework roadmap deadline ultimatum dialogue reconciliation "
    "amnesty transition junta coup mutiny uprising clashes violence killed wounded injured missing "
    "displaced"
)
WORDS = _NEWS_WORDS.split()


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    iso3: str
    lat: float
    lon: float


def _zipf_weights(count: int, exponent: float = 1.1) -> list[float]:
    return [1 / (rank ** exponent) for rank in range(1, count + 1)]


def _data_rows(name: str) -> list[dict[str, str]]:
    text = (resources.files("eventwire.data") / "places" / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


class World:
    """The seeded vocabulary the events are drawn from."""

    def __init__(self, rng: random.Random) -> None:
        # in ISO2 order, the order the seeded world was first drawn in (the same seed gives the same store)
        countries = sorted(country_table.all_countries(), key=lambda country: country.iso2)
        iso3_of = {country.iso2: country.iso3 for country in countries}
        others = sorted(country.iso3 for country in countries if country.iso3 not in HEAD_COUNTRIES)
        rng.shuffle(others)
        self.countries = HEAD_COUNTRIES + others
        self.country_weights = list(itertools.accumulate(_zipf_weights(len(self.countries))))
        self.places: dict[str, list[Place]] = {}
        for country in countries:
            self.places.setdefault(country.iso3, []).append(
                Place(f"{country.iso3} centre", country.iso3, country.lat, country.lon))
        for row in _data_rows("regions.csv"):
            iso3 = iso3_of.get(row["country"])
            if iso3 and row["lat"] and row["lon"]:
                self.places[iso3].append(Place(row["name"], iso3, float(row["lat"]), float(row["lon"])))
        # 40 named actors per country besides the country itself, the first ones far more often.
        self.actor_weights = list(itertools.accumulate(_zipf_weights(40)))
        self.outlets = [f"Outlet {number:02d} News" for number in range(60)]
        self.outlet_weights = list(itertools.accumulate(_zipf_weights(len(self.outlets), 0.9)))
        self.words = WORDS
        self.word_weights = list(itertools.accumulate(_zipf_weights(len(WORDS), 1.0)))
        self.types = list(TYPES)
        self.type_weights = list(itertools.accumulate(weight for weight, _ in TYPES.values()))
        self.factualities = list(FACTUALITIES)
        self.factuality_weights = list(itertools.accumulate(FACTUALITIES.values()))
        self.sectors = list(SECTORS)
        self.sector_weights = list(itertools.accumulate(SECTORS.values()))

    @staticmethod
    def pick(rng: random.Random, values: list, cumulative: list[float]) -> object:
        return values[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def day_weights(rng: random.Random) -> list[float]:
    """News volume per day: growing over the years, with 25 crises of a few weeks each."""
    days = (LAST_DAY - FIRST_DAY).days + 1
    weights = [1.0 + day / days for day in range(days)]
    for _ in range(25):
        centre, width, height = rng.randrange(days), rng.uniform(5, 25), rng.uniform(1, 6)
        for day in range(max(0, int(centre - 3 * width)), min(days, int(centre + 3 * width))):
            weights[day] += height * math.exp(-((day - centre) / width) ** 2 / 2)
    return weights


def events_per_day(total: int, weights: list[float]) -> list[int]:
    """Integer counts proportional to weights that add up to exactly `total`."""
    scale = total / sum(weights)
    counts, carried, given = [], 0.0, 0
    for weight in weights:
        carried += weight * scale
        count = int(carried) - given
        counts.append(count)
        given += count
    counts[-1] += total - given
    return counts


def generate(total: int, seed: int, newest_first: bool = True) -> Iterator[tuple[object, list[object]]]:
    """(Article, [Event]) pairs holding `total` events, 1 to 9 per article."""
    from eventwire.events import ActorRef, Event, EventDate, EventLocation, Evidence
    from eventwire.records import Article, ArticleMeta, content_hash

    plover = _plover()
    rng = random.Random(seed)
    world = World(rng)
    counts = events_per_day(total, day_weights(rng))
    days = range(len(counts) - 1, -1, -1) if newest_first else range(len(counts))
    number = 0

    def participant(text_offset: int) -> tuple[ActorRef, str]:
        country = str(world.pick(rng, world.countries, world.country_weights))
        sector = str(world.pick(rng, world.sectors, world.sector_weights))
        if rng.random() < 0.6:
            words, actor_id, name, kind = country, f"ew:{country}", country, "country"
        else:
            rank = int(bisect.bisect(world.actor_weights, rng.random() * world.actor_weights[-1]))
            actor_id = f"ew:{country.lower()}-actor-{rank:02d}"
            words = name = f"Actor {rank:02d} of {country}"
            kind = "person"
        return ActorRef(words, text_offset, text_offset + len(words), actor_id, name, country, sector,
                        kind=kind), country

    for day in days:
        remaining = counts[day]
        date = (FIRST_DAY + dt.timedelta(days=day)).isoformat()
        while remaining:
            size = min(remaining, rng.randint(1, 9))
            remaining -= size
            number += 1
            outlet = str(world.pick(rng, world.outlets, world.outlet_weights))
            published = (FIRST_DAY + dt.timedelta(days=day + rng.choice([0, 0, 1, 2]))).isoformat()
            sentences, specs = [], []
            offset = 0
            for _ in range(size):
                source, source_country = participant(offset)
                verb = rng.choice(VERBS)
                target_offset = source.end + 1 + len(verb) + 1
                target, target_country = participant(target_offset)
                places = world.places.get(target_country) or world.places[source_country]
                place = rng.choice(places)
                filler = " ".join(str(world.pick(rng, world.words, world.word_weights)) for _ in range(6))
                sentence = f"{source.text} {verb} {target.text} in {place.name}, {filler}."
                sentences.append(sentence)
                specs.append((offset, sentence, source, verb, target, place))
                offset += len(sentence) + 1
            text = f"REF-{seed}-{number}\n" + "\n".join(sentences)
            shift = len(f"REF-{seed}-{number}\n")
            article = Article(id=content_hash(text), text=text, origin=f"bench:{number}",
                              meta=ArticleMeta(title=f"Report {number}", source=outlet,
                                               url=f"https://outlet.example/{number}", published=published))
            events = []
            for start, sentence, source, verb, target, place in specs:
                kind = world.pick(rng, world.types, world.type_weights)
                quad, intensity, modes = plover.get(kind, (None, None, []))  # type: ignore[arg-type]
                trigger = start + shift + len(source.text) + 1
                events.append(Event(
                    type=kind, mode=rng.choice(modes) if modes and rng.random() < 0.3 else None,  # type: ignore[arg-type]
                    context=(), cameo=TYPES[kind][1], quad_class=quad, intensity=intensity,  # type: ignore[index]
                    factuality=world.pick(rng, world.factualities, world.factuality_weights),  # type: ignore[arg-type]
                    source=(_moved(source, shift),), target=(_moved(target, shift),),
                    evidence=Evidence(sentence, start + shift, start + shift + len(sentence), verb, trigger,
                                      trigger + len(verb)),
                    confidence=round(rng.uniform(0.3, 1.0), 2),
                    date=EventDate(date, date, "day", None, True),
                    location=EventLocation(place.name, place.name, None, place.lat, place.lon, place.iso3,
                                           "city"),
                    article_id=article.id,
                ))
            yield article, events


def _moved(actor: object, shift: int) -> object:
    from dataclasses import replace

    return replace(actor, start=actor.start + shift, end=actor.end + shift)  # type: ignore[attr-defined]


def _plover() -> dict[str, tuple[int, float, list[str]]]:
    import yaml

    text = (resources.files("eventwire.data") / "events" / "plover.yaml").read_text(encoding="utf-8")
    types = yaml.safe_load(text)["types"]
    return {name: (spec["quad_class"], spec["intensity"], sorted(spec.get("modes") or {}))
            for name, spec in types.items()}


def load(store: object, total: int, seed: int, newest_first: bool, progress: bool = True) -> dict:
    """Write the generated events; returns how long it took."""
    started = time.perf_counter()
    written = 0
    pairs = generate(total, seed, newest_first)
    last_report = started
    while True:
        batch = list(itertools.islice(pairs, ARTICLES_PER_TRANSACTION))
        if not batch:
            break
        with store.transaction():  # type: ignore[attr-defined]
            for article, events in batch:
                store.add_article(article)  # type: ignore[attr-defined]
                store.replace_events(article, events, CODER_VERSION)  # type: ignore[attr-defined]
                written += len(events)
        now = time.perf_counter()
        if progress and now - last_report > 10:
            rate = written / (now - started)
            print(f"  {written:,} events stored, {rate:,.0f}/s", file=sys.stderr, flush=True)
            last_report = now
    seconds = time.perf_counter() - started
    return {"load_events": written, "load_seconds": round(seconds, 1),
            "load_events_per_second": round(written / seconds)}


# --- measuring ------------------------------------------------------------------------------------------

def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def filter_mixes(rng: random.Random, world: World) -> dict[str, Callable[[], object]]:
    """Name -> a maker of a random EventQuery of that mix (first page, PAGE_SIZE events)."""
    from eventwire.store.queries import EventQuery, Near

    def days_apart(first: dt.date, length: int) -> tuple[dt.date, dt.date]:
        return first, first + dt.timedelta(days=length)

    def random_day() -> dt.date:
        return FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days - 90))

    def country(head: int = 30) -> str:
        return world.countries[min(len(world.countries) - 1, int(rng.paretovariate(1.2)) - 1)] if head else ""

    def place() -> object:
        spot = rng.choice(world.places[rng.choice(HEAD_COUNTRIES[:15])])
        return Near(spot.lat, spot.lon, rng.choice([25.0, 50.0, 200.0]))

    common_words = world.words[:20]
    middle_words = world.words[50:200]
    mixes: dict[str, Callable[[], object]] = {
        "newest page, no filter": lambda: EventQuery(limit=PAGE_SIZE),
        "deep page (offset 10000)": lambda: EventQuery(limit=PAGE_SIZE, offset=10_000),
        "type": lambda: EventQuery(types=(str(world.pick(rng, world.types[:-1], world.type_weights[:-1])),),
                                   limit=PAGE_SIZE),
        "actor country, as source": lambda: EventQuery(actor_countries=(country(),), actor_role="source",
                                                       limit=PAGE_SIZE),
        "actor id": lambda: EventQuery(actor_ids=(f"ew:{country()}",), limit=PAGE_SIZE),
        "date range (90 days)": lambda: EventQuery(
            since=(span := days_apart(random_day(), 90))[0], until=span[1], limit=PAGE_SIZE),
        "place radius": lambda: EventQuery(near=place(), limit=PAGE_SIZE),  # type: ignore[arg-type]
        "text, a common word": lambda: EventQuery(text=rng.choice(common_words), limit=PAGE_SIZE),
        "text, a rarer word": lambda: EventQuery(text=rng.choice(middle_words), limit=PAGE_SIZE),
        "outlet": lambda: EventQuery(outlets=(rng.choice(world.outlets),), limit=PAGE_SIZE),
        "type + country + 1 year": lambda: EventQuery(
            types=(str(world.pick(rng, world.types[:-1], world.type_weights[:-1])),),
            actor_countries=(country(),),
            since=(year := dt.date(rng.randrange(FIRST_DAY.year, LAST_DAY.year + 1), 1, 1)),
            until=dt.date(year.year, 12, 31), limit=PAGE_SIZE),
        "quad class 4 + place country": lambda: EventQuery(
            quad_classes=(4,), location_countries=(country(),), limit=PAGE_SIZE),
    }
    return mixes


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return (time.perf_counter() - started) * 1000, result


def measure(store: object, repeat: int, seed: int, warm_up: int = 0) -> dict:
    from eventwire.api.routes.events import EXACT_TOTAL_UP_TO, total_cap
    from eventwire.store.queries import EventQuery, count_events, counts_by_period, explain, find_events

    rng = random.Random(seed + 1)
    world = World(random.Random(seed))
    results: dict[str, dict] = {}
    # Untimed queries of each mix first, with other parameters than the timed ones: a serving store's
    # indexes are in memory, a store just opened reads them from disk (cold runs were 2-10x slower).
    warming = filter_mixes(random.Random(seed + 2), world)
    for name, make in filter_mixes(rng, world).items():
        for _ in range(warm_up):
            query = warming[name]()
            find_events(store, query)  # type: ignore[arg-type]
            count_events(store, query, at_most=total_cap(query.offset, PAGE_SIZE))  # type: ignore[arg-type,attr-defined]
        page_ms, total_ms, sizes, slowest = [], [], [], None
        for _ in range(repeat):
            query = make()
            page_time, _ = timed(lambda: find_events(store, query))  # type: ignore[arg-type]  # noqa: B023
            # As GET /api/events counts: exactly up to 10,000 matches, then "more than 10,000".
            at_most = total_cap(query.offset, PAGE_SIZE)  # type: ignore[attr-defined]
            total_time, total = timed(lambda: count_events(store, query, at_most=at_most))  # type: ignore[arg-type]  # noqa: B023
            page_ms.append(page_time)
            total_ms.append(total_time)
            sizes.append(total)
            if slowest is None or page_time + total_time > slowest[0]:
                slowest = (page_time + total_time, query)
        both = [page + total for page, total in zip(page_ms, total_ms, strict=True)]
        row = {"p50_ms": round(percentile(both, 0.5), 1), "p95_ms": round(percentile(both, 0.95), 1),
               "page_p95_ms": round(percentile(page_ms, 0.95), 1),
               "total_p95_ms": round(percentile(total_ms, 0.95), 1),
               # Totals are counted up to the cap: one above EXACT_TOTAL_UP_TO means "more than".
               "median_total": int(percentile([float(size) for size in sizes], 0.5)),  # type: ignore[arg-type]
               "totals_over_cap": sum(size > EXACT_TOTAL_UP_TO for size in sizes),  # type: ignore[operator]
               "runs": repeat}
        row["meets_aim"] = row["p95_ms"] < PAGE_AIM_MS
        if not row["meets_aim"] and slowest is not None:
            row["slowest_query"] = repr(slowest[1])
            row["plan"] = explain(store, slowest[1])  # type: ignore[arg-type]
        results[name] = row
        print(f"  {name}: p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms (page {row['page_p95_ms']},"
              f" total {row['total_p95_ms']}), median total {row['median_total']}"
              f" ({row['totals_over_cap']} of {repeat} over {EXACT_TOTAL_UP_TO:,})", file=sys.stderr)
    for year in range(FIRST_DAY.year, FIRST_DAY.year + min(warm_up, 1)):
        counts_by_period(store, EventQuery(since=dt.date(year, 1, 1), until=dt.date(year, 12, 31)),  # type: ignore[arg-type]
                         by="day", group="type")
    yearly = []
    for number in range(repeat):
        year = FIRST_DAY.year + number % (LAST_DAY.year - FIRST_DAY.year + 1)
        query = EventQuery(since=dt.date(year, 1, 1), until=dt.date(year, 12, 31))
        elapsed, rows = timed(lambda: counts_by_period(store, query, by="day", group="type"))  # type: ignore[arg-type]  # noqa: B023
        assert rows, f"no daily counts for {year}"
        yearly.append(elapsed)
    aggregate = {"p50_ms": round(percentile(yearly, 0.5), 1), "p95_ms": round(percentile(yearly, 0.95), 1),
                 "runs": repeat}
    aggregate["meets_aim"] = aggregate["p95_ms"] < YEARLY_AIM_MS
    print(f"  daily counts over a year: p50 {aggregate['p50_ms']} ms, p95 {aggregate['p95_ms']} ms",
          file=sys.stderr)
    return {"pages": results, "yearly_daily_counts": aggregate}


def stored_events(store: object) -> int:
    from eventwire.store.queries import EventQuery, count_events

    return count_events(store, EventQuery())  # type: ignore[arg-type]


def bench_one(url: str, events: int, repeat: int, seed: int, newest_first: bool,
              copy_from: Path | None = None, warm_up: int = 0) -> dict:
    from eventwire.store import Store

    with Store.open(url) as store:
        report: dict = {"db": store.url, "schema_version": store.schema_version}
        existing = stored_events(store)
        if existing == 0 and copy_from is not None and store.backend.name == "postgresql":
            print(f"{store.url}: copying the store {copy_from}", file=sys.stderr)
            report["copied_from"] = copy_from_sqlite(copy_from, store)
        elif existing == 0:
            print(f"{store.url}: generating {events:,} events", file=sys.stderr)
            report.update(load(store, events, seed, newest_first))
        else:
            print(f"{store.url}: measuring the {existing:,} events it holds", file=sys.stderr)
        report["events"] = stored_events(store)
        report.update(measure(store, repeat, seed, warm_up))
    return report


# --- copying a SQLite store into PostgreSQL ----------------------------------------------------------------

# Written by the migrations themselves when the target is opened; copying it would claim the source's version.
NOT_COPIED = frozenset({"schema_migrations"})


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_tables(source: Any) -> dict[str, tuple[list[str], bool]]:
    """Table -> (its columns, whether it has an implicit rowid), for the tables of a SQLite store."""
    tables: dict[str, tuple[list[str], bool]] = {}
    names = [name for (name,) in source.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for name in names:
        columns = [row[1] for row in source.execute(f"PRAGMA table_info({_quoted(name)})")]
        try:  # WITHOUT ROWID tables (article_bands) and virtual tables have no rowid to read
            source.execute(f"SELECT rowid FROM {_quoted(name)} LIMIT 0")
            has_rowid = "rowid" not in columns
        except sqlite3.OperationalError:  # no such column
            has_rowid = False
        tables[name] = (columns, has_rowid)
    return tables


def _postgresql_tables(connection: Any) -> tuple[dict[str, list[tuple[str, bool, bool]]], list[str]]:
    """Table -> [(column, generated, identity)] of the store's schema, and the tables in an order where
    every table comes after the tables its foreign keys name."""
    rows = connection.execute(
        "SELECT c.table_name, c.column_name, c.is_generated <> 'NEVER', c.is_identity = 'YES'"
        " FROM information_schema.columns c JOIN information_schema.tables t"
        " ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
        " WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'"
        " ORDER BY c.table_name, c.ordinal_position").fetchall()
    tables: dict[str, list[tuple[str, bool, bool]]] = {}
    for table, column, generated, identity in rows:
        tables.setdefault(table, []).append((column, generated, identity))
    references = connection.execute(
        "SELECT child.relname, parent.relname FROM pg_constraint k"
        " JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid"
        " WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace").fetchall()
    needs: dict[str, set[str]] = {table: set() for table in tables}
    for child, parent in references:
        if child != parent and child in needs:  # a self-reference is checked at the end of its own COPY
            needs[child].add(parent)
    ordered: list[str] = []
    while needs:
        ready = sorted(table for table, parents in needs.items() if not parents - set(ordered))
        if not ready:
            raise RuntimeError(f"foreign keys form a cycle among {sorted(needs)}")
        ordered.extend(ready)
        for table in ready:
            del needs[table]
    return tables, ordered


def _postgresql_rows(connection: Any, table: str) -> int:
    from psycopg import sql

    (rows,) = connection.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()
    return int(rows)


def copy_from_sqlite(source_path: Path, store: Any) -> dict:
    """Every row of the SQLite store at `source_path` copied into the empty PostgreSQL `store` (opened with
    Store.open, so its schema is whatever our migrations make it), with COPY, in foreign-key order and in
    one transaction; identity sequences moved past the copied rowids, then VACUUM ANALYZE. Raises unless
    every copied table ends up with the row count it has in the source."""
    from psycopg import sql

    if store.backend.name != "postgresql":
        raise SystemExit("--copy-from copies into PostgreSQL stores only")
    target = store.connection
    # Read-only, so neither our migrations nor a checkpoint touch the source (it may be a shared fixture).
    source = sqlite3.connect(f"file:{source_path.resolve()}?mode=ro", uri=True)
    try:
        sqlite_tables = _sqlite_tables(source)
        pg_tables, order = _postgresql_tables(target)
        (source_version,) = source.execute("SELECT max(version) FROM schema_migrations").fetchone()
        copied = [table for table in order if table in sqlite_tables and table not in NOT_COPIED]
        for table in copied:
            rows = _postgresql_rows(target, table)
            if rows:
                raise SystemExit(f"{store.url}: table {table} already holds {rows:,} rows;"
                                 " --copy-from fills an empty store only")
        report: dict = {
            "source": str(source_path), "source_schema_version": source_version,
            "target_schema_version": store.schema_version,
            # SQLite's search index (events_fts, event_search) has no twin: PostgreSQL's `search` column is
            # generated from the record as each row is copied.
            "sqlite_only_tables": sorted(set(sqlite_tables) - set(pg_tables) - NOT_COPIED),
            "postgresql_only_tables": sorted(set(pg_tables) - set(sqlite_tables) - NOT_COPIED),
            "tables": {},
        }
        started = time.perf_counter()
        with target.transaction():
            for table in copied:
                sqlite_columns, has_rowid = sqlite_tables[table]
                columns = [name for name, generated, _ in pg_tables[table]
                           if not generated and (name in sqlite_columns or (name == "rowid" and has_rowid))]
                known = {name for name, _, _ in pg_tables[table]}
                missing = [name for name in sqlite_columns if name not in known]
                table_started = time.perf_counter()
                # In rowid order: the order the rows were written, so the copy's pages and identity values
                # match the source's insertion order (the store breaks ties and pages by it).
                select = (f"SELECT {', '.join(map(_quoted, columns))} FROM {_quoted(table)}"
                          + (" ORDER BY rowid" if has_rowid else ""))
                statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                    sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))
                written = 0
                with target.cursor() as cursor, cursor.copy(statement) as copy:
                    for row in source.execute(select):
                        copy.write_row(row)
                        written += 1
                report["tables"][table] = {"columns": len(columns), "rows_written": written,
                                           "seconds": round(time.perf_counter() - table_started, 1)}
                if missing:
                    report["tables"][table]["sqlite_columns_not_in_postgresql"] = missing
                print(f"  copied {table}: {written:,} rows in {report['tables'][table]['seconds']} s",
                      file=sys.stderr, flush=True)
            # Rows came with their rowids (GENERATED BY DEFAULT takes given values): the next insert must
            # get a rowid above them, not 1 again.
            for table in copied:
                for name, _, identity in pg_tables[table]:
                    if identity:
                        target.execute(sql.SQL(
                            "SELECT setval(pg_get_serial_sequence({}, {}), coalesce(max({}), 1),"
                            " max({}) IS NOT NULL) FROM {}").format(
                            sql.Literal(table), sql.Literal(name), sql.Identifier(name), sql.Identifier(name),
                            sql.Identifier(table)))
        report["copy_seconds"] = round(time.perf_counter() - started, 1)
        # VACUUM as well as ANALYZE: autovacuum does it to a freshly filled table soon anyway, and until
        # then index-only scans must visit the heap; measuring before it would measure a passing state.
        analyse_started = time.perf_counter()
        for table in copied:
            target.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))
        report["vacuum_analyze_seconds"] = round(time.perf_counter() - analyse_started, 1)
        mismatched = []
        for table in copied:
            (source_rows,) = source.execute(f"SELECT count(*) FROM {_quoted(table)}").fetchone()
            target_rows = _postgresql_rows(target, table)
            report["tables"][table].update(source_rows=source_rows, target_rows=target_rows)
            if source_rows != target_rows:
                mismatched.append(table)
    finally:
        source.close()
    print(f"{store.url}: copied from {source_path} (schema version {source_version} -> "
          f"{report['target_schema_version']}) in {report['copy_seconds']} s"
          f" + {report['vacuum_analyze_seconds']} s VACUUM ANALYZE", file=sys.stderr)
    for table, row in report["tables"].items():
        print(f"  {table}: {row['source_rows']:,} rows in SQLite, {row['target_rows']:,} in PostgreSQL",
              file=sys.stderr)
    if report["sqlite_only_tables"]:
        print(f"  not copied (SQLite only): {', '.join(report['sqlite_only_tables'])}", file=sys.stderr)
    if mismatched:
        raise SystemExit(f"row counts differ after the copy: {', '.join(mismatched)}")
    return report


def summary_rows(reports: list[dict]) -> dict:
    """Flat figures for docs/benchmarks.md (bench/run_all.py)."""
    rows: dict = {"machine": f"{platform.machine()}, Python {platform.python_version()}"}
    for report in reports:
        backend = report["db"].split(":", 1)[0]
        rows[f"{backend}_events"] = report["events"]
        rows[f"{backend}_schema_version"] = report["schema_version"]
        for key in ("load_seconds", "load_events_per_second"):
            if key in report:
                rows[f"{backend}_{key}"] = report[key]
        if "copied_from" in report:
            copied = report["copied_from"]
            rows[f"{backend}_copied_from"] = copied["source"]
            rows[f"{backend}_copy_seconds"] = copied["copy_seconds"]
            rows[f"{backend}_vacuum_analyze_seconds"] = copied["vacuum_analyze_seconds"]
            for table, row in copied["tables"].items():
                rows[f"{backend} rows (sqlite / postgresql): {table}"] = (
                    f"{row['source_rows']} / {row['target_rows']}")
        for name, row in report["pages"].items():
            rows[f"{backend} page p50 ms: {name}"] = row["p50_ms"]
        for name, row in report["pages"].items():
            rows[f"{backend} page p95 ms: {name}"] = row["p95_ms"]
        rows[f"{backend} yearly daily counts p50 ms"] = report["yearly_daily_counts"]["p50_ms"]
        rows[f"{backend} yearly daily counts p95 ms"] = report["yearly_daily_counts"]["p95_ms"]
        rows[f"{backend} all aims met"] = (all(row["meets_aim"] for row in report["pages"].values())
                                           and report["yearly_daily_counts"]["meets_aim"])
    return rows


def code_state() -> str:
    """The commit measured, and which store files differ from it (queries change under other hands)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=ROOT, check=True).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--", "src/eventwire/store"],
                                 capture_output=True, text=True, cwd=ROOT, check=True).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    # With a content hash each, so two runs on the same commit can tell whether the working tree changed.
    changed = [f"{path} ({_digest(ROOT / path)})" for path in (line[3:] for line in changed if line.strip())]
    return head + (f" with uncommitted changes to {', '.join(changed)}" if changed else "")


def _digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()[:10] if path.is_file() else "deleted"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", action="append", default=[],
                        help="store URL or SQLite path (repeatable); default: a temporary SQLite file")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30, help="runs of each query")
    parser.add_argument("--warm-up", type=int, default=5,
                        help="untimed queries of each mix before its timed runs (other parameters)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--order", choices=["newest-first", "oldest-first"], default="newest-first",
                        help="order the generated articles are written in (see above)")
    parser.add_argument("--copy-from", type=Path, metavar="SQLITE_DB",
                        help="fill each empty PostgreSQL --db by copying this SQLite store (opened read-only)"
                             " table by table with COPY, instead of generating events through the Store API"
                             " (~190 events/s there); row counts of both are printed and must match")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.copy_from is not None and not args.copy_from.is_file():
        parser.error(f"--copy-from: no such file {args.copy_from}")

    # The box may be shared: the load around the run says how much the figures can be trusted.
    load_before = [round(value, 2) for value in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="eventwire-queries-") as folder:
        urls = args.db or [str(Path(folder) / "bench.db")]
        reports = [bench_one(url, args.events, args.repeat, args.seed, args.order == "newest-first",
                             args.copy_from, args.warm_up)
                   for url in urls]
    load_after = [round(value, 2) for value in os.getloadavg()]
    result = {"events_requested": args.events, "repeat": args.repeat, "warm_up": args.warm_up,
              "page_aim_ms": PAGE_AIM_MS,
              "yearly_aim_ms": YEARLY_AIM_MS, "code": code_state(), "load_average_before": load_before,
              "load_average_after": load_after, "stores": reports, "summary": summary_rows(reports)}
    result["summary"].update({"code": result["code"], "load average before (1, 5, 15 min)": load_before,
                              "load average after (1, 5, 15 min)": load_after})
    for key, value in result["summary"].items():
        print(f"{key}: {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

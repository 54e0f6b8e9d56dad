"""Query latency on a large store: filtered event pages and a year of daily counts (issue #7).

    python bench/queries.py [--db URL ...] [--events 1000000] [--repeat 30] [--json OUT]

For each `--db` (a SQLite path or sqlite:/// URL, or a postgresql:// URL; default: a fresh SQLite file in
a temporary folder) the store is filled with `--events` generated events, unless it already holds events
(then it is measured as it is: a second run can reuse the store of the first). Generation goes through
the public Store API only (`Store.open`, `transaction()`, `add_article`, `replace_events`), many
articles per transaction, and is seeded, with a realistic skew: participants' countries and actors,
PLOVER types, outlets and evidence words follow Zipf-like laws; dates span seven years with more news in
later years and bursts around crises; places are region centres of the events' countries.

Articles are written newest day first. Oldest first is how news arrives, but cross-article deduplication
(Store._join_cluster) then reads every earlier cluster of an event's type for each new event, so loading
slows down as the store grows (see `--order` and docs/benchmarks.md); newest first keeps the load
linear and does not change the stored rows the queries read, except for which mention starts a cluster.

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
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

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
        countries = _data_rows("countries.csv")
        iso3_of = {row["iso2"]: row["iso3"] for row in countries}
        others = sorted(row["iso3"] for row in countries if row["iso3"] not in HEAD_COUNTRIES)
        rng.shuffle(others)
        self.countries = HEAD_COUNTRIES + others
        self.country_weights = list(itertools.accumulate(_zipf_weights(len(self.countries))))
        self.places: dict[str, list[Place]] = {}
        for row in countries:
            self.places.setdefault(row["iso3"], []).append(
                Place(f"{row['iso3']} centre", row["iso3"], float(row["lat"]), float(row["lon"])))
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
                    location=EventLocation(place.name, place.name, None, place.lat, place.lon, place.iso3),
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


def measure(store: object, repeat: int, seed: int) -> dict:
    from eventwire.store.queries import EventQuery, count_events, counts_by_period, explain, find_events

    rng = random.Random(seed + 1)
    world = World(random.Random(seed))
    results: dict[str, dict] = {}
    for name, make in filter_mixes(rng, world).items():
        page_ms, total_ms, sizes, slowest = [], [], [], None
        for _ in range(repeat):
            query = make()
            page_time, _ = timed(lambda: find_events(store, query))  # type: ignore[arg-type]  # noqa: B023
            total_time, total = timed(lambda: count_events(store, query))  # type: ignore[arg-type]  # noqa: B023
            page_ms.append(page_time)
            total_ms.append(total_time)
            sizes.append(total)
            if slowest is None or page_time + total_time > slowest[0]:
                slowest = (page_time + total_time, query)
        both = [page + total for page, total in zip(page_ms, total_ms, strict=True)]
        row = {"p50_ms": round(percentile(both, 0.5), 1), "p95_ms": round(percentile(both, 0.95), 1),
               "page_p95_ms": round(percentile(page_ms, 0.95), 1),
               "total_p95_ms": round(percentile(total_ms, 0.95), 1),
               "median_matches": int(percentile([float(size) for size in sizes], 0.5)),  # type: ignore[arg-type]
               "runs": repeat}
        row["meets_aim"] = row["p95_ms"] < PAGE_AIM_MS
        if not row["meets_aim"] and slowest is not None:
            row["slowest_query"] = repr(slowest[1])
            row["plan"] = explain(store, slowest[1])  # type: ignore[arg-type]
        results[name] = row
        print(f"  {name}: p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms (page {row['page_p95_ms']},"
              f" total {row['total_p95_ms']}), median matches {row['median_matches']}", file=sys.stderr)
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


def bench_one(url: str, events: int, repeat: int, seed: int, newest_first: bool) -> dict:
    from eventwire.store import Store

    with Store.open(url) as store:
        report: dict = {"db": store.url}
        existing = stored_events(store)
        if existing == 0:
            print(f"{store.url}: generating {events:,} events", file=sys.stderr)
            report.update(load(store, events, seed, newest_first))
        else:
            print(f"{store.url}: measuring the {existing:,} events it holds", file=sys.stderr)
        report["events"] = stored_events(store)
        report.update(measure(store, repeat, seed))
    return report


def summary_rows(reports: list[dict]) -> dict:
    """Flat figures for docs/benchmarks.md (bench/run_all.py)."""
    rows: dict = {"machine": f"{platform.machine()}, Python {platform.python_version()}"}
    for report in reports:
        backend = report["db"].split(":", 1)[0]
        rows[f"{backend}_events"] = report["events"]
        for key in ("load_seconds", "load_events_per_second"):
            if key in report:
                rows[f"{backend}_{key}"] = report[key]
        for name, row in report["pages"].items():
            rows[f"{backend} page p95 ms: {name}"] = row["p95_ms"]
        rows[f"{backend} yearly daily counts p95 ms"] = report["yearly_daily_counts"]["p95_ms"]
        rows[f"{backend} all aims met"] = (all(row["meets_aim"] for row in report["pages"].values())
                                           and report["yearly_daily_counts"]["meets_aim"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", action="append", default=[],
                        help="store URL or SQLite path (repeatable); default: a temporary SQLite file")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30, help="runs of each query")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--order", choices=["newest-first", "oldest-first"], default="newest-first",
                        help="order the generated articles are written in (see above)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="eventwire-queries-") as folder:
        urls = args.db or [str(Path(folder) / "bench.db")]
        reports = [bench_one(url, args.events, args.repeat, args.seed, args.order == "newest-first")
                   for url in urls]
    result = {"events_requested": args.events, "repeat": args.repeat, "page_aim_ms": PAGE_AIM_MS,
              "yearly_aim_ms": YEARLY_AIM_MS, "stores": reports, "summary": summary_rows(reports)}
    for key, value in result["summary"].items():
        print(f"{key}: {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

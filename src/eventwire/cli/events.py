"""Commands over stored events: `events` (filtered, paginated listing) and `stats` (aggregates).

The filter options are shared with `export` (`event_filters` and `build_query`), so one set of filters
means the same events in every command.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from eventwire.cli._common import db_option, open_store

if TYPE_CHECKING:
    from eventwire.store import EventQuery, StoredEvent

F = TypeVar("F", bound=Callable[..., Any])


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD, e.g. 2024-03-05)", param, ctx)


class LatLon(click.ParamType):
    name = "LAT,LON"
    _PATTERN = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> tuple[float, float]:
        if isinstance(value, tuple):
            return value
        match = self._PATTERN.match(str(value))
        if not match:
            self.fail(f"{value!r} is not LAT,LON in decimal degrees (e.g. 50.45,30.52)", param, ctx)
        lat, lon = float(match.group(1)), float(match.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.fail(f"{value!r} is outside -90..90 latitude / -180..180 longitude", param, ctx)
        return lat, lon


def _upper(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(value.strip().upper() for value in values)


_FILTERS: list[Callable[[F], F]] = [
    click.option("--actor", "actor_ids", multiple=True, metavar="ID",
                 help="Participant's knowledge-base id (e.g. ew:USA, ew:usa-joe-biden). Repeatable."),
    click.option("--actor-country", "actor_countries", multiple=True, metavar="ISO3",
                 help="Participant's country (ISO 3166-1 alpha-3) or organisation code (UNO, EUR, IGO)."),
    click.option("--actor-sector", "actor_sectors", multiple=True, metavar="SECTOR",
                 help="Participant's PLOVER sector: GOV, MIL, COP, REB, CVL, ..."),
    click.option("--role", "actor_role", type=click.Choice(["source", "target", "any"]), default="any",
                 show_default=True, help="Which side the --actor* filters look at."),
    click.option("--type", "types", multiple=True, metavar="TYPE",
                 help="PLOVER category (ASSAULT, AGREE, ...; '-' for CAMEO-only statements). Repeatable."),
    click.option("--mode", "modes", multiple=True, metavar="MODE", help="PLOVER mode (e.g. aerial)."),
    click.option("--factuality", "factualities", multiple=True, metavar="STATUS",
                 help="occurred, planned, promised, threatened, demanded, refused, denied, hypothetical."),
    click.option("--cameo", "cameo_prefixes", multiple=True, metavar="PREFIX",
                 help="CAMEO code or prefix: 19 matches 190..196 and their sub-codes."),
    click.option("--quad-class", "quad_classes", multiple=True, type=click.IntRange(1, 4),
                 help="1 verbal cooperation, 2 material cooperation, 3 verbal conflict,"
                      " 4 material conflict."),
    click.option("--since", type=IsoDate(), default=None, help="Events dated on or after this day."),
    click.option("--until", type=IsoDate(), default=None, help="Events dated on or before this day."),
    click.option("--place-country", "location_countries", multiple=True, metavar="ISO3",
                 help="Country where the event took place (ISO 3166-1 alpha-3)."),
    click.option("--near", type=LatLon(), default=None, help="Events within --radius km of this point."),
    click.option("--radius", "radius_km", type=float, default=None, metavar="KM",
                 help="Radius for --near in km (default 50)."),
    click.option("--outlet", "outlets", multiple=True, metavar="NAME", help="The article's source outlet."),
    click.option("--text", default=None, metavar="WORDS",
                 help='Words (all must occur; word* for a prefix) or "a phrase" in the evidence sentence.'),
    click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
                 help="Lowest coder confidence."),
]


def event_filters(command: F) -> F:
    """Every filter option of `events`, `stats` and `export`."""
    for option in reversed(_FILTERS):
        command = option(command)
    return command


def build_query(filters: dict[str, Any], *, limit: int | None = None, offset: int = 0) -> EventQuery:
    """The EventQuery the filter options stand for; a bad value is a usage error naming its option."""
    from eventwire.store import EventQuery, Near, QueryError

    near = None
    if filters.get("radius_km") is not None and filters.get("near") is None:
        raise click.BadParameter("needs --near LAT,LON", param_hint="'--radius'")
    if filters.get("near") is not None:
        lat, lon = filters["near"]
        near = Near(lat, lon, 50.0 if filters.get("radius_km") is None else filters["radius_km"])
    try:
        return EventQuery(
            actor_ids=tuple(filters["actor_ids"]), actor_countries=_upper(filters["actor_countries"]),
            actor_sectors=_upper(filters["actor_sectors"]), actor_role=filters["actor_role"],
            types=_upper(filters["types"]), modes=tuple(v.lower() for v in filters["modes"]),
            factualities=tuple(v.lower() for v in filters["factualities"]),
            cameo_prefixes=tuple(filters["cameo_prefixes"]), quad_classes=tuple(filters["quad_classes"]),
            since=filters["since"], until=filters["until"],
            location_countries=_upper(filters["location_countries"]), near=near,
            outlets=tuple(filters["outlets"]), text=filters["text"], min_confidence=filters["min_confidence"],
            limit=limit, offset=offset,
        )
    except QueryError as error:
        raise click.BadParameter(error.reason, param_hint=f"'--{error.option}'") from error


def filter_values(params: dict[str, Any]) -> dict[str, Any]:
    names = {"actor_ids", "actor_countries", "actor_sectors", "actor_role", "types", "modes", "factualities",
             "cameo_prefixes", "quad_classes", "since", "until", "location_countries", "near", "radius_km",
             "outlets", "text", "min_confidence"}
    return {name: value for name, value in params.items() if name in names}


# --- events -----------------------------------------------------------------------------------------------

def _actor_label(actors: list[dict[str, Any]]) -> str:
    if not actors:
        return "-"
    return " + ".join(a.get("name") or a.get("text") or "?" for a in actors)


def _print_table(events: list[StoredEvent]) -> None:
    for event in events:
        record = event.record
        location = record.get("location") or {}
        place = location.get("name") or location.get("text") or ""
        if location.get("country"):
            place = f"{place} ({location['country']})"
        label = record.get("type") or "-"
        if record.get("mode"):
            label += f"/{record['mode']}"
        click.echo(f"{event.date_start or '----------'}  {label:<20} {record['cameo']:<5} "
                   f"{record['factuality']:<10} {record['confidence']:.2f}  "
                   f"{_actor_label(record.get('source') or [])} -> "
                   f"{_actor_label(record.get('target') or [])}")
        if place:
            click.echo(f"    at {place}")
        click.echo(f"    \"{record['evidence']['sentence'].strip()}\"")
        article = record.get("article") or {}
        click.echo(f"    {article.get('source') or '(unknown outlet)'}  {article.get('url') or ''}"
                   f"  [{event.event_id}]")


@click.command()
@db_option
@event_filters
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True, help="table: readable; jsonl: the stored records; csv: flat columns.")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True, help="Events per page.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Events to skip.")
def events(db: str | None, fmt: str, limit: int, offset: int, **filters: Any) -> None:
    """List stored events matching the filters, by event date then id.

    Filters of different kinds must all hold; a repeated filter matches any of its values. The
    --actor* filters and --role must all hold for the same participant. Dates are the event's date (its
    start, for ranges), not the article's.

    \b
    Examples:
      eventwire events --type ASSAULT --place-country UKR --since 2022-02-01
      eventwire events --actor-country RUS --role source --quad-class 4 --format csv
      eventwire events --near 50.45,30.52 --radius 100 --text "ceasefire"
    """
    from eventwire.store import Reader

    query = build_query(filter_values(filters), limit=limit, offset=offset)
    with open_store(db) as store:
        reader = Reader(store)
        found = reader.events(query)
        total = reader.count_events(query) if fmt == "table" else None
    if fmt == "jsonl":
        for event in found:
            sys.stdout.write(json.dumps(event.record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        from eventwire.export.flat import FLAT_COLUMNS, flatten

        writer = csv.DictWriter(sys.stdout, fieldnames=FLAT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for event in found:
            writer.writerow(flatten(event.record))
    else:
        _print_table(found)
        shown = f"{offset + 1}-{offset + len(found)}" if found else "none"
        click.echo(f"-- events {shown} of {total}", err=True)


# --- stats ------------------------------------------------------------------------------------------------

QUAD_CLASS_NAMES = {"1": "verbal-coop", "2": "material-coop", "3": "verbal-conflict",
                    "4": "material-conflict"}


@click.command()
@db_option
@event_filters
@click.option("--by", type=click.Choice(["day", "week", "month"]), default="month", show_default=True,
              help="Period to count by (a week is named by its Monday).")
@click.option("--group", type=click.Choice(["type", "quad_class"]), default="type", show_default=True,
              help="Split each period's count by PLOVER type or quad class.")
@click.option("--dyads", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many top source -> target pairs to list (0: none).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
def stats(db: str | None, by: str, group: str, dyads: int, fmt: str, **filters: Any) -> None:
    """Event counts per period, mean intensity per period and the top actor dyads.

    Takes the same filters as `eventwire events`. Undated events belong to no period and are left out of
    the counts; a dyad names each side by its country (or organisation) code, else its name.
    """
    from dataclasses import asdict

    from eventwire.store import Reader

    query = build_query(filter_values(filters))
    with open_store(db) as store:
        reader = Reader(store)
        counts = reader.counts_by_period(query, by=by, group=group)  # type: ignore[arg-type]
        intensity = reader.intensity_by_period(query, by=by)  # type: ignore[arg-type]
        pairs = reader.top_dyads(query, dyads) if dyads else []
    if fmt == "json":
        click.echo(json.dumps({"by": by, "group": group, "counts": [asdict(c) for c in counts],
                               "intensity": [asdict(i) for i in intensity],
                               "dyads": [asdict(d) for d in pairs]}, ensure_ascii=False, indent=2))
        return
    periods: dict[str, list[str]] = {}
    for count in counts:
        label = QUAD_CLASS_NAMES.get(count.group, count.group) if group == "quad_class" else count.group
        periods.setdefault(count.period, []).append(f"{label} {count.events}")
    means = {i.period: i for i in intensity}
    click.echo(f"Events per {by} by {group}:")
    for period, parts in periods.items():
        total = sum(c.events for c in counts if c.period == period)
        mean = means.get(period)
        mean_text = f"mean intensity {mean.mean_intensity:+.2f} ({mean.events})" if mean else "no intensity"
        click.echo(f"  {period}  {total:>6}  {mean_text}  |  " + ", ".join(parts))
    if not periods:
        click.echo("  (no dated events match)")
    if dyads:
        click.echo(f"Top {dyads} dyads (source -> target):")
        for pair in pairs:
            click.echo(f"  {pair.events:>6}  {pair.source} -> {pair.target}")
        if not pairs:
            click.echo("  (no events with both a source and a target match)")

"""GDELT 2.0 export: the 61-column event table and the 16-column mentions table, tab-separated, no
header, one record a line, as GDELT publishes them, so tools that read GDELT files read ours.

One GDELT event per real-world event (a cluster of cross-article deduplication), written from its
first mention in the export, with the cluster's NumMentions, NumSources and NumArticles; every mention
is a row of the mentions table pointing at that GlobalEventID. Every mapping is in docs/exports.md; the
code tables are data (data/export/gdelt.yaml; FIPS country codes from the country table, eventwire.countries).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

from eventwire import countries
from eventwire.export.base import ExportResult, rows

if TYPE_CHECKING:
    from eventwire.store import StoredEvent

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

EVENT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{name}" for name in _ACTOR_FIELDS),
    *(f"Actor2{name}" for name in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{name}" for name in _GEO_FIELDS),
    *(f"Actor2Geo_{name}" for name in _GEO_FIELDS),
    *(f"ActionGeo_{name}" for name in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)

MENTION_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)

# GDELT geographic resolution codes.
GEO_NONE, GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 0, 1, 2, 3, 4, 5
MENTION_WEB, MENTION_CITATION_ONLY = 1, 2
# A place whose point is within this many degrees of its country's reference point is the country itself
# (the geoparser gives countries GeoNames' country point).
_COUNTRY_POINT_TOLERANCE = 0.01


@dataclass(frozen=True, slots=True)
class GdeltTables:
    sector_types: dict[str, str]
    organisation_codes: frozenset[str]
    root_quad_class: dict[str, int]
    root_goldstein: dict[str, float]
    iso3_fips: dict[str, str]
    country_points: dict[str, tuple[float, float]]  # ISO3 -> the country's reference point

    @classmethod
    @functools.cache
    def load(cls) -> GdeltTables:
        data = resources.files("eventwire.data")
        spec = yaml.safe_load((data / "export" / "gdelt.yaml").read_text(encoding="utf-8"))
        table = countries.all_countries()
        fips = {country.iso3: country.fips for country in table if country.fips}
        points = {country.iso3: (country.lat, country.lon) for country in table}
        return cls(
            sector_types=dict(spec["sector_types"]),
            organisation_codes=frozenset(spec["organisation_codes"]),
            root_quad_class={str(k): int(v) for k, v in spec["root_quad_class"].items()},
            root_goldstein={str(k): float(v) for k, v in spec["root_goldstein"].items()},
            iso3_fips=fips,
            country_points=points,
        )


def global_event_id(event_id: str) -> int:
    """GDELT ids are integers: the first 15 hex digits of our event id (60 bits, fits a signed 64-bit
    column; the same event gets the same id in every export)."""
    return int(event_id[:15], 16)


_UNSAFE = re.compile(r"[\t\r\n]+")


def _field(value: Any) -> str:
    if value is None:
        return ""
    return _UNSAFE.sub(" ", str(value))


def _timestamp(iso: str | None) -> str:
    """'2024-03-05T10:20:30Z' -> '20240305102030' (GDELT's YYYYMMDDHHMMSS)."""
    digits = re.sub(r"\D", "", iso or "")
    return (digits + "0" * 14)[:14] if digits else ""


def _fraction_date(day: date) -> str:
    # GDELT's FractionDate: year + (month * 30 + day) / 365, four decimals.
    return f"{day.year + (day.month * 30 + day.day) / 365:.4f}"


def _actor_fields(actors: list[dict[str, Any]], tables: GdeltTables) -> list[str]:
    if not actors:
        return [""] * len(_ACTOR_FIELDS)
    actor = actors[0]
    country = actor.get("country") or ""
    type_code = tables.sector_types.get(actor.get("sector") or "", "")
    known_group = ""
    if country in tables.organisation_codes:
        known_group = "" if country == "IGO" else country
        code = "IGO" + known_group
        country = ""
        type_code = type_code or "IGO"
    else:
        code = country + type_code
    name = (actor.get("name") or actor.get("text") or "").upper()
    return [code, name, country, known_group, "", "", "", type_code, "", ""]


def _action_geo(location: dict[str, Any] | None, tables: GdeltTables) -> list[Any]:
    if not location or location.get("lat") is None or location.get("lon") is None:
        return [GEO_NONE, "", "", "", "", "", "", ""]
    iso3 = location.get("country") or ""
    fips = tables.iso3_fips.get(iso3, "")
    lat, lon = location["lat"], location["lon"]
    point = tables.country_points.get(iso3)
    is_country = point is not None and (abs(point[0] - lat) <= _COUNTRY_POINT_TOLERANCE
                                        and abs(point[1] - lon) <= _COUNTRY_POINT_TOLERANCE)
    full_name = location.get("name") or location.get("text") or ""
    level = location.get("level")
    if level == "country" or (level is None and is_country):
        return [GEO_COUNTRY, full_name, fips, fips, "", lat, lon, fips]
    if level == "admin1":
        geo_type = GEO_US_STATE if iso3 == "USA" else GEO_WORLD_STATE
        return [geo_type, full_name, fips, fips, "", lat, lon, location.get("geonameid") or ""]
    geo_type = GEO_US_CITY if iso3 == "USA" else GEO_WORLD_CITY
    return [geo_type, full_name, fips, fips, "", lat, lon, location.get("geonameid") or ""]


def event_row(event: StoredEvent, tables: GdeltTables | None = None) -> list[str]:
    """The 61 GDELT event-table fields of one stored event."""
    tables = tables or GdeltTables.load()
    record = event.record
    cameo = record["cameo"]
    root = cameo[:2]
    day = date.fromisoformat(event.date_start) if event.date_start else None
    quad_class = record.get("quad_class") or tables.root_quad_class.get(root)
    goldstein = record.get("intensity")
    if goldstein is None:
        goldstein = tables.root_goldstein.get(root, 0.0)
    article = record.get("article") or {}
    row: list[Any] = [
        global_event_id(event.cluster_id or event.event_id),
        day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "", day.year if day else "",
        _fraction_date(day) if day else "",
        *_actor_fields(record.get("source") or [], tables),
        *_actor_fields(record.get("target") or [], tables),
        1 if event.in_lead_paragraph else 0, cameo, cameo[:3], root, quad_class or "", float(goldstein),
        event.cluster_mentions, event.cluster_sources, event.cluster_articles, "",
        GEO_NONE, "", "", "", "", "", "", "",
        GEO_NONE, "", "", "", "", "", "", "",
        *_action_geo(record.get("location"), tables),
        _timestamp(event.ingested_at),
        article.get("url") or event.origin,
    ]
    return [_field(value) for value in row]


def mention_row(event: StoredEvent) -> list[str]:
    """The 16 GDELT mentions-table fields of the event's one mention (its article)."""
    record = event.record
    article = record.get("article") or {}
    url = article.get("url")
    added = _timestamp(event.ingested_at)
    source_name = (urlsplit(url).hostname or "") if url else ""
    sources, targets = record.get("source") or [], record.get("target") or []
    evidence = record["evidence"]
    row: list[Any] = [
        global_event_id(event.cluster_id or event.event_id), added, added,
        MENTION_WEB if url else MENTION_CITATION_ONLY,
        source_name or article.get("source") or "",
        url or f"{article.get('source') or ''} {article.get('title') or event.origin}".strip(),
        event.sentence_number,
        sources[0]["start"] if sources else -1,
        targets[0]["start"] if targets else -1,
        evidence["trigger_start"],
        1,
        max(10, min(100, round(record["confidence"] * 100))),
        event.article_text_length,
        "", "", "",
    ]
    return [_field(value) for value in row]


def mentions_path(output: Path) -> Path:
    """Where the mentions table goes: 'x.export.CSV' -> 'x.mentions.CSV' (GDELT's naming), else
    'x.tsv' -> 'x.mentions.tsv'."""
    name = output.name
    if ".export." in name:
        return output.with_name(name.replace(".export.", ".mentions.", 1))
    return output.with_name(f"{output.stem}.mentions{output.suffix}")


def write_gdelt(events: Iterable[StoredEvent], output: Path) -> ExportResult:
    tables = GdeltTables.load()
    mentions = mentions_path(output)
    count = 0
    with output.open("w", encoding="utf-8", newline="") as event_file, \
            mentions.open("w", encoding="utf-8", newline="") as mention_file:
        written: set[str] = set()

        def both_rows(event: StoredEvent) -> tuple[list[str], list[str]]:
            return event_row(event, tables), mention_row(event)

        for event, (event_fields, mention_fields) in rows(events, both_rows):
            real_event = event.cluster_id or event.event_id
            if real_event not in written:  # one event row per real-world event, one mention row each
                written.add(real_event)
                event_file.write("\t".join(event_fields) + "\n")
            mention_file.write("\t".join(mention_fields) + "\n")
            count += 1
    return ExportResult("gdelt", count, (output, mentions))

"""Reading and checking the place data files under eventwire/data/places/.

Every file is a small CSV with `#` comment lines; each loader checks its schema and raises PlaceDataError
naming the file, the line and what is wrong, so a bad edit fails loudly at load (and in the tests).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire import countries

# The place files; countries, their points and demonyms come from the one country table (eventwire.countries).
DATA_FILES = ("regions.csv", "aliases.csv", "facilities.csv", "abbreviations.csv", "features.json")
ABBREVIATION_KINDS = frozenset({"prefix", "name", "context"})
ALIAS_KINDS = frozenset({"country", "region", "city", "area"})


class PlaceDataError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class CountryRow:
    iso2: str
    iso3: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class RegionRow:
    name: str
    country: str
    code: str
    admin1: str
    lat: float
    lon: float
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AliasRow:
    alias: str
    kind: str
    target: str
    country: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class FacilityRow:
    name: str
    kind: str
    city: str
    country: str
    lat: float
    lon: float
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FeatureRow:
    """A named sea, river, mountain range, island, peninsula, desert or region (features.json)."""

    name: str
    kind: str
    lat: float
    lon: float
    country: str | None  # ISO2 of the one country a mention is taken to be in; None when shared
    aliases: tuple[str, ...]


def data_dir() -> Path:
    # eventwire/data is package data, not a package: find it beside this module.
    return Path(__file__).resolve().parent.parent / "data" / "places"


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [(number, line) for number, line in enumerate(handle, start=1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    if tuple(reader.fieldnames or ()) != columns:
        raise PlaceDataError(f"{path}: header must be {','.join(columns)}, found {reader.fieldnames}")
    for (number, _), row in zip(lines[1:], reader, strict=False):
        if None in row or any(value is None for value in row.values()):
            raise PlaceDataError(f"{path}:{number}: expected {len(columns)} fields")
        yield number, row


def _coordinate(path: Path, number: int, value: str, limit: float, what: str) -> float:
    try:
        result = float(value)
    except ValueError:
        raise PlaceDataError(f"{path}:{number}: {what} {value!r} is not a number") from None
    if not -limit <= result <= limit:
        raise PlaceDataError(f"{path}:{number}: {what} {result} is outside ±{limit}")
    return result


def _iso2(path: Path, number: int, value: str) -> str:
    if len(value) != 2 or not value.isalpha() or not value.isupper():
        raise PlaceDataError(f"{path}:{number}: {value!r} is not an ISO 3166-1 alpha-2 code")
    return value


def load_countries() -> list[CountryRow]:
    """The gazetteer's countries: codes and points from the one country table (eventwire.countries)."""
    return [CountryRow(country.iso2, country.iso3, country.lat, country.lon)
            for country in sorted(countries.all_countries(), key=lambda country: country.iso2)]


def _aliases(value: str) -> tuple[str, ...]:
    return tuple(alias.strip() for alias in value.split("|") if alias.strip())


def load_regions(directory: Path | None = None) -> list[RegionRow]:
    path = (directory or data_dir()) / "regions.csv"
    rows = []
    for number, row in _rows(path, ("name", "country", "code", "admin1", "lat", "lon", "aliases")):
        if not row["name"].strip():
            raise PlaceDataError(f"{path}:{number}: empty region name")
        rows.append(RegionRow(row["name"].strip(), _iso2(path, number, row["country"]), row["code"].strip(),
                              row["admin1"].strip(), _coordinate(path, number, row["lat"], 90, "lat"),
                              _coordinate(path, number, row["lon"], 180, "lon"), _aliases(row["aliases"])))
    return rows


def load_demonyms() -> dict[str, str]:
    """Demonym ("Iraqi", "Iraqis") -> the ISO2 of the country it names, from the one country table."""
    return {demonym: country.iso2 for country in countries.all_countries() for demonym in country.demonyms}


def load_aliases(directory: Path | None = None) -> list[AliasRow]:
    path = (directory or data_dir()) / "aliases.csv"
    rows = []
    for number, row in _rows(path, ("alias", "kind", "target", "country", "lat", "lon")):
        kind = row["kind"]
        if kind not in ALIAS_KINDS:
            raise PlaceDataError(f"{path}:{number}: kind {kind!r} is not one of {sorted(ALIAS_KINDS)}")
        if kind == "country":
            _iso2(path, number, row["target"])
        if kind == "city":
            _iso2(path, number, row["country"])
        lat = lon = None
        if kind == "area":
            lat = _coordinate(path, number, row["lat"], 90, "lat")
            lon = _coordinate(path, number, row["lon"], 180, "lon")
        if not row["alias"].strip() or not row["target"].strip():
            raise PlaceDataError(f"{path}:{number}: alias and target must not be empty")
        rows.append(AliasRow(row["alias"].strip(), kind, row["target"].strip(), row["country"], lat, lon))
    return rows


def load_facilities(directory: Path | None = None) -> list[FacilityRow]:
    path = (directory or data_dir()) / "facilities.csv"
    rows = []
    for number, row in _rows(path, ("name", "kind", "city", "country", "lat", "lon", "aliases")):
        if not row["name"].strip():
            raise PlaceDataError(f"{path}:{number}: empty facility name")
        rows.append(FacilityRow(row["name"].strip(), row["kind"].strip(), row["city"].strip(),
                                _iso2(path, number, row["country"]),
                                _coordinate(path, number, row["lat"], 90, "lat"),
                                _coordinate(path, number, row["lon"], 180, "lon"), _aliases(row["aliases"])))
    return rows


def load_abbreviations(directory: Path | None = None) -> dict[str, dict[str, str]]:
    """kind -> {abbreviation: expansion}, for "prefix" (first word of a name), "name" (a whole name) and
    "context" (a region's abbreviation, read as that region only in an article about its country)."""
    path = (directory or data_dir()) / "abbreviations.csv"
    result: dict[str, dict[str, str]] = {kind: {} for kind in ABBREVIATION_KINDS}
    for number, row in _rows(path, ("abbreviation", "kind", "expansion")):
        abbreviation, kind = row["abbreviation"].strip(), row["kind"].strip()
        expansion = row["expansion"].strip()
        if kind not in ABBREVIATION_KINDS:
            raise PlaceDataError(f"{path}:{number}: kind {kind!r} is not one of {sorted(ABBREVIATION_KINDS)}")
        if not abbreviation or not expansion:
            raise PlaceDataError(f"{path}:{number}: abbreviation and expansion must not be empty")
        if abbreviation in result[kind]:
            raise PlaceDataError(f"{path}:{number}: {abbreviation!r} is listed twice")
        result[kind][abbreviation] = expansion
    return result


@dataclass(frozen=True, slots=True)
class OutletRow:
    """A news outlet of outlets.csv: its home country (None where the domain's country code says it), and
    for a local or regional outlet its home town (as the gazetteer names it) and that town's first-level
    division (a US state's postal code or the division's name)."""

    host: str
    country: str | None
    town: str | None
    region: str | None


OUTLET_COLUMNS = ("host", "country", "town", "region")


def load_outlet_rows(directory: Path | None = None) -> dict[str, OutletRow]:
    """Registered domain of a news outlet -> its row of outlets.csv (the two-column form host,country of
    older copies is read too)."""
    path = (directory or data_dir()) / "outlets.csv"
    with path.open(encoding="utf-8") as handle:
        header = next((line for line in handle if not line.startswith("#")), "")
    columns = OUTLET_COLUMNS if header.strip().count(",") == len(OUTLET_COLUMNS) - 1 else ("host", "country")
    result: dict[str, OutletRow] = {}
    for number, row in _rows(path, columns):
        host = row["host"].strip().lower()
        if not host or "." not in host:
            raise PlaceDataError(f"{path}:{number}: {host!r} is not a domain")
        if host in result:
            raise PlaceDataError(f"{path}:{number}: {host!r} is listed twice")
        country = _iso2(path, number, row["country"].strip()) if row["country"].strip() else None
        town = row.get("town", "").strip() or None
        region = row.get("region", "").strip() or None
        if town and not region:
            raise PlaceDataError(f"{path}:{number}: town {town!r} needs its region (state or province)")
        if country is None and region is None:
            raise PlaceDataError(f"{path}:{number}: {host!r} gives neither a country nor a home region")
        result[host] = OutletRow(host, country, town, region)
    return result


def load_outlets(directory: Path | None = None) -> dict[str, str]:
    """Registered domain of a news outlet -> the ISO2 of its home country, for the outlets of outlets.csv
    whose row gives it (those on generic domains)."""
    return {host: row.country for host, row in load_outlet_rows(directory).items() if row.country}


def load_features(directory: Path | None = None) -> list[FeatureRow]:
    """The named natural features and regions of features.json, checked against features.schema.json
    (a bad edit fails here, naming the entry, rather than silently dropping a feature)."""
    import jsonschema

    folder = directory or data_dir()
    path = folder / "features.json"
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise PlaceDataError(f"{path}: not JSON: {error}") from None
    schema = json.loads((data_dir() / "schema" / "features.schema.json").read_text(encoding="utf-8"))
    problem = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(document))
    if problem is not None:
        where = "/".join(str(part) for part in problem.absolute_path)
        raise PlaceDataError(f"{path}: {where}: {problem.message}")
    rows: list[FeatureRow] = []
    names: set[str] = set()
    for entry in document["features"]:
        for name in (entry["name"], *entry["aliases"]):
            if name.casefold() in names:
                raise PlaceDataError(f"{path}: {name!r} names two features")
            names.add(name.casefold())
        rows.append(FeatureRow(entry["name"], entry["kind"], float(entry["lat"]), float(entry["lon"]),
                               entry["country"], tuple(entry["aliases"])))
    return rows

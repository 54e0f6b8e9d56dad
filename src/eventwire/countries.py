"""The one country table (data/countries/countries.yaml): codes, names, demonyms and points of every country.

Every stage reads its countries from here: the actors' knowledge base (names, aliases, demonyms, capitals,
metonyms), the gazetteer (ISO2 codes, points, demonyms), the GDELT exporter (FIPS 10-4 codes, points) and
the evaluation (ISO3 codes, CAMEO's older codes). The file is checked against its JSON Schema and for
repeated codes and names when it is read; a bad edit fails at load naming the record.

    >>> from eventwire import countries
    >>> countries.by_iso2("IQ").iso3, countries.by_name("Iraqi").iso3, countries.by_iso3("DEU").fips
    ('IRQ', 'IRQ', 'GM')
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

DATA_FILE = Path(str(resources.files("eventwire") / "data" / "countries" / "countries.yaml"))
SCHEMA_FILE = DATA_FILE.parent / "schema" / "countries.schema.json"
# Statuses of countries that act in the news; "former" (dissolved states) and "uninhabited" territories are
# places a gazetteer or GDELT knows, never actors.
ACTOR_STATUSES = frozenset({"un_member", "un_observer", "territory"})


class CountryTableError(ValueError):
    """The country table breaks its schema or repeats a code or a name; the message names the record."""


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    fips: str | None  # FIPS 10-4, GDELT's country code; None for territories without one
    cameo: str | None  # CAMEO's code where it is not the ISO3 ("JAP" for JPN)
    lat: float
    lon: float
    name: str
    official: str | None
    status: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    metonyms: tuple[tuple[str, tuple[str, ...]], ...]  # (sector, names)

    @property
    def is_actor(self) -> bool:
        return self.status in ACTOR_STATUSES


@dataclass(frozen=True, slots=True)
class CountryTable:
    countries: tuple[Country, ...]  # in ISO3 order, as the file lists them
    _by_iso3: dict[str, Country]
    _by_iso2: dict[str, Country]
    _by_fips: dict[str, Country]
    _by_cameo: dict[str, Country]
    _by_name: dict[str, Country]  # casefolded name, official name, alias or demonym


def _texts(value: Iterable[Any] | None) -> tuple[str, ...]:
    return tuple(str(item) for item in value or ())


def _country(record: dict[str, Any]) -> Country:
    lat, lon = record["point"]
    return Country(
        iso3=record["iso3"], iso2=record["iso2"], fips=record.get("fips"), cameo=record.get("cameo"),
        lat=float(lat), lon=float(lon), name=record["name"], official=record.get("official"),
        status=record["status"], aliases=_texts(record.get("aliases")),
        demonyms=_texts(record.get("demonyms")), capitals=_texts(record.get("capitals")),
        metonyms=tuple((str(sector), _texts(names))
                       for sector, names in (record.get("metonyms") or {}).items()),
    )


def schema_errors(data: Any) -> list[str]:
    """Where `data` (the parsed table) breaks the schema, one message per problem."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        where = list(error.absolute_path)
        label = "file"
        record = data[where[0]] if where and isinstance(data, list) and isinstance(where[0], int) else None
        if isinstance(record, dict):
            label = f"record {where[0]} ({record.get('iso3')})" + "".join(f"/{p}" for p in where[1:])
        problems.append(f"{label}: {error.message}")
    return problems


def load(path: Path = DATA_FILE) -> CountryTable:
    """Read and check a country table file (the shipped one unless told)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = schema_errors(data)
    if problems:
        raise CountryTableError(f"{path}: " + "; ".join(problems[:10]))
    countries = tuple(_country(record) for record in data)
    indexes: dict[str, dict[str, Country]] = {"iso3": {}, "iso2": {}, "fips": {}, "cameo": {}, "name": {}}

    def index(kind: str, key: str | None, country: Country) -> None:
        if key is None:
            return
        seen = indexes[kind].setdefault(key, country)
        if seen is not country:
            raise CountryTableError(f"{path}: {kind} {key!r} of {country.iso3} is already {seen.iso3}'s")

    for country in countries:
        for kind, key in (("iso3", country.iso3), ("iso2", country.iso2), ("fips", country.fips),
                          ("cameo", country.cameo)):
            index(kind, key, country)
        for name in {country.name, country.official, *country.aliases, *country.demonyms} - {None}:
            assert name is not None
            index("name", name.casefold(), country)
    return CountryTable(countries, indexes["iso3"], indexes["iso2"], indexes["fips"], indexes["cameo"],
                        indexes["name"])


@cache
def table() -> CountryTable:
    return load()


def all_countries() -> tuple[Country, ...]:
    """Every country and territory of the table, in ISO3 order."""
    return table().countries


def by_iso3(code: str) -> Country | None:
    return table()._by_iso3.get(code.upper())


def by_iso2(code: str) -> Country | None:
    return table()._by_iso2.get(code.upper())


def by_fips(code: str) -> Country | None:
    return table()._by_fips.get(code.upper())


def by_cameo(code: str) -> Country | None:
    """The country of a CAMEO country code: its ISO3, or CAMEO's own older code ("ROM" is Romania)."""
    code = code.upper()
    return table()._by_cameo.get(code) or by_iso3(code)


def by_name(name: str) -> Country | None:
    """The country a name, official name, alias or demonym stands for ("Iraq", "the Emirates", "Iraqi")."""
    return table()._by_name.get(name.strip().casefold())

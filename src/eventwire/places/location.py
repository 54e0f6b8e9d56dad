"""Where an event happened: the place of its own clause, else of its sentence, else the article's place.

The article's place (`article_place`) is its dateline when the story is about the dateline's country,
else the place the article keeps coming back to, and only when one country dominates the article: an
event a sentence does not place happened where the story is, as far as the article tells. An article
about several countries gives no such default. The outlet's home city is never a default.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from eventwire.places.model import SPECIFICITY, PlaceMention

# One country must hold at least this share of an article's located mentions for the article to have a
# place of its own (an article about the US and Israel has none).
DOMINANT_SHARE = 0.5
# Within that country, one town or division must hold this share of the mentions below country level for
# the article's place to be that town rather than the country ("Shiraz" x3 and "Fars" once: Shiraz;
# Shenzhen, Chongqing, Guizhou and Guangxi once each: China).
MAIN_PLACE_SHARE = 2 / 3
# Seas, regions and continents ("Middle East") say nothing about which country a story is in.
_NO_COUNTRY_FEATURES = frozenset({"area", "continent"})


def is_usable(place: PlaceMention) -> bool:
    """A mention that can locate an event: resolved, not a demonym ("Iraqi troops" describe actors), not
    part of an organisation's name ("Bank of Canada" says nothing about where)."""
    return (place.feature != "demonym" and not place.in_name and place.lat is not None
            and place.lon is not None)


def _best(places: Sequence[PlaceMention]) -> PlaceMention | None:
    # Among the usable places the most specific wins ("near Baghdad airport, Iraq").
    usable = [p for p in places if is_usable(p)]
    if not usable:
        return None
    return min(enumerate(usable), key=lambda item: (-SPECIFICITY.get(item[1].feature, 0), item[0]))[1]


def locate_event(places_in_clause: Sequence[PlaceMention], places_in_sentence: Sequence[PlaceMention],
                 dateline_place: PlaceMention | None) -> PlaceMention | None:
    """The event's location by the clause > sentence > dateline rule; None when none of them has a place."""
    for places in (places_in_clause, places_in_sentence):
        found = _best(places)
        if found is not None:
            return found
    return _best([dateline_place]) if dateline_place is not None else None


def says_which_country(place: PlaceMention) -> bool:
    """A mention that is evidence of the article's country: any located toponym but demonyms, seas and
    continents, including one inside a name ("the Kenya Medical Practitioners Union", "Chicago police"
    are where the story is, though not where an act happened). Counting those: TR-News sentences whose
    article place gives their toponyms' country 510 -> 522 of 601 -> 612, pages dev 125 -> 128 of 152."""
    return (place.feature != "demonym" and place.lat is not None and place.lon is not None
            and bool(place.country) and place.feature not in _NO_COUNTRY_FEATURES)


def dominant_country(places: Sequence[PlaceMention]) -> str | None:
    """The ISO3 country holding at least DOMINANT_SHARE of the article's located mentions and more than
    any other; None for an article about several countries (or none)."""
    counts = Counter(p.country for p in places if says_which_country(p))
    if not counts:
        return None
    (top, top_count), *rest = counts.most_common()
    if top_count < DOMINANT_SHARE * sum(counts.values()) or (rest and rest[0][1] == top_count):
        return None
    return top


def article_place(places: Sequence[PlaceMention], dateline: PlaceMention | None = None
                  ) -> PlaceMention | None:
    """Where the article's events happen when their sentence names no place: the dateline if the story is
    about its country (a "LONDON (Reuters)" story about Shiraz is not), else the article's main place in
    the country that dominates it; None when no country dominates."""
    country = dominant_country(places)
    if dateline is not None and is_usable(dateline) and (country is None or dateline.country == country):
        return dateline
    if country is None:
        return None
    own = [p for p in places if is_usable(p) and p.country == country]
    below_country = [p for p in own if p.feature not in ("country", *_NO_COUNTRY_FEATURES)]
    if below_country:
        by_place = Counter(p.geonameid or p.name for p in below_country)
        main, count = by_place.most_common(1)[0]
        if count >= MAIN_PLACE_SHARE * len(below_country):
            return next(p for p in below_country if (p.geonameid or p.name) == main)
    country_mentions = [p for p in own if p.feature == "country"]
    if country_mentions:
        return country_mentions[0]
    if below_country:
        return below_country[0]
    # the country is known only from names ("Kenya Medical Practitioners Union"): its own mention there
    return next((p for p in places if says_which_country(p) and p.country == country
                 and p.feature == "country"), None)

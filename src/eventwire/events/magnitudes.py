"""Magnitudes: how many were killed, injured, arrested, how many took part, how much money, read from the
parse of an event's own sentence (docs/magnitudes.md).

Two steps. `sentence_quantities` finds every figure of a sentence that counts people killed, injured,
arrested or taking part, or that is an amount of money, each with the word that says so (its cue: "killed",
"dead", "toll", "rallied", "crowd", or the money's own head). A figure is a number in digits or words
("25", "twenty-five", "2.5 million"), a vague size ("dozens", "thousands", "tens of thousands") or an
indefinite person ("a woman was killed": one); years, ages, times, percentages, measures and ordinals are
not figures. `read_magnitudes` then keeps those whose cue lies in the event's clause: the trigger's clause
and the clauses under it ("attacked the town, killing 25"), or the clause the trigger's clause completes
("thousands marched to protest"), but not a clause joined beside it ("... and police arrested 10").

The count belongs to the noun or verb it is read from ("killed 25 fighters": 25 dead; "25 people were
killed"; "left 3 dead and 12 wounded"; "the death toll rose to 40"), never to a number elsewhere in the
clause ("a 22-year-old", "in 2015", "aged 15 and 17").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.events.records import Count, Magnitudes, Money
from eventwire.temporal.lexicon import default_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# --- numbers -------------------------------------------------------------------------------------------

def _number_words() -> dict[str, int]:
    """"zero" to "ninety" as single words: the temporal lexicon's cardinals ("dozen" is a unit here, and
    "a", "hundred" and the phrases are read apart), plus "zero"."""
    cardinals = default_lexicon().cardinals
    words = {word: int(value) for word, value in cardinals.items()
             if word.isalpha() and value == int(value) and value < 100 and word not in {"a", "an", "dozen"}}
    return {"zero": 0, **words}


_UNITS = _number_words()
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "k": 1_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
    "lakh": 100_000,
    "lakhs": 100_000,
}
# Vague sizes: the plural means at least two of the unit, so the lower bound is twice it.
_VAGUE = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1_000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
}
_SINGLE_UNIT = {"dozen": 12, "score": 20}
# "several thousand", "a few hundred": the least "several" and "a few" are taken to mean
_FEW = {"several": 3, "few": 3, "couple": 2}
# Words before a figure that make it a bound or an estimate
_APPROXIMATE_BEFORE = {
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "some",
    "over",
    "least",
    "upwards",
    "estimated",
    "under",
    "circa",
    "possibly",
    "perhaps",
    "excess",
    "estimate",
    "approx",
}
# two-word bounds, read backwards from the figure: "more than", "up to", "as many as", "close to"
_APPROXIMATE_PAIRS = {
    ("than", "more"),
    ("than", "fewer"),
    ("than", "less"),
    ("to", "up"),
    ("to", "close"),
    ("as", "many"),
    ("as", "much"),
    ("of", "excess"),
    ("than", "over"),
}
_MONTHS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "jan.",
        "feb",
        "feb.",
        "mar.",
        "apr",
        "apr.",
        "jun.",
        "jul.",
        "aug",
        "aug.",
        "sept",
        "sept.",
        "sep.",
        "oct",
        "oct.",
        "nov",
        "nov.",
        "dec",
        "dec.",
    }
)
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")

# --- what a figure counts ----------------------------------------------------------------------------

_VICTIM_KINDS = frozenset({"dead", "injured", "arrested"})
_KILL_VERBS = frozenset(
    {"kill", "murder", "slay", "execute", "massacre", "behead", "assassinate", "shoot dead", "claim"}
)
_DIE_VERBS = frozenset({"die", "perish", "drown"})
_INJURE_VERBS = frozenset({"injure", "wound", "hurt", "maim", "injured", "wounded"})
# not "jail" or "imprison": those are sentences passed, not arrests
_ARREST_VERBS = frozenset({"arrest", "detain", "apprehend", "capture", "round", "nab", "seize", "intern"})
_DEAD_WORDS = frozenset({"dead", "killed", "died", "dying", "slain", "deceased", "murdered", "executed"})
_INJURED_WORDS = frozenset({"injured", "wounded", "hurt", "injuring", "wounding"})
_ARRESTED_WORDS = frozenset({"arrested", "detained", "held", "apprehended", "captured"})
_DEATH_NOUNS = frozenset({"death", "deaths", "fatality", "fatalities", "casualty", "toll", "dead"})
_INJURY_NOUNS = frozenset({"injury", "injuries"})
_ARREST_NOUNS = frozenset({"arrest", "arrests", "detention", "detentions"})
_GATHER_VERBS = frozenset(
    {
        "march",
        "rally",
        "protest",
        "demonstrate",
        "gather",
        "assemble",
        "attend",
        "join",
        "stage",
        "strike",
        "sit",
        "picket",
        "chant",
        "converge",
        "flood",
        "fill",
        "throng",
        "surround",
        "parade",
        "mass",
        "block",
        "occupy",
        "turn",
        "walk",
        "descend",
        "participate",
        "take",
        "demand",
        "clash",
        "hold",
        "mourn",
        "vigil",
        "riot",
    }
)
_CROWD_NOUNS = frozenset(
    {
        "crowd",
        "crowds",
        "rally",
        "march",
        "protest",
        "demonstration",
        "turnout",
        "gathering",
        "procession",
        "vigil",
        "throng",
        "attendance",
        "strike",
    }
)
_PROTESTER_NOUNS = frozenset(
    {
        "protester",
        "protesters",
        "protestor",
        "protestors",
        "demonstrators",
        "marchers",
        "demonstrator",
        "strikers",
        "rioters",
        "participants",
        "mourners",
    }
)
# Nouns a figure can count that are no people: a figure on them is no magnitude of these kinds
_NOT_PEOPLE = frozenset(
    {
        "year",
        "years",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "hour",
        "hours",
        "minute",
        "minutes",
        "second",
        "seconds",
        "decade",
        "decades",
        "century",
        "centuries",
        "time",
        "times",
        "percent",
        "per",
        "cent",
        "mile",
        "miles",
        "km",
        "kilometres",
        "kilometers",
        "metres",
        "meters",
        "feet",
        "foot",
        "pounds",
        "pound",
        "kg",
        "kilograms",
        "tons",
        "tonnes",
        "points",
        "point",
        "goals",
        "goal",
        "games",
        "game",
        "cases",
        "case",
        "counts",
        "count",
        "charges",
        "charge",
        "round",
        "rounds",
        "shots",
        "villages",
        "towns",
        "cities",
        "provinces",
        "districts",
        "countries",
        "states",
        "schools",
        "buildings",
        "homes",
        "houses",
        "vehicles",
        "cars",
        "jets",
        "planes",
        "flights",
        "routes",
        "votes",
        "seats",
        "warrants",
        "grains",
        "milligrams",
        "flybys",
        "nights",
        "steps",
        "stages",
        "teams",
        "copies",
        "earthquakes",
        "quakes",
        "bombs",
        "blasts",
        "attacks",
        "explosions",
        "shootings",
        "incidents",
        "crashes",
        "strikes",
    }
)
_PEOPLE_SINGULAR = frozenset(
    {
        "man",
        "woman",
        "boy",
        "girl",
        "child",
        "person",
        "baby",
        "teenager",
        "officer",
        "policeman",
        "policewoman",
        "soldier",
        "civilian",
        "tourist",
        "student",
        "worker",
        "journalist",
        "reporter",
        "resident",
        "villager",
        "farmer",
        "teacher",
        "doctor",
        "nurse",
        "driver",
        "pilot",
        "passenger",
        "guard",
        "militant",
        "fighter",
        "rebel",
        "protester",
        "demonstrator",
        "suspect",
        "bystander",
        "pedestrian",
        "motorist",
        "cyclist",
        "member",
        "activist",
        "trooper",
        "constable",
        "gunman",
        "prisoner",
        "inmate",
        "migrant",
        "refugee",
        "priest",
        "official",
        "employee",
        "mother",
        "father",
        "son",
        "daughter",
        "cleric",
        "lawyer",
        "judge",
        "guest",
        "shopkeeper",
        "trader",
        "commander",
        "leader",
        "victim",
        "youth",
        "infant",
        "toddler",
        "adult",
        "citizen",
        "national",
        "hostage",
        "colleague",
        "neighbour",
        "neighbor",
    }
)

_PEOPLE_PLURAL = frozenset(
    {
        "people",
        "persons",
        "men",
        "women",
        "children",
        "police",
        "policemen",
        "youths",
        "folk",
        "folks",
        "staff",
        "crew",
        "personnel",
        "troops",
        "families",
    }
    | {noun + "s" for noun in _PEOPLE_SINGULAR}
    | {noun + "es" for noun in _PEOPLE_SINGULAR}
    | _PROTESTER_NOUNS
)

_CURRENCY_SYMBOLS = {
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "INR": "INR",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "USD": "USD",
    "EUR": "EUR",
    "GBP": "GBP",
    "JPY": "JPY",
    "CNY": "CNY",
    "RMB": "CNY",
    "CHF": "CHF",
    "₦": "NGN",
    "₽": "RUB",
    "₺": "TRY",
    "₩": "KRW",
    "₱": "PHP",
    "Tk": "BDT",
    "Rp": "IDR",
    "Ksh": "KES",
}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "shekel": "ILS",
    "shekels": "ILS",
    "naira": "NGN",
    "rand": "ZAR",
    "francs": "CHF",
    "lira": "TRY",
    "liras": "TRY",
    "won": "KRW",
    "pesos": "MXN",
    "riyals": "SAR",
    "dirhams": "AED",
    "cents": "USD",
}
# "dollars" after a country's adjective names that country's dollar
_DOLLAR_COUNTRIES = {
    "canadian": "CAD",
    "australian": "AUD",
    "hong": "HKD",
    "singapore": "SGD",
    "taiwan": "TWD",
    "new": "NZD",
    "zimbabwean": "ZWL",
    "us": "USD",
    "american": "USD",
}
# spaCy also tags "19" in "the toll sits at 19" as a DATE: dates are told by their month, year or unit
_NOT_FIGURE_ENTS = frozenset({"TIME", "PERCENT", "ORDINAL", "QUANTITY"})


@dataclass(frozen=True, slots=True)
class Figure:
    """A number read from the text: its value, whether it is a bound or an estimate, its tokens."""

    value: float
    approximate: bool
    start: int  # token indices in the doc, end exclusive
    end: int
    head: int  # the token that stands for the figure in the parse (the noun it counts, or the number)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure the sentence gives for one kind: dead, injured, arrested, participants, or money."""

    kind: str
    value: float
    approximate: bool
    cue: int  # the token index of the word that says what the figure counts
    currency: str | None = None


def _word_value(token: Token) -> float | None:
    return _text_value(token.text)


@functools.lru_cache(maxsize=1 << 16)
def _text_value(written: str) -> float | None:
    # cached by the word's text: every word of every sentence is asked, and the same words recur
    text = written.casefold().replace("-", " ")
    if _DIGITS.match(written):
        return float(written.replace(",", ""))
    scaled = re.fullmatch(r"(\d+(?:\.\d+)?)-(million|billion|trillion)", written.lower())
    if scaled:  # "$8.8-billion megaproject"
        return float(scaled.group(1)) * _SCALES[scaled.group(2)]
    parts = text.split()
    if parts and all(part in _UNITS for part in parts):  # "twenty five" written "twenty-five"
        return float(sum(_UNITS[part] for part in parts))
    return None


def _figure_at(sentence: Span, index: int) -> Figure | None:
    """The figure that starts with the number word at doc index `index`, or None."""
    doc = sentence.doc
    token = doc[index]
    lower = token.lower_
    end = index + 1
    approximate = False
    if lower in _VAGUE:
        value = float(_VAGUE[lower] * 2)
        approximate = True
        # "tens of thousands", "hundreds of thousands", "dozens of" (people)
        if end + 1 < sentence.end and doc[end].lower_ == "of" and doc[end + 1].lower_ in _VAGUE:
            value = float(_VAGUE[lower] * 2 * _VAGUE[doc[end + 1].lower_])
            end += 2
    elif (
        lower == "tens"
        and end + 1 < sentence.end
        and doc[end].lower_ == "of"
        and doc[end + 1].lower_ in _VAGUE
    ):
        value, approximate, end = float(20 * _VAGUE[doc[end + 1].lower_]), True, end + 2
    elif lower in _SINGLE_UNIT and index > sentence.start and doc[index - 1].lower_ in {"a", "one"}:
        value = float(_SINGLE_UNIT[lower])  # "a dozen" is twelve; "about a dozen" is marked below
    elif (
        lower in _SCALES
        and lower not in {"m", "mn", "bn", "k"}
        and index > sentence.start
        and doc[index - 1].lower_ in {"a", "one", "half"}
    ):
        halved = doc[index - 1].lower_ == "half" or (
            index - 2 >= sentence.start and doc[index - 1].lower_ == "a" and doc[index - 2].lower_ == "half"
        )
        value = float(_SCALES[lower]) * (0.5 if halved else 1.0)
    else:
        number = _word_value(token)
        if number is None and lower in _SCALES and index > sentence.start and doc[index - 1].lower_ in _FEW:
            number = float(_SCALES[lower])  # "several hundred": the unit, multiplied below
        if number is None:
            return None
        previous = [doc[i].lower_ for i in range(max(sentence.start, index - 2), index)]
        if lower == "one" and ("no" in previous or "any" in previous or "every" in previous):
            return None  # "no-one was injured", "no one", "anyone"
        value = number
        # "Twenty-five", tokenised as three words
        if (
            lower in _UNITS
            and _UNITS[lower] >= 20
            and end + 1 < sentence.end
            and doc[end].text == "-"
            and 0 < _UNITS.get(doc[end + 1].lower_, 0) < 10
        ):
            value += _UNITS[doc[end + 1].lower_]
            end += 2
    # scale words after the number: "2.5 million", "two hundred thousand", "10 crore", "8.8-billion"
    while end < sentence.end:
        if doc[end].lower_ in _SCALES:
            value *= _SCALES[doc[end].lower_]
            end += 1
        elif (
            doc[end].text == "-"
            and end + 1 < sentence.end
            and doc[end + 1].lower_ in _SCALES
            and doc[end + 1].lower_ not in {"m", "k"}
        ):
            value *= _SCALES[doc[end + 1].lower_]
            end += 2
        else:
            break
    start = index
    # "several thousand", "a few hundred", "half a million"
    if index > sentence.start and doc[index - 1].lower_ in _FEW and lower in _SCALES | _SINGLE_UNIT:
        value *= _FEW[doc[index - 1].lower_]
        approximate, start = True, index - 1
    elif (
        index > sentence.start + 1
        and doc[index - 1].lower_ == "few"
        and doc[index - 2].lower_ == "a"
        and lower in _SCALES | _SINGLE_UNIT
    ):
        value *= _FEW["few"]
        approximate, start = True, index - 2
    if lower in _SCALES and value == _SCALES[lower] / 2:  # "half a million": the figure starts at "half"
        start = index - 2 if doc[index - 1].lower_ == "a" else index - 1
    # "more than 40", "at least 25", "nearly 70", "up to 800", "some 300", "about a dozen"
    look = start - 1
    if look >= sentence.start and doc[look].lower_ in {"a", "an"}:
        look -= 1  # "about a dozen"
    if look >= sentence.start and doc[look].lower_ in _APPROXIMATE_BEFORE:
        approximate = True
    if look - 1 >= sentence.start and (doc[look].lower_, doc[look - 1].lower_) in _APPROXIMATE_PAIRS:
        approximate = True
    if end < sentence.end and doc[end].lower_ in {"plus", "+", "odd"}:
        approximate = True
    # "40-50 billion": a range keeps its lower end
    if end + 1 < sentence.end and doc[end].text in {"-", "–"} and _word_value(doc[end + 1]) is not None:
        approximate = True
    head = _figure_head(doc, start, end)
    return Figure(value, approximate, start, end, head)


def _figure_head(doc: Doc, start: int, end: int) -> int:
    """The token that stands for the figure in the parse: the noun it counts ("25 people" -> people,
    "dozens of activists" -> dozens), or its own last word when it stands alone ("killed nine")."""
    last = doc[end - 1]
    # one step up the number's own modifier link (nummod, quantmod, compound) to the noun it counts
    if (
        last.dep_ in {"nummod", "quantmod", "compound", "amod", "advmod"}
        and last.head.i != last.i
        and not start <= last.head.i < end
        and last.head.pos_ in {"NOUN", "PROPN", "NUM", "ADJ", "PRON"}
    ):
        return last.head.i
    return last.i


def _is_age_or_time(doc: Doc, figure: Figure) -> bool:
    """Years, ages, clock times, ordinals, percentages, measures: numbers that count no people."""
    tokens = [doc[i] for i in range(figure.start, figure.end)]
    first, last = tokens[0], tokens[-1]
    if any(t.ent_type_ in _NOT_FIGURE_ENTS for t in tokens) and not any(
        t.lower_ in _VAGUE or t.lower_ in {"dozen", "dozens"} for t in tokens
    ):
        return True
    text = last.text
    neighbours = [doc[i].lower_ for i in (first.i - 1, last.i + 1) if 0 <= i < len(doc)]
    if any(word in _MONTHS for word in neighbours):
        return True  # "March 24", "24 March", "Dec. 10"
    # a year written alone: 1900..2099 with no separators, not counting a noun of people
    if re.fullmatch(r"(1[89]|20)\d\d", text) and last.dep_ != "nummod":
        return True
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if after is not None:
        if after.text in {"-year", "year", "years", "-month", "%"} or after.lower_.startswith(
            ("-year", "year-")
        ):
            following = doc[after.i + 1] if after.i + 1 < len(doc) else None
            if (
                after.lower_ in {"year", "years", "-year"}
                and following is not None
                and following.lower_ in {"-old", "old", "olds"}
            ):
                return True
            if after.text == "%":
                return True
        if after.lower_ in {"percent", "per", "pc", "p.m.", "a.m.", "am", "pm", "o'clock", "th", "st", "nd"}:
            return True
    if "-year-old" in text.casefold() or "year-old" in text.casefold():
        return True
    before = doc[first.i - 1] if first.i > 0 else None
    if before is not None:
        if before.lower_ in {
            "aged",
            "age",
            "ages",
            "no.",
            "number",
            "route",
            "page",
            "article",
            "chapter",
            "section",
            "room",
            "flight",
            "#",
        }:
            return True
        # "Munir Abdulkader, 22, from ..." : an age in apposition to a name
        if (
            before.text == ","
            and first.i + 1 < len(doc)
            and doc[first.i + 1].text == ","
            and first.i >= 2
            and doc[first.i - 2].pos_ == "PROPN"
        ):
            return True
    # part of a date like "May 21, 2015" or a time "2:41"
    return ":" in text


def _currency(doc: Doc, figure: Figure) -> tuple[str] | None:
    """(ISO code,) when the figure is an amount of money: a symbol or code before it ("$", "Rs", "C$",
    "€"), or a currency word after it ("euros", "yen", "dollars"). None when it is not money."""
    first_index, end = figure.start, figure.end
    before = doc[first_index - 1] if first_index > 0 else None
    if before is not None:
        symbol = before.text
        if symbol in _CURRENCY_SYMBOLS:
            code = _CURRENCY_SYMBOLS[symbol]
            two_before = doc[first_index - 2] if first_index > 1 else None
            if (
                symbol == "$"
                and two_before is not None
                and two_before.text in {"C", "A", "HK", "NZ", "S", "US"}
            ):
                code = _CURRENCY_SYMBOLS.get(two_before.text + "$", code)
            return (code,)
        glued = re.match(r"^(US\$|C\$|A\$|HK\$|NZ\$|\$|€|£|¥|₹)", doc[first_index].text)
        if glued:
            return (_CURRENCY_SYMBOLS[glued.group(1)],)
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[figure.start].lower_ in _VAGUE:
        end += 1  # "millions of dollars"
    if end < len(doc):
        after = doc[end]
        word = after.lower_
        if word in _CURRENCY_WORDS:
            if word == "won" and after.pos_ == "VERB":
                return None
            code = _CURRENCY_WORDS[word]
            return (code,)
        if word in _DOLLAR_COUNTRIES and end + 1 < len(doc) and doc[end + 1].lower_ in {"dollar", "dollars"}:
            return (_DOLLAR_COUNTRIES[word],)  # "50 million Canadian dollars"
        if word in {"pounds", "pound"} and end + 1 < len(doc) and doc[end + 1].lower_ == "sterling":
            return ("GBP",)
    return None


# --- what a figure counts ----------------------------------------------------------------------------


def _matches(token: Token, words: frozenset[str]) -> bool:
    """The verb is one of `words`, by lemma or by form (the tagger lemmatises "staged" as "stag")."""
    lower = token.lower_
    forms = {token.lemma_.casefold(), lower}
    for ending in ("ing", "ed", "d", "s", "es"):
        if lower.endswith(ending):
            forms.add(lower[: -len(ending)])
    if lower.endswith("ied"):
        forms.add(lower[:-3] + "y")  # "died" -> "die" is covered by "d"; "rallied" -> "rally"
    return bool(forms & words)


def _hypothetical(verb: Token) -> bool:
    """ "enough to kill an adult", "may have perished", "could kill thousands": no count of a real act."""
    return any(
        child.dep_ == "aux" and child.lower_ in {"to", "may", "might", "could", "would", "can", "should"}
        for child in verb.children
    )


def _after_words(figure: Figure, sentence: Span) -> list[Token]:
    """The word right after the figure and the noun it counts: where "3 dead", "dozens more injured",
    "dozens of people were killed", "25 people are dead" say what was counted. Skipped: "more",
    "others", "of" and the counted noun, auxiliaries and adverbs."""
    doc = sentence.doc
    index = figure.end
    counted = doc[figure.head]
    while index < sentence.end:
        token = doc[index]
        if token.lower_ in {
            "more",
            "others",
            "other",
            "of",
            "were",
            "was",
            "are",
            "is",
            "have",
            "has",
            "had",
            "been",
            "be",
            "being",
            "reportedly",
            "also",
            "later",
            "all",
            "still",
            "now",
            "either",
            "initially",
            "allegedly",
        } or (
            token.pos_ in {"NOUN", "PROPN", "ADJ"}
            and index - figure.end < 4
            and (token.i == counted.i or token.head.i == counted.i or counted.i < figure.end)
            and token.dep_ not in {"acl", "relcl"}
            and _kind_of_word(token) is None
        ):
            index += 1
            continue
        return [token]
    return []


def _kind_of_word(word: Token) -> str | None:
    verb = word.pos_ in {"VERB", "AUX"}  # by lemma only a verb: German "die Messe" is no dying
    if word.lower_ in _DEAD_WORDS or (verb and _matches(word, _KILL_VERBS | _DIE_VERBS)):
        return "dead"
    if word.lower_ in _INJURED_WORDS or (verb and _matches(word, _INJURE_VERBS)):
        return "injured"
    if word.lower_ in _ARRESTED_WORDS - {"held"} or (
        verb and _matches(word, _ARREST_VERBS - {"round", "seize", "capture"})
    ):
        return "arrested"
    return None


def _verb_kind(verb: Token, role: str) -> str | None:
    """What a figure in `role` (object, passive subject, subject) of `verb` counts."""
    if _hypothetical(verb):
        return None
    if role in {"dobj", "nsubjpass", "appos"}:
        if _matches(verb, _KILL_VERBS - {"claim"}):
            return "dead"
        if _matches(verb, _INJURE_VERBS):
            return "injured"
        if _matches(verb, _ARREST_VERBS - {"round", "seize"}):
            return "arrested"
        if _matches(verb, frozenset({"round"})) and any(
            child.dep_ == "prt" and child.lower_ == "up" for child in verb.children
        ):
            return "arrested"
        if _matches(verb, frozenset({"take"})) and any(
            child.dep_ == "prep" and any(g.lower_ == "custody" for g in child.children)
            for child in verb.children
        ):
            return "arrested"
        if _matches(verb, frozenset({"claim"})) and any(
            child.lower_ in {"lives", "life"} for child in verb.subtree
        ):
            return "dead"
        if role == "dobj" and any(
            child.dep_ == "prep" and child.lower_ == "to" and any(g.lower_ == "death" for g in child.children)
            for child in verb.children
        ):
            return "dead"  # "stabbed 11 students to death"
    if role in {"nsubj", "nsubjpass"}:
        if _matches(verb, _DIE_VERBS):
            return "dead"
        if _matches(verb, _GATHER_VERBS):
            return "participants"
    if role == "nsubj" and _matches(verb, frozenset({"be", "remain"})):
        for child in verb.children:
            if child.dep_ in {"acomp", "attr"}:
                kind = _kind_of_word(child)
                if kind is not None:
                    return kind
            if child.dep_ == "prep" and any(g.lower_ == "custody" for g in child.children):
                return "arrested"
    return None


def _is_people(noun: Token, figure: Figure) -> bool:
    """Whether the noun a figure counts can be people (not years, miles, villages, attacks)."""
    if figure.start <= noun.i < figure.end:
        return True  # the figure stands alone: "killed nine", "as many as 200 have been killed"
    return noun.lower_ not in _NOT_PEOPLE and noun.lemma_.casefold() not in _NOT_PEOPLE


def _crowd_noun(noun: Token, figure: Figure) -> bool:
    """A subject that can be a crowd: a noun of people, or the figure alone ("thousands marched")."""
    if figure.start <= noun.i < figure.end:
        objects = [
            g for child in noun.children if child.lower_ == "of" for g in child.children if g.dep_ == "pobj"
        ]
        return not objects or _people_plural(objects[0])
    return _people_plural(noun)


def _people_plural(noun: Token) -> bool:
    """A plural noun of people: a known one, a nationality or group ("Israelis"), or one formed like a noun
    of agents ("supporters", "activists", "Palestinians", "employees") - not "earthquakes" or "jets"."""
    lower = noun.lower_
    if lower in _PEOPLE_PLURAL or noun.ent_type_ == "NORP":
        return True
    return noun.tag_ in {"NNS", "NNPS"} and lower.endswith(
        ("ers", "ors", "ists", "ians", "ants", "ents", "ees")
    )


def _count_kind(figure: Figure, sentence: Span) -> tuple[str, int] | None:
    """(kind, cue token index) for a figure of people, or None when it counts nothing of these kinds."""
    doc = sentence.doc
    noun = doc[figure.head]
    if not _is_people(noun, figure):
        return None
    if noun.i < figure.end:  # "dozens of activists": the group is the figure itself
        objects = [
            g for child in noun.children if child.lower_ == "of" for g in child.children if g.dep_ == "pobj"
        ]
        if objects and not _is_people(objects[0], figure):
            return None
    # 1. the words right after: "3 dead", "12 wounded", "dozens more injured", "25 people were killed"
    for word in _after_words(figure, sentence):
        kind = _kind_of_word(word)
        # the active subject of a verb does the act ("two bombs killed ...": the killers, not the dead),
        # except of dying
        doer = (
            noun.dep_ == "nsubj"
            and noun.head.i == word.i
            and word.pos_ in {"VERB", "AUX"}
            and not _matches(word, _DIE_VERBS)
        )
        if kind is not None and not doer and not _hypothetical(word):
            return kind, word.i
        if word.lower_ == "to" and word.i + 1 < sentence.end and doc[word.i + 1].lower_ == "death":
            return "dead", word.i + 1
        if (
            word.lower_ == "in"
            and word.i + 1 < sentence.end
            and doc[word.i + 1].lower_ in {"custody", "attendance"}
        ):
            following = doc[word.i + 1]
            return ("arrested" if following.lower_ == "custody" else "participants"), following.i
        if word.pos_ in {"VERB", "AUX"}:
            for joined in word.children:  # "were shot and wounded", "was hit by a car and killed"
                if joined.dep_ == "conj" and joined.pos_ == "VERB":
                    kind = _kind_of_word(joined)
                    if kind is not None and noun.dep_ != "nsubj" and not _hypothetical(joined):
                        return kind, joined.i
    # 2. the noun's place in the parse
    role, governor = noun.dep_, noun.head
    while role == "conj" and governor.i != noun.i and governor.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}:
        role, governor = governor.dep_, governor.head  # "six police officers and a civilian"
    if role in {"dobj", "nsubjpass", "nsubj"}:
        for verb in (
            governor,
            *(c for c in governor.children if c.dep_ == "conj" and c.pos_ == "VERB" and role == "nsubjpass"),
        ):
            kind = _verb_kind(verb, role)
            if kind is not None:
                if kind == "participants" and not _crowd_noun(noun, figure):
                    return None
                return kind, verb.i
    if role == "pobj":
        preposition = governor
        above = preposition.head
        # "the death toll rose to 40", "the toll sits at 19", "a toll of 40", "deaths of four soldiers"
        if preposition.lower_ in {"to", "at", "of"}:
            subjects = {
                child.lower_ for child in above.children if child.dep_ in {"nsubj", "nsubjpass", "dobj"}
            }
            if above.lower_ in _DEATH_NOUNS or subjects & {"toll", "deaths", "fatalities"}:
                return "dead", above.i
            if (
                above.lower_ in _CROWD_NOUNS or subjects & {"crowd", "turnout", "attendance"}
            ) and _crowd_noun(noun, figure):
                return "participants", above.i
            if above.lower_ in _ARREST_NOUNS:
                return "arrested", above.i
            if above.lower_ in _INJURY_NOUNS:
                return "injured", above.i
        if preposition.lower_ == "in" and above.lower_ in {"numbering", "numbered"}:
            return "participants", above.i
    # 3. a figure on a noun of deaths, arrests, or protesters: "40 deaths", "200 arrests"
    if noun.i >= figure.end:
        lower = noun.lower_
        if lower in {"arrests", "detentions"}:
            return "arrested", noun.i
        if lower == "injuries":
            return "injured", noun.i
        if lower in _PROTESTER_NOUNS and role != "pobj":
            return "participants", noun.i
    return None


def _conjoined(figure: Figure, sentence: Span, figures: dict[int, Figure]) -> int:
    """What the people joined to the figure's noun add: "six police officers and a civilian" -> 1."""
    doc = sentence.doc
    noun = doc[figure.head]
    extra = 0
    for conj in noun.children:
        if conj.dep_ != "conj" or conj.pos_ not in {"NOUN", "PROPN"}:
            continue
        counted = next((f for f in figures.values() if f.head == conj.i), None)
        if counted is not None:
            extra += int(counted.value)
        elif (
            any(child.lower_ in {"a", "an", "one"} for child in conj.children)
            and conj.lemma_.casefold() in _PEOPLE_SINGULAR
        ):
            extra += 1
    return extra


def _indefinite_people(sentence: Span) -> list[Figure]:
    """ "a woman", "one officer", "an elderly man": one person, as a figure of value 1."""
    found = []
    for token in sentence:
        if (
            token.pos_ != "NOUN"
            or token.lemma_.casefold() not in _PEOPLE_SINGULAR
            or token.tag_ not in {"NN"}
        ):
            continue
        determiner = next(
            (
                child
                for child in token.children
                if child.lower_ in {"a", "an", "one"} and child.dep_ in {"det", "nummod"}
            ),
            None,
        )
        if determiner is None:
            continue
        if token.dep_ == "conj" and token.head.pos_ in {"NOUN", "PROPN"}:
            continue  # counted with the noun it is joined to
        found.append(Figure(1.0, False, determiner.i, determiner.i + 1, token.i))
    return found


_GLUED_MONEY = re.compile(r"^(US\$|C\$|A\$|HK\$|\$|€|£|₹)\d")


def sentence_quantities(sentence: Span) -> list[Quantity]:
    """Every magnitude the sentence gives, with its cue word (see the module's docstring)."""
    doc = sentence.doc
    figures: dict[int, Figure] = {}
    index = sentence.start
    while index < sentence.end:
        token = doc[index]
        figure = None
        if (
            token.like_num
            or token.lower_ in _VAGUE
            or token.lower_ in {"tens", "dozen", "score"}
            or token.lower_ in _SCALES
            or _word_value(token) is not None
        ):
            figure = _figure_at(sentence, index)
        if figure is None and _GLUED_MONEY.match(token.text):
            figure = _glued_money(sentence, index)
        if figure is not None:
            figures[figure.start] = figure
            index = max(figure.end, index + 1)
        else:
            index += 1
    quantities: list[Quantity] = []
    used_heads: set[int] = set()
    for figure in figures.values():
        money = _currency(doc, figure)
        if money is not None:
            if _exchange_rate(doc, figure):
                continue
            in_cents = figure.end < len(doc) and doc[figure.end].lower_ == "cents"
            value = figure.value / 100 if in_cents else figure.value
            quantities.append(Quantity("money", value, figure.approximate, _money_cue(doc, figure), money[0]))
            continue
        if _is_age_or_time(doc, figure):
            continue
        counted = _count_kind(figure, sentence)
        if counted is None:
            continue
        kind, cue = counted
        joined = _conjoined(figure, sentence, figures) if kind in _VICTIM_KINDS else 0
        value = figure.value + joined
        used_heads.add(figure.head)
        quantities.append(Quantity(kind, value, figure.approximate, cue))
    for figure in _indefinite_people(sentence):
        if figure.head in used_heads:
            continue
        counted = _count_kind(figure, sentence)
        if counted is not None and counted[0] in _VICTIM_KINDS:
            kind, cue = counted
            quantities.append(Quantity(kind, 1.0 + _conjoined(figure, sentence, figures), False, cue))
    return quantities


def _glued_money(sentence: Span, index: int) -> Figure | None:
    """ "$2.5" written as one token (some tokenisations keep the symbol on the number)."""
    doc = sentence.doc
    text = re.sub(r"^(US\$|C\$|A\$|HK\$|\$|€|£|₹)", "", doc[index].text)
    if not _DIGITS.match(text):
        return None
    value = float(text.replace(",", ""))
    end = index + 1
    while end < sentence.end and doc[end].lower_ in _SCALES:
        value *= _SCALES[doc[end].lower_]
        end += 1
    approximate = index > sentence.start and doc[index - 1].lower_ in _APPROXIMATE_BEFORE
    return Figure(value, approximate, index, end, index)


def _exchange_rate(doc: Doc, figure: Figure) -> bool:
    """ "the euro up 0.05% to $1.1075", "108.55 per dollar": a price of a currency, not an amount."""
    text = doc[figure.end - 1].text
    if re.search(r"\.\d{3,}$", text) and figure.end - figure.start == 1:
        return True
    after = doc[figure.end] if figure.end < len(doc) else None
    return after is not None and after.lower_ == "per"


def _money_cue(doc: Doc, figure: Figure) -> int:
    """The word of the clause an amount belongs to: the verb above it ("pledged $2.5 billion")."""
    token = doc[figure.head]
    while token.head.i != token.i and token.pos_ not in {"VERB", "AUX"}:
        token = token.head
    return token.i


# --- an event's magnitudes ---------------------------------------------------------------------------

_CLAUSE_DEPS = frozenset(
    {"ROOT", "conj", "ccomp", "advcl", "relcl", "xcomp", "acl", "csubj", "parataxis", "pcomp", "csubjpass"}
)


def _clause_head(token: Token) -> Token:
    """The head of the clause a word is in: the nearest verb (or the root) at or above it."""
    while token.head.i != token.i and not (token.pos_ in {"VERB", "AUX"} and token.dep_ in _CLAUSE_DEPS):
        token = token.head
    return token


def _within(inner: Token, outer: Token) -> bool:
    """Whether clause `inner` is `outer` or lies under it without crossing a clause joined beside one with
    its own subject ("killed 5 and police arrested 10": the arrest is not part of the killing; "killing 12
    and wounding 8" shares its subject and is one act)."""
    token = inner
    while True:
        if token.i == outer.i:
            return True
        if token.head.i == token.i:
            return False
        if (
            token.dep_ == "conj"
            and token.pos_ in {"VERB", "AUX"}
            and any(child.dep_ in {"nsubj", "nsubjpass"} for child in token.children)
        ):
            return False
        token = token.head


def _in_another_nouns_clause(cue: Token, trigger: Token) -> bool:
    """Whether the cue is inside a clause that describes another noun than the trigger ("stormed the
    embassy in protest at air strikes that killed 25": the 25 are the strikes', not the storming's)."""
    token = cue
    while token.i != trigger.i and token.head.i != token.i:
        if (
            token.dep_ in {"relcl", "acl"}
            and token.head.i != trigger.i
            and token.head.pos_ in {"NOUN", "PROPN"}
        ):
            return True
        token = token.head
    return False


def _belongs(cue: Token, trigger: Token) -> bool:
    """Whether a figure whose cue is `cue` is part of the act `trigger` names."""
    cue_clause, trigger_clause = _clause_head(cue), _clause_head(trigger)
    if not _in_another_nouns_clause(cue, trigger):
        if cue.i in {t.i for t in trigger.subtree} and trigger.pos_ not in {"VERB", "AUX"}:
            return True  # "a blast that left 3 dead", "a rally of 5,000", "the deaths of 40"
        if _within(cue_clause, trigger_clause):
            return True
    # the trigger's clause says what the figure's act was for: "thousands marched to protest the law" (an
    # infinitive; not "... left one dead before police shot the attacker")
    purpose = trigger_clause.dep_ == "xcomp" or (
        trigger_clause.dep_ == "advcl"
        and any(child.dep_ == "aux" and child.lower_ == "to" for child in trigger_clause.children)
    )
    return purpose and trigger_clause.head.i == cue_clause.i


def _quantities_of(sentence: Span) -> list[Quantity]:
    """The sentence's quantities, read once per sentence however many events it holds."""
    cache: dict[tuple[int, int], list[Quantity]] = sentence.doc.user_data.setdefault(
        "eventwire.magnitudes", {}
    )
    key = (sentence.start, sentence.end)
    if key not in cache:
        cache[key] = sentence_quantities(sentence)
    return cache[key]


def magnitudes_of(quantities: list[Quantity]) -> Magnitudes | None:
    """One value per kind: the largest count (a toll and its parts: the toll), the first amount of money."""
    counts: dict[str, Count] = {}
    money: Money | None = None
    for quantity in quantities:
        if quantity.kind == "money":
            if money is None:
                money = Money(quantity.value, quantity.currency, quantity.approximate)
            continue
        value = round(quantity.value)
        known = counts.get(quantity.kind)
        if known is None or value > known.value:
            counts[quantity.kind] = Count(value, quantity.approximate)
    magnitudes = Magnitudes(
        dead=counts.get("dead"),
        injured=counts.get("injured"),
        arrested=counts.get("arrested"),
        participants=counts.get("participants"),
        money=money,
    )
    return magnitudes or None


def read_magnitudes(trigger: Token) -> Magnitudes | None:
    """The magnitudes of the act `trigger` names, from its own clause; None when the clause gives none."""
    from eventwire.events.syntax import sentence_of

    sentence = sentence_of(trigger)
    doc = trigger.doc
    mine = [quantity for quantity in _quantities_of(sentence) if _belongs(doc[quantity.cue], trigger)]
    return magnitudes_of(mine)

"""What an article establishes for linking its actor phrases: who it names in full, and where it is.

A person of the knowledge base is linked on evidence only (issue #16): a full-name mention in the phrase,
a surname after a full-name mention of the same person in the article, or a title plus a country the
article establishes. A bare surname or first name with no such support is left unlinked ("Clark" in a
West Virginia murder trial is not a former prime minister of New Zealand).

The article's own country comes from its dateline, its places (the places stage) and its outlet, in that
order, never from a person linked in it: a foreign politician named in a local story does not make the
local police foreign.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Rules a link can rest on, strongest first (the probability each gives a link).
FULL_NAME = "full_name"
SURNAME_AFTER_FULL_NAME = "surname_after_full_name"
TITLE_AND_COUNTRY = "title_and_country"
LINK_PROBABILITY = {FULL_NAME: 0.92, SURNAME_AFTER_FULL_NAME: 0.85, TITLE_AND_COUNTRY: 0.8}

# A place country that holds at least this share of the article's places (and two of them) is its country.
_PLACE_MAJORITY = 0.5
# A dateline country holding at most this share of the places, in an article of at least this many places
# that another country's places lead (half of them, or twice the next country's), is where the story was
# filed from, not where it happens.
_DATELINE_MINORITY = 0.2
_REPORTED_FROM_ELSEWHERE_MIN = 5
# Where a sentence ends: after . ! ? before a capital or a quote, or at a blank line (a single line break
# is a wrapped line in some corpora).
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘A-Z])|\n\s*\n")
# The words before a place that make it where something happens ("in Aleppo", "near the border town of"),
# not an actor ("Turkey accused ...") or a stance ("U.S.-backed").
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|across|around|throughout|within)\s+(?:the\s+)?$",
                       re.IGNORECASE)

# "from" right before a place: where an actor comes from ("missionaries from the United States").
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NameMention:
    """A full-name mention of a knowledge-base person in the article: the evidence for later surnames."""

    person_id: str
    text: str
    start: int


@dataclass(frozen=True, slots=True)
class PersonDescription:
    """What an article says about a person the knowledge base does not hold, by the title written before
    the name ("NASA Administrator Jim Bridenstine") or the apposition after it ("Royce Koop, a political
    scientist at ..."): the sector and country that description resolves to."""

    name: str  # the full name as the article writes it
    sector: str | None
    country: str | None  # the country the description itself names, or None
    start: int


@dataclass(frozen=True, slots=True)
class ArticleEvidence:
    """What one article establishes. Built by ActorResolver.read_article (or by hand in tests)."""

    named: dict[str, NameMention] = field(default_factory=dict)  # person id -> first full-name mention
    # person id -> first mention linked by title and country ("President Trump"): what later bare
    # surnames of the article rest on when no full name is given
    titled: dict[str, NameMention] = field(default_factory=dict)
    countries: frozenset[str] = frozenset()  # countries the article names (places, country words)
    country: str | None = None  # the article's own country, or None when nothing establishes one
    country_evidence: str | None = None  # "dateline", "places" or "outlet"
    # plain full name -> its description; plain surname -> the descriptions of every full name ending so
    described: dict[str, tuple[PersonDescription, ...]] = field(default_factory=dict)
    # a title word ("premier") -> the country of its first titled mention ("Manitoba Premier Brian
    # Pallister"): the country a later bare "the premier" of the article is of
    title_countries: dict[str, str] = field(default_factory=dict)
    # the places stage's place mentions (offset, country), in text order, and where each sentence starts:
    # the country of the place a sentence names is where what it reports happens
    places: tuple[tuple[int, str], ...] = ()
    sentence_starts: tuple[int, ...] = ()
    # where "from <place>" starts -> the place's country: an actor phrase right before it comes from there
    # ("Fishing companies from China were accused ... off Argentina")
    origins: dict[int, str] = field(default_factory=dict)
    # every place mention of the places stage (offset, country), located or not: what a name inside an actor
    # phrase is read as ("the governor of Santa Cruz" in a Bolivian story: Bolivia's Santa Cruz)
    mentions: tuple[tuple[int, str], ...] = ()

    def origin_country(self, end: int | None) -> str | None:
        """The country of a place written as "from <place>" right after a phrase ending at `end`, or None."""
        if end is None or not self.origins:
            return None
        for gap in (1, 0, 2):
            if (country := self.origins.get(end + gap)) is not None:
                return country
        return None

    def sentence_country(self, at: int | None) -> str | None:
        """The one country of the places named in the sentence around offset `at`; None when the sentence
        names no place, places of two countries, or `at` is not known."""
        if at is None or not self.places or not self.sentence_starts:
            return None
        index = bisect.bisect_right(self.sentence_starts, at) - 1
        start = self.sentence_starts[index] if index >= 0 else 0
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else None
        found = {
            country for offset, country in self.places if offset >= start and (end is None or offset < end)
        }
        return found.pop() if len(found) == 1 else None

    def countries_within(self, start: int, end: int) -> set[str]:
        """The countries of the places the places stage found between offsets `start` and `end`."""
        return {country for offset, country in self.mentions if start <= offset < end and country}

    def full_mention(self, person_id: str, before: int | None = None) -> NameMention | None:
        """The full-name mention of the person, if the article has one (before `before`, when given)."""
        mention = self.named.get(person_id)
        if mention is None or (before is not None and mention.start > before):
            return None
        return mention

    def titled_mention(self, person_id: str, before: int | None = None) -> NameMention | None:
        """The first title-and-country mention of the person (before `before`, when given), or None."""
        mention = self.titled.get(person_id)
        if mention is None or (before is not None and mention.start > before):
            return None
        return mention

    def description(self, name: str) -> PersonDescription | None:
        """The description of the person called `name` (a plain full name, or a surname that only one
        described person of the article carries), or None."""
        found = self.described.get(name, ())
        return found[0] if len({description.name for description in found}) == 1 else None

    def establishes(self, country: str) -> bool:
        return country == self.country or country in self.countries


def sentence_starts(text: str) -> tuple[int, ...]:
    """The offsets where the sentences of `text` start (a plain break on end punctuation and line breaks:
    enough to tell which places share a sentence with an actor phrase)."""
    return (0, *(match.end() for match in _SENTENCE_BREAK.finditer(text)))


def origin_places(text: str, places: Sequence[tuple[int, str]]) -> dict[int, str]:
    """Where each "from <place>" of the text starts -> the place's country ("refugees from Myanmar")."""
    found: dict[int, str] = {}
    for offset, country in places:
        if country and (match := _FROM.search(text, max(0, offset - 12), offset)) is not None:
            found.setdefault(match.start(), country)
    return found


def located_places(text: str, places: Sequence[tuple[int, str]]) -> tuple[tuple[int, str], ...]:
    """The place mentions written as where something happens: after a locative preposition."""
    return tuple(sorted(
        (offset, country) for offset, country in places
        if country and _LOCATIVE.search(text, max(0, offset - 16), offset)
    ))


def article_country(
    dateline_country: str | None, place_countries: Iterable[str], outlet_country: str | None = None
) -> tuple[str | None, str | None]:
    """(country, evidence) of an article: its dateline, else the clear majority of its places, else its
    outlet when the places do not contradict it; (None, None) when nothing establishes one."""
    counts = Counter(country for country in place_countries if country)
    if dateline_country:
        total = sum(counts.values())
        if total >= _REPORTED_FROM_ELSEWHERE_MIN:
            (top, top_count), *rest = counts.most_common()
            second = rest[0][1] if rest else 0
            leads = top_count / total >= _PLACE_MAJORITY or top_count >= 2 * second
            if top != dateline_country and leads and counts[dateline_country] / total <= _DATELINE_MINORITY:
                # "BEIRUT -" over a story whose places are Aleppo, Idlib and Damascus: the dateline is
                # where the reporter files from, the places say where the story happens.
                return top, "places"
        return dateline_country, "dateline"
    if counts:
        (top, top_count), *rest = counts.most_common()
        total = sum(counts.values())
        clear = not rest or top_count > rest[0][1]
        if clear and top_count >= 2 and top_count / total >= _PLACE_MAJORITY:
            return top, "places"
        if outlet_country and outlet_country in counts and counts[outlet_country] == top_count:
            return outlet_country, "outlet"
        if clear and len(counts) == 1:
            return top, "places"
        return None, None
    if outlet_country:
        return outlet_country, "outlet"
    return None, None

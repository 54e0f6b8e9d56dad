"""Who a phrase is: within-article coreference plus the actor knowledge base.

Names are linked to their first full mention ("Al-Sudani" after "Mohammed Shia al-Sudani"), "the latter" and
"the former" to the last two actors named, personal pronouns to the nearest fitting antecedent, "we"
inside a quotation to its speaker, and a possessive pronoun lends its antecedent's country to the noun
("his country", "its forces").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from eventwire.events.records import ActorRef
from eventwire.events.syntax import actor_modifiers, entity_at, phrase_tokens, quantity_head
from eventwire.nlp import doc_text

ACTOR_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
_GROUP_PRONOUNS = {"it", "its", "they", "them", "their", "itself", "themselves"}
_SPEAKER_PRONOUNS = {"we", "us", "our", "i", "me", "my"}
# "met X in Tokyo": a name after these prepositions is a place, not an antecedent for "the latter".
_LOCATIVE_PREPOSITIONS = {"in", "at", "near", "from", "across", "inside", "outside", "into", "around",
                          "throughout", "within", "towards", "toward"}


class Resolution(Protocol):
    actor_id: str | None
    name: str | None
    country: str | None
    sector: str | None
    role: str | None
    kind: str


class Resolver(Protocol):
    def resolve(self, text: str, when: dt.date | None = None, *, context_country: str | None = None
                ) -> Resolution: ...


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named in the article, in text order: the antecedents pronouns can point to."""

    index: int  # token index of its head
    ref: ActorRef
    is_person: bool
    is_place: bool  # named as a location ("in Tokyo"), so no antecedent for pronouns


class ArticleMentions:
    def __init__(self, doc: Doc, resolver: Resolver, when: dt.date | None, *, places: list = ()) -> None:
        self.doc = doc
        # Toponyms the gazetteer resolved, by offset: a town or region named as a party ("shelled
        # Kharkiv") stands for its country's people and government, which the actor base cannot know.
        self.places = {place.start: place for place in places if getattr(place, "country", None)}
        self.text = doc_text(doc)
        self.resolver = resolver
        self.when = when
        self._full_names: dict[str, str] = {}
        self.mentions: list[Mention] = []
        for entity in doc.ents:
            if entity.label_ == "PERSON" and len(entity) > 1:
                full = entity.text
                self._full_names.setdefault(_surname_key(full), full)
        self.not_actors_before = 0  # character offset: a dateline before it names a place, not an actor
        # What the article establishes (full-name mentions, its countries, its own country from dateline
        # and places): a bare surname links only on it, and generic actors take its country. A resolver
        # without read_article (a stand-in in tests) gets the older majority country.
        read_article = getattr(resolver, "read_article", None)
        self.evidence = None
        if read_article is not None:
            located = [place for place in self.places.values() if not getattr(place, "in_name", False)]
            self.evidence = read_article(
                self.text, when, dateline_country=_dateline_country(self.text, located),
                place_countries=[place.country for place in located],
            )
            self.context_country = self.evidence.country
        else:
            self.context_country = self._dominant_country()
        for entity in doc.ents:
            if entity.label_ in ACTOR_ENTITY_LABELS:
                # The phrase around the name: "King Hassan of Morocco" says whose king he is.
                phrase = phrase_tokens(entity.root)
                if not (phrase[0].i <= entity.start and entity.end - 1 <= phrase[-1].i) or len(phrase) > 12:
                    phrase = list(entity)
                start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
                ref = self._resolve_text(self.text[start:end], start, end, when)
                root = entity.root
                is_place = root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE_PREPOSITIONS
                self.mentions.append(Mention(root.i, ref, entity.label_ == "PERSON", is_place))

    def _dominant_country(self) -> str | None:
        """The country the article is about, to place generic agents ("the opposition", "police").

        Demonyms weigh double: "the Iraqi parliament" marks the story's own actors, while a foreign
        capital is named more often as a counterpart ("met in Washington")."""
        counts: dict[str, float] = {}
        weights = {"NORP": 2.0, "GPE": 1.0, "PERSON": 1.0}
        for entity in self.doc.ents:
            weight = weights.get(entity.label_)
            if weight is None:
                continue
            country = self.resolver.resolve(entity.text, self.when).country
            if country:
                counts[country] = counts.get(country, 0) + weight
        return max(counts, key=lambda c: counts[c]) if counts else None

    def _resolve_text(self, text: str, start: int, end: int, when: dt.date | None) -> ActorRef:
        lookup = self._full_names.get(_surname_key(text), text) if len(text.split()) <= 2 else text
        if self.evidence is not None:
            found = self.resolver.resolve(lookup, when, context_country=self.context_country,  # type: ignore[call-arg]
                                          article=self.evidence, at=start)
        else:
            found = self.resolver.resolve(lookup, when, context_country=self.context_country)
        return ActorRef(text=text, start=start, end=end, actor_id=found.actor_id, name=found.name,
                        country=found.country, sector=found.sector, role=found.role, kind=found.kind)

    def actor(self, head: Token, when: dt.date | None, speaker: ActorRef | None = None) -> ActorRef | None:
        """The actor a role-bearing token stands for, or None when it is not an actor at all."""
        lower = head.lower_
        if head.idx < self.not_actors_before:
            return None
        if head.pos_ == "PRON" or lower in {"latter", "former"}:
            return self._antecedent(head, speaker)
        head = quantity_head(head)
        entity = entity_at(head)
        # A name tagged LOC rather than GPE that the gazetteer knows as a place is a place like any town.
        known_place = entity is not None and entity.label_ == "LOC" and entity.start_char in self.places
        if entity is not None and entity.label_ not in ACTOR_ENTITY_LABELS and not known_place:
            return None
        # The whole noun phrase, not just the name: "Palestinian leader Yasser Arafat", "King Hassan of
        # Morocco" carry the country and the office that the knowledge base needs.
        tokens = phrase_tokens(head)
        if entity is not None and not (tokens[0].i <= entity.start and entity.end - 1 <= tokens[-1].i):
            tokens = list(entity)
        named = self._named_apposition(tokens)
        if named is not None:
            return self._resolve_described(named, tokens, when)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        text = self.text[start:end]
        ref = self._resolve_text(text, start, end, when)
        place = self.places.get(entity.start_char) if entity is not None and ref.actor_id is None else None
        if place is not None:  # the geoparser, which tells towns from people, found a place here
            ref = replace(ref, name=place.name, country=place.country, sector=None, role=None, kind="place")
        possessor = next((t for t in tokens if t.dep_ == "poss" and t.pos_ == "PRON"), None)
        if possessor is not None and ref.country is None:
            owner = self._antecedent(possessor, speaker)
            if owner is not None and owner.country:
                sector = ref.sector or ("GOV" if head.lemma_.lower() in {"country", "government"} else None)
                ref = replace(ref, country=owner.country, sector=sector, kind=ref.kind or "agent")
        if ref.country is None and ref.sector is None and entity is None:
            # "rejected a U.S. request": the thing names no actor, its owner does.
            for modifier in actor_modifiers(head):
                owner = self.actor(modifier, when, speaker)
                if owner is not None:
                    return owner
            return None  # a common noun that names no actor ("the issue", "a report")
        return ref

    def is_agent(self, head: Token) -> bool:
        """Does the word itself name someone (a name, a pronoun, "the leader", "the newspaper"), rather
        than a thing that a modifier or an owner lends an actor ("the country's elections", "a military aid
        program")? Only an agent can be let to act, or be a party on its own."""
        head = quantity_head(head)
        entity = entity_at(head)
        if entity is not None:
            return entity.label_ in ACTOR_ENTITY_LABELS
        if head.pos_ in {"PRON", "PROPN"}:
            return True
        found = self.resolver.resolve(head.text, self.when)
        return bool(found.country or found.sector)

    def _named_apposition(self, phrase: list[Token]) -> Span | None:
        """"the leader of the Wagner Group, Yevgeny Prigozhin" -> the PERSON named in apposition."""
        for token in phrase:
            for child in token.children:
                if child.dep_ == "appos":
                    entity = entity_at(child)
                    if entity is not None and entity.label_ == "PERSON":
                        return entity
        return None

    def _resolve_described(self, name: Span, description: list[Token], when: dt.date | None) -> ActorRef:
        ref = self._resolve_text(name.text, name.start_char, name.end_char, when)
        if ref.actor_id and ref.country and ref.sector:
            return ref
        described_text = self.text[description[0].idx: description[-1].idx + len(description[-1])]
        described = self.resolver.resolve(described_text, when)
        if ref.actor_id is None:  # an unknown name: what the text says of the person beats the article
            return replace(ref, country=described.country or ref.country,
                           sector=described.sector or ref.sector, role=described.role or ref.role)
        return replace(ref, country=ref.country or described.country, sector=ref.sector or described.sector,
                       role=ref.role or described.role)

    def _antecedent(self, token: Token, speaker: ActorRef | None) -> ActorRef | None:
        lower = token.lower_
        before = [m for m in self.mentions if m.index < token.i and not m.is_place]
        if lower in _SPEAKER_PRONOUNS:
            return speaker
        if lower == "latter":
            return before[-1].ref if before else None
        if lower == "former":
            return before[-2].ref if len(before) >= 2 else None
        wanted_person = lower in _PERSON_PRONOUNS
        if not wanted_person and lower not in _GROUP_PRONOUNS:
            return None
        for mention in reversed(before):
            if mention.is_person == wanted_person and token.i - mention.index < 120:
                return mention.ref
        return None


# "KHARTOUM (Reuters) - ...", "LONDON, Ky. (WKYT) - ...": a place at the very start, then an outlet or a dash.
_DATELINE = re.compile(r"^\s*[A-Z][\w.'-]*(?:[ ,-]+[A-Z][\w.'-]*){0,3}\s*(?:\([^)]{1,40}\))?\s*[—–-]")


def _dateline_country(text: str, places: list) -> str | None:
    """The country of the dateline's place, when the article opens with one."""
    match = _DATELINE.match(text)
    if not match:
        return None
    return next((place.country for place in places if place.start < match.end()), None)


def _surname_key(name: str) -> str:
    last = name.split()[-1].casefold()
    for prefix in ("al-", "el-", "al ", "el "):
        if last.startswith(prefix):
            last = last[len(prefix):]
    return last

"""Who a phrase is: within-article coreference plus the actor knowledge base.

Names are linked to their first full mention ("Al-Sudani" after "Mohammed Shia al-Sudani"), "the latter" and
"the former" to the last two actors named, "we" inside a quotation to its speaker, and a possessive
pronoun lends its antecedent's country to the noun ("his country", "its forces").

Personal pronouns ("he", "they", "it") and bare descriptions ("the minister", "the group") go to the
nearest earlier mention that fits them: a person for "he"/"she", one organisation or country for "it",
a group or a plural noun for "they"; in the nearest sentence that has one, the mention in the same role
first ("X arrested Y. They were charged" -> Y; "X met Y. He said" -> X), then a subject, the nearest of
them. Two different mentions that fit equally well side by side ("Ruto and Abiy met. He said") leave the
pronoun unresolved rather than guessed. A pronoun whose antecedent is in an earlier sentence keeps its
own words and offsets (the phrase inside the record's evidence) and takes who it is (name, knowledge-base
id, country, sector) from its antecedent; one whose antecedent is in its own sentence ("Ruto said he
would") gives way to that name, the shortest phrase of the sentence that names the actor. A relative
pronoun ("troops, who fired") stands for the noun its clause describes. "The country" is the one country
named just before, "the two leaders" or "both countries" the two parties named just before (`parties`),
"the militants" the armed group named before; a he/she pronoun is never whom a pronoun of the other gender
earlier in its sentence stands for, nor a person of the other gender, as an honorific or the article's own
pronouns say it ("Kamau said he would ..."). A thing owned by a possessive pronoun ("its policy") names no
one: as a doer it stands for its owner (`owner_of_thing`), and an agent so owned ("its forces") has the
owner's country unless its words name one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from eventwire.events.records import ActorRef
from eventwire.events.syntax import (
    REPORTING_VERBS,
    actor_modifiers,
    bracketed,
    entity_at,
    is_infinitive,
    phrase_tokens,
    quantity_head,
    quoted,
    reporting_verb_above,
    sentence_of,
)
from eventwire.nlp import doc_text

ACTOR_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
_GROUP_PRONOUNS = {"it", "its", "they", "them", "their", "itself", "themselves"}
_SPEAKER_PRONOUNS = {"we", "us", "our", "i", "me", "my"}
_SINGULAR_GROUP_PRONOUNS = {"it", "its", "itself"}
# Pronouns a later pronoun may point back through ("He was arrested ... he asked"): subjects and objects of
# people and groups, not possessives nor "it", which as often stands for a thing.
_CHAINED_PRONOUNS = {"he", "him", "she", "her", "they", "them"}
_FEMININE_PRONOUNS = {"she", "her", "hers", "herself"}
# Honorifics and titles that say a person's gender ("Mrs Clinton"): a pronoun of the other gender does not
# point to that person, nor to other mentions of the same surname.
_FEMININE_WORDS = {"mrs", "ms", "miss", "madam", "madame", "lady", "queen", "princess", "dame", "duchess"}
_MASCULINE_WORDS = {"mr", "sir", "lord", "king", "prince", "duke", "sheikh"}
_ARTICLES = {"the", "a", "an"}
_OWNER_LABELS = {"GPE", "ORG", "PERSON"}
# People named by their tie to someone: "Brunson's wife" is a person of her own, not a thing he owns.
_RELATION_NOUNS = {
    "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "child", "family", "widow",
    "relative", "lawyer", "spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "envoy",
    "counterpart", "deputy", "successor", "predecessor", "friend", "ally", "rival", "opponent", "supporter",
    "bodyguard", "guard", "driver", "staff", "parent",
}


def named_owner(noun: Token) -> Token | None:
    """The name that owns a noun: "Russia's attack", "the US offensive"."""
    return next((m for m in noun.children if m.dep_ in {"poss", "compound"} and m.pos_ == "PROPN"
                 and (named := entity_at(m)) is not None and named.label_ in _OWNER_LABELS), None)
# Owned nouns that are someone: a relative or an aide ("his wife"), or the owner's state ("his country")
_NOT_THINGS = _RELATION_NOUNS | {"country", "nation", "government"}
_RELATIVE_PRONOUNS = {"who", "whom", "which", "that", "whose"}
# How far back a pronoun or a bare description looks for what it stands for, in sentences.
_ANTECEDENT_SENTENCES = 3
# Grammatical roles, to prefer the antecedent in the pronoun's own role ("X arrested Y. They were charged").
_AGENT_DEPS = {"nsubj", "agent"}
_PATIENT_DEPS = {"nsubjpass", "dobj", "obj", "dative", "iobj", "pobj"}
# Dependents that may name an actor a later pronoun points back to.
_CANDIDATE_DEPS = _AGENT_DEPS | _PATIENT_DEPS | {"appos", "conj", "poss", "ROOT", "attr"}
# "the group", "the organisation": a bare generic noun for the organisation the article last named.
_ORGANISATION_NOUNS = {"group", "organisation", "organization", "movement", "militia", "party", "alliance",
                       "coalition", "faction", "union", "agency", "ministry", "company", "firm"}
# Sectors of armed groups outside a state's forces: rebels, insurgents, unidentified gunmen, paramilitaries.
_ARMED_SECTORS = {"REB", "INS", "UAF", "PRM"}
# "the country", "the nation": the one country named just before.
_COUNTRY_NOUNS = {"country", "nation"}
# "the two leaders", "both countries": the two parties named just before, people or countries.
_PARTY_NOUNS = {"leader": "person", "president": "person", "minister": "person", "man": "person",
                "woman": "person", "country": "country", "nation": "country", "government": "country",
                "neighbour": "country", "neighbor": "country", "side": "either"}
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


# Possessives that, inside a report, belong to the one reported ("X said that his country ...").
_REPORTER_POSSESSIVES = frozenset({"his", "her", "its", "their"})


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named in the article, in text order: the antecedents pronouns can point to."""

    index: int  # token index of its head
    ref: ActorRef
    is_person: bool
    is_place: bool  # named as a location ("in Tokyo"), so no antecedent for pronouns
    label: str = ""  # the entity label, "" for a common noun ("the army", "protesters")
    plural: bool = False
    gender: str | None = None  # "f" or "m" when an honorific says so, for persons
    # "f" or "m" when the article's pronouns say so ("Kamau said he ..."): it only rules out a pronoun of the
    # other gender, while an honorific's gender also makes the person the pronoun's first choice
    said_gender: str | None = None


def _role(token: Token) -> str:
    """agent, patient or other: the grammatical role of a mention, through its conjunction and through
    an apposition ("the minister, Ayman Safadi, said": the name is the subject)."""
    while token.dep_ in {"conj", "appos", "compound"} and token.head.i != token.i:
        token = token.head
    if token.dep_ in _AGENT_DEPS or (token.dep_ == "pobj" and token.head.dep_ == "agent"):
        return "agent"
    if token.dep_ in _PATIENT_DEPS:
        return "patient"
    return "other"


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
        # a person's gender by surname, as honorifics say it and as the article's pronouns say it
        self._genders_by_surname: tuple[dict[str, str], dict[str, str]] = ({}, {})
        self.mentions: list[Mention] = []
        self._noun_mentions: dict[int, list[Mention]] = {}  # by sentence start: common nouns naming actors
        self._actors: dict[tuple, ActorRef | None] = {}
        self._reading_nouns = 0  # how many sentences' common nouns are being read (`_mentions_in`)
        # by sentence start: the third-person pronouns of a sentence, as mentions of whom they stand for
        self._pronoun_mentions: dict[int, list[Mention]] = {}
        for entity in doc.ents:
            if entity.label_ == "PERSON" and len(entity) > 1:
                full = entity.text
                self._full_names.setdefault(_surname_key(full), full)
        # "Christopher Steele ... is a former officer in Britain's Secret Intelligence Service": what the
        # article says a person is gives an unlinked person's country, for every mention of the surname
        self._described_people: dict[str, str] = {}
        for entity in doc.ents:
            if entity.label_ == "PERSON":
                country = self._country_described(entity, when)
                if country is not None:
                    self._described_people.setdefault(_surname_key(entity.text), country)
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
                place_mentions=[(place.start, place.country) for place in located],
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
                phrase = _trimmed(phrase, entity.root)
                start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
                ref = self._resolve_text(self.text[start:end], start, end, when)
                root = entity.root
                is_place = root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE_PREPOSITIONS
                plural = entity.label_ == "NORP" or root.tag_ in {"NNS", "NNPS"}
                person = entity.label_ == "PERSON" or self._surname_of_person(entity)
                if person and ref.name is None and entity.label_ != "PERSON":
                    # "Kamau" after "John Kamau": the person's name is the full one the article gave
                    ref = replace(ref, name=self._full_names[_surname_key(entity.text)])
                label = "PERSON" if person else entity.label_
                self.mentions.append(Mention(root.i, ref, person, is_place, label, plural and not person))
        self.mentions = sorted([*self.mentions, *self._untagged_people(when)], key=lambda m: m.index)
        self._with_genders()

    def _untagged_people(self, when: dt.date | None) -> list[Mention]:
        """"In his Thanksgiving address, Mr Trump acknowledged": a name the entity tagger missed is a person
        when an honorific opens it or the article names the person in full elsewhere."""
        found = []
        for token in self.doc:
            if token.pos_ != "PROPN" or entity_at(token) is not None or token.dep_ in {"compound", "flat"}:
                continue
            if token.dep_ not in _CANDIDATE_DEPS:
                continue
            names = [t for t in token.lefts if t.dep_ in {"compound", "flat"} and t.pos_ == "PROPN"] + [token]
            honorific = {t.lower_.rstrip(".") for t in names} & (_FEMININE_WORDS | _MASCULINE_WORDS)
            if not honorific and _surname_key(token.text) not in self._full_names:
                continue
            start, end = names[0].idx, token.idx + len(token)
            ref = self._resolve_text(self.text[start:end], start, end, when)
            if ref.kind != "person":
                continue
            found.append(Mention(token.i, ref, True, token.dep_ == "pobj" and token.head.lower_ in
                                 _LOCATIVE_PREPOSITIONS, "PERSON"))
        return found

    def _surname_of_person(self, entity: Span) -> bool:
        """"Assange is battling extradition" after "Julian Assange": a one-word name the tagger read as an
        organisation or a place is the surname of a person the article has named in full, unless the
        gazetteer knows a place there."""
        return (len(entity) == 1 and entity.label_ in {"ORG", "GPE", "NORP"}
                and entity.start_char not in self.places and _surname_key(entity.text) in self._full_names)

    def _with_genders(self) -> None:
        """A person's gender where an honorific or a title before the name says it ("Mrs Clinton"), shared
        by the mentions of the same surname ("Hillary Clinton")."""
        by_surname: dict[str, str] = {}
        for mention in self.mentions:
            if not mention.is_person:
                continue
            head = self.doc[mention.index]
            entity = entity_at(head)
            first = entity.start if entity is not None else head.i
            words = {t.lower_.rstrip(".") for t in self.doc[max(first - 2, 0): head.i + 1]}
            gender = "f" if words & _FEMININE_WORDS else "m" if words & _MASCULINE_WORDS else None
            if gender is not None:
                by_surname.setdefault(_surname_key(mention.ref.text), gender)
        said = self._genders_said()
        self._genders_by_surname = (by_surname, said)
        self.mentions = [replace(m, gender=by_surname.get(_surname_key(m.ref.text)),
                                 said_gender=said.get(_surname_key(m.ref.text))) if m.is_person else m
                         for m in self.mentions]

    def _genders_said(self) -> dict[str, str]:
        """A person's gender where the article says it of the person by a pronoun no one else could take:
        "Ruto said he would ...", "Epstein hanged himself" (a he/she subject of what the person's own verb
        reports, or a reflexive of the person's own verb), in a sentence that names no other person. A
        surname said to be both genders is left unknown."""
        said: dict[str, set[str]] = {}
        persons = [m for m in self.mentions if m.is_person and not m.is_place]
        for mention in persons:
            sentence = sentence_of(self.doc[mention.index])
            others = {_surname_key(m.ref.text) for m in persons
                      if sentence.start <= m.index < sentence.end} - {_surname_key(mention.ref.text)}
            subject = self.doc[mention.index]
            if others or subject.dep_ != "nsubj":
                continue
            verb = subject.head
            pronouns = [t for t in sentence if t.pos_ == "PRON" and t.lower_ in _PERSON_PRONOUNS]
            genders = {_gender_of(t.lower_) for t in pronouns}
            if len(genders) != 1:
                continue
            own = [t for t in pronouns if t.i > subject.i and (
                (t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "ccomp" and t.head.head.i == verb.i)
                or (t.lower_ in {"himself", "herself"} and t.head.i == verb.i))]
            if own:
                said.setdefault(_surname_key(mention.ref.text), set()).update(genders)
        return {surname: next(iter(genders)) for surname, genders in said.items() if len(genders) == 1}

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

    def _country_described(self, person: Span, when: dt.date | None) -> str | None:
        """The country of what a copular clause says the person is ("X is a former officer in Britain's
        Secret Intelligence Service"), when the knowledge base does not know the person."""
        root = person.root
        verb = root.head
        if root.dep_ != "nsubj" or verb.lemma_ != "be":
            return None
        attribute = next((c for c in verb.children if c.dep_ == "attr" and c.pos_ in {"NOUN", "PROPN"}), None)
        if attribute is None or self.resolver.resolve(person.text, when).actor_id is not None:
            return None
        words = list(attribute.subtree)
        if len(words) > 12:
            return None
        return self.resolver.resolve(self.text[words[0].idx: words[-1].idx + len(words[-1])], when).country

    def _resolve_text(self, text: str, start: int, end: int, when: dt.date | None) -> ActorRef:
        lookup = self._full_names.get(_surname_key(text), text) if len(text.split()) <= 2 else text
        if self.evidence is not None:
            found = self.resolver.resolve(lookup, when, context_country=self.context_country,  # type: ignore[call-arg]
                                          article=self.evidence, at=start)
        else:
            found = self.resolver.resolve(lookup, when, context_country=self.context_country)
        described = self._described_people.get(_surname_key(text)) if found.kind == "person" else None
        if described is not None and found.actor_id is None and found.country != described and (
                self.resolver.resolve(lookup, when).country is None):
            # the country came from the article, not the phrase: what the text says the person is wins
            found = replace(found, country=described)
        return ActorRef(text=text, start=start, end=end, actor_id=found.actor_id, name=found.name,
                        country=found.country, sector=found.sector, role=found.role, kind=found.kind)

    def actor(self, head: Token, when: dt.date | None, speaker: ActorRef | None = None) -> ActorRef | None:
        """The actor a role-bearing token stands for, or None when it is not an actor at all."""
        # One token is asked about again and again (as a role of several events, as an antecedent): it is
        # resolved once for a date and a speaker.
        key = (head.i, when, speaker, self.not_actors_before)
        if key not in self._actors:
            found = self._actor(head, when, speaker)
            if self._reading_nouns:
                # a pronoun asked about while a sentence's nouns are read cannot see them yet: not kept
                return found
            self._actors[key] = found
        return self._actors[key]

    def _actor(self, head: Token, when: dt.date | None, speaker: ActorRef | None) -> ActorRef | None:
        lower = head.lower_
        if head.idx < self.not_actors_before:
            return None
        if lower in _RELATIVE_PRONOUNS and head.pos_ in {"PRON", "DET"}:
            described = _described_by_relative(head)
            return self.actor(described, when, speaker) if described is not None else None
        if head.pos_ == "PRON" or lower in {"latter", "former"}:
            found = self._antecedent(head, speaker)
            if found is None:
                return None
            if lower in _SPEAKER_PRONOUNS:
                # "'Putin blamed me,' Mrs Clinton said": the quotation's own word for its speaker, who
                # stands outside what is quoted, with the speaker's identity (as a pronoun resolved
                # across sentences keeps its words)
                return _as_written([head], found, self.text)
            if sentence_of(head).start_char <= found.start < sentence_of(head).end_char:
                # "Ruto said he would ...", "Sweden has dropped its investigation": the name in the
                # sentence is the shortest phrase that names the actor, the pronoun only points at it (the
                # convention of our document gold, eval/documents/README.md: a pronoun only when the
                # sentence has nothing else)
                return found
            return _as_written([head], found, self.text)
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
        tokens = _trimmed(tokens, head)
        named = self._named_apposition(tokens) or _named_in_apposition(head)
        if named is not None:
            return self._resolve_described(named, tokens, when)
        owner = named_owner(head) if entity is None and head.lemma_.lower() not in _RELATION_NOUNS else None
        if owner is not None and not self.is_agent(head):
            # "Russia's attack killed ...", "the United States' military policies": a deed or a thing
            # names no one, the name that owns it is the shortest phrase for who acted ("his Indian
            # counterpart" and "Brunson's wife" are people described, not things owned)
            return self.actor(owner, when, speaker)
        described = self._described_antecedent(head, tokens) or self._country_described_before(head, tokens)
        if described is not None:  # "the minister" after "Foreign Minister Ayman Safadi"
            return _as_written(tokens, described, self.text)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        text = self.text[start:end]
        ref = self._resolve_text(text, start, end, when)
        if entity is None:
            ref = self._placed_by_its_country(head, tokens, ref, when)
        place = self.places.get(entity.start_char) if entity is not None and ref.actor_id is None else None
        if place is not None:  # the geoparser, which tells towns from people, found a place here
            ref = replace(ref, name=place.name, country=place.country, sector=None, role=None, kind="place")
        possessor = next((t for t in tokens if t.dep_ == "poss" and t.pos_ == "PRON"), None)
        owned = possessor is not None and possessor.head.i == head.i and entity is None \
            and possessor.lower_ not in _SPEAKER_PRONOUNS
        # "Iran said its forces shot down a drone": the owner's country, not the article's, when the words
        # themselves name none
        phrase_country = self.resolver.resolve(text, when).country if owned else ref.country
        if possessor is not None and phrase_country is None:
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

    def _capitalised_only(self, head: Token, ref: ActorRef) -> bool:
        """"Sentencing is scheduled for Feb. 14", "Indictments unsealed as ...": a common noun the knowledge
        base takes for an unknown person's name only because it opens a sentence (or a headline) with a
        capital; written in lower case it names no one."""
        if head.pos_ != "NOUN" or ref.kind != "person" or ref.actor_id is not None:
            return False
        if not head.text[:1].isupper():
            return False
        lower = self.resolver.resolve(ref.text.lower(), self.when)
        return lower.kind != "person" and lower.country is None and lower.sector is None

    def _placed_by_its_country(self, head: Token, tokens: list[Token], ref: ActorRef, when: dt.date | None
                               ) -> ActorRef:
        """"Officials in Turkey", "prosecutors in Sweden": a common noun placed in a country by its own
        phrase is of that country, whatever the article is about. The phrase then runs to the place."""
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"in", "from"} or prep.i < head.i:
                continue
            place = next((entity_at(g) for g in prep.children if g.dep_ == "pobj"), None)
            if place is None or place.label_ != "GPE" or place.start - tokens[-1].i > 3:
                continue
            start, end = tokens[0].idx, place.end_char
            placed = self._resolve_text(self.text[start:end], start, end, when)
            if placed.country and placed.country != ref.country:
                return placed
        return ref

    def thing(self, head: Token, when: dt.date | None) -> ActorRef | None:
        """A thing an act is done to ("struck an oil refinery", "stormed a concert hall"), named by its
        phrase, of the country its words or the article give; None for a phrase before the dateline's
        end. Asked only when no one is named as the recipient."""
        if head.idx < self.not_actors_before:
            return None
        tokens = _trimmed(phrase_tokens(head), head)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        ref = self._resolve_text(self.text[start:end], start, end, when)
        # a thing is no actor of the knowledge base: only the country its words or the article give
        return ActorRef(text=ref.text, start=start, end=end, country=ref.country or self.context_country,
                        kind="unknown")

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
        if head.pos_ == "NOUN" and found.kind == "person" and found.actor_id is None and head.is_title:
            found = self.resolver.resolve(head.lower_, self.when)  # "Sentencing": a capital, not a name
        return bool(found.country or found.sector)

    def owner_of_thing(self, head: Token) -> Token | None:
        """"The company rolled back its policy": the possessive pronoun of a noun that names no one (a
        thing, not "its forces" nor "his wife", and not "his country", which is the state), which stands for
        who owns it; None for any other word."""
        if head.pos_ != "NOUN" or entity_at(head) is not None or head.lemma_.lower() in _NOT_THINGS:
            return None
        possessor = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"
                          and c.lower_ not in _SPEAKER_PRONOUNS), None)
        if possessor is None or self.is_agent(head):
            return None
        return possessor

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
        if lower in _SPEAKER_PRONOUNS:
            return speaker or self._speaker_running_on(token)
        if lower in {"latter", "former"}:
            before = [m for m in self.mentions if m.index < token.i and not m.is_place]
            if lower == "latter":
                return before[-1].ref if before else None
            return before[-2].ref if len(before) >= 2 else None
        fits = _fitting(lower)
        if fits is None:
            return None
        reporter = self._reporter_of_possessive(token, speaker)
        if reporter is not None:
            return reporter
        found = self._antecedent_mention(token, speaker, fits)
        return found.ref if found is not None else None

    def _antecedent_mention(self, token: Token, speaker: ActorRef | None, fits: Callable[[Mention], bool]
                            ) -> Mention | None:
        """The mention a third-person pronoun stands for: in the nearest sentence that has one that fits,
        a name or a noun, or in an earlier sentence also a pronoun already resolved ("Carlineo faces ...
        He was arrested for the call to the offices of Omar. During the call, he asked": the second "he" is
        the first one's, the subject, not Omar)."""
        sentences = self._sentences_back(token, _ANTECEDENT_SENTENCES)
        # "Blinken urged him": whoever is an argument beside the pronoun is not it, wherever named before
        beside = [m for m in self._mentions_in(sentences[0]) if _co_argument(token, m)]
        identities = {_identity(m.ref) for m in beside}
        surnames = {_surname_key(m.ref.text) for m in beside if m.is_person}
        # "She sent a letter to the Pope asking him to intervene": a pronoun of the other gender earlier in
        # the sentence stands for someone else
        for other in self._other_gender_before(token):
            other_ref = self._antecedent(other, speaker)
            if other_ref is not None:
                identities.add(_identity(other_ref))
                surnames.add(_surname_key(other_ref.text))

        def beside_it(mention: Mention) -> bool:
            return _identity(mention.ref) in identities or (
                mention.is_person and _surname_key(mention.ref.text) in surnames)

        for sentence in sentences:
            candidates = self._mentions_in(sentence)
            if sentence.start != sentences[0].start:
                candidates = sorted([*candidates, *self._pronouns_in(sentence)], key=lambda m: m.index)
            found = [m for m in candidates
                     if m.index < token.i and not m.is_place and fits(m) and not beside_it(m)]
            if found:
                return _most_salient(token, found)
        return None

    def _pronouns_in(self, sentence: Span) -> list[Mention]:
        """The third-person pronouns of a sentence as mentions of whom they stand for, each in its own role.
        Sentences are read in text order, each once, so a chain of pronouns is followed sentence by sentence
        and never recursively; none while a sentence's nouns are still being read (they are not all known)."""
        if self._reading_nouns:
            return self._pronoun_mentions.get(sentence.start, [])
        if sentence.start not in self._pronoun_mentions:
            first = max(self._pronoun_mentions, default=-1)
            starts = sorted({sentence_of(t).start for t in self.doc[max(first, 0): sentence.end]
                             if sentence_of(t).start > first})
            for start in starts:
                self._pronoun_mentions[start] = []
                self._pronoun_mentions[start] = self._read_pronouns(sentence_of(self.doc[start]))
        return self._pronoun_mentions[sentence.start]

    def _read_pronouns(self, sentence: Span) -> list[Mention]:
        found = []
        for token in sentence:
            if token.pos_ != "PRON" or token.lower_ not in _CHAINED_PRONOUNS or token.dep_ == "poss" \
                    or token.dep_ not in _CANDIDATE_DEPS:
                continue
            if token.idx < self.not_actors_before:
                continue
            fits = _fitting(token.lower_)
            antecedent = self._antecedent_mention(token, None, fits) if fits is not None else None
            if antecedent is None:
                continue
            gender = antecedent.gender
            said = antecedent.said_gender or (_gender_of(token.lower_) if antecedent.is_person else None)
            found.append(Mention(token.i, antecedent.ref, antecedent.is_person, False, antecedent.label,
                                 antecedent.plural, gender, said))
        return found

    @staticmethod
    def _other_gender_before(pronoun: Token) -> list[Token]:
        """The personal pronouns of the other gender before a he/she pronoun in its sentence."""
        gender = _gender_of(pronoun.lower_) if pronoun.lower_ in _PERSON_PRONOUNS else None
        if gender is None:
            return []
        return [t for t in sentence_of(pronoun) if t.i < pronoun.i and t.pos_ == "PRON"
                and t.lower_ in _PERSON_PRONOUNS and _gender_of(t.lower_) != gender]

    def authority_before(self, token: Token, *, exclude: list[Token] = ()) -> Token | None:
        """The police, prosecutors, court or authorities the article names nearest before a token, in its
        sentence or the few before it: who arrests, charges or convicts when a passive names no one ("Police
        raided six shops. ... Emery is now charged with trafficking"), as far back as a report names its
        police once at the top (_AUTHORITY_SENTENCES). Only one named as a doer (a subject
        or a by-agent) counts, not the place one is sent to ("transferred to a prison"); a person or office
        of those sectors does ("a judge"), a country does not (its government is not its police), nor the
        act's own patients ("Two prison officers were charged")."""
        excluded = {t.i for head in exclude for t in head.subtree}
        for sentence in self._sentences_back(token, _AUTHORITY_SENTENCES):
            found = [m for m in self._mentions_in(sentence)
                     if m.index < token.i and m.index not in excluded and not m.is_place and _is_authority(m)
                     and _role(self.doc[m.index]) == "agent"]
            if found:
                return self.doc[found[-1].index]
        return None

    def authority_after_lead(self, token: Token, *, exclude: list[Token] = ()) -> Token | None:
        """"Two federal prison officers were charged Tuesday with ... Federal prosecutors alleged that ...":
        an article's first sentence reports the act, the next one names the police, prosecutors or court
        that did it (as a doer, as `authority_before` takes them); None for a token in any later sentence."""
        sentence = sentence_of(token)
        if sentence.start != 0 or sentence.end >= len(self.doc):
            return None
        excluded = {t.i for head in exclude for t in head.subtree}
        following = sentence_of(self.doc[sentence.end])
        found = [m for m in self._mentions_in(following) if m.index not in excluded and not m.is_place
                 and _is_authority(m) and _role(self.doc[m.index]) == "agent"]
        return self.doc[found[0].index] if found else None

    def _speaker_running_on(self, token: Token) -> ActorRef | None:
        """'"...," said McDonald at a briefing. "We have agreed ..."': a quotation that runs on in a sentence
        of its own, with no verb of saying, is said by the one the sentence before attributes its
        quotation to (a named subject of a verb of saying there, not a pronoun)."""
        sentence = sentence_of(token)
        if not quoted(token) or sentence.start == 0 or any(
                t.pos_ == "VERB" and t.lemma_.lower() in REPORTING_VERBS for t in sentence):
            return None
        previous = sentence_of(self.doc[sentence.start - 1])
        if not any(t.is_quote for t in previous):
            return None
        sayings = [t for t in previous if t.pos_ == "VERB" and t.lemma_.lower() in REPORTING_VERBS]
        for verb in reversed(sayings):
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ != "PRON":
                return self.actor(subject, self.when)
        return None

    def _reporter_of_possessive(self, token: Token, speaker: ActorRef | None) -> ActorRef | None:
        """"the latter said that his country is committed", "the minister said her government would":
        a possessive pronoun in what someone is reported to say is the sayer's, when the sayer fits it."""
        if token.dep_ != "poss" or token.lower_ not in _REPORTER_POSSESSIVES:
            return None
        verb = reporting_verb_above(token)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        if subject is None or subject.i > token.i:
            return None
        if subject.lower_ in {"latter", "former"}:
            return self._antecedent(subject, speaker)
        fits = _fitting(token.lower_)
        sayer = next((m for m in self.mentions if m.index == subject.i and not m.is_place), None)
        return sayer.ref if sayer is not None and fits is not None and fits(sayer) else None

    def _described_antecedent(self, head: Token, phrase: list[Token]) -> ActorRef | None:
        """"the minister", "the group", "the rebels": a bare definite description of someone the article
        has named in an earlier sentence: the name whose own phrase has the noun ("Foreign Minister Ayman
        Safadi"), for a generic word for an organisation the organisation named, or the same noun said in
        full ("Sudanese rebels"). None when two different ones fit, or when the phrase says more than
        "the" and the noun ("the Egyptian minister")."""
        if head.pos_ != "NOUN" or head.tag_ not in {"NN", "NNS"} or len(phrase) != 1:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        noun = head.lemma_.lower()
        # "the militants", "the gunmen": a plural word for armed men stands for the armed group named before
        armed = head.tag_ == "NNS" and self.resolver.resolve(head.text, self.when).sector in _ARMED_SECTORS
        found: list[Mention] = []
        for sentence in reversed(self._sentences_back(head, 2 * _ANTECEDENT_SENTENCES)):
            if sentence.end > head.i:
                # its own sentence: only an organisation named before a generic word for it ("killed a
                # Hezbollah commander, the group said")
                if noun in _ORGANISATION_NOUNS and head.tag_ == "NN":
                    found += [m for m in self.mentions if sentence.start <= m.index < head.i
                              and not m.is_place and m.label == "ORG"
                              and not _beside(head, self.doc[m.index])]
                continue
            # the common nouns of a sentence are resolved only when it has the word at all
            same_word = any(t.lemma_.lower() == noun and t.i != head.i for t in sentence)
            named = [m for m in self.mentions if sentence.start <= m.index < sentence.end]
            for mention in self._mentions_in(sentence) if same_word else named:
                if mention.is_place:
                    continue
                if mention.label == "":  # "Sudanese rebels ... the rebels": the same noun said in full
                    earlier = self.doc[mention.index]
                    if earlier.lemma_.lower() == noun and earlier.tag_ == head.tag_ and mention.ref.country:
                        found.append(mention)
                    continue
                if armed and mention.ref.kind == "group" and mention.ref.sector in _ARMED_SECTORS:
                    found.append(mention)  # "Al-Shabaab fighters attacked ... The militants killed"
                    continue
                if head.tag_ != "NN" or mention.label not in {"PERSON", "ORG"}:
                    continue
                words = {w.casefold() for w in re.findall(r"\w+", mention.ref.text)}
                generic = noun in _ORGANISATION_NOUNS and mention.label == "ORG"
                if noun in words or generic:
                    found.append(mention)
        identities = {m.ref.key for m in found}
        if len(identities) != 1:
            return None
        return found[-1].ref

    def _country_described_before(self, head: Token, phrase: list[Token]) -> ActorRef | None:
        """"Iran test-fired a missile. The country also threatened ...": "the country" (or "the nation") is
        the one country the nearest sentence before it names, as an actor or a place (its own sentence
        first, before the words); None when that sentence names two, and for "the country" as a place
        ("protests across the country")."""
        if head.lemma_.lower() not in _COUNTRY_NOUNS or head.tag_ != "NN" or len(phrase) != 1:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        if head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPOSITIONS:
            return None
        for sentence in self._sentences_back(head, _ANTECEDENT_SENTENCES):
            countries = [m for m in self.mentions
                         if sentence.start <= m.index < sentence.end and m.index < head.i
                         and m.ref.kind == "country" and m.ref.country]
            if len({m.ref.country for m in countries}) > 1:
                return None
            if countries:
                return countries[-1].ref
        return None

    def parties(self, head: Token) -> list[ActorRef]:
        """"The two leaders signed ...", "both countries agreed ...": the two parties the nearest sentence
        before names, people for leaders, countries for countries; [] unless that sentence names exactly
        two of the kind (its own sentence first, before the words)."""
        noun = head.lemma_.lower()
        kind = _PARTY_NOUNS.get(noun)
        if kind is None or head.tag_ != "NNS" or head.idx < self.not_actors_before:
            return []
        children = {c.lower_ for c in head.children if c.dep_ in {"det", "nummod", "predet", "preconj"}}
        if not (children == {"the", "two"} or children == {"both"}):
            return []
        if any(c.dep_ not in {"det", "nummod", "predet", "preconj"} for c in head.lefts):
            return []  # "the two Cypriot leaders" says whose: the knowledge base reads it
        for sentence in self._sentences_back(head, _ANTECEDENT_SENTENCES):
            found = [m for m in self.mentions if sentence.start <= m.index < sentence.end and m.index < head.i
                     and _party_of_kind(m, kind)]
            first_of_each: dict[str, Mention] = {}
            for mention in found:
                first_of_each.setdefault(_party_identity(mention), mention)
            chosen = list(first_of_each.values())
            if len(chosen) > 2:
                return []
            if len(chosen) == 2:
                words = _trimmed(phrase_tokens(head), head)
                return [_as_written(words, m.ref, self.text) for m in chosen]
        return []

    def _sentences_back(self, token: Token, count: int) -> list[Span]:
        """The token's sentence and the `count - 1` before it, nearest first."""
        sentences = [sentence_of(token)]
        while len(sentences) < count and sentences[-1].start > 0:
            sentences.append(sentence_of(self.doc[sentences[-1].start - 1]))
        return sentences

    def _mentions_in(self, sentence: Span) -> list[Mention]:
        """The names of a sentence, and its common nouns that name an actor ("the army", "protesters"),
        in text order. The common nouns are resolved once, the first time a pronoun looks back at them."""
        named = [m for m in self.mentions if sentence.start <= m.index < sentence.end]
        nouns = self._noun_mentions.get(sentence.start)
        if nouns is None:
            self._noun_mentions[sentence.start] = []  # a possessive pronoun met while reading them looks back
            self._reading_nouns += 1
            try:
                nouns = []
                for token in sentence:
                    if token.pos_ != "NOUN" or token.dep_ not in _CANDIDATE_DEPS:
                        continue
                    if entity_at(token) is not None or token.idx < self.not_actors_before:
                        continue
                    ref = self.actor(token, self.when)
                    # only a noun that names someone itself: "Iran's offer" stands for Iran, named already
                    if ref is None or not self.is_agent(token) or self._capitalised_only(token, ref):
                        continue
                    plural = quantity_head(token).tag_ in {"NNS", "NNPS"}
                    # "the president" after "Mr Obama": the gender of the person it stands for
                    surname = _surname_key(ref.name or ref.text) if ref.kind == "person" else ""
                    honorific, said = self._genders_by_surname
                    nouns.append(Mention(token.i, ref, ref.kind == "person", False, "", plural,
                                         honorific.get(surname), said.get(surname)))
                self._noun_mentions[sentence.start] = nouns
            finally:
                self._reading_nouns -= 1
        return sorted([*named, *nouns], key=lambda m: m.index)


# How far back the police or court that made an arrest or a charge may have been named, in sentences.
_AUTHORITY_SENTENCES = 12
# Sectors of a state's law enforcement and courts: who arrests, charges, tries and jails.
_AUTHORITY_SECTORS = {"COP", "JUD"}


def _is_authority(mention: Mention) -> bool:
    """Police, prosecutors or a court, or a common noun for a state's authorities ("officials", "the
    authorities"); a named government or country is not taken for its police."""
    sector = mention.ref.sector
    return sector in _AUTHORITY_SECTORS or (
        sector == "GOV" and mention.label == "" and mention.ref.kind == "agent")


def _trimmed(phrase: list[Token], head: Token) -> list[Token]:
    """The phrase without what is no part of the name: leading articles, a possessive ending ("Russia's"
    -> "Russia"), and anything up to a closing bracket or a quotation mark before the head (a dateline's
    "(RNS) Evangelical leaders")."""
    kept = list(phrase)
    cut = max((n for n, t in enumerate(kept) if t.i < head.i and (t.text in {")", "]"} or t.is_quote)),
              default=-1)
    kept = kept[cut + 1:]
    while len(kept) > 1 and kept[0].i < head.i and kept[0].dep_ == "det" and kept[0].lower_ in _ARTICLES:
        kept.pop(0)
    while len(kept) > 1 and kept[-1].i > head.i and kept[-1].dep_ == "case" and kept[-1].tag_ == "POS":
        kept.pop()
    return kept or [head]


def _named_in_apposition(head: Token) -> Span | None:
    """"The Palestinian group Hamas", "the rebel alliance, the M23": an organisation named in apposition
    to the common noun that describes it is the actor."""
    if entity_at(head) is not None:
        return None
    for child in head.children:
        if child.dep_ == "appos" and not bracketed(child):
            entity = entity_at(child)
            if entity is not None and entity.label_ in {"ORG", "PERSON"}:
                return entity
    return None


def _beside(description: Token, name: Token) -> bool:
    """"40 former NATO ambassadors urged the alliance": a name inside another argument of the description's
    own verb (through the words it modifies) is not what the description stands for."""
    while name.dep_ in {"compound", "poss", "amod", "nmod", "appos", "conj"} and name.head.i != name.i:
        name = name.head
    name = quantity_head(name) if name.dep_ != "pobj" else name
    return name.head.i == description.head.i and name.dep_ in _AGENT_DEPS | _PATIENT_DEPS


def _identity(ref: ActorRef) -> tuple[str, str | None]:
    """Who a mention is, for telling the arguments of one verb apart: agents of one country share its
    knowledge-base id ("the Senegalese government ... the opposition party"), so their sector tells them
    apart."""
    return ref.key, ref.sector if ref.kind == "agent" else None


def _party_of_kind(mention: Mention, kind: str) -> bool:
    """A person for "the two leaders", a country (named as an actor or a place) for "both countries"."""
    is_country = mention.ref.kind == "country" and mention.ref.country is not None
    if kind == "person":
        return mention.is_person and not mention.is_place
    return is_country if kind == "country" else is_country or (mention.is_person and not mention.is_place)


def _party_identity(mention: Mention) -> str:
    """Countries are one party whatever names them ("Kenya", "Nairobi"); others by their identity."""
    return f"country:{mention.ref.country}" if mention.ref.kind == "country" else mention.ref.key


def _fitting(pronoun: str) -> Callable[[Mention], bool] | None:
    """What a pronoun can stand for: a person for he/she, one organisation, country or body for "it", a
    group, a people or a plural noun for "they"."""
    if pronoun in _PERSON_PRONOUNS:
        gender = _gender_of(pronoun)
        return lambda m: m.is_person and (m.gender or m.said_gender) in {None, gender}
    if pronoun in _SINGULAR_GROUP_PRONOUNS:
        return lambda m: not m.is_person and not m.plural and m.label in {"ORG", "GPE", "FAC", ""}
    if pronoun in _GROUP_PRONOUNS:
        return lambda m: not m.is_person and (m.plural or m.label == "ORG")
    return None


def _gender_of(pronoun: str) -> str | None:
    if pronoun in _FEMININE_PRONOUNS:
        return "f"
    return "m" if pronoun in _PERSON_PRONOUNS else None


def _co_argument(pronoun: Token, mention: Mention) -> bool:
    """"Ruto thanked him", "Blinken urged him to allow ...": a plain pronoun is never an argument of
    its own verb, nor of the verb whose object it is as the subject of a to-infinitive."""
    other = pronoun.doc[mention.index]
    if pronoun.lower_.endswith("self") or pronoun.lower_.endswith("selves") or pronoun.dep_ == "poss":
        return False
    verbs = {pronoun.head.i}
    clause = pronoun.head
    if pronoun.dep_ in _AGENT_DEPS and clause.dep_ in {"xcomp", "ccomp"} and is_infinitive(clause):
        verbs.add(clause.head.i)
    return other.head.i in verbs and other.dep_ in _AGENT_DEPS | _PATIENT_DEPS


def _most_salient(pronoun: Token, found: list[Mention]) -> Mention | None:
    """The mention in the pronoun's own role, else an active subject, else a passive one, the nearest of
    them (for "she", a woman an honorific names first); None when two different
    actors fit equally well side by side ("Ruto and Abiy met. He said ...")."""
    wanted = _role(pronoun)
    gender = _gender_of(pronoun.lower_)

    def rank(mention: Mention) -> tuple[int, int]:
        said_gender = 0 if gender is not None and mention.gender == gender else 1
        role = _role(pronoun.doc[mention.index])
        place = 0 if role == wanted and wanted != "other" else 1 if role == "agent" else 2 if _subject(
            pronoun.doc[mention.index]) else 3
        # a woman an honorific names is the first choice for "she"; for "he", a man so named is no likelier
        # than a person of unknown gender, who in the news is most often a man, so the role decides first
        return (said_gender, place) if gender == "f" else (place, said_gender)

    best_rank = min(rank(m) for m in found)
    best = [m for m in found if rank(m) == best_rank]
    nearest = best[-1]
    rivals = [m for m in best[:-1] if m.ref.key != nearest.ref.key and _side_by_side(pronoun.doc, m, nearest)]
    return None if rivals else nearest


def _subject(token: Token) -> bool:
    """Is a mention its clause's subject, active or passive ("He was arrested ... for the call to the offices
    of Omar": he, not Omar, is whom the next sentence goes on about)?"""
    while token.dep_ in {"conj", "appos", "compound"} and token.head.i != token.i:
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"}


def _side_by_side(doc: Doc, one: Mention, other: Mention) -> bool:
    """Two mentions in the same place of the same clause: conjuncts ("Ruto and Abiy met") or two
    arguments of one verb in the same role."""
    left, right = doc[one.index], doc[other.index]
    if left.i in {c.i for c in right.conjuncts}:
        return True
    return left.head.i == right.head.i and left.dep_ == right.dep_


def _described_by_relative(pronoun: Token) -> Token | None:
    """"Nigerian troops, who fired on ...", "the United States, which accuses him": the noun the relative
    clause describes."""
    clause = pronoun.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:  # "who fired on X and killed Y"
        clause = clause.head
    if clause.dep_ != "relcl" or pronoun.lower_ == "whose":
        return None
    described = clause.head
    return described if described.pos_ in {"NOUN", "PROPN", "PRON"} else None


def _as_written(phrase: list[Token], ref: ActorRef, text: str) -> ActorRef:
    """The sentence's own words for an actor ("he", "the minister") with who they are from the mention
    they stand for: the record's phrase and offsets stay inside its evidence."""
    start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
    return replace(ref, text=text[start:end], start=start, end=end, name=ref.name or ref.text)


# "KHARTOUM (Reuters) - ...", "LONDON, Ky. (WKYT) - ...": a place at the very start, then an outlet or a dash.
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w.'-]*(?:[ ,-]+[A-Z][\w.'-]*){0,3}\s*(?:\([^)]{1,40}\))?\s*[—–-]"
    # or a place in capitals and the outlet in brackets, with no dash: "WASHINGTON (RNS) Evangelical ..."
    r"|[A-Z]{3,}[.'-]?(?:[ ,-]+[A-Z][\w.'-]*){0,3}\s*\([A-Za-z.&' ]{1,30}\))"
)


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

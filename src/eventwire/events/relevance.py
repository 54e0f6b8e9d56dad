"""Step 7 of the coder, `eventwire_relevance`: no records from what is not political news (issue #15).

PLOVER events are acts between political actors. A football report, a share-price analysis or an airline's
apology gives the trigger table words ("beat", "agreed", "apologized") that are not such acts. This step
reads the article's topic once and judges each record against it:

- the **article**: the share of its sentences that hold a word of political news (institutions, offices,
  the state's forces, elections, protest, justice: data/events/relevance.yaml), and the outlet's desk named
  in its address (/sport/, /business/, money.cnn.com). An article below `min_political_share`, or filed on
  a desk outside politics when `sections` is on, is off topic; one shorter than `min_sentences` is not
  judged (a sentence coded alone has no topic to read);
- the **record**: does it name a political actor (a resolved sector of the state, a party, an armed group,
  an IGO/NGO, a union; a state or IGO as such) or is its type a political act whoever does it (a protest)?

In an off-topic article a record without a political actor is dropped; in a political article a record
stays, unless it is violence between private persons (`private_violence`) or a visit whose hosts are all of
the visitor's own country (`visits_abroad`: a visit is a CONSULT when it meets another party). The evidence
stays on the Doc: `doc._.event_relevance` (`ArticleRelevance`: the topic read and the records dropped, each
with its reason). Each signal was kept only on a measured effect on the document
gold's dev halves (docs/events.md, "Session 20: relevance").

Reads `doc._.events`, `doc._.event_article`; writes `doc._.events`, `doc._.event_relevance`. Config:
`min_political_share`, `min_sentences`, `sections`, `need` ("any": a political actor in source or target;
"source": in the source), `linked_people`, `private_violence`, `visits_abroad`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.events.doc_state import ArticleInfo, register_extensions
from eventwire.events.records import ActorRef, Event
from eventwire.nlp import doc_text
from eventwire.nlp.table import ParseTable

_NEEDS = ("any", "source")


class RelevanceDataError(ValueError):
    """data/events/relevance.yaml is missing a list or holds a value of the wrong kind."""


@dataclass(frozen=True, slots=True)
class RelevanceLexicon:
    """What data/events/relevance.yaml says makes an actor, an event type, a sentence or a desk political."""

    political_sectors: frozenset[str]
    political_kinds: frozenset[str]
    political_types: frozenset[str]
    political_words: frozenset[str]
    sections: dict[str, str]  # address segment -> desk (sport, business, entertainment, lifestyle)
    private_violence_types: frozenset[str] = frozenset()


@cache
def lexicon() -> RelevanceLexicon:
    """The shipped lexicon, read once per process."""
    text = (resources.files("eventwire.data") / "events" / "relevance.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}

    def words(key: str) -> frozenset[str]:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise RelevanceDataError(f"relevance.yaml: {key} must be a list of words, got {value!r}")
        return frozenset(value)

    sections: dict[str, str] = {}
    for desk, segments in (data.get("sections") or {}).items():
        if not isinstance(segments, list):
            raise RelevanceDataError(f"relevance.yaml: sections.{desk} must be a list of address segments")
        sections.update((segment.lower(), str(desk)) for segment in segments)
    return RelevanceLexicon(words("political_sectors"), words("political_kinds"), words("political_types"),
                            frozenset(word.lower() for word in words("political_words")), sections,
                            words("private_violence_types"))


@dataclass(frozen=True, slots=True)
class ArticleTopic:
    """What the step read of the article: its sentences, the share of them holding a word of political news,
    the desk its address names (None: none named; decisive only with `sections`), and whether it is off
    topic, with why."""

    sentences: int
    political_share: float
    section: str | None
    off_topic: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DroppedRecord:
    """A record the step left out, and why (as the analyst would read it)."""

    event: Event
    reason: str


@dataclass(frozen=True, slots=True)
class ArticleRelevance:
    """The evidence kept on the Doc: the article's topic and the records dropped."""

    topic: ArticleTopic
    dropped: tuple[DroppedRecord, ...]


def outlet_section(url: str | None, known: dict[str, str]) -> str | None:
    """The desk an address names: a path segment ("/sport/"), the host's first label ("money.cnn.com"), or
    a desk with the story's number as the last segment ("/news/entertainment-arts-38340042"); None when it
    names none. A last segment is otherwise the story's own slug and is not read (a story about "money" is
    not filed under money)."""
    if not url:
        return None
    try:
        parts = urlsplit(url if "//" in url else f"//{url}")
    except ValueError:
        return None
    host = (parts.hostname or "").split(".")
    segments = [segment for segment in parts.path.lower().split("/") if segment]
    numbered_desk = re.fullmatch(r"([a-z-]+)-\d+", segments[-1]) if segments else None
    read = ([host[0]] if len(host) > 2 else []) + segments[:-1]
    for segment in read + ([numbered_desk.group(1)] if numbered_desk else []):
        desk = known.get(segment)
        if desk is not None:
            return desk
    return None


def political_actor(actor: ActorRef, words: RelevanceLexicon, *, linked_people: bool = False) -> bool:
    """A state or IGO as such, or an actor of a political sector; with `linked_people`, a person only when
    linked to the knowledge base (an unlinked name's sector is the sector guesser's, which reads
    "Robert Gentz stepped off a plane" as a government's)."""
    if actor.kind in words.political_kinds:
        return True
    if actor.sector not in words.political_sectors:
        return False
    return not linked_people or actor.kind != "person" or actor.actor_id is not None


# CAMEO's visit (042): a CONSULT only when the visit is paid to someone, a host of another country.
_VISIT_CODE = "042"


def visit_at_home(event: Event) -> bool:
    """"visiting Nevada and Iowa", "McKinley visited the southern U.S. border": a visit is a consultation
    (CONSULT) when it is paid to someone. A visit whose hosts are all places or people of the visitor's own
    country (a politician touring his own country's states, its border) meets no other party. A visit that
    names no host is left alone ("speaking during a tour of an army base" may be one the text tells
    elsewhere), and so is a visit to a country: "the president's visit to Kenya" is a trip abroad, and a
    president read as Kenya's was read from the visit itself."""
    if event.type != "CONSULT" or event.cameo != _VISIT_CODE or not event.target:
        return False
    if any(actor.kind == "country" for actor in event.target):
        return False
    visitors = {actor.country for actor in event.source if actor.country}
    hosts = {actor.country for actor in event.target if actor.country}
    return bool(visitors) and hosts == visitors and all(actor.country for actor in event.target)


class RelevanceGate:
    def __init__(self, min_political_share: float = 0.2, min_sentences: int = 4, sections: bool = False,
                 need: str = "any", linked_people: bool = False, private_violence: bool = False,
                 visits_abroad: bool = True) -> None:
        if need not in _NEEDS:
            raise ValueError(f"relevance: need must be one of {', '.join(_NEEDS)}, got {need!r}")
        if not 0.0 <= min_political_share <= 1.0:
            raise ValueError(f"relevance: min_political_share must lie in 0..1, got {min_political_share!r}")
        register_extensions()
        self.min_political_share = min_political_share
        self.min_sentences = min_sentences
        self.sections = sections
        self.need = need
        self.linked_people = linked_people
        self.private_violence = private_violence
        self.visits_abroad = visits_abroad
        self.words = lexicon()

    def topic(self, doc: Doc, url: str | None) -> ArticleTopic:
        """Read the article's topic: one pass over its words."""
        political_words = self.words.political_words
        sentences = political = 0
        text, lower = doc_text(doc), ParseTable.of(doc).lower  # a sentence's text and words, by offset
        for sentence in doc.sents:
            if not text[sentence.start_char:sentence.end_char].strip():
                continue
            sentences += 1
            political += any(lower[i] in political_words for i in range(sentence.start, sentence.end))
        share = political / sentences if sentences else 0.0
        section = outlet_section(url, self.words.sections)  # kept as evidence even when not decisive
        reasons: list[str] = []
        if sentences >= self.min_sentences:
            if share < self.min_political_share:
                reasons.append(f"{political} of {sentences} sentences name political actors or acts"
                               f" (< {self.min_political_share:.0%})")
            if self.sections and section is not None:
                reasons.append(f"filed under {section} ({url})")
        return ArticleTopic(sentences, round(share, 3), section, bool(reasons), tuple(reasons))

    def judge(self, event: Event, topic: ArticleTopic) -> str | None:
        """Why the record is not political news, or None when it stays."""
        if event.type in self.words.political_types:
            return None
        if topic.off_topic:
            actors = event.source if self.need == "source" else event.source + event.target
            if not any(self._political(actor) for actor in actors):
                return "no political actor in an article off politics: " + "; ".join(topic.reasons)
            return None
        if self.private_violence and self._private_violence(event, topic):
            return "violence or threats between private persons: no political actor on either side"
        if self.visits_abroad and visit_at_home(event):
            return "a visit to places or people of the visitor's own country: no other party met"
        return None

    def _political(self, actor: ActorRef) -> bool:
        return political_actor(actor, self.words, linked_people=self.linked_people)

    def _private_violence(self, event: Event, topic: ArticleTopic) -> bool:
        """A fight, a knife attack, a man shot at a gas station, a threat to kill someone's parents: violence
        whose doer and victim are both private persons is a crime report, not a political event, even in an
        article about politics. Political when either side is a political actor (resolved, or named by a
        word of political news: "protesters", "soldiers"); judged only in an article of `min_sentences`
        or more (a sentence coded alone has no context to tell a crime from an attack by an unnamed
        group)."""
        if event.type not in self.words.private_violence_types or topic.sentences < self.min_sentences:
            return False
        actors = (*event.source, *event.target)
        if any(self._political(actor) for actor in actors):
            return False
        return not any(word in self.words.political_words
                       for actor in actors for word in re.findall(r"[\w.]+", actor.text.lower()))

    def __call__(self, doc: Doc) -> Doc:
        info: ArticleInfo = doc._.event_article or ArticleInfo()
        events: tuple[Event, ...] = doc._.events or ()
        topic = self.topic(doc, info.url)
        kept: list[Event] = []
        dropped: list[DroppedRecord] = []
        for event in events:
            reason = self.judge(event, topic)
            if reason is None:
                kept.append(event)
            else:
                dropped.append(DroppedRecord(event, reason))
        doc._.events = tuple(kept)
        doc._.event_relevance = ArticleRelevance(topic, tuple(dropped))
        return doc


@Language.factory("eventwire_relevance",
                  default_config={"min_political_share": 0.2, "min_sentences": 4, "sections": False,
                                  "need": "any", "linked_people": False, "private_violence": False,
                                  "visits_abroad": True})
def make_relevance_gate(nlp: Language, name: str, min_political_share: float, min_sentences: int,
                        sections: bool, need: str, linked_people: bool, private_violence: bool,
                        visits_abroad: bool) -> RelevanceGate:
    return RelevanceGate(min_political_share, min_sentences, sections, need, linked_people, private_violence,
                         visits_abroad)

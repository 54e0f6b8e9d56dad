"""What the coder's steps (spaCy components, events/coder_pipeline.py) exchange through the shared `Doc`.

Every step reads what the steps before it wrote as `doc._.<attribute>` and writes its own, so any step can
be run, timed or replaced alone. The records are frozen: a step that changes a candidate writes a new one.

    doc._.event_article     ArticleInfo           set by the coder before the steps run (publication, id, url)
    doc._.event_candidates  tuple[Candidate]      eventwire_candidates, then eventwire_classify
    doc._.event_model       LearnedStage | None   eventwire_classify: the model that classified them, if any
    doc._.event_readings    tuple[Reading]        eventwire_factuality: the candidates that report an act
    doc._.event_setting     ArticleSetting        eventwire_time_place: the article's dates and places
    doc._.event_mentions    ArticleMentions       eventwire_roles: the article's actor mentions
    doc._.events            tuple[Event]          eventwire_records: the records; eventwire_relevance
                                                  then keeps those that are political news
    doc._.event_relevance   ArticleRelevance      eventwire_relevance: article topic, records dropped
    doc.spans["event_triggers"]                   eventwire_candidates/classify: one span per candidate
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Token

from eventwire.events.records import Action, EventDate
from eventwire.events.triggers import Trigger

if TYPE_CHECKING:
    from eventwire.events.learned.stage import Decision

TRIGGER_SPANS = "event_triggers"
_ATTRIBUTES = ("event_article", "event_candidates", "event_model", "event_readings", "event_setting",
               "event_mentions", "events", "event_relevance")


def register_extensions() -> None:
    """Declare the Doc attributes once per process (spaCy keeps them on the Doc class)."""
    for name in _ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


# What the steps leave on the Doc that holds its tokens, so the Doc itself: `EventCoder.code_doc` lets go
# of them once the records are made, so a coded Doc is freed when its last reference goes rather than by
# the cycle collector (ingest codes articles by the thousand). `run_steps` leaves them for inspection.
_HOLDING_TOKENS = ("event_candidates", "event_readings", "event_setting", "event_mentions")


def release_intermediates(doc: Doc) -> None:
    """Drop what the steps wrote on the Doc except the records (`doc._.events`) and the trigger spans."""
    for name in _HOLDING_TOKENS:
        doc._.set(name, None)


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the caller knows about the article besides its text."""

    published: str | None = None
    article_id: str | None = None
    url: str | None = None

    @property
    def dct(self) -> dt.date | None:
        """The publication day that relative dates are read against."""
        if not self.published:
            return None
        try:
            return dt.date.fromisoformat(self.published[:10])
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A word that may report an event: the trigger-table entry (or the model's reading) that matched it,
    the act a frame embeds ("committed to withdrawing"), the instrument folded into a verb ("killed ... in
    an air strike"), whether another candidate took it in, and the model's decision."""

    token: Token
    trigger: Trigger
    sentence_start: int  # token index of the sentence's first word: candidates are grouped by sentence
    action: tuple[Token, Trigger] | None = None
    instrument: tuple[Token, Trigger] | None = None
    consumed: bool = False
    decision: Decision | None = None
    act_noun: Token | None = None  # a folded twin naming the same act ("signed peace treaties")


@dataclass(frozen=True, slots=True)
class Reading:
    """A candidate that reports an act, as the factuality step composed it: the event's category, mode,
    CAMEO code and context, the act a frame states (`action`), the word whose roles are read
    (`role_token`: the embedded act for "plans to"/"denied"), its factuality and the verb of saying above
    it."""

    candidate: Candidate
    type: str
    mode: str | None
    cameo: str | None
    context: tuple[str, ...]
    action: Action | None
    role_token: Token
    factuality: str
    reporting_verb: Token | None


@dataclass(frozen=True, slots=True)
class ArticleSetting:
    """The article's time expressions and toponyms, its publication day and the place of its dateline (or
    the one it keeps coming back to)."""

    dct: dt.date | None
    timexes: list[Any]
    places: list[Any]
    dateline_place: Any | None
    dateline_end: int  # character offset where the dateline ends: a place before it names no actor


@dataclass
class StoryDates:
    """Dates read so far in the article, so "two days after" can lean on the last dated event. Mutable on
    purpose: the records step carries it from one event to the next, in text order."""

    last_text_date: EventDate | None = None
    by_type: dict[str, EventDate] = field(default_factory=dict)  # latest dated event of each category

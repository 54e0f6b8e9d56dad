"""Step 6 of the coder, `eventwire_records`: the article's event records.

Event by event in text order (an event's date can lean on the events dated before it, and its actors are
read as of its date), it asks the time/place step for the date, the roles step for the source, target and
speaker, composes what an actor says it must or will do ("said Libya must hand over", "said it would
retaliate") into the statement PLOVER codes, places the event, and gives it a confidence (calibrated by
the model when the classification step ran). Then: one record per act in a sentence, one per act in the
article, the record invariants (events/invariants.py), and the confidence threshold.

Reads `doc._.event_readings`, `doc._.event_setting`, `doc._.event_mentions`, `doc._.event_model`,
`doc._.event_article`; writes `doc._.events`. Config: `time_place` and `roles` (the names of the steps it
asks), `min_confidence` (null: every record).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from itertools import groupby
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.events import syntax
from eventwire.events.doc_state import (
    ArticleInfo,
    ArticleSetting,
    Candidate,
    Reading,
    StoryDates,
    register_extensions,
)
from eventwire.events.invariants import CheckTally, enforce
from eventwire.events.learned.stage import LearnedStage
from eventwire.events.magnitudes import read_magnitudes
from eventwire.events.mentions import ArticleMentions
from eventwire.events.ontology import Ontology
from eventwire.events.records import Action, ActorRef, Attribution, Event, Evidence
from eventwire.nlp import doc_text

if TYPE_CHECKING:
    from eventwire.events.coder_pipeline import CoderResources

# Speech-act categories and the factuality their frames give the record: the same act worded without a
# frame (a bare "urged", "petitioned", "rejected") gets the same one.
_SPEECH_ACT_FACTUALITY = {"REQUEST": "demanded", "THREATEN": "threatened", "REJECT": "refused"}

# A folded twin noun joins its verb's trigger when the phrase stays short ("signed peace treaties", "held
# a joint exercise"): the act is expressed by both words, and the evidence shows it.
_MAX_TRIGGER_TOKENS = 5


class RecordWriter:
    def __init__(self, time_place: str = "time_place", roles: str = "roles",
                 min_confidence: float | None = None) -> None:
        register_extensions()
        self.time_place_name = time_place
        self.roles_name = roles
        # Events below this confidence are not returned (`--min-confidence` of code and ingest).
        self.min_confidence = min_confidence
        self.checks = CheckTally()  # records repaired or dropped by the invariants, by reason
        # When a list, each learned record's confidence inputs are appended to it (model probability,
        # rules' evidence, the record): training fits the record scaling on them.
        self.confidence_inputs: list[tuple[float, float, Event]] | None = None
        self.time_place: Any = None
        self.roles: Any = None
        self.ontology: Ontology | None = None

    def bind(self, resources: CoderResources) -> None:
        self.time_place = resources.step(self.time_place_name)
        self.roles = resources.step(self.roles_name)
        self.ontology = resources.triggers.ontology

    def __call__(self, doc: Doc) -> Doc:
        info: ArticleInfo = doc._.event_article or ArticleInfo()
        setting: ArticleSetting = doc._.event_setting
        mentions: ArticleMentions = doc._.event_mentions
        learned: LearnedStage | None = doc._.event_model
        dates = StoryDates()
        events: list[Event] = []
        readings: tuple[Reading, ...] = doc._.event_readings or ()
        for _, sentence_readings in groupby(readings, key=lambda r: r.candidate.sentence_start):
            in_sentence: list[tuple[Event, bool]] = []  # (record, read by a trigger-table entry)
            for reading in sentence_readings:
                event = self.event(reading, mentions, setting, dates, learned, info.article_id)
                if event is None:
                    continue
                if event.factuality == "occurred" and event.type in _SPEECH_ACT_FACTUALITY:
                    # a demand made is `demanded` however it was worded ("urged", "petitioned", "called
                    # for X to ..."), as the frames already code it (docs/events.md)
                    event = replace(event, factuality=_SPEECH_ACT_FACTUALITY[event.type])
                in_sentence.append((event, reading.candidate.trigger.line > 0))
                if event.type and event.date and event.date.from_text and event.date.start:
                    dates.by_type[event.type] = event.date
            events.extend(_one_record_per_act(in_sentence) if learned is not None
                          else [event for event, _ in in_sentence])
        checked = enforce(_deduplicate(events), doc_text(doc), info.published)
        self.checks.add(checked)
        kept = checked.events
        if self.min_confidence is not None:
            kept = [e for e in kept if e.confidence >= self.min_confidence]
        doc._.events = tuple(kept)
        return doc

    def event(self, reading: Reading, mentions: ArticleMentions, setting: ArticleSetting, dates: StoryDates,
              learned: LearnedStage | None, article_id: str | None) -> Event | None:
        """The record of one reading, or None when it has no actor or too little confidence."""
        assert self.ontology is not None, "bind() the step to the coder's resources first"
        candidate = reading.candidate
        token, role_token = candidate.token, reading.role_token
        type_, mode, cameo, context = reading.type, reading.mode, reading.cameo, reading.context
        action, factuality, reporting_verb = reading.action, reading.factuality, reading.reporting_verb
        dct = setting.dct
        decision = candidate.decision
        speaker = self.roles.speaker(reporting_verb, mentions, dct)
        date = self.time_place.date(token, setting.timexes, dct, dates)
        if date and date.from_text and dct and date.start and date.start > dct.isoformat() \
                and factuality == "occurred":
            factuality = "planned"
        when = _date_of(date.start) if date and date.start else dct
        source, target = self.roles.roles(token, role_token, candidate, mentions, when, speaker)
        if not source and not target:
            return None  # PLOVER needs an actor; an actorless mention is no event record
        obligation = syntax.obliged(role_token) or syntax.obliged(token)
        if speaker is not None and obligation and source and not _announced_by_actor(token, source, speaker):
            # "X said Libya must hand over the suspects", "... that the US must be ready to mediate":
            # X demands it of Libya, of the US.
            demanded = action or Action(type_, mode, cameo, role_token.text)
            speech = self.ontology.speech_act("demanded", demanded.type, demanded.mode)
            if speech is not None:
                action = demanded
                (type_, cameo), mode, factuality = speech, None, "demanded"
                source, target = [speaker], [a for a in source if a.key != speaker.key]
        if action is None and speaker is not None and _announced_by_actor(role_token, source, speaker):
            # An actor announcing its own future act states an intention: PLOVER codes the statement
            # (AGREE for cooperation, THREATEN for conflict, REJECT for a refusal), the act is its action.
            conditional = syntax.in_condition(role_token) or syntax.has_condition_clause(role_token)
            intent = _intent(factuality, self.ontology.quad_class(type_), conditional)
            if intent is not None:
                speech = self.ontology.speech_act(intent, type_, mode)
                if speech is not None:
                    action = Action(type_, mode, cameo, role_token.text)
                    type_, cameo = speech
                    mode, factuality = None, intent
        sentence = syntax.sentence_of(token)
        trigger_start, trigger_end = _trigger_span(token, candidate.act_noun)
        evidence = Evidence(sentence=sentence.text, start=sentence.start_char, end=sentence.end_char,
                            # doc_text: Doc.text re-joins every token of the article on each access
                            trigger=doc_text(token.doc)[trigger_start:trigger_end],
                            trigger_start=trigger_start, trigger_end=trigger_end)
        location = self.time_place.place_event(token, setting, source, target)
        confidence = _confidence(source, target, token, candidate)
        raw: float | None = None
        if decision is not None and learned is not None:
            # a calibrated probability: the model's for the type the record carries (or for an event at
            # all when the rules' composition made it a speech act of another type), combined with the
            # rules' evidence (roles resolved, main clause) by the scaling fitted on the calibration part
            raw = decision.probability(type_) if decision.type == type_ else 1.0 - decision.no_event
            rule_evidence, confidence = confidence, round(learned.record_confidence(raw, confidence), 3)
            if confidence < learned.min_record_confidence:
                # unlikely to be a real event of this type between these actors: another sense of the
                # word, a negated act, a description (the threshold is chosen on the calibration part)
                return None
        event = Event(
            type=type_, mode=mode, context=context, cameo=cameo or "",
            quad_class=self.ontology.quad_class(type_), intensity=self.ontology.intensity(type_, mode),
            factuality=factuality,  # type: ignore[arg-type]
            source=tuple(source), target=tuple(target), evidence=evidence, confidence=confidence,
            date=date, location=location,
            attribution=Attribution(speaker, True) if speaker else None,
            action=action, article_id=article_id, magnitudes=read_magnitudes(token),
        )
        if raw is not None and self.confidence_inputs is not None:
            self.confidence_inputs.append((raw, rule_evidence, event))
        return event



@Language.factory("eventwire_records",
                  default_config={"time_place": "time_place", "roles": "roles", "min_confidence": None})
def make_record_writer(nlp: Language, name: str, time_place: str, roles: str, min_confidence: float | None
                       ) -> RecordWriter:
    return RecordWriter(time_place, roles, min_confidence)


def _date_of(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _announced_by_actor(token: Token, source: list[ActorRef], speaker: ActorRef) -> bool:
    """Is the event's actor the one who speaks of it ("Uganda said it would ...")? Only an act with a
    grammatical subject can be announced this way: "a meeting will be held" is a schedule."""
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    subjects = syntax.subjects(token)
    if any(s.pos_ == "PRON" and s.lower_ not in {"i", "you"} for s in subjects):
        return True
    return any(a.key == speaker.key or (a.country and a.country == speaker.country and a.kind != "person")
               for a in source)



def _intent(factuality: str, quad_class: int | None, conditional: bool) -> str | None:
    if factuality == "denied":
        return "refused"
    if factuality not in {"planned", "hypothetical"} or quad_class is None:
        return None
    if conditional or quad_class >= 3:
        return "threatened"
    return "promised" if factuality == "planned" else None



def _confidence(source: list[ActorRef], target: list[ActorRef], token: Token, candidate: Candidate
                ) -> float:
    """A heuristic certainty (not a calibrated probability): resolved roles and a verbal trigger count."""
    score = 0.4
    if source:
        score += 0.2 if any(a.country or a.actor_id for a in source) else 0.1
    if target:
        score += 0.15 if any(a.country or a.actor_id for a in target) else 0.05
    if token.pos_ in {"VERB", "AUX"}:
        score += 0.1
    carrier = token if token.pos_ in {"VERB", "AUX"} else (syntax.light_verb_of(token) or token)
    if carrier.dep_ == "ROOT" or (carrier.head.dep_ == "ROOT" and carrier.dep_ == "conj"):
        score += 0.1  # the sentence's main event, not a purpose or background clause
    if candidate.trigger.with_object or candidate.trigger.with_modifier or candidate.trigger.with_prep:
        score += 0.1
    return min(score, 0.95)


def _deduplicate(events: list[Event]) -> list[Event]:
    """One record per (category, factuality, actors) in an article: a planned meeting mentioned twice is
    one event, kept with its first evidence."""
    kept: dict[tuple, Event] = {}
    for event in events:
        key = (event.type, event.factuality, tuple(sorted(a.key for a in event.source)),
               tuple(sorted(a.key for a in event.target)), event.date.start if event.date else None)
        previous = kept.get(key)
        if previous is None:
            kept[key] = event
        elif event.confidence > previous.confidence:
            # the same actors by key; their phrases stay those of the evidence kept, inside its sentence
            kept[key] = replace(event, evidence=previous.evidence, source=previous.source,
                                target=previous.target)
    return list(kept.values())



def _trigger_span(token: Token, act_noun: Token | None) -> tuple[int, int]:
    """Character span of the record's trigger: the word, or the verb through its folded twin noun."""
    if act_noun is not None and token.i < act_noun.i and act_noun.i - token.i < _MAX_TRIGGER_TOKENS:
        return token.idx, act_noun.idx + len(act_noun)
    return token.idx, token.idx + len(token)


def _one_record_per_act(events: list[tuple[Event, bool]]) -> list[Event]:
    """One sentence, one record per act: "will meet ... the meeting" or "X attacked Y; the attack"
    give the same type between the same actors twice, perhaps once occurred and once planned. A record
    read by a trigger-table entry stays before one only the model found (its word, CAMEO code and mode
    are the curated ones: on the dedup stories, letting the model's word win lost a mention); between
    equals, the more confident record."""

    def key(event: Event) -> tuple:
        return (event.type, tuple(sorted(a.key for a in event.source)),
                tuple(sorted(a.key for a in event.target)))

    kept: dict[tuple, tuple[Event, bool]] = {}
    for event, by_rule in events:
        previous = kept.get(key(event))
        if previous is None or (by_rule, event.confidence) > (previous[1], previous[0].confidence):
            kept[key(event)] = (event, by_rule)
    return [event for event, _ in events if kept[key(event)][0] is event]

"""The event coder: a parsed article in, PLOVER/CAMEO event records out.

Per sentence: find triggers (triggers.yaml), let speech acts and modal frames take in the action they
embed ("committed to withdrawing"), fold an instrument into its act ("assassinated ... in an air
strike"), read source and target off the parse, decide factuality and attribution, then date and place
each event from the time expressions and toponyms of its clause or sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.events import syntax
from eventwire.events.invariants import CheckTally, enforce
from eventwire.events.learned.stage import (
    Decision,
    LearnedStage,
    learned_trigger,
)
from eventwire.events.magnitudes import read_magnitudes
from eventwire.events.mentions import ArticleMentions, Resolver
from eventwire.events.ontology import Ontology
from eventwire.events.records import (
    Action,
    ActorRef,
    Attribution,
    Event,
    EventDate,
    EventLocation,
    Evidence,
)
from eventwire.events.triggers import Trigger, TriggerTable
from eventwire.nlp import doc_text
from eventwire.places.location import article_place
from eventwire.places.model import PlaceMention
from eventwire.records import Article

if TYPE_CHECKING:
    from eventwire.temporal.types import Timex

# Dependents through which a frame ("committed", "demanded", "threatened") embeds its action.
_EMBEDDING_DEPS = {"xcomp", "ccomp", "pcomp", "pobj", "dobj", "prep", "acl", "advcl", "conj"}
_INSTRUMENT_PREPOSITIONS = {"in", "with", "by", "through", "during", "using"}
# Where a meeting, a fight or a protest happens is its location, not a party to it; a curfew imposed in
# Algiers or an embassy opened in Tehran is done to that place.
_PLACE_IS_NO_RECIPIENT = {"CONSULT", "ASSAULT", "PROTEST", "ACCUSE", "REQUEST", "THREATEN", "REJECT"}
# Statements: with no agent of their own they are made by whom the sentence attributes them to
# ("Israel was accused of ..., according to the ministry").
_SPEECH_ACT_TYPES = {"ACCUSE", "REQUEST", "THREATEN", "REJECT"}
# "from" is not among them: "a woman visiting from Canada" says where she came from, not where it happened.
_LOCATIVE_PREPOSITIONS = {"in", "near", "at", "outside", "inside", "on", "across", "around", "into", "off",
                          "along", "over"}
# A place in these relations names whose or which thing it is ("Rome's mayor", "the Damascus government").
_MODIFIER_DEPS = {"compound", "poss", "amod", "nmod"}
# A place below a subject or an object of the event describes that participant ("a woman from Canada").
_PARTICIPANT_DEPS = {"nsubj", "nsubjpass", "dobj", "iobj", "appos", "attr", "agent", "dative"}
# ... unless that participant is itself a place: "recognising the disputed city of Jerusalem", "shelled
# the town of X", "visited the Turkish capital".
_PLACE_NOUNS = {"city", "town", "village", "capital", "province", "region", "state", "district", "county",
                "country", "area", "border", "territory", "island", "suburb", "neighbourhood", "neighborhood",
                "port", "camp", "enclave", "municipality"}


@dataclass
class _Candidate:
    token: Token
    trigger: Trigger
    action: tuple[Token, Trigger] | None = None  # for frames: the act they embed
    instrument: tuple[Token, Trigger] | None = None
    consumed: bool = False
    decision: Decision | None = None  # the learned stage's answer for this word
    act_noun: Token | None = None  # a folded twin naming the same act ("signed peace treaties")


@dataclass
class _SentenceDates:
    """Dates read so far, so "two days after" can lean on the last dated event."""

    last_text_date: EventDate | None = None
    by_type: dict[str, EventDate] = field(default_factory=dict)  # latest dated event of each category


class EventCoder:
    def __init__(self, nlp: Language, resolver: Resolver, *, geoparser: object | None = None,
                 triggers: TriggerTable | None = None, learned: LearnedStage | bool | None = True,
                 min_confidence: float | None = None) -> None:
        self.nlp = nlp
        self.resolver = resolver
        self.geoparser = geoparser
        self.triggers = triggers or TriggerTable.load()
        self.ontology: Ontology = self.triggers.ontology
        self.checks = CheckTally()  # records repaired or dropped by the invariants, by reason
        # The learned stage (events/learned/): True loads the shipped model, None/False runs rules only.
        self.learned: LearnedStage | None = (
            LearnedStage.load(triggers=self.triggers) if learned is True else (learned or None))
        # Events below this confidence are not returned (`--min-confidence` of code and ingest).
        self.min_confidence = min_confidence
        # When a list, each learned record's confidence inputs are appended to it (model probability,
        # rules' evidence, the record): training fits the record scaling on them.
        self.confidence_inputs: list[tuple[float, float, Event]] | None = None
        self.version = _coder_version(self.learned, min_confidence)

    @classmethod
    def load(cls, model: str | None = None, *, actor_files: Iterable[str] = (),
             with_places: bool = True, learned: bool = True, min_confidence: float | None = None
             ) -> EventCoder:
        from pathlib import Path

        from eventwire.actors import ActorResolver
        from eventwire.nlp import load_pipeline
        from eventwire.temporal import find_timexes

        nlp = load_pipeline(model)
        find_timexes("", dt.date(2000, 1, 1))  # load the temporal lexicon now, not inside the first article
        geoparser = None
        if with_places:
            from eventwire.places import Geoparser

            geoparser = Geoparser.load(nlp=nlp)
        resolver = ActorResolver.load([Path(p) for p in actor_files])
        resolver.warm_up()  # the sector guesser's vectors and fit now, not inside the first article
        return cls(nlp, resolver, geoparser=geoparser, learned=learned, min_confidence=min_confidence)

    # --- entry points ---------------------------------------------------------------------------------

    def code_text(self, text: str, published: str | None = None) -> list[Event]:
        return self.code_doc(self.nlp(text), published=published)

    def code_article(self, article: Article) -> list[Event]:
        return self.code_doc(self.nlp(article.text), published=article.meta.published, article_id=article.id,
                             url=article.meta.url)

    def code_articles(self, articles: Iterable[Article], batch_size: int = 16
                      ) -> Iterator[tuple[Article, list[Event]]]:
        pairs = ((article.text, article) for article in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield article, self.code_doc(doc, published=article.meta.published, article_id=article.id,
                                         url=article.meta.url)

    # --- one document ---------------------------------------------------------------------------------

    def code_doc(self, doc: Doc, *, published: str | None = None, article_id: str | None = None,
                 url: str | None = None) -> list[Event]:
        dct = _date_of(published)
        text = doc_text(doc)
        timexes = self._timexes(text, dct)
        places = self._places(doc, url)
        mentions = ArticleMentions(doc, self.resolver, dct, places=places)
        dateline_match = _DATELINE.match(text)
        dateline = _dateline_place(dateline_match, places)
        # "KHARTOUM (Meridian Wire) — The army ...": the dateline is where, never who
        mentions.not_actors_before = dateline_match.end() if dateline_match else 0
        dates = _SentenceDates()
        events: list[Event] = []
        for sentence in doc.sents:
            candidates = self._candidates(sentence)
            if self.learned is not None:
                candidates = self._classified(sentence, candidates)
            _fold_twins(candidates)
            by_index = {c.token.i: c for c in candidates}  # one candidate per token
            in_sentence: list[tuple[Event, bool]] = []  # (record, read by a trigger-table entry)
            for candidate in candidates:
                token = candidate.token
                if candidate.consumed or syntax.states_a_rule(token) or self.triggers.in_other_domain(token):
                    continue  # no act: what a rule provides, a player's or a market's "attack" or "deal"
                if syntax.mentioned_only(token, dct.year if dct else None) is not None:
                    continue  # an act described, wished, habitual or earlier: not reported as news here
                if _inside_another_act(candidate, by_index):
                    continue  # what a demand asks for, what another act is done to: part of that act
                if self._warns_of_a_danger(candidate):
                    continue  # "warned of more flooding": a warning about a danger, no threatened act
                event = self._event(candidate, mentions, dct, timexes, places, dates, article_id, dateline)
                if event is None:
                    continue
                if event.factuality == "occurred" and event.type in _SPEECH_ACT_FACTUALITY:
                    # a demand made is `demanded` however it was worded ("urged", "petitioned", "called
                    # for X to ..."), as the frames already code it (docs/events.md)
                    event = replace(event, factuality=_SPEECH_ACT_FACTUALITY[event.type])
                in_sentence.append((event, candidate.trigger.line > 0))
                if event.type and event.date and event.date.from_text and event.date.start:
                    dates.by_type[event.type] = event.date
            events.extend(_one_record_per_act(in_sentence) if self.learned is not None
                          else [event for event, _ in in_sentence])
        checked = enforce(_deduplicate(events), text, published)
        self.checks.add(checked)
        if self.min_confidence is not None:
            return [e for e in checked.events if e.confidence >= self.min_confidence]
        return checked.events

    def _warns_of_a_danger(self, candidate: _Candidate) -> bool:
        """"warned of hundreds of jihadists", "warning of dangerous consequences": a threat names an act
        its author would do; a warning of something that is no act ("retaliation" is one) names a
        danger."""
        token = candidate.token
        if candidate.trigger.type != "THREATEN" or token.lemma_.lower() != "warn" or candidate.action:
            return False
        if any(c.dep_ in {"xcomp", "ccomp", *syntax.OBJECT_DEPS} for c in token.children):
            return False
        dangers = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"]
        # "warned of retaliation against Sudan": an act aimed at someone is threatened
        aimed = any(c.dep_ == "prep" and c.lower_ in {"against", "on"} for g in dangers for c in g.children)
        return bool(dangers) and not aimed and not any(self.triggers.match(g) for g in dangers)

    def _classified(self, sentence: Span, found: list[_Candidate]) -> list[_Candidate]:
        """The learned stage's decisions attached to the rules' candidates, and the words it calls events
        that no trigger describes added as candidates of their own (unless a rule frame above them
        already takes them in: "vowed to retaliate" is one threat)."""
        decisions = self.learned.classify(sentence)  # type: ignore[union-attr]
        by_index = {c.token.i: c for c in found}
        taken = {c.token.i for c in found} | {c.action[0].i for c in found if c.action} | {
            c.instrument[0].i for c in found if c.instrument}
        # the verb that carries a rule's noun ("imposed a curfew", "launched an attack") is that event
        taken |= {carrier.i for c in found if c.token.pos_ == "NOUN"
                  and (carrier := syntax.light_verb_of(c.token)) is not None}
        frames = {c.token.i for c in found if c.trigger.frame}
        added: list[_Candidate] = []
        for index, decision in decisions.items():
            known = by_index.get(index)
            if known is not None:
                known.decision = decision
                continue
            if index in taken or not self.learned.adds(decision):  # type: ignore[union-attr]
                continue
            token = decision.candidate.token
            if any(g.i in frames for g in syntax.governors(token, limit=3)):
                continue
            if token.pos_ == "NOUN" and token.head.i in by_index and token.dep_ in syntax.OBJECT_DEPS:
                continue  # "imposed a curfew": the noun is what the rule's act does, not a second act
            trigger = learned_trigger(decision, self.ontology)
            if trigger is not None:
                added.append(_Candidate(decision.candidate.token, trigger, decision=decision))
        return sorted([*found, *added], key=lambda c: c.token.i)

    def _candidates(self, sentence: Iterable[Token]) -> list[_Candidate]:
        found = [_Candidate(tok, trig) for tok in sentence
                 if (trig := self.triggers.match(tok)) and not syntax.is_event_reference(tok)]
        by_index = {c.token.i: c for c in found}
        for candidate in found:
            if candidate.consumed:
                continue
            if candidate.trigger.frame:
                embedded = _embedded_action(candidate.token, by_index)
                if embedded is not None:
                    candidate.action = (embedded.token, embedded.trigger)
                    embedded.consumed = True
            else:
                # The verb of the act: the trigger itself, or the light verb carrying a noun trigger
                # ("staged a hunger strike ... in protest against X").
                verb = candidate.token if candidate.token.pos_ in {"VERB", "AUX"} else syntax.light_verb_of(
                    candidate.token)
                if verb is None:
                    continue
                for other in found:
                    if other is candidate or other.consumed or other.trigger.frame:
                        continue
                    same_category = other.trigger.type == candidate.trigger.type
                    if same_category and _is_instrument(other.token, verb):
                        candidate.instrument = (other.token, other.trigger)
                        other.consumed = True
        return found

    def _event(self, candidate: _Candidate, mentions: ArticleMentions, dct: dt.date | None,
               timexes: list, places: list, dates: _SentenceDates, article_id: str | None,
               dateline: object | None = None) -> Event | None:
        token, trigger = candidate.token, candidate.trigger
        reporting_verb = syntax.reporting_verb_above(token)
        factuality = _factuality(token, reporting_verb is not None)
        if factuality == "negated":
            return None  # the act did not happen: no record (PLOVER excludes negated events)
        action: Action | None = None
        type_, mode, cameo, context = trigger.type, trigger.mode, trigger.cameo, trigger.context
        role_token = token
        if trigger.frame:
            frame_factuality = trigger.factuality_of_action
            if candidate.action is not None:
                action_token, action_trigger = candidate.action
                action = Action(action_trigger.type, action_trigger.mode, action_trigger.cameo,
                                action_token.text)
                if trigger.frame in {"plan", "deny"}:
                    type_, mode, cameo, context = (action_trigger.type, action_trigger.mode,
                                                   action_trigger.cameo, action_trigger.context)
                    role_token, action = action_token, None
                    factuality = "denied" if trigger.frame == "deny" else _stronger("planned", factuality)
                else:
                    conflictual = self.ontology.quad_class(action_trigger.type) in {3, 4}
                    if frame_factuality == "promised" and conflictual:
                        frame_factuality = "threatened"  # "swore to fight", "is prepared to impose"
                    speech = self.ontology.speech_act(frame_factuality or "", action_trigger.type,
                                                      action_trigger.mode)
                    if speech is not None:
                        type_, cameo = speech
                        # An appeal keeps its own CAMEO (02x) and only takes the request's category.
                        if trigger.cameo and trigger.cameo.startswith("02"):
                            cameo = trigger.cameo
                    mode, context = None, tuple(dict.fromkeys((*context, *action_trigger.context)))
                    factuality = _stronger(frame_factuality or "occurred", factuality)
            elif trigger.frame in {"plan", "deny"} or cameo is None:
                return None
        if candidate.instrument is not None and token.pos_ in {"VERB", "AUX"}:
            instrument_trigger = candidate.instrument[1]  # the means says how: "killed ... in an air strike"
            mode = instrument_trigger.mode or mode
            cameo = instrument_trigger.cameo or cameo
        if type_ is None:
            return None  # CAMEO-only statements are not PLOVER events
        decision = candidate.decision
        if decision is not None and self.learned is not None:
            retyped = action is None and decision.type not in {type_, "NONE"} and (
                decision.probability(decision.type) >= self.learned.retype_probability)
            if retyped and (new := learned_trigger(decision, self.ontology)) is not None:
                # the word in another sense of the act than the trigger table's entry ("fired" a minister)
                type_, mode, cameo, context = new.type, new.mode, new.cameo, new.context
        speaker = self._speaker(reporting_verb, mentions, dct)
        date = self._date(token, timexes, dct, dates)
        if date and date.from_text and dct and date.start and date.start > dct.isoformat() \
                and factuality == "occurred":
            factuality = "planned"
        when = _date_of(date.start) if date and date.start else dct
        source, target = self._roles(token, role_token, candidate, mentions, when, speaker)
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
        location = self._location(token, places, source) or _as_location(dateline)
        confidence = _confidence(source, target, token, candidate)
        raw: float | None = None
        if decision is not None and self.learned is not None:
            # a calibrated probability: the model's for the type the record carries (or for an event at
            # all when the rules' composition made it a speech act of another type), combined with the
            # rules' evidence (roles resolved, main clause) by the scaling fitted on the calibration part
            raw = decision.probability(type_) if decision.type == type_ else 1.0 - decision.no_event
            rule_evidence, confidence = confidence, round(self.learned.record_confidence(raw, confidence), 3)
            if confidence < self.learned.min_record_confidence:
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

    # --- roles -------------------------------------------------------------------------------------------

    def _roles(self, token: Token, role_token: Token, candidate: _Candidate, mentions: ArticleMentions,
               when: dt.date | None, speaker: ActorRef | None) -> tuple[list[ActorRef], list[ActorRef]]:
        source_heads: list[Token] = []
        target_heads: list[Token] = []
        if token.pos_ in {"VERB", "AUX", "ADJ"}:
            patients = syntax.passive_patients(token)
            # "journalists detained by the police": a cut-short passive relative; a stance ("committed")
            # has no such reading ("abuses committed by X" promise nothing)
            reduced = [] if candidate.trigger.frame else syntax.reduced_passive_patients(token)
            if patients and candidate.trigger.frame:  # "is committed to": the passive form of a stance
                source_heads = patients
                target_heads = self._targets(token, candidate.trigger)
            elif patients or reduced:
                target_heads = patients or reduced
                source_heads = syntax.passive_agents(token)
            else:
                source_heads = syntax.subjects(token)
                target_heads = self._targets(token, candidate.trigger)
        else:
            parties = syntax.between_parties(token)
            carrier = syntax.light_verb_of(token)
            carrier_subjects = syntax.subjects(carrier) if carrier is not None else []
            if carrier is not None and not carrier_subjects and token.dep_ == "pobj":
                carrier_subjects = syntax.passive_patients(carrier)  # "Serb forces were engaged in ..."
            carrier_subjects = [s for s in carrier_subjects
                                if s.i != token.i and s.head.i != token.i and s.dep_ != "expl"]
            if parties and carrier_subjects:
                # "Qatar's emir launched a mediation between the Emirates and Saudi Arabia"
                source_heads, target_heads = carrier_subjects, parties
            elif parties:
                source_heads = parties  # a meeting between X and Y: all are actors, none recipient
            else:
                source_heads, target_heads = syntax.noun_roles(token, candidate.trigger.of_is_target)
                if not source_heads:
                    source_heads = _agents_of_complement(token)  # "the arrest of X by Y"
                only_pronouns = source_heads and all(h.pos_ == "PRON" for h in source_heads)
                if carrier_subjects and (not source_heads or only_pronouns):
                    source_heads = carrier_subjects  # "their forces completed their withdrawal"
                if not target_heads and carrier is not None and token.dep_ == "pobj":
                    # "engaged in ethnic cleansing ... against the Albanian population"
                    target_heads = syntax.objects(carrier, with_direct=False)
        if candidate.trigger.frame in {"plan", "deny"} and role_token is not token:
            source_heads = syntax.subjects(role_token) or source_heads
        controller = syntax.controlling_verb(role_token)
        imposed = controller is not None and self.triggers.imposes(controller)
        source = self._actors(source_heads, mentions, when, speaker)

        def recipients(heads: list[Token]) -> list[ActorRef]:
            return [a for a in self._actors(heads, mentions, when, speaker)
                    if not any(_same_actor(a, s, lambda a=a: _is_agent(token.doc, a, mentions))
                               for s in source)]

        def agents(heads: list[Token]) -> list[Token]:
            return [h for h in heads if mentions.is_agent(h)]

        # The recipient, from the first place that names one: the trigger's own objects, the noun folded
        # into it ("in protest against X"), the act a frame embeds ("threatened to break relations with
        # Russia"), the subject of a demanded clause ("demanded that Hamas renounce"), the one an act is
        # imposed on or allowed to ("forced the paper to close", "allowed X to hold a rally"), for acts
        # done somewhere the country or city where ("imposed a curfew in Algiers"), and what the event
        # did or was done for ("an offensive that encircled the city", "marched to demand X from Y").
        target = recipients(target_heads)
        fallbacks = []
        if candidate.instrument is not None:
            fallbacks.append(lambda: syntax.noun_roles(candidate.instrument[0],
                                                       candidate.instrument[1].of_is_target)[1])
        if candidate.action is not None:
            action_token, action_trigger = candidate.action
            if action_token.pos_ in {"VERB", "AUX"}:
                fallbacks.append(lambda: self._targets(action_token, action_trigger))
            else:
                fallbacks.append(lambda: syntax.noun_roles(action_token, action_trigger.of_is_target)[1])
        if candidate.trigger.frame:
            fallbacks.append(lambda: syntax.clause_subjects_below(token))
            if candidate.action is None:
                # "threatened to sell no more grain to X": no trigger codes the act, yet whom it would be
                # done to is still whom the threat is aimed at.
                fallbacks.append(lambda: [t for verb in syntax.complements(token)
                                          for t in self._recipients_of_any_verb(verb, mentions)])
            fallbacks.append(lambda: syntax.condition_subjects(token))
        elif token.pos_ in {"VERB", "AUX"}:
            # "allowed X to hold a rally", but not "allowed the vote to go ahead": only an agent is let
            fallbacks.append(lambda: agents(syntax.infinitive_subjects(token)))
        if imposed:
            # "forced the newspaper to shut its website": the act is forced on the newspaper
            fallbacks.append(lambda: agents(syntax.controlled_objects(controller)))
        if candidate.trigger.type not in _PLACE_IS_NO_RECIPIENT:
            fallbacks.append(lambda: syntax.places_of_act(role_token))
        if candidate.action is not None and candidate.action[1].type not in _PLACE_IS_NO_RECIPIENT:
            # "vowed to declare a state of emergency in Lagos": the threatened act is done to the place,
            # which a threat as such (a statement, made somewhere) is not.
            fallbacks.append(lambda: syntax.places_of_act(candidate.action[0]))
        if token.pos_ == "NOUN":
            fallbacks.append(lambda: syntax.relative_clause_objects(token))
        # "marched to demand an apology from X", "blocked the port to voice their anger at X": an act
        # done for a purpose is aimed at whom the purpose is.
        carrier = token if token.pos_ in {"VERB", "AUX"} else syntax.light_verb_of(token)
        if carrier is not None:
            fallbacks.append(lambda: [t for verb in syntax.purpose_clauses(carrier)
                                      for t in self._purpose_targets(verb, mentions)])
            fallbacks.append(lambda: syntax.purpose_phrase_targets(carrier))
        for fallback in fallbacks:
            if target:
                break
            target = recipients(fallback())
        if not source and candidate.trigger.type in _SPEECH_ACT_TYPES and token.pos_ == "VERB":
            # "Israel was accused of war crimes, according to the ministry": a statement with no agent
            # of its own is made by whom the sentence attributes it to. (The speaker of a verb of saying
            # is not taken: on the dev articles it made records of nouns that report no act.)
            said_by = next(iter(self._actors(_according_to(token), mentions, when, None)), None)
            if said_by is not None and not any(_same_actor(said_by, a, lambda: True) for a in target):
                source = [said_by]
        return source, target

    def _targets(self, verb: Token, trigger: Trigger) -> list[Token]:
        prepositions = trigger.target_prep or syntax.TARGET_PREPOSITIONS
        found = syntax.objects(verb, prepositions, with_direct=trigger.object_is_target)
        means: list[Token] = []
        if trigger.with_object:  # "imposed sanctions on Iran": the object is the means, not the target
            means = [t for t in found if t.lemma_.lower() in trigger.with_object]
            found = [t for t in found if t.lemma_.lower() not in trigger.with_object]
        # "rejected a U.S. request", "condemned the Israeli strike": an event named as object points at
        # its owner, not at itself.
        targets: list[Token] = []
        for token in found:
            is_event = _is_trigger_noun(token, self.triggers)
            # "fired on a security patrol": a word that also names an act may still be the party itself
            targets.extend((syntax.actor_modifiers(token) or [token]) if is_event else [token])
        # "accepted demands from the rebels", "accepted Russia's offer": when the object that makes the
        # trigger is itself an act, whoever made it is the one answered (after any named recipient).
        targets.extend(owner for token in means if _is_trigger_noun(token, self.triggers)
                       for owner in syntax.actor_modifiers(token) if owner not in targets)
        return targets

    def _purpose_targets(self, verb: Token, mentions: ArticleMentions) -> list[Token]:
        trigger = self.triggers.match(verb)
        if trigger is not None and trigger.type is not None:
            return self._targets(verb, trigger)
        return self._recipients_of_any_verb(verb, mentions)

    @staticmethod
    def _recipients_of_any_verb(verb: Token, mentions: ArticleMentions) -> list[Token]:
        """Recipients of a verb no trigger describes: its prepositional recipients ("sell grain to X",
        "show their anger at X"), and its object only when that names someone ("to help Ukraine"); a
        thing it acts on ("their anger") is no party."""
        direct = [c for c in verb.children if c.dep_ in syntax.OBJECT_DEPS and c.pos_ != "ADP"]
        return [d for d in direct if mentions.is_agent(d)] + syntax.objects(verb, with_direct=False)

    def _actors(self, heads: list[Token], mentions: ArticleMentions, when: dt.date | None,
                speaker: ActorRef | None) -> list[ActorRef]:
        actors: list[ActorRef] = []
        seen: set[str] = set()
        for head in heads:
            for part in syntax.expand_conjuncts(head):
                ref = mentions.actor(part, when, speaker)
                if ref is not None and ref.key not in seen:
                    seen.add(ref.key)
                    actors.append(ref)
        return actors

    def _speaker(self, verb: Token | None, mentions: ArticleMentions, when: dt.date | None
                 ) -> ActorRef | None:
        """Who said it: the subject of the verb of saying the event is reported under."""
        if verb is None:
            return None
        heads = [c for c in verb.children if c.dep_ in syntax.SUBJECT_DEPS]
        for head in heads:
            ref = mentions.actor(head, when)
            if ref is not None:
                return ref
        return None

    # --- when and where ---------------------------------------------------------------------------------

    def _timexes(self, text: str, dct: dt.date | None) -> list:
        if dct is None:
            return []
        from eventwire.temporal import find_timexes

        return find_timexes(text, dct)

    def _places(self, doc: Doc, url: str | None = None) -> list:
        """The article's toponyms, resolved with its outlet's home country (from the page's address) as
        weak context: a British paper's "Salisbury" is the English one unless the text says otherwise."""
        if self.geoparser is None:
            return []
        from eventwire.places.geoparser import country_of_url

        outlet = country_of_url(url, getattr(self.geoparser, "gazetteer", None)) if url else None
        return self.geoparser.geoparse_doc(doc, outlet_country=outlet)  # type: ignore[attr-defined]

    def _date(self, token: Token, timexes: list, dct: dt.date | None, dates: _SentenceDates
              ) -> EventDate | None:
        sentence = syntax.sentence_of(token)
        in_sentence = [t for t in timexes if sentence.start_char <= t.start < sentence.end_char]
        anchored = [t for t in in_sentence if t.anchored_to_event]
        since = self._since_event(anchored, dct, dates)
        if since is not None:
            return since
        for offset in anchored:
            anchor = dates.last_text_date
            clause_of_offset = _clause_after(offset, sentence)
            if anchor is None or not anchor.start or clause_of_offset is None:
                continue
            from eventwire.temporal import shift
            from eventwire.temporal.types import Duration, TimeSpan

            anchor_span = TimeSpan(dt.date.fromisoformat(anchor.start),
                                   dt.date.fromisoformat(anchor.end or anchor.start))
            if token.i in clause_of_offset:
                try:
                    amount = Duration.parse(offset.value)
                except ValueError:  # "shortly after": no amount to count back by
                    continue
                if amount.vague:  # "days after": no exact amount either
                    continue
                # "X came two days after [Y]": Y lies on the other side of X's date.
                other_side = "before" if offset.direction == "after" else "after"
                shifted = shift(anchor_span, amount, other_side)
                return EventDate(_iso(shifted.start), _iso(shifted.end), anchor.precision,
                                 offset.text, True)
            referenced = self._referenced_event_date(clause_of_offset, sentence, dates)
            if referenced is not None and referenced.start:
                return _offset_from(referenced, offset)
            return anchor
        dated = [t for t in in_sentence if t.type in {"DATE", "TIME"} and t.span is not None
                 and not t.anchored_to_event and t.value not in {"PRESENT_REF"}]
        nearest = _date_of_clause(token, dated) if dated else None
        if nearest is not None and nearest.span is not None:
            found = (_range_around(nearest, dated, doc_text(token.doc))
                     or EventDate(_iso(nearest.span.start), _iso(nearest.span.end), nearest.precision,
                                  nearest.text, True))
            dates.last_text_date = found
            return found
        if dct is None:
            return None
        # a sentence whose dates all belong to other acts is about its own time, not the story told before
        narrated = None if dated else _narrative_date(token, sentence, timexes, dct)
        if narrated is not None:
            return narrated
        return EventDate(dct.isoformat(), dct.isoformat(), "day", None, False)

    def _referenced_event_date(self, clause: range, sentence: Span, dates: _SentenceDates
                               ) -> EventDate | None:
        """The date of the earlier event an offset counts from ("days before [the president's meeting]"):
        the latest dated event of the category of the first event word of the clause after the offset."""
        for i in clause:
            word = sentence.doc[i]
            if word.pos_ not in {"NOUN", "VERB"}:
                continue
            for trigger in self.triggers.candidates_for(word.lower_):
                referenced = dates.by_type.get(trigger.type or "")
                if referenced is not None:
                    return referenced
        return None

    def _since_event(self, anchored: list, dct: dt.date | None, dates: _SentenceDates) -> EventDate | None:
        """"troops have withdrawn ... since the attack on the convoy": from the date of that earlier event of
        the article (the category of the noun after "since") up to the publication."""
        for timex in anchored:
            open_start = timex.span is not None and timex.span.start is None
            if not open_start or not timex.text.lower().startswith("since"):
                continue
            nouns = self.nlp.make_doc(timex.text)
            for word in nouns:
                for trigger in self.triggers.candidates_for(word.lower_):
                    referenced = dates.by_type.get(trigger.type or "")
                    if referenced is not None and referenced.start:
                        end = _iso(timex.span.end) or (dct.isoformat() if dct else None)
                        return EventDate(referenced.start, end, "range", timex.text, True)
        return None

    def _location(self, token: Token, places: list, actors: tuple[ActorRef, ...]) -> EventLocation | None:
        """Where the event happened, as far as its sentence says: a place the event's own clause hangs on
        ("attacked in X", "near X", "the coastal town of X", "shelled X"), else another place of the
        sentence. Never the actor named by a place ("Washington assassinated ..."), a place inside an
        organisation's name ("the Damascus government", "Bank of Canada"), an unresolved name, or a place
        that only describes a participant ("a woman visiting from Canada", "Rome's mayor", "a North
        Carolina native"): those say who, not where. None when the sentence has no other place: the
        caller then takes the article's place (`_dateline_place`), or leaves the event unplaced."""
        sentence = syntax.sentence_of(token)
        in_sentence = [
            p for p in places
            if sentence.start_char <= p.start < sentence.end_char and p.lat is not None
            and getattr(p, "feature", None) != "demonym"
            and not any(a.start <= p.start < a.end for a in actors)
        ]
        if not in_sentence:
            return None
        clause = token.subtree if token.pos_ in {"VERB", "AUX"} else syntax.clause_head(token).subtree
        clause_chars = [(t.idx, t.idx + len(t)) for t in clause]
        lo, hi = min(c[0] for c in clause_chars), max(c[1] for c in clause_chars)
        doc = token.doc

        def reading(place: object) -> tuple[bool, bool, int] | None:
            """(in another clause, not after a locative preposition, distance); None when the place says
            who rather than where."""
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is None:
                return None
            in_building = any(t.ent_type_ == "FAC" for t in span)
            if getattr(place, "in_name", False) and not in_building:
                return None
            if not in_building and _describes_participant(span.root, token):
                return None
            locative = any(
                (t.dep_ == "pobj" and t.head.lower_ in _LOCATIVE_PREPOSITIONS)
                or (t.head.dep_ == "pobj" and t.head.head.lower_ in _LOCATIVE_PREPOSITIONS)
                for t in span
            )
            return (not lo <= place.start < hi, not locative, abs(place.start - token.idx))

        readings = [(reading(place), place) for place in in_sentence]
        where = [(key, place) for key, place in readings if key is not None]
        if not where:
            return None
        return _as_location(min(where, key=lambda item: item[0])[1])


# --- helpers ------------------------------------------------------------------------------------------


_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][\w.'-]*(?:[ -][A-Z][\w.'-]*){0,3})(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?\s*"
    r"(?:\([^)]{1,40}\)\s*)?[—–-]{1,2}\s"
)


# A time expression reached from the event word through one of these dates another act described inside the
# sentence: "condemned the move [announced on Monday]" (acl), "the budget [approved in April]" (acl),
# "forces, [which used force on 15 November]" (relcl).
_DESCRIBED_ACT_DEPS = frozenset({"acl", "relcl"})
# Through one of these, a coordinated act ("attacked the castle and [killed four on Sunday]"): often the same
# day, a better guess than the publication's when the event's own clause has no date.
_COORDINATED_ACT_DEPS = frozenset({"conj", "parataxis"})


def _date_of_clause(token: Token, dated: list[Timex]) -> Timex | None:
    """The expression that dates the act of `token`: one in its own clause ("pleaded guilty Monday to
    threatening to kill her [in March]": March for the threat, Monday for the plea), the nearest in the
    tree first; else one of a coordinated act; else one of a clause above it ("..., he said [on Tuesday]"),
    the nearest in the text; never one that dates another act described inside the sentence (a relative
    clause, a participle after a noun). None when every expression of the sentence dates such an act."""
    own: list[tuple[int, Timex]] = []
    coordinated: list[Timex] = []
    above: list[Timex] = []
    ancestors = {ancestor.i for ancestor in token.ancestors}
    for timex in dated:
        head = _timex_head(token.doc, timex)
        if head is None:
            above.append(timex)  # not aligned to tokens: keep the old nearest-in-text choice
            continue
        steps = 0
        relation = "own"
        verbs_passed = 0
        node = head
        while node.i != token.i and node.i not in ancestors:
            if node.pos_ in {"VERB", "AUX"}:
                # "the commitment [signed three years ago]" describes the event noun itself: its own date
                describes_event_noun = node.head.i == token.i and token.pos_ in {"NOUN", "PROPN"}
                if node.dep_ in _DESCRIBED_ACT_DEPS and not describes_event_noun:
                    relation = "described"
                elif node.dep_ in _COORDINATED_ACT_DEPS and relation == "own":
                    # the date of a verb coordinated with the event word itself; deeper (a clause of that
                    # verb) or coordinated with another verb, it dates another act
                    coordinated_here = node.head.i == token.i and verbs_passed == 0
                    relation = "coordinated" if coordinated_here else "described"
                verbs_passed += 1
            if node.head.i == node.i:  # the root: not joined to the event word
                break
            node = node.head
            steps += 1
        if relation == "described":
            continue
        if relation == "coordinated":
            coordinated.append(timex)
        elif node.i == token.i:
            own.append((steps, timex))
        else:
            above.append(timex)
    if own:
        return min(own, key=lambda pair: (pair[0], abs(pair[1].start - token.idx)))[1]
    for others in (coordinated, above):
        if others:
            return min(others, key=lambda timex: abs(timex.start - token.idx))
    return None


# "from Monday to Wednesday", "between March 3 and March 5": two expressions joined into one range.
_RANGE_JOINER = re.compile(r"\s*(?:to|until|till|through|thru|and|[-–—])\s*", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?:from|between)\s+$", re.IGNORECASE)


def _range_around(chosen: Timex, dated: list[Timex], text: str) -> EventDate | None:
    """The whole range when the chosen expression is one end of "from X to Y" / "between X and Y"."""
    ordered = sorted(dated, key=lambda timex: timex.start)
    index = next((i for i, timex in enumerate(ordered) if timex is chosen), None)
    if index is None:
        return None
    for first, last in ((ordered[index - 1], chosen) if index > 0 else (None, None),
                        (chosen, ordered[index + 1]) if index + 1 < len(ordered) else (None, None)):
        if first is None or last is None or first.span is None or last.span is None:
            continue
        joiner = _RANGE_JOINER.fullmatch(text, first.end, last.start)
        opened = _RANGE_OPENER.search(text, max(0, first.start - 12), first.start)
        if joiner is None or (joiner.group().strip().lower() == "and" and opened is None):
            continue
        if first.span.start is None or last.span.end is None or last.span.end < first.span.start:
            continue
        return EventDate(_iso(first.span.start), _iso(last.span.end), "range", text[first.start:last.end],
                         True)
    return None


# How long before the publication a date must lie for the sentences after it to be read as a story of that
# time rather than the news of the day.
_NARRATIVE_MIN_AGE = dt.timedelta(days=31)


def _narrative_date(token: Token, sentence: Span, timexes: list[Timex], dct: dt.date) -> EventDate | None:
    """A past act in a sentence without a date, right after a sentence that dated an earlier time ("...
    after a series of attacks left 130 people dead on November 13, 2015. The terrorists struck at the Stade
    de France ..."): the story goes on at that time, not on the publication day."""
    if not _told_in_past(token) or sentence.start == 0:
        return None
    before = syntax.sentence_of(token.doc[sentence.start - 1])
    dated = [t for t in timexes if before.start_char <= t.start < before.end_char and t.type == "DATE"
             and t.span is not None and t.span.start is not None and t.span.end is not None
             and not t.anchored_to_event]
    if not dated:
        return None
    last = dated[-1]
    assert last.span is not None and last.span.start is not None  # checked above: typed for mypy
    if last.span.end is None or dct - last.span.end < _NARRATIVE_MIN_AGE:
        return None
    return EventDate(_iso(last.span.start), _iso(last.span.end), last.precision, last.text, True)


def _told_in_past(token: Token) -> bool:
    """A verb in the simple past or the past passive ("struck", "was detained"), not the present perfect
    ("has been detained": still true at the publication)."""
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    auxiliaries = {child.lower_ for child in token.children if child.dep_ in {"aux", "auxpass"}}
    if auxiliaries & {"has", "have", "will", "would", "'s", "'ve", "may", "might", "can", "could"}:
        return False
    return token.tag_ == "VBD" or (token.tag_ == "VBN" and bool(auxiliaries & {"was", "were", "had"}))


def _offset_from(referenced: EventDate, offset: Timex) -> EventDate:
    """An event `offset` ("two days after", "days before") from an event dated `referenced`: moved by the
    amount when it is exact, else the referenced date itself (the nearest the text allows)."""
    from eventwire.temporal import shift
    from eventwire.temporal.types import Duration, TimeSpan

    try:
        amount = Duration.parse(offset.value)
    except ValueError:
        amount = None
    if amount is None or amount.vague or offset.direction not in {"before", "after"} or not referenced.start:
        return replace(referenced, text=offset.text)
    span = TimeSpan(dt.date.fromisoformat(referenced.start),
                    dt.date.fromisoformat(referenced.end or referenced.start))
    moved = shift(span, amount, offset.direction)
    return EventDate(_iso(moved.start), _iso(moved.end), referenced.precision, offset.text, True)


def _timex_head(doc: Doc, timex: Timex) -> Token | None:
    """The word of the expression that attaches it to the sentence (its syntactic head)."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _dateline_place(match: re.Match[str] | None, places: list) -> object | None:
    """The article's own place, for events whose sentence names none: the dateline ("KHARTOUM (Meridian
    Wire) — ...") when the story is about its country, else the place the article keeps coming back to in
    the one country that dominates it (`article_place`); None for a story about several countries."""
    dateline = None
    if match:
        start, end = match.span("place")
        dateline = next((p for p in places if start <= p.start < end and p.lat is not None), None)
    if places and all(isinstance(p, PlaceMention) for p in places):
        return article_place(places, dateline)
    return dateline


def _describes_participant(place: Token, trigger: Token) -> bool:
    """Does the place only describe someone or something taking part, not where the act happened? It
    does when it modifies a noun that is not a building ("Rome's mayor", "the Damascus government", "a
    North Carolina native") or hangs below a subject or an object of the event other than by a locative
    preposition ("a woman visiting from Canada were killed"); a place the event's words reach through
    prepositions and place nouns alone ("attacks in central Jordan", "detained in the town of Izmir"),
    or after "in/near/at" ("attacked rebels in Yemen"), is where."""
    ancestors_of_trigger = {trigger.i, *(t.i for t in trigger.ancestors)}
    if place.i in ancestors_of_trigger:
        return False
    if place.dep_ == "pobj" and place.head.lower_ in _LOCATIVE_PREPOSITIONS:
        # "attacked rebels in Yemen", "arrested two men in Paris": the parser hangs the phrase on the
        # object, but whoever is in a place when something is done to them is where it is done
        return False
    if place.dep_ in _MODIFIER_DEPS and place.head.i != trigger.i:
        return True
    node = place.head
    while node.i not in ancestors_of_trigger and node.head.i != node.i:
        if (node.dep_ in _PARTICIPANT_DEPS and node.pos_ in {"NOUN", "PROPN", "PRON"}
                and node.lemma_.lower() not in _PLACE_NOUNS):
            return True
        node = node.head
    return False


def _as_location(place: object | None) -> EventLocation | None:
    if place is None:
        return None
    return EventLocation(text=place.text, name=place.name, geonameid=place.geonameid, lat=place.lat,
                         lon=place.lon, country=place.country, level=getattr(place, "level", None))


def _embedded_action(frame: Token, by_index: dict[int, _Candidate]) -> _Candidate | None:
    """The nearest trigger below a frame through complement/preposition links, two levels at most."""
    frontier = [frame]
    for _ in range(3):
        next_frontier = []
        for node in frontier:
            for child in node.children:
                if child.dep_ not in _EMBEDDING_DEPS and child.dep_ != "nsubjpass":
                    continue
                found = by_index.get(child.i)
                if found is not None and not found.consumed and not found.trigger.frame:
                    return found
                next_frontier.append(child)
        frontier = next_frontier
    return None


def _agents_of_complement(noun: Token) -> list[Token]:
    """"the arrest of the opposition leader by Kenyan police": the parser hangs the by-phrase on the
    noun's of-complement; its object is who did the act the noun names."""
    return [agent for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for complement in prep.children if complement.dep_ == "pobj"
            for by in complement.children if by.dep_ == "prep" and by.lower_ == "by"
            for agent in by.children if agent.dep_ == "pobj"]


def _according_to(token: Token) -> list[Token]:
    """"according to the Egyptian foreign ministry": who the sentence attributes what it says to."""
    sentence = syntax.sentence_of(token)
    return [g for t in sentence if t.lower_ == "according" and t.i + 1 < sentence.end
            for to in (t.doc[t.i + 1],) if to.lower_ == "to"
            for g in to.children if g.dep_ == "pobj"]


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


def _same_actor(recipient: ActorRef, source: ActorRef, agent_named: Callable[[], bool]) -> bool:
    """Is a would-be recipient the source itself? A sector agent of a country ("Sudanese rebels",
    "Kenyan students") shares the country's knowledge-base id, yet it is a part of the country acting on
    another part or on the whole: rebels blocking roads into the capital, students demanding reforms from
    their government, a bomb killing civilians. Agents are the same actor only in the same sector, and a
    recipient counts as another part only when a noun of its own names someone ("the homes of the
    governors", "Khartoum"), not when a modifier lent a thing a sector and the article its country
    ("a military aid program")."""
    if recipient.key != source.key:
        return False
    if "agent" in {recipient.kind, source.kind} and agent_named():
        return recipient.kind == source.kind and recipient.sector == source.sector
    return True


def _is_agent(doc: Doc, actor: ActorRef, mentions: ArticleMentions) -> bool:
    """Does the phrase name someone by a noun of its own ("the homes of the governors" does)?"""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and any(mentions.is_agent(t) for t in span if t.pos_ in {"NOUN", "PROPN"})


def _intent(factuality: str, quad_class: int | None, conditional: bool) -> str | None:
    if factuality == "denied":
        return "refused"
    if factuality not in {"planned", "hypothetical"} or quad_class is None:
        return None
    if conditional or quad_class >= 3:
        return "threatened"
    return "promised" if factuality == "planned" else None


def _is_instrument(noun: Token, verb: Token) -> bool:
    """"killed X in an air strike": a prepositional noun of the verb's own clause, however deep."""
    return (noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in _INSTRUMENT_PREPOSITIONS
            and syntax.clause_head(noun).i == verb.i)


def _is_trigger_noun(token: Token, triggers: TriggerTable) -> bool:
    return token.pos_ == "NOUN" and triggers.match(token) is not None and token.ent_type_ == ""


def _factuality(token: Token, reported: bool = False) -> str:
    """occurred / planned / hypothetical / denied / negated, from the trigger and the verbs that govern it.
    In reported speech "would" is the future of the past ("they said they would boycott"): planned.

    A negated act that is stated, not intended ("police did not arrest anyone", "has given no order to
    pull out the troops", "failed ... a bid to investigate") did not happen: `negated`, and PLOVER leaves
    negated events out of the data (manual, auxiliary modes), so the coder makes no record of it. A negated
    intention ("will not negotiate", "cannot accept") stays `denied`: an actor announcing it is refusing,
    which PLOVER codes as REJECT (`_intent`)."""
    carriers = [token]
    carrier = syntax.light_verb_of(token) if token.pos_ == "NOUN" else None
    if carrier is not None:
        carriers.append(carrier)
    carriers.extend(
        g for g in syntax.governors(token, limit=2) if g.dep_ in {"xcomp", "conj"} or g is token.head
    )
    negation = syntax.negated(token)
    if negation is not None:
        modal = syntax.auxiliaries(negation) & (syntax.FUTURE_AUX | syntax.HYPOTHETICAL_AUX | {"ca", "can"})
        return "denied" if modal else "negated"
    if syntax.in_condition(token):
        return "hypothetical"
    for holder in carriers:
        aux = syntax.auxiliaries(holder)
        is_to_be = "to" in aux and holder.dep_ == "xcomp" and holder.head.lemma_ == "be"  # "is to be held"
        if aux & syntax.FUTURE_AUX or is_to_be:
            return "planned"
        if reported and "would" in aux:
            return "planned"
        if aux & syntax.HYPOTHETICAL_AUX:
            return "hypothetical"
    if token.pos_ == "NOUN" and any(
        c.dep_ == "amod" and c.lower_ in syntax.PLANNED_MODIFIERS for c in token.children
    ):
        return "planned"
    return "occurred"


_FACTUALITY_RANK = {"occurred": 0, "planned": 1, "promised": 1, "threatened": 1, "demanded": 1,
                    "refused": 2, "hypothetical": 3, "denied": 4, "negated": 5}


def _stronger(frame_factuality: str, local: str) -> str:
    """A negated or hypothetical frame overrides what the frame itself says."""
    stronger_locally = _FACTUALITY_RANK.get(local, 0) > _FACTUALITY_RANK.get(frame_factuality, 0)
    return local if stronger_locally else frame_factuality


def _clause_after(offset: object, sentence) -> range | None:
    """Token range of the clause an offset such as "two days after" introduces."""
    for token in sentence:
        if (token.idx >= offset.end and token.dep_ in {"advcl", "pcomp", "pobj"} and token.head.lower_ in {
            "after", "before", "since"}) or (token.idx >= offset.end and token.dep_ == "advcl"):
            subtree = list(token.subtree)
            return range(subtree[0].i, subtree[-1].i + 1)
    for token in sentence:
        if token.idx >= offset.end and token.pos_ in {"VERB", "AUX"}:
            subtree = list(token.subtree)
            return range(subtree[0].i, subtree[-1].i + 1)
    return None


def _confidence(source: list[ActorRef], target: list[ActorRef], token: Token, candidate: _Candidate
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
            kept[key] = replace(event, evidence=previous.evidence)
    return list(kept.values())


# Speech-act categories and the factuality their frames give the record: the same act worded without a
# frame (a bare "urged", "petitioned", "rejected") gets the same one.
_SPEECH_ACT_FACTUALITY = {"REQUEST": "demanded", "THREATEN": "threatened", "REJECT": "refused"}

# A folded twin noun joins its verb's trigger when the phrase stays short ("signed peace treaties", "held
# a joint exercise"): the act is expressed by both words, and the evidence shows it.
_MAX_TRIGGER_TOKENS = 5


def _trigger_span(token: Token, act_noun: Token | None) -> tuple[int, int]:
    """Character span of the record's trigger: the word, or the verb through its folded twin noun."""
    if act_noun is not None and token.i < act_noun.i and act_noun.i - token.i < _MAX_TRIGGER_TOKENS:
        return token.idx, act_noun.idx + len(act_noun)
    return token.idx, token.idx + len(token)


# Prepositions that set an act in the time or circumstances of another act, not that name the same act.
_CIRCUMSTANCE_PREPOSITIONS = frozenset({"during", "after", "before", "amid", "since", "following", "until",
                                        "despite", "ahead", "throughout"})


def _fold_twins(candidates: list[_Candidate]) -> None:
    """"signed peace treaties", "attacked ... an assault on": a noun trigger that is the object of a verb
    trigger of the same category names the act that verb reports, so it gives no record of its own (two
    records of one act, with actors read twice and perhaps differently)."""
    verbs = {c.token.i: c for c in candidates if c.token.pos_ in {"VERB", "AUX"} and not c.consumed
             and not c.trigger.frame and c.trigger.type}
    for candidate in candidates:
        token = candidate.token
        if candidate.consumed or token.pos_ != "NOUN" or candidate.trigger.frame:
            continue
        holder = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else token.head
        if token.dep_ not in syntax.OBJECT_DEPS | {"pobj"}:
            continue
        if token.dep_ == "pobj" and token.head.lower_ in _CIRCUMSTANCE_PREPOSITIONS:
            continue  # "took 240 people hostage during their attack": the attack is an act of its own
        verb = verbs.get(holder.i)
        if verb is None and token.dep_ == "pobj" and token.head.lower_ == "at":
            # "discussed the case with Trump at a White House meeting": the meeting is where the act
            # told by the clause's verb took place, however deep the parser hung the phrase
            verb = verbs.get(syntax.clause_head(token).i)
            if verb is not None and verb.trigger.type == candidate.trigger.type:
                candidate.consumed = True
            continue
        if verb is not None and verb.trigger.type == candidate.trigger.type:
            candidate.consumed = True
            verb.act_noun = token
    # "the bombing, which killed 30 people": the relative clause tells what the act named by the noun did
    nouns = {c.token.i: c for c in candidates if c.token.pos_ == "NOUN" and not c.consumed}
    for verb in verbs.values():
        noun = nouns.get(verb.token.head.i) if verb.token.dep_ == "relcl" else None
        if noun is not None and noun.trigger.type == verb.trigger.type:
            verb.consumed = True


def _inside_another_act(candidate: _Candidate, by_index: dict[int, _Candidate]) -> bool:
    """Is the trigger a part of another act of its sentence, so gives no record of its own? The act a
    request or a refusal names as its to-infinitive ("urged her campaign to request recounts": the request is
    what was urged), and an act named as the object of another act of another category ("dropped its
    investigation", "condemned the bombing"): the object is what that act is about, told elsewhere."""
    token = candidate.token
    head = by_index.get(token.head.i)
    if head is None or head is candidate or head.token.pos_ not in {"VERB", "AUX"}:
        return False
    if token.dep_ == "xcomp" and head.trigger.type in _CONTENT_TAKING_TYPES:
        return True
    return (token.pos_ == "NOUN" and token.dep_ in syntax.OBJECT_DEPS and not head.trigger.frame
            and head.trigger.type is not None and head.trigger.type != candidate.trigger.type)


# Speech acts whose complement clause is what they ask for or refuse, not an act of its own.
_CONTENT_TAKING_TYPES = {"REQUEST", "REJECT"}


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


def _coder_version(learned: LearnedStage | None = None, min_confidence: float | None = None) -> str:
    """eventwire's version plus a digest of what decides the events: the coder's code and data (the
    learned stage's weights among them), the actor knowledge base (with the files installed packages add),
    the time and place stages, and the confidence threshold. Stored articles are re-coded when it changes."""
    import hashlib
    from pathlib import Path

    from eventwire import __version__
    from eventwire.actors import plugin_actor_files

    package = Path(__file__).resolve().parents[1]
    parts = [package / "events", package / "data" / "events", package / "data" / "actors",
             package / "actors", package / "temporal", package / "data" / "temporal", package / "places",
             package / "data" / "places", package / "addresses.py", package / "countries.py",
             package / "data" / "countries"]
    digest = hashlib.sha256()
    for part in parts:
        for path in sorted(part.rglob("*")) if part.is_dir() else [part]:
            if path.is_file() and path.suffix in {".py", ".yaml", ".yml", ".json", ".csv", ".tsv", ".npz",
                                                  ".txt"}:
                digest.update(str(path.relative_to(package)).encode())
                digest.update(path.read_bytes())
    for path in plugin_actor_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(f"learned={learned.version if learned else 'off'}".encode())
    if min_confidence is not None:
        digest.update(f"min_confidence={min_confidence}".encode())
    return f"{__version__}+{digest.hexdigest()[:10]}"


def _date_of(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None

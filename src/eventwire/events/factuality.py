"""Step 3 of the coder, `eventwire_factuality`: which candidates report an act, and how.

A noun that names the act its verb reports is folded into that verb ("signed peace treaties"); a word
that states a rule, belongs to another domain, is only mentioned (described, wished, habitual), is part of
another act or warns of a danger reports no act, and neither does a word whose arguments show another
sense of it than the type read (a "call" that asks for nothing, a "beat" that won a match). For the
others: the factuality (occurred, planned, hypothetical, denied; negated acts get no record), the category,
mode and CAMEO code a frame composes with the act it embeds ("threatened to impose sanctions"), an
instrument's mode ("killed ... in an air strike") and, when the model is sure of another sense of the word,
the model's category.

Reads `doc._.event_candidates`, `doc._.event_model`, `doc._.event_article`; writes `doc._.event_readings`
(tuple of `Reading`, in text order).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import groupby
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.events import syntax
from eventwire.events.candidates import content_kind
from eventwire.events.doc_state import ArticleInfo, Candidate, Reading, register_extensions
from eventwire.events.learned.stage import LearnedStage, learned_trigger
from eventwire.events.ontology import Ontology
from eventwire.events.records import Action
from eventwire.events.triggers import TriggerTable, names_addressee

if TYPE_CHECKING:
    from eventwire.events.coder_pipeline import CoderResources

# Prepositions that set an act in the time or circumstances of another act, not that name the same act.
_CIRCUMSTANCE_PREPOSITIONS = frozenset({"during", "after", "before", "amid", "since", "following", "until",
                                        "despite", "ahead", "throughout"})
# Speech acts whose complement clause is what they ask for or refuse, not an act of its own.
_CONTENT_TAKING_TYPES = {"REQUEST", "REJECT"}
_FACTUALITY_RANK = {"occurred": 0, "planned": 1, "promised": 1, "threatened": 1, "demanded": 1,
                    "refused": 2, "hypothetical": 3, "denied": 4, "negated": 5}


class FactualityReader:
    def __init__(self) -> None:
        register_extensions()
        self.triggers: TriggerTable | None = None
        self.ontology: Ontology | None = None

    def bind(self, resources: CoderResources) -> None:
        self.triggers = resources.triggers
        self.ontology = resources.triggers.ontology

    def __call__(self, doc: Doc) -> Doc:
        info: ArticleInfo = doc._.event_article or ArticleInfo()
        dct = info.dct
        model: LearnedStage | None = doc._.event_model
        readings: list[Reading] = []
        for _, group in groupby(doc._.event_candidates or (), key=lambda c: c.sentence_start):
            candidates = fold_twins(list(group))
            by_index = {c.token.i: c for c in candidates}  # one candidate per token
            for candidate in candidates:
                if not self.reports_an_act(candidate, by_index, dct.year if dct else None):
                    continue
                reading = self.reading(candidate, model)
                if reading is not None:
                    readings.append(reading)
        doc._.event_readings = tuple(readings)
        return doc

    def reports_an_act(self, candidate: Candidate, by_index: dict[int, Candidate], year: int | None) -> bool:
        assert self.triggers is not None, "bind() the step to the coder's resources first"
        token = candidate.token
        if candidate.consumed or syntax.states_a_rule(token) or self.triggers.in_other_domain(token):
            return False  # no act: what a rule provides, a player's or a market's "attack" or "deal"
        if syntax.mentioned_only(token, year) is not None:
            return False  # an act described, wished, habitual or earlier: not reported as news here
        if _inside_another_act(candidate, by_index):
            return False  # what a demand asks for, what another act is done to: part of that act
        if not_asserted(candidate, by_index) is not None:
            return False  # an act supposed, able to happen, or named as the topic of a guess
        # "warned of more flooding": a warning about a danger, no threatened act
        return not self._warns_of_a_danger(candidate)

    def reading(self, candidate: Candidate, learned: LearnedStage | None) -> Reading | None:
        """The act as the candidate's words compose it, or None when they compose none."""
        assert self.ontology is not None
        token, trigger = candidate.token, candidate.trigger
        reporting_verb = syntax.reporting_verb_above(token)
        factuality = factuality_of(token, reporting_verb is not None)
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
                    factuality = "denied" if trigger.frame == "deny" else stronger("planned", factuality)
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
                    factuality = stronger(frame_factuality or "occurred", factuality)
            elif trigger.frame in {"plan", "deny"} or cameo is None:
                return None
            elif self.triggers is not None and self.triggers.frame_needs_act(token) \
                    and not names_addressee(token):
                # "agreed.", "insisted that ...", "failed to ...": a frame word in a shape that is seldom an
                # event on the authored sentences, with neither an act it embeds nor whom it is said to
                # (scripts/trigger_audit.py --frames; docs/events.md "Frames audit")
                return None
        if candidate.instrument is not None and token.pos_ in {"VERB", "AUX"}:
            instrument_trigger = candidate.instrument[1]  # the means says how: "killed ... in an air strike"
            mode = instrument_trigger.mode or mode
            cameo = instrument_trigger.cameo or cameo
        if type_ is None:
            return None  # CAMEO-only statements are not PLOVER events
        decision = candidate.decision
        if decision is not None and learned is not None and action is None and not trigger.frame \
                and learned.vetoes(decision):
            # a one-word act the model reads as no event (threshold chosen on the calibration part); a
            # frame's composed speech act is the rules' reading, which the word-level head does not see
            return None
        if learned is not None and action is None and not trigger.frame and factuality == "occurred" \
                and self._head_decides(candidate):
            # an entry sense that is often no event on the authored sentences (scripts/trigger_audit.py):
            # the head's "no event" on the word decides, at the table's `head_decides_at`. Only for an act
            # the rules read as done: the head also says "no event" of a denied, planned or hypothetical
            # act ("will not attack"), which the rules keep with its factuality
            return None
        if decision is not None and learned is not None:
            retyped = action is None and decision.type not in {type_, "NONE"} and (
                decision.probability(decision.type) >= learned.retype_probability)
            if retyped and (new := learned_trigger(decision, self.ontology)) is not None:
                # the word in another sense of the act than the trigger table's entry ("fired" a minister)
                type_, mode, cameo, context = new.type, new.mode, new.cameo, new.context
        if other_sense(token, type_) is not None:
            return None  # the word in a sense its arguments show is no act of this type ("were called to")
        return Reading(candidate, type_, mode, cameo, context, action, role_token, factuality,  # type: ignore[arg-type]
                       reporting_verb)

    def _head_decides(self, candidate: Candidate) -> bool:
        """Does the learned head's "no event" drop this rule candidate: a sense its entry hands to the head
        (`Trigger.head_decides`), with P(NONE) at or above the table's threshold?"""
        assert self.triggers is not None
        decision = candidate.decision
        return (decision is not None and candidate.trigger.hands_to_head(candidate.token)
                and decision.no_event >= self.triggers.head_veto)

    def _warns_of_a_danger(self, candidate: Candidate) -> bool:
        """"warned of hundreds of jihadists", "warning of dangerous consequences": a threat names an act
        its author would do; a warning of something that is no act ("retaliation" is one) names a
        danger."""
        assert self.triggers is not None
        token = candidate.token
        if candidate.trigger.type != "THREATEN" or token.lemma_.lower() != "warn" or candidate.action:
            return False
        if any(c.dep_ == "ccomp" for c in token.children) and WARNING_OF_A_STATE:
            # "The doctors warned that migrants are not the only people at risk": a that-clause holding no
            # act (no trigger below, nothing the warner will or would do) warns of a state of things
            return _states_a_danger(token, self.triggers)
        if any(c.dep_ in {"xcomp", "ccomp", *syntax.OBJECT_DEPS} for c in token.children):
            return False
        dangers = syntax.prepositional_objects(token, "of")
        # "warned of retaliation against Sudan": an act aimed at someone is threatened
        aimed = any(c.dep_ == "prep" and c.lower_ in {"against", "on"} for g in dangers for c in g.children)
        return bool(dangers) and not aimed and not any(self.triggers.match(g) for g in dangers)


# Whether a warning whose that-clause holds no act is read as a warning of a danger (ablation switch).
WARNING_OF_A_STATE = True


def _states_a_danger(warn: Token, triggers: TriggerTable) -> bool:
    """Does the that-clause of "warned" state how things are, with no act in it: no word of the trigger
    table, and no future or modal verb (a warned act, "warned that it would retaliate", is threatened)?"""
    clauses = [c for c in warn.children if c.dep_ == "ccomp"]
    for clause in clauses:
        for word in clause.subtree:
            if triggers.match(word):
                return False
            if word.pos_ in {"VERB", "AUX"} and syntax.auxiliaries(word) & (syntax.FUTURE_AUX
                                                                             | syntax.HYPOTHETICAL_AUX):
                return False
    return bool(clauses)


@Language.factory("eventwire_factuality")
def make_factuality_reader(nlp: Language, name: str) -> FactualityReader:
    return FactualityReader()


def fold_twins(candidates: Sequence[Candidate]) -> list[Candidate]:
    """"signed peace treaties", "attacked ... an assault on": a noun trigger that is the object of a verb
    trigger of the same category names the act that verb reports, so it gives no record of its own (two
    records of one act, with actors read twice and perhaps differently). One sentence's candidates in,
    the same with the folded ones consumed (and the verb knowing its twin noun) out."""
    consumed = [c.consumed for c in candidates]
    act_noun: list[Token | None] = [c.act_noun for c in candidates]
    verbs = {c.token.i: k for k, c in enumerate(candidates) if c.token.pos_ in {"VERB", "AUX"}
             and not c.consumed and not c.trigger.frame and c.trigger.type}
    for k, candidate in enumerate(candidates):
        token = candidate.token
        if consumed[k] or token.pos_ != "NOUN" or candidate.trigger.frame:
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
            if verb is not None and candidates[verb].trigger.type == candidate.trigger.type:
                consumed[k] = True
            continue
        if verb is not None and candidates[verb].trigger.type == candidate.trigger.type:
            consumed[k] = True
            act_noun[verb] = token
    # "the bombing, which killed 30 people": the relative clause tells what the act named by the noun did
    nouns = {c.token.i: k for k, c in enumerate(candidates) if c.token.pos_ == "NOUN" and not consumed[k]}
    for verb in verbs.values():
        verb_token = candidates[verb].token
        noun = nouns.get(verb_token.head.i) if verb_token.dep_ == "relcl" else None
        if noun is not None and candidates[noun].trigger.type == candidates[verb].trigger.type:
            consumed[verb] = True
    return [c if (consumed[k], act_noun[k]) == (c.consumed, c.act_noun)
            else replace(c, consumed=consumed[k], act_noun=act_noun[k]) for k, c in enumerate(candidates)]


def _inside_another_act(candidate: Candidate, by_index: dict[int, Candidate]) -> bool:
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


# Links by which a clause hangs on a noun: the noun's own clause, not a part of the clause above.
_OWN_CLAUSE_OF_A_NOUN = frozenset({"acl", "relcl", "appos"})
# How a to-infinitive hangs on the adjective that governs it ("able to reach", "enough to ask").
_MODAL_ADJECTIVE_DEPS = {"xcomp", "advcl", "ccomp"}
# "due to meet on Tuesday" schedules the act: planned, an event (GUIDELINE.md), not an ability.
_SCHEDULING_ADJECTIVES = frozenset({"due", "set", "scheduled", "expected", "slated", "poised"})
# Auxiliaries that make a clause a guess about what may follow ("the offer would leave ...").
_GUESSING_AUX = frozenset({"would", "could", "might", "may"})


def _supposed_in_condition(candidate: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"if the provinces accept the offer", "whether Trump will agree to remove tariffs", "If you interpret
    ... and is seized there": a verb inside a condition or an indirect question states what may happen,
    not an act. (A noun there may name an act done before: "if Trump agrees to Beijing's demands" - the
    demands were made - so only the clause's verb is judged.)"""
    token = candidate.token
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    # the clause of the act and the clauses it is a complement or conjunct of
    for holder in (token, *syntax.governors(token, limit=3)):
        if syntax.opens_a_condition(holder):
            return True
        if holder.dep_ in _OWN_CLAUSE_OF_A_NOUN:
            return False  # "..., a threat dismissed by X": a noun's own clause is told as such
    return False


def _able_to(candidate: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"we'll be able to reach an agreement", "enough to ask in return": a to-infinitive under an adjective
    says what someone can do. An adjective that schedules the act ("due to meet") plans it, and one that is
    a trigger of its own ("prepared to budge") frames it: both are read elsewhere."""
    token = candidate.token
    head = token.head
    return (token.pos_ in {"VERB", "AUX"} and token.dep_ in _MODAL_ADJECTIVE_DEPS and head.i != token.i
            and "to" in syntax.auxiliaries(token) and head.pos_ == "ADJ" and head.i not in by_index
            and head.lower_ not in _SCHEDULING_ADJECTIVES)


def _subject_of_a_guess(candidate: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"Ottawa's latest offer would likely leave budgets worse off", "The offer could mean less money": an
    act named as the subject of a guess about its effects is the topic of an opinion; the act itself is
    reported where it was made. The guessing verb must be no trigger ("the talks could collapse")."""
    token = candidate.token
    verb = token.head
    return (token.pos_ == "NOUN" and token.dep_ == "nsubj" and verb.pos_ in {"VERB", "AUX"}
            and verb.i not in by_index and bool(syntax.auxiliaries(verb) & _GUESSING_AUX))


# What a press event is called: a statement made to reporters, a meeting only when it names whom it joined.
_PRESS_WORDS = frozenset({"news", "press", "media"})
# Prepositions that name the parties a meeting joined ("a news conference between Trump and Liu He").
_PARTY_PREPOSITIONS = frozenset({"between", "with", "among"})


def _statement_to_the_press(candidate: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"during his last news conference of the year", "will hold a press conference at noon": a press
    conference is a statement to reporters, not a meeting between actors (CONSULT), unless it names whom
    it joined ("a news conference between Trump and Chinese vice-premier Liu He")."""
    token = candidate.token
    if token.pos_ != "NOUN" or candidate.trigger.type != "CONSULT":
        return False
    if not any(c.dep_ in {"compound", "amod"} and c.lower_ in _PRESS_WORDS for c in token.children):
        return False
    return not any(c.dep_ == "prep" and c.lower_ in _PARTY_PREPOSITIONS for c in token.children)


# What a request for a word is for: no act is requested ("a request for comment").
_WORDS_ASKED_FOR = frozenset({"comment", "comments", "response", "reaction", "interview", "clarification"})


def _asks_for_a_word(candidate: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"didn't respond to The Hill's request for comment": a reporter's request for a word is the
    newspaper's routine, no request between political actors."""
    token = candidate.token
    return (token.pos_ == "NOUN" and candidate.trigger.type == "REQUEST"
            and any(c.dep_ == "prep" and c.lower_ == "for"
                    and any(g.dep_ == "pobj" and g.lower_ in _WORDS_ASKED_FOR for g in c.children)
                    for c in token.children))


# Natural forces: what they "struck", "hit" or "killed" was no attack by anyone.
_NATURAL_FORCES = frozenset({"earthquake", "quake", "tremor", "aftershock", "storm", "hurricane", "typhoon",
                             "cyclone", "tornado", "flood", "flooding", "tsunami", "landslide", "mudslide",
                             "avalanche", "blizzard", "lightning", "wildfire", "heatwave", "drought"})


def _done_by_nature(candidate: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"Two strong earthquakes have struck north-western Iran": an attack word whose subject is a natural
    force (an earthquake, a storm) tells of a disaster, not of an assault."""
    token = candidate.token
    if candidate.trigger.type != "ASSAULT" or token.pos_ not in {"VERB", "AUX"}:
        return False
    doers = [c for c in token.children if c.dep_ in syntax.SUBJECT_DEPS]
    doers += [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return any(doer.lemma_.lower() in _NATURAL_FORCES or doer.lower_ in _NATURAL_FORCES for doer in doers)


def _made_to_act(candidate: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"causes the large group to attack", "were forced to resign": the candidates step's "caused act" rule
    (`candidates.content_kind`, the one place it is written) applied to the words that step never saw, the
    acts the learned stage adds; the rule's own candidates it has already consumed."""
    return content_kind(candidate.token, by_index) == "caused act"


# Verbs of seeing: "to see China agree", "pleased to see authorities investigate": what someone would like to
# see, or is glad to, is wished or welcomed; the sentence does not report it (a seen act is "saw ... attack").
_SEEING_VERBS = frozenset({"see", "watch"})


def _wished_sight(candidate: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"would like to see China agree to purchases", "is pleased to see authorities investigate": an act that
    is the clause under a to-infinitive of seeing is what someone wishes or welcomes, not an act reported
    as done."""
    token = candidate.token
    seer = token.head
    return (token.pos_ in {"VERB", "AUX"} and token.dep_ in {"ccomp", "xcomp"} and seer.i != token.i
            and seer.lemma_.lower() in _SEEING_VERBS and "to" in syntax.auxiliaries(seer))


# Verbs that say an act is needed: "need to undertake", "will have to pursue".
_OBLIGATION_VERBS = frozenset({"need", "have"})


def _needed_only(candidate: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"they need to undertake a security assessment", "Ottawa will have to pursue ..., negotiating deals":
    an act someone needs or has to do is an obligation, not an act reported as done. The act is the
    to-infinitive of need/have, or a participle or conjunct of that infinitive."""
    token = candidate.token
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    verb = token
    if verb.dep_ in {"advcl", "conj"} and verb.tag_ == "VBG" and verb.head.i != verb.i:
        verb = verb.head
    holder = verb.head
    return (verb.dep_ == "xcomp" and holder.i != verb.i and holder.lemma_.lower() in _OBLIGATION_VERBS
            and holder.pos_ in {"VERB", "AUX"} and "to" in syntax.auxiliaries(verb)
            and holder.i not in by_index)


# Nouns of what is agreed, planned or built: a subject that provides, not acts ("the agreement allows").
_TERMS_NOUNS = frozenset({"agreement", "deal", "accord", "pact", "plan", "proposal", "offer", "measure",
                          "policy", "program", "programme", "scheme", "system", "arrangement", "framework",
                          "settlement", "truce", "ceasefire", "bill", "law", "rule", "treaty", "budget"})


# Verbs by which a thing lets someone act: with an agreement or a law as subject, a term it provides.
_PERMITTING_VERBS = frozenset({"allow", "permit", "let", "enable", "entitle", "authorize", "authorise"})


def _terms_of_a_thing(candidate: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"the agreement allows the family to continue farming", "a limited agreement that would allow leaders
    to claim": what an agreement, plan or law lets someone do is a term it provides, not an act of an actor.
    The act's verb has as its subject such a noun (or a relative pronoun standing for one)."""
    token = candidate.token
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    subjects = [c for c in token.children if c.dep_ in syntax.SUBJECT_DEPS]
    if token.dep_ == "relcl" and any(s.tag_ in {"WDT", "WP"} for s in subjects):
        subjects.append(token.head)
    return token.lemma_.lower() in _PERMITTING_VERBS and any(
        s.lemma_.lower() in _TERMS_NOUNS for s in subjects)


# The words that name an act as the alternative not taken: "instead of allowing", "rather than meeting".
_ALTERNATIVE_MARKERS = frozenset({("instead", "of"), ("rather", "than")})


def _named_as_content(candidate: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"his fear of being extradited", "the risk of being attacked", "instead of allowing the opposition to
    figure it out": a gerund hanging on "of" names the content of the noun above it (a fear, a risk, an
    idea, a policy) or the alternative not taken ("instead of", "rather than"), not an act reported as done.
    A noun that is itself a candidate act ("charges of killing") is left to the other tests."""
    token = candidate.token
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    if token.tag_ == "VBG" and token.i >= 2 and (
            (token.nbor(-2).lower_, token.nbor(-1).lower_) in _ALTERNATIVE_MARKERS):
        return True  # however the parser hangs "instead of" (an adverbial clause or a preposition's object)
    if token.dep_ != "pcomp":
        return False
    preposition = token.head
    if preposition.lower_ != "of" or preposition.i == token.i:
        return False
    if any(c.lower_ == "instead" for c in preposition.children) or preposition.head.lower_ == "instead":
        return True
    holder = preposition.head
    # "accused the general of killing": an object's "of" phrase is often the verb's, misattached by the
    # parser; what an accusation charges is left to the candidates step's "charged act" rule
    return (preposition.dep_ == "prep" and holder.pos_ == "NOUN" and holder.i not in by_index
            and holder.dep_ not in syntax.OBJECT_DEPS)


# The tests of `not_asserted`, by the reason each gives (each one's measure: docs/events.md, "Session 21:
# records that are not events").
UNASSERTED_CHECKS = (("condition", _supposed_in_condition), ("able to", _able_to),
                     ("subject of a guess", _subject_of_a_guess),
                     ("press conference", _statement_to_the_press),
                     ("request for a word", _asks_for_a_word), ("natural force", _done_by_nature))
# Session 22's tests of `not_asserted` (their measure: docs/events.md, session 22), run after those above.
CONTROL_CHECKS = (("made to act", _made_to_act),)
# Session 23's tests (their measure: docs/events.md, session 23), run after those above.
STATEMENT_CHECKS = (("wished sight", _wished_sight), ("needed only", _needed_only),
                    ("terms of a thing", _terms_of_a_thing))
# Session 24's tests (their measure: docs/events.md, "Session 24: records that are not events"), run after
# those above.
CONTENT_CHECKS = (("named as content", _named_as_content),)
# Reasons switched off: the ablation switch with which each test's effect is measured (the tests of
# `not_asserted` and of `other_sense` alike).
DISABLED_CHECKS: frozenset[str] = frozenset()


def not_asserted(candidate: Candidate, by_index: dict[int, Candidate]) -> str | None:
    """Why the candidate's act is not asserted by its sentence (supposed in a condition, what someone is
    able to do, the subject of a guess, a press conference, a request for a word, a natural force's
    "strike", what someone was made to do, would like to see, needs to do, or what a deal lets someone do),
    or None when it may be."""
    for reason, check in (*UNASSERTED_CHECKS, *CONTROL_CHECKS, *STATEMENT_CHECKS, *CONTENT_CHECKS):
        if reason not in DISABLED_CHECKS and check(candidate, by_index):
            return reason
    return None


# Prepositions and particles by which "call" asks someone for something: "called on", "called for".
_APPEAL_PREPOSITIONS = frozenset({"on", "upon", "for"})


def _call_without_appeal(token: Token, type_: str) -> bool:
    """"Morneau called provincial demands "out of the realm"", "police were called to check on a woman", "the
    March 21 call to the offices of Omar": "call" is a request only when it asks someone for something:
    "called on X to", "called for talks", "calls to boycott". Calling something a name, being summoned, and a
    telephone call are no requests."""
    if type_ != "REQUEST" or token.lemma_.lower() != "call":
        return False
    # after the word: "On Friday, Morneau called ..." asks nothing on Friday
    if any(c.dep_ in {"prep", "prt"} and c.lower_ in _APPEAL_PREPOSITIONS and c.i > token.i
           for c in token.children):
        return False
    if token.pos_ == "NOUN" and any(c.dep_ == "compound" for c in token.children):
        return False  # "a strike call", "a ceasefire call": the modifier names what is called for
    passive = any(c.dep_ in {"auxpass", *syntax.PASSIVE_SUBJECT_DEPS} for c in token.children)
    asks_an_act = any(c.dep_ in {"xcomp", "acl", "ccomp", "advcl"} and "to" in syntax.auxiliaries(c)
                      for c in token.children)
    return passive or not asks_an_act


# What tells a contest from a beating: the manner of a win, what it won, where it was contested.
_WINNING_MANNERS = frozenset({"narrowly", "comfortably", "easily", "handily", "soundly", "convincingly"})
_CONTEST_NOUNS = frozenset({"election", "race", "primary", "vote", "poll", "contest", "match", "final",
                            "game", "round", "runoff", "caucus", "ballot", "tournament", "semifinal"})
_WINNING_VERBS = frozenset({"win", "earn", "clinch", "qualify", "advance", "secure", "claim", "take",
                            "reach", "seal"})


def _contest_won(token: Token, type_: str) -> bool:
    """"Wales beat Hungary 2-0 to earn the 20th spot", "Trump narrowly beat Hillary Clinton in Wisconsin":
    "beat" with a score, the manner of a win, a contest it was won in, or what the win earned is a victory in
    a match or an election, not an assault."""
    if type_ != "ASSAULT" or token.lemma_.lower() != "beat" or token.pos_ not in {"VERB", "AUX"}:
        return False
    after = token.doc[token.i + 1: min(token.i + 7, token.sent.end)].text
    if re.search(r"\b\d+\s*[-\u2013]\s*\d+\b", after):
        return True
    for child in token.children:
        if child.dep_ == "advmod" and child.lower_ in _WINNING_MANNERS:
            return True
        if child.dep_ in {"advcl", "xcomp"} and child.lemma_.lower() in _WINNING_VERBS:
            return True
        if child.dep_ == "prep" and child.lower_ in {"in", "at"} and any(
                g.lemma_.lower() in _CONTEST_NOUNS for g in child.children if g.dep_ == "pobj"):
            return True
    return False


# Senses a trigger word's arguments show are no act of the type read (session 24, docs/events.md,
# "Session 24: records that are not events").
SENSE_CHECKS = (("call without appeal", _call_without_appeal), ("contest won", _contest_won))


def other_sense(token: Token, type_: str | None) -> str | None:
    """Why the word, read as an act of `type_`, is in another sense by its arguments ("called X a name",
    "beat X 2-0"), or None."""
    if type_ is None:
        return None
    for reason, check in SENSE_CHECKS:
        if reason not in DISABLED_CHECKS and check(token, type_):
            return reason
    return None


def factuality_of(token: Token, reported: bool = False) -> str:
    """occurred / planned / hypothetical / denied / negated, from the trigger and the verbs that govern it.
    In reported speech "would" is the future of the past ("they said they would boycott"): planned.

    A negated act that is stated, not intended ("police did not arrest anyone", "has given no order to
    pull out the troops", "failed ... a bid to investigate") did not happen: `negated`, and PLOVER leaves
    negated events out of the data (manual, auxiliary modes), so the coder makes no record of it. A negated
    intention ("will not negotiate", "cannot accept") stays `denied`: an actor announcing it is refusing,
    which PLOVER codes as REJECT (`intent`, events/assemble.py)."""
    carriers = [token]
    carrier = syntax.light_verb_of(token) if token.pos_ == "NOUN" else None
    if carrier is not None:
        carriers.append(carrier)
    # Only governors the act is an xcomp or conj of carry its mood. (An "or it is the act's own head"
    # clause here never held, spaCy's Token identity being new per access; honouring it lowered the
    # document gold's factuality, 0.929 -> 0.921 dev, so it is gone rather than fixed.)
    carriers.extend(g for g in syntax.governors(token, limit=2) if g.dep_ in {"xcomp", "conj"})
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


def stronger(frame_factuality: str, local: str) -> str:
    """A negated or hypothetical frame overrides what the frame itself says."""
    stronger_locally = _FACTUALITY_RANK.get(local, 0) > _FACTUALITY_RANK.get(frame_factuality, 0)
    return local if stronger_locally else frame_factuality

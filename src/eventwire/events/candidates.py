"""Step 1 of the coder, `eventwire_candidates`: the words of each sentence that the trigger table says may
report an event, with the act a frame embeds ("committed to withdrawing") and the instrument folded into
its act ("assassinated ... in an air strike").

Reads the parse; writes `doc._.event_candidates` (tuple of `Candidate`, in text order) and the spans
`doc.spans["event_triggers"]`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.events import syntax
from eventwire.events.doc_state import TRIGGER_SPANS, Candidate, register_extensions
from eventwire.events.learned.candidates import trigger_match, words_of
from eventwire.events.triggers import Trigger, TriggerTable

if TYPE_CHECKING:
    from eventwire.events.coder_pipeline import CoderResources

# Dependents through which a frame ("committed", "demanded", "threatened") embeds its action.
_EMBEDDING_DEPS = {"xcomp", "ccomp", "pcomp", "pobj", "dobj", "prep", "acl", "advcl", "conj"}
_INSTRUMENT_PREPOSITIONS = {"in", "with", "by", "through", "during", "using"}

# The ways an act is named as the content of another word rather than reported as done (issue #15, sessions
# 22-23; docs/events.md). `CONTENT_RULES` chooses which the step applies (an ablation sets a subset):
#   "caused act"   a to-infinitive whose doer is made, allowed or assigned to act by a verb that is no frame:
#                  the infinitive has its own subject ("allow the U.N. to deliver aid", "causes the group to
#                  attack"), or the verb is a passive that names no agent ("were forced to resign", "a squad
#                  assigned to investigate"). One rule since session 23: it was two (this step's "caused act"
#                  and factuality's "made to act"), overlapping on the first shape
#   "charged act"  what an accusation charges: "charges of ... assault", "accused him of killing". Off:
#                  measured again in session 23, it changes no record of the document gold's first 90
#                  articles and loses one authored locked_new event; tests/test_roles.py (roles helper)
#                  still expects an ASSAULT record of "were accused of shelling Kharkiv". The rule it would
#                  apply: an act inside an accusation is its content, with no record of its own; a record
#                  only where the text reports the act as done in a clause of its own (coded there)
CONTENT_KINDS = ("caused act", "charged act")
CONTENT_RULES: frozenset[str] = frozenset({"caused act"})


@dataclass
class _Draft:
    """A candidate while the step links frames and instruments (frozen into a `Candidate` at the end)."""

    token: Token
    trigger: Trigger
    action: tuple[Token, Trigger] | None = None
    instrument: tuple[Token, Trigger] | None = None
    consumed: bool = False


class CandidateFinder:
    """The rules' candidates of every sentence."""

    def __init__(self) -> None:
        register_extensions()
        self.triggers: TriggerTable | None = None

    def bind(self, resources: CoderResources) -> None:
        self.triggers = resources.triggers

    def __call__(self, doc: Doc) -> Doc:
        found: list[Candidate] = []
        for sentence in doc.sents:
            found.extend(Candidate(d.token, d.trigger, sentence.start, d.action, d.instrument, d.consumed)
                         for d in self.in_sentence(sentence))
        doc._.event_candidates = tuple(found)
        write_trigger_spans(doc, found)
        return doc

    def in_sentence(self, sentence: Iterable[Token]) -> list[_Draft]:
        assert self.triggers is not None, "bind() the step to the coder's resources first"
        found = [_Draft(tok, trig) for tok, _ in words_of(sentence, self.triggers.parts_of_speech)
                 if (trig := trigger_match(self.triggers, tok)) and not syntax.is_event_reference(tok)]
        by_index = {c.token.i: c for c in found}
        # acts named as what another word allows, causes or charges: no act of their own (a frame among
        # them still takes in the act it embeds, so that act gives no record either)
        as_content = [c for c in found if content_kind(c.token, by_index) is not None]
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
        for candidate in as_content:
            candidate.consumed = True
        return found


def write_trigger_spans(doc: Doc, candidates: Iterable[Candidate]) -> None:
    """One span per candidate word, labelled with its category (or the frame it states)."""
    doc.spans[TRIGGER_SPANS] = [Span(doc, c.token.i, c.token.i + 1,
                                     label=c.trigger.type or c.trigger.frame or "CAMEO") for c in candidates]


@Language.factory("eventwire_candidates")
def make_candidate_finder(nlp: Language, name: str) -> CandidateFinder:
    return CandidateFinder()


def _embedded_action(frame: Token, by_index: dict[int, _Draft]) -> _Draft | None:
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


def content_kind(token: Token, by_index: dict[int, _Draft] | None = None) -> str | None:
    """Which of `CONTENT_KINDS` names the act of this word as the content of another word of its sentence
    (what someone is made, allowed or asked to do, what an accusation charges), so not as an act the
    narrator reports as done; None when none does. A conjunct is judged by its first conjunct ("to
    capitulate and give up")."""
    by_index = by_index or {}
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    head = first.head
    if head.i == first.i:
        return None
    head_draft = by_index.get(head.i)
    if head_draft is not None and head_draft.trigger.frame:
        return None  # a frame composes its act ("threatened to impose"): read there
    if "caused act" in CONTENT_RULES and _caused_act(first, by_index):
        return "caused act"
    if "charged act" in CONTENT_RULES and first.dep_ in {"pobj", "pcomp"} and head.lower_ == "of" \
            and _charging_act(head, by_index):
        return "charged act"
    return None


# Verbs above a to-infinitive that schedule it ("is expected to resign": planned) or report or judge it ("is
# said to have", "is believed to"): the act is planned or reported, not what someone was made to do.
_SCHEDULING_VERBS = frozenset({"due", "set", "schedule", "scheduled", "expect", "expected", "slate", "slated",
                               "poise", "poised"})
_JUDGING_VERBS = frozenset({"say", "report", "believe", "think", "know", "allege", "claim", "understand",
                            "rumour", "rumor", "suppose", "consider", "seem", "appear"})


def _caused_act(verb: Token, by_index: dict[int, Any]) -> bool:
    """Is `verb` a to-infinitive that names what someone was made, allowed or assigned to do by a verb that
    is no frame? Its own subject under that verb ("causes the large group to attack", "allow the U.N. to
    deliver aid"), or a passive governing verb that names no agent ("were forced to resign", "a squad
    assigned to investigate"; that verb no trigger at all: "was ordered to" is an act of its own). Left
    alone: a verb that schedules ("is expected to meet"), reports or judges ("is said to"), and a passive
    that names its agent ("was hired by X to investigate": the sentence says who had it done)."""
    governor = verb.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.dep_ not in {"xcomp", "advcl", "ccomp"} \
            or governor.i == verb.i or governor.pos_ not in {"VERB", "AUX"}:
        return False
    if "to" not in syntax.auxiliaries(verb):
        return False
    lemma = governor.lemma_.lower()
    if lemma in _SCHEDULING_VERBS or lemma in _JUDGING_VERBS or lemma in syntax.REPORTING_VERBS:
        return False
    if any(c.dep_ in syntax.SUBJECT_DEPS | syntax.PASSIVE_SUBJECT_DEPS for c in verb.children):
        return governor.i < verb.i or verb.dep_ == "ccomp"
    passive = governor.tag_ == "VBN" and (governor.dep_ == "acl" or any(
        c.dep_ == "auxpass" for c in governor.children))
    return (passive and governor.i < verb.i and governor.i not in by_index
            and not any(c.dep_ == "agent" for c in governor.children))


def _charging_act(of: Token, by_index: dict[int, _Draft]) -> bool:
    """Does this "of" hang on an accusation, so that what follows it is the act charged? "charges of
    kidnapping, six counts of assault" (through appositions), "charged him with fraud and of assault" (a
    conjoined preposition), "accused the general of killing" (the parser hangs "of" on the accused)."""
    preposition = of
    while preposition.dep_ == "conj" and preposition.head.i != preposition.i:
        preposition = preposition.head
    holder = preposition.head
    while holder.dep_ == "appos" and holder.head.i != holder.i:
        holder = holder.head
    if holder.i not in by_index and holder.dep_ in syntax.OBJECT_DEPS:
        holder = holder.head  # the accused, object of the accusing verb
    draft = by_index.get(holder.i)
    return draft is not None and draft.trigger.type == "ACCUSE"


def _is_instrument(noun: Token, verb: Token) -> bool:
    """"killed X in an air strike": a prepositional noun of the verb's own clause, however deep."""
    return (noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in _INSTRUMENT_PREPOSITIONS
            and syntax.clause_head(noun).i == verb.i)

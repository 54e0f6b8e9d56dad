"""Step 2 of the coder, `eventwire_classify`: the learned stage (events/learned/) reads each sentence once,
its decision is attached to the rules' candidates, and the words it calls events that no trigger describes
become candidates of their own.

Reads `doc._.event_candidates`; writes `doc._.event_candidates` (with decisions and the model's own
candidates), `doc._.event_model` (the stage, for the later steps' calibration; None when switched off) and
`doc.spans["event_triggers"]`. Config: `enabled` (false: the rules alone, as `EVENTWIRE_LEARNED=0`).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.events import syntax
from eventwire.events.candidates import write_trigger_spans
from eventwire.events.doc_state import Candidate, register_extensions
from eventwire.events.learned.stage import LearnedStage, learned_trigger
from eventwire.events.ontology import Ontology

if TYPE_CHECKING:
    from eventwire.events.coder_pipeline import CoderResources


class Classifier:
    def __init__(self, enabled: bool = True) -> None:
        register_extensions()
        self.enabled = enabled
        self.learned: LearnedStage | None = None
        self.ontology: Ontology | None = None

    def bind(self, resources: CoderResources) -> None:
        self.learned = resources.learned if self.enabled else None
        self.ontology = resources.triggers.ontology

    def __call__(self, doc: Doc) -> Doc:
        doc._.event_model = self.learned
        if self.learned is None:
            return doc
        by_sentence = {start: list(group) for start, group in
                       groupby(doc._.event_candidates or (), key=lambda c: c.sentence_start)}
        classified: list[Candidate] = []
        for sentence in doc.sents:
            classified.extend(self.in_sentence(sentence, by_sentence.get(sentence.start, [])))
        doc._.event_candidates = tuple(classified)
        write_trigger_spans(doc, classified)
        return doc

    def in_sentence(self, sentence: Span, found: list[Candidate]) -> list[Candidate]:
        """The learned stage's decisions attached to the rules' candidates, and the words it calls events
        that no trigger describes added as candidates of their own (unless a rule frame above them
        already takes them in: "vowed to retaliate" is one threat)."""
        learned = self.learned
        assert learned is not None and self.ontology is not None
        decisions = learned.classify(sentence)
        by_index = {c.token.i: c for c in found}
        taken = {c.token.i for c in found} | {c.action[0].i for c in found if c.action} | {
            c.instrument[0].i for c in found if c.instrument}
        # the verb that carries a rule's noun ("imposed a curfew", "launched an attack") is that event
        taken |= {carrier.i for c in found if c.token.pos_ == "NOUN"
                  and (carrier := syntax.light_verb_of(c.token)) is not None}
        frames = {c.token.i for c in found if c.trigger.frame}
        decided: dict[int, Candidate] = {}
        added: list[Candidate] = []
        for index, decision in decisions.items():
            if index in by_index:
                decided[index] = replace(by_index[index], decision=decision)
                continue
            if index in taken or not learned.adds(decision):
                continue
            token = decision.candidate.token
            if any(g.i in frames for g in syntax.governors(token, limit=3)):
                continue
            if token.pos_ == "NOUN" and token.head.i in by_index and token.dep_ in syntax.OBJECT_DEPS:
                continue  # "imposed a curfew": the noun is what the rule's act does, not a second act
            trigger = learned_trigger(decision, self.ontology)
            if trigger is not None:
                added.append(Candidate(token, trigger, sentence.start, decision=decision))
        kept = [decided.get(c.token.i, c) for c in found]
        return sorted([*kept, *added], key=lambda c: c.token.i)


@Language.factory("eventwire_classify", default_config={"enabled": True})
def make_classifier(nlp: Language, name: str, enabled: bool) -> Classifier:
    return Classifier(enabled)

"""The learned event stage as one step of the coder: for each candidate word of a sentence, whether it
reports a PLOVER event and of which type, with a calibrated probability.

`EventCoder` asks `LearnedStage.classify(sentence)` once per sentence and uses the answer to keep, drop
or retype the rules' events and to add events the trigger table does not know. The stage is switched
off with `EventCoder(..., learned=None)` or `EVENTWIRE_LEARNED=0` for ablations.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Span

from eventwire.events.learned.authored import NO_EVENT
from eventwire.events.learned.candidates import Candidate, candidate_lexicon, candidates, read_lemmas
from eventwire.events.learned.encoder import SentenceEncoder
from eventwire.events.learned.features import sentence_features
from eventwire.events.learned.model import LinearHead, model_dir
from eventwire.events.ontology import Ontology
from eventwire.events.triggers import Trigger, TriggerTable
from eventwire.nlp import kept_on_doc

# Defaults of how the coder combines rules and model (the manifest sets the ones chosen on the
# calibration part): a word the rules do not know becomes an event when the model is this sure of its
# type; a rule event is given the model's type when the model is this sure of another type; a record is
# dropped when its calibrated confidence is below min_record_confidence.
#
# The model's own "no event" probability does not drop rule events: measured on the GSR dev set, dropping
# at P(NONE) >= 0.6 took type accuracy from 0.835 to 0.56 (40 of 109 sentences left with no event), where
# the head, trained on single words, disagrees with the rules' composed speech acts ("is ready to
# contribute troops", "will withdraw ... unless"). The record confidence weighs the model's probability
# with the rules' evidence (resolved roles, main clause) instead.
NEW_EVENT_PROBABILITY = 0.5
# ... or at this lower probability when the CAMEO verb dictionary's code for the word names the same type:
# two independent readings agreeing ("cracked down": the model leans COERCE, CAMEO's "crack" is 18x).
# None: the same threshold as any other word (the manifest sets the value chosen in training).
CAMEO_AGREEING_PROBABILITY: float | None = None
MIN_RECORD_CONFIDENCE = 0.0
RETYPE_PROBABILITY = 0.8
# A rule event of one word (no frame, no composed act) is dropped when the model's "no event" probability
# on the word reaches this: the trigger word in a sense that reports nothing ("aides", the "release" of a
# report). Chosen by training on the calibration part (train.VETO_GRID); 1.01 never drops one (the rules
# always win), the default for weights whose manifest has no choice.
NONE_VETO_PROBABILITY = 1.01


@dataclass(frozen=True, slots=True)
class Decision:
    candidate: Candidate
    probabilities: dict[str, float]

    @property
    def type(self) -> str:
        return max(self.probabilities, key=self.probabilities.__getitem__)

    @property
    def no_event(self) -> float:
        return self.probabilities.get(NO_EVENT, 0.0)

    def probability(self, type_: str | None) -> float:
        return self.probabilities.get(type_ or NO_EVENT, 0.0)


def record_confidence(probability: float, rule_evidence: float, scaling: Sequence[float],
                      recalibration: tuple[Sequence[float], Sequence[float]] | None = None) -> float:
    """A record's confidence: the Platt scaling of the model's probability (as log-odds) and the rules'
    evidence, then the isotonic map's knots when there are any. Training fits `scaling` and the knots
    with this same function (train.RecordInputs)."""
    weight, evidence_weight, bias = scaling
    p = min(max(probability, 1e-6), 1 - 1e-6)
    log_odds = weight * math.log(p / (1 - p)) + evidence_weight * rule_evidence + bias
    scaled = 1.0 / (1.0 + math.exp(-max(min(log_odds, 60.0), -60.0)))
    if recalibration is None:
        return scaled
    knots, values = recalibration
    return float(np.interp(scaled, knots, values))


class LearnedStage:
    def __init__(self, head: LinearHead, lexicon: frozenset[str], triggers: TriggerTable,
                 version: str, combination: dict[str, float] | None = None,
                 record_scaling: Sequence[float] = (1.0, 0.0, 0.0),
                 encoder: SentenceEncoder | None = None,
                 recalibration: tuple[Sequence[float], Sequence[float]] | None = None) -> None:
        self.head = head
        # the sentence encoder, when the weights were trained with its columns (manifest "encoder")
        self.encoder = encoder
        self.lexicon = lexicon
        self.triggers = triggers
        self.version = version  # digest of the weights, manifest and lexicon: part of the coder version
        combination = combination or {}
        self.new_event_probability = combination.get("new_event_probability", NEW_EVENT_PROBABILITY)
        self.min_record_confidence = combination.get("min_record_confidence", MIN_RECORD_CONFIDENCE)
        self.retype_probability = combination.get("retype_probability", RETYPE_PROBABILITY)
        self.none_veto_probability = combination.get("none_veto_probability", NONE_VETO_PROBABILITY)
        agreeing = combination.get("cameo_agreeing_probability", CAMEO_AGREEING_PROBABILITY)
        self.cameo_agreeing_probability: float | None = agreeing
        # Platt scaling of a record's confidence over two inputs, the model's probability (as log-odds) and
        # the rules' evidence score (roles resolved, verbal trigger, main clause): records are the
        # candidates the rules found actors for, whose precision differs from all candidates'. Fitted on
        # the calibration part's records; (1, 0, 0) is the model's probability unchanged.
        self.record_scaling = tuple(record_scaling)
        # a monotone map applied after the Platt scaling (knots of an isotonic fit, interpolated): the
        # sigmoid of two inputs cannot follow the reliability curve's shape everywhere. None: Platt alone.
        self.recalibration = None if recalibration is None else (
            np.asarray(recalibration[0], dtype=float), np.asarray(recalibration[1], dtype=float))

    def adds(self, decision: Decision) -> bool:
        """Is the model sure enough of a word the trigger table does not know to make it an event? Its
        type probability reaches `new_event_probability`, or `cameo_agreeing_probability` when the CAMEO
        verb dictionary's code for the word is of the same type."""
        type_ = decision.type
        if type_ == NO_EVENT:
            return False
        probability = decision.probability(type_)
        if probability >= self.new_event_probability:
            return True
        agreeing = self.cameo_agreeing_probability
        if agreeing is None or probability < agreeing or decision.candidate.cameo is None:
            return False
        code = self.triggers.ontology.cameo.get(decision.candidate.cameo)
        return code is not None and code.type == type_

    def vetoes(self, decision: Decision) -> bool:
        """Is the model sure enough that a rule's word reports no event here to drop it?"""
        return decision.no_event >= self.none_veto_probability

    def record_confidence(self, probability: float, rule_evidence: float) -> float:
        return record_confidence(probability, rule_evidence, self.record_scaling, self.recalibration)

    @classmethod
    def load(cls, folder: Path | None = None, triggers: TriggerTable | None = None) -> LearnedStage | None:
        """The shipped model, or None when there is none or EVENTWIRE_LEARNED=0 switches it off."""
        if os.environ.get("EVENTWIRE_LEARNED", "1") == "0":
            return None
        return _load(folder or model_dir(), triggers or TriggerTable.load())

    def classify(self, sentence: Span) -> dict[int, Decision]:
        """token index -> the model's decision, for every candidate of the sentence. The first sentence
        of a Doc asked classifies all the Doc's sentences at once (the features and the head run once per
        article: the same figures, bit for bit, for less than a run per sentence costs) and the others are
        answered from that; a span that is not one of the Doc's sentences is classified alone."""
        kept = kept_on_doc(sentence.doc, _DECISIONS_KEY, lambda doc: self._classify_all(list(doc.sents)),
                           owner=self)
        bounds = (sentence.start, sentence.end)
        decisions = kept.get(bounds)
        return decisions if decisions is not None else self._classify_all([sentence])[bounds]

    def _classify_all(self, sentences: Sequence[Span]) -> dict[tuple[int, int], dict[int, Decision]]:
        """(start, end) of each sentence -> `classify` of it, with one run of the features and the head."""
        found = [candidates(sentence, self.triggers, self.lexicon) for sentence in sentences]
        every = [c for group in found for c in group]  # the cheap filter: most sentences have none
        rows: list[list[float]] = []
        if every:
            rows = self.head.probabilities_of(*sentence_features(every, self.encoder),
                                              groups=[len(group) for group in found if group]).tolist()
        by_row = iter(rows)
        classes = self.head.classes
        return {(sentence.start, sentence.end): {
                    c.token.i: Decision(c, dict(zip(classes, next(by_row), strict=True))) for c in group}
                for sentence, group in zip(sentences, found, strict=True)}


# the decisions on a Doc's sentences, kept in its user data by the stage that made them
_DECISIONS_KEY = "eventwire.learned.decisions"


@functools.cache
def _load(folder: Path, triggers: TriggerTable) -> LearnedStage | None:
    if not (folder / "weights.npz").is_file():
        return None
    head, manifest = LinearHead.read(folder)
    lemma_file = folder / "candidate_lemmas.txt"
    lemmas = read_lemmas(lemma_file) if lemma_file.is_file() else []
    digest = hashlib.sha256()
    for name in ("weights.npz", "manifest.json", "candidate_lemmas.txt"):
        path = folder / name
        if path.is_file():
            digest.update(path.read_bytes())
    scaling = [float(x) for x in manifest.get("record_scaling") or (1.0, 0.0, 0.0)]
    encoder = SentenceEncoder.installed() if manifest.get("encoder") else None
    recalibration = manifest.get("record_recalibration")
    knots = (recalibration["confidence"], recalibration["right"]) if recalibration else None
    return LearnedStage(head, candidate_lexicon(lemmas), triggers, digest.hexdigest()[:10],
                        manifest.get("combination"), scaling, encoder, knots)


_DEFAULT_CODES: dict[int, dict[str, str]] = {}


def default_codes(ontology: Ontology) -> dict[str, str]:
    """Each PLOVER type's most general CAMEO code (the shortest code with no mode), for events of a type
    the model found on a word the trigger table does not know."""
    cached = _DEFAULT_CODES.get(id(ontology))
    if cached is not None:
        return cached
    chosen: dict[str, str] = {}
    for code in sorted(ontology.cameo.values(), key=lambda c: (c.mode is not None, len(c.code), c.code)):
        if code.type and code.type not in chosen:
            chosen[code.type] = code.code
    _DEFAULT_CODES[id(ontology)] = chosen
    return chosen


# Types whose "of" phrase names the one acted on ("the killing of X", "the arrest of X").
_OF_IS_TARGET = {"ASSAULT", "COERCE", "SANCTION", "AID"}


def learned_trigger(decision: Decision, ontology: Ontology) -> Trigger | None:
    """A trigger for a word the model calls an event: the CAMEO dictionary's code when it agrees with
    the model's type, else the type's general code."""
    type_ = decision.type
    if type_ == NO_EVENT:
        return None
    token = decision.candidate.token
    cameo = decision.candidate.cameo
    known = ontology.cameo.get(cameo) if cameo else None
    code = cameo if known is not None and known.type == type_ else default_codes(ontology).get(type_)
    if code is None:
        return None
    mode = ontology.cameo[code].mode
    context = ontology.cameo[code].context
    pos = "VERB" if token.pos_ in {"AUX", "PROPN"} else token.pos_
    return Trigger(lemmas=frozenset({token.lemma_.lower()}), pos=frozenset({pos}), cameo=code, type=type_,
                   mode=mode, context=context, with_object=frozenset(), with_prep=frozenset(),
                   with_modifier=frozenset(), frame=None, object_is_target=True, target_prep=frozenset(),
                   of_is_target=type_ in _OF_IS_TARGET, line=0)

"""The learned event stage as one step of the coder: for each candidate word of a sentence, whether it
reports a PLOVER event and of which type, with a calibrated probability.

`EventCoder` asks `LearnedStage.classify(sentence)` once per sentence and uses the answer to keep, drop
or retype the rules' events and to add events the trigger table does not know. The stage is switched
off with `EventCoder(..., learned=None)` or `EVENTWIRE_LEARNED=0` for ablations.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span

from eventwire.events.learned.authored import NO_EVENT
from eventwire.events.learned.candidates import Candidate, candidate_lexicon, candidates, read_lemmas
from eventwire.events.learned.features import features
from eventwire.events.learned.model import LinearHead, model_dir
from eventwire.events.ontology import Ontology
from eventwire.events.triggers import Trigger, TriggerTable

# A candidate the rules do not know becomes an event only when the model is this sure of the type.
NEW_EVENT_PROBABILITY = 0.5
# A rule event is dropped when the model gives "no event" at least this probability.
DROP_PROBABILITY = 0.5


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


class LearnedStage:
    def __init__(self, head: LinearHead, lexicon: frozenset[str], triggers: TriggerTable,
                 version: str) -> None:
        self.head = head
        self.lexicon = lexicon
        self.triggers = triggers
        self.version = version  # digest of the weights, manifest and lexicon: part of the coder version

    @classmethod
    def load(cls, folder: Path | None = None, triggers: TriggerTable | None = None) -> LearnedStage | None:
        """The shipped model, or None when there is none or EVENTWIRE_LEARNED=0 switches it off."""
        if os.environ.get("EVENTWIRE_LEARNED", "1") == "0":
            return None
        return _load(folder or model_dir(), triggers or TriggerTable.load())

    def classify(self, sentence: Span) -> dict[int, Decision]:
        """token index -> the model's decision, for every candidate of the sentence."""
        found = candidates(sentence, self.triggers, self.lexicon)
        if not found:
            return {}  # the cheap filter: most sentences of an article stop here
        probabilities = self.head.probabilities([features(c) for c in found])
        classes = self.head.classes
        return {c.token.i: Decision(c, dict(zip(classes, map(float, row), strict=True)))
                for c, row in zip(found, probabilities, strict=True)}


@functools.cache
def _load(folder: Path, triggers: TriggerTable) -> LearnedStage | None:
    if not (folder / "weights.npz").is_file():
        return None
    head, _manifest = LinearHead.read(folder)
    lemma_file = folder / "candidate_lemmas.txt"
    lemmas = read_lemmas(lemma_file) if lemma_file.is_file() else []
    digest = hashlib.sha256()
    for name in ("weights.npz", "manifest.json", "candidate_lemmas.txt"):
        path = folder / name
        if path.is_file():
            digest.update(path.read_bytes())
    return LearnedStage(head, candidate_lexicon(lemmas), triggers, digest.hexdigest()[:10])


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

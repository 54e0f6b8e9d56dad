"""The sector of a head noun no list holds, by generalisation over the word vectors of the nouns it does hold.

The knowledge base's agent words ("police" COP, "paramedic" MED, "vandal" CRM: agents.yaml, the Phoenix
agents, the role titles, and the head nouns their compound terms agree on: "ministry" GOV from "health
ministry", "interior ministry") are the training examples of a small linear model (multinomial logistic
regression) over the en_core_web_md word vectors. A noun missing from every list ("staffers", "agency")
gets the sector the model gives it when the model's probability reaches THRESHOLD; below that the sector
stays empty (empty is better than wrong).

The threshold: leave-some-out on the agent dictionary itself (`leave_some_out`, 5 folds of the ~1,200
agent nouns that have a vector): the best sector for every held-out noun is right for about 0.45 (24
sectors; the commonest alone: 0.17); at probability >= 0.4 the model guesses 0.29 of them at 0.69
accuracy, at >= 0.6 0.12 of them at 0.81. On the real-text actor cases (dev) 0.4 won most, but in the
coder, where the resolver also tells actors from things, it made some things actors and cost a target
country on the GSR events; 0.6 kept the gains on the cases (dev +2 country, +2 sector) with GSR and the
document figures unchanged or better.

Nothing is downloaded: the vectors are read from the installed spaCy model on first use (a few seconds,
once per process); where no model with vectors is installed the guesser gives no guesses.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# Minimum model probability for a guess; below it the sector stays empty (see the module docstring).
THRESHOLD = 0.6
_EPOCHS = 300
_LEARNING_RATE = 2.0
_L2 = 1e-4


class WordVectors:
    """Lower-case word -> unit-length vector, from the installed spaCy model's vector table."""

    def __init__(self, table: Any) -> None:
        from spacy.strings import hash_string

        self._table = table
        self._hash = hash_string

    @classmethod
    def load(cls, model: str | None = None) -> WordVectors | None:
        try:
            from spacy.vectors import Vectors

            from eventwire.nlp import ModelNotInstalled, resolve_model_path

            table = Vectors()
            table.from_disk(resolve_model_path(model) / "vocab")
        except (ImportError, OSError, ValueError, ModelNotInstalled) as failure:
            log.info("no word vectors for sector generalisation: %s", failure)
            return None
        if table.shape[0] == 0:
            return None
        return cls(table)

    def get(self, word: str) -> np.ndarray | None:
        key = self._hash(word)
        if key not in self._table:
            return None
        vector = np.asarray(self._table[key], dtype=np.float32)
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm > 0 else None


@dataclass(frozen=True, slots=True)
class SectorGuess:
    sector: str
    probability: float


@dataclass(frozen=True, slots=True)
class _Model:
    classes: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        scores = vectors @ self.weights + self.bias
        scores -= scores.max(axis=-1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=-1, keepdims=True)


def _train(vectors: np.ndarray, labels: list[str]) -> _Model:
    """Multinomial logistic regression by full-batch gradient descent (deterministic: starts at zero)."""
    classes = tuple(sorted(set(labels)))
    targets = np.eye(len(classes), dtype=np.float32)[[classes.index(label) for label in labels]]
    weights = np.zeros((vectors.shape[1], len(classes)), dtype=np.float32)
    bias = np.zeros(len(classes), dtype=np.float32)
    model = _Model(classes, weights, bias)
    for _ in range(_EPOCHS):
        gradient = (model.probabilities(vectors) - targets) / len(vectors)
        weights -= _LEARNING_RATE * (vectors.T @ gradient + _L2 * weights)
        bias -= _LEARNING_RATE * gradient.sum(axis=0)
    return model


class SectorGuesser:
    """Guesses the sector of a noun from the sectors of the known agent nouns. Thread-safe; the vectors are
    loaded and the model trained on the first guess (never at knowledge-base load)."""

    def __init__(
        self, examples: Mapping[str, str], *, vectors: WordVectors | None = None, threshold: float = THRESHOLD
    ) -> None:
        self._examples = dict(examples)
        self._vectors = vectors
        self._vectors_given = vectors is not None
        self.threshold = threshold
        self._model: _Model | None = None
        self._ready = False
        self._lock = threading.Lock()
        self._cache: dict[str, SectorGuess | None] = {}

    @property
    def ready(self) -> bool:
        """Whether the vectors are read and the model fitted (prepare() ran)."""
        return self._ready

    def prepare(self) -> None:
        """Read the vectors and train the model now (else on the first guess): a few seconds, once."""
        with self._lock:
            if self._ready:
                return
            if not self._vectors_given:
                self._vectors = WordVectors.load()
            if self._vectors is not None:
                words, rows = self._rows(self._examples)
                if len(set(self._examples[word] for word in words)) >= 2:
                    self._model = _train(rows, [self._examples[word] for word in words])
            self._ready = True

    def _rows(self, examples: Mapping[str, str]) -> tuple[list[str], np.ndarray]:
        assert self._vectors is not None
        words, rows = [], []
        for word in sorted(examples):
            vector = self._vectors.get(word)
            if vector is not None:
                words.append(word)
                rows.append(vector)
        return words, np.stack(rows) if rows else np.zeros((0, 1), dtype=np.float32)

    def guess(self, word: str) -> SectorGuess | None:
        """The sector of `word` (lower-case) when the model is confident enough, else None."""
        if word in self._cache:
            return self._cache[word]
        if not self._ready:
            self.prepare()
        result = None
        if word in self._examples:
            result = SectorGuess(self._examples[word], 1.0)
        elif self._model is not None and self._vectors is not None:
            vector = self._vectors.get(word)
            if vector is not None:
                probabilities = self._model.probabilities(vector)
                best = int(probabilities.argmax())
                if probabilities[best] >= self.threshold:
                    result = SectorGuess(self._model.classes[best], float(probabilities[best]))
        self._cache[word] = result
        return result

    def leave_some_out(self, folds: int = 5, seed: int = 0) -> dict[str, float]:
        """Train on all but one fold of the example nouns, guess the held-out fold: coverage (share of
        held-out words guessed at the threshold), accuracy of those guesses, and accuracy of the best class
        for all."""
        self.prepare()
        if self._vectors is None:
            return {"words": 0, "coverage": 0.0, "accuracy": 0.0, "accuracy_all": 0.0}
        words, rows = self._rows(self._examples)
        order = list(range(len(words)))
        random.Random(seed).shuffle(order)
        guessed = right = right_all = 0
        for fold in range(folds):
            held = set(order[fold::folds])
            train = [index for index in order if index not in held]
            model = _train(rows[train], [self._examples[words[index]] for index in train])
            for index in sorted(held):
                probabilities = model.probabilities(rows[index])
                best = int(probabilities.argmax())
                correct = model.classes[best] == self._examples[words[index]]
                right_all += correct
                if probabilities[best] >= self.threshold:
                    guessed += 1
                    right += correct
        return {
            "words": len(words),
            "coverage": guessed / len(words) if words else 0.0,
            "accuracy": right / guessed if guessed else 0.0,
            "accuracy_all": right_all / len(words) if words else 0.0,
        }

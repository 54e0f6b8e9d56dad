"""The trained head: multinomial logistic regression over dense vectors and hashed indicators, optionally
with one hidden ReLU layer beside it (a small MLP whose linear path is the regression), and a temperature
fitted on held-out data. Inference is numpy only; the weights ship in `eventwire/data/events/model/`
(weights.npz + manifest.json + candidate_lemmas.txt)."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.events.learned.features import HASH_SIZE, Features, dense_width

# The shipped weights: `model/` (the parse's features only, the default) and `model-encoder/` (the same head
# with the sentence encoder's columns too), chosen by EVENTWIRE_LEARNED=encoder; EVENTWIRE_LEARNED_MODEL
# names any other folder of weights (a model trained with `eventwire train events --output`).
ENCODER_SETTING = "encoder"


def model_dir(encoder: bool | None = None) -> Path:
    """The folder of the weights in use: EVENTWIRE_LEARNED_MODEL, else the shipped model chosen by
    EVENTWIRE_LEARNED (or by `encoder` when given)."""
    chosen = os.environ.get("EVENTWIRE_LEARNED_MODEL")
    if chosen and encoder is None:
        return Path(chosen)
    if encoder is None:
        encoder = os.environ.get("EVENTWIRE_LEARNED", "1") == ENCODER_SETTING
    folder = resources.files("eventwire.data") / "events"
    return Path(str(folder / ("model-encoder" if encoder else "model")))


@dataclass
class HiddenLayer:
    """One hidden ReLU layer over the same inputs as the linear path: the word's features combine
    (a lemma's type depends on its clause's cues, a vector's region on the particle)."""

    dense: np.ndarray  # (DENSE_WIDTH, hidden)
    sparse: np.ndarray  # (HASH_SIZE, hidden)
    bias: np.ndarray  # (hidden,)
    out: np.ndarray  # (hidden, classes)

    def logits_of(self, dense: np.ndarray, sparse: Sequence[np.ndarray]) -> np.ndarray:
        hidden = np.maximum(product(dense, self.dense) + sparse_sums(self.sparse, sparse) + self.bias, 0.0)
        return hidden @ self.out


@dataclass
class LinearHead:
    dense: np.ndarray  # (DENSE_WIDTH, classes)
    sparse: np.ndarray  # (HASH_SIZE, classes)
    bias: np.ndarray  # (classes,)
    classes: tuple[str, ...]
    temperature: float = 1.0
    hidden: HiddenLayer | None = None  # None: logistic regression alone
    # the linear and hidden weights side by side (dense, hashed), joined on first use
    _joined_weights: tuple[np.ndarray, np.ndarray] | None = field(default=None, init=False, repr=False,
                                                                   compare=False)

    def logits(self, rows: Sequence[Features]) -> np.ndarray:
        if not rows:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        return self.logits_of(np.stack([row.dense for row in rows]),
                              [np.asarray(row.sparse, dtype=np.int64) for row in rows])

    def logits_of(self, dense: np.ndarray, sparse: Sequence[np.ndarray],
                  groups: Sequence[int] | None = None) -> np.ndarray:
        """Logits of a dense matrix (rows, DENSE_WIDTH) and each row's hashed indices: the linear path and
        the hidden layer's inputs in one product and one gather of the hashed weights for all rows.

        `groups`: the rows come in consecutive groups of these sizes (an article's sentences), and each
        group's matrix products are made as they would be for that group alone: BLAS rounds a product of
        one row (a vector) and of several rows (a matrix) differently, so the logits are the same, bit for
        bit, as each group's own call gives."""
        bounds = _bounds(groups, dense.shape[0])
        if self.hidden is None:
            return _by_group(lambda rows: product(dense[rows], self.dense), bounds) + self.bias \
                + sparse_sums(self.sparse, sparse)
        dense_weights, sparse_weights = self._joined()
        both = _by_group(lambda rows: product(dense[rows], dense_weights), bounds) \
            + sparse_sums(sparse_weights, sparse)
        classes = len(self.classes)
        inner = np.maximum(both[:, classes:] + self.hidden.bias, 0.0)
        out = self.hidden.out
        return both[:, :classes] + self.bias + _by_group(lambda rows: inner[rows] @ out, bounds)

    def _joined(self) -> tuple[np.ndarray, np.ndarray]:
        if self._joined_weights is None:
            assert self.hidden is not None
            self._joined_weights = (np.hstack([self.dense, self.hidden.dense]),
                                    np.hstack([self.sparse, self.hidden.sparse]))
        return self._joined_weights

    def probabilities(self, rows: Sequence[Features]) -> np.ndarray:
        return softmax(self.logits(rows) / self.temperature)

    def probabilities_of(self, dense: np.ndarray, sparse: Sequence[np.ndarray],
                         groups: Sequence[int] | None = None) -> np.ndarray:
        return softmax(self.logits_of(dense, sparse, groups) / self.temperature)

    def save(self, folder: Path, manifest: dict[str, Any]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {"dense": self.dense, "sparse": self.sparse, "bias": self.bias}
        if self.hidden is not None:
            arrays |= {"hidden_dense": self.hidden.dense, "hidden_sparse": self.hidden.sparse,
                       "hidden_bias": self.hidden.bias, "hidden_out": self.hidden.out}
        np.savez_compressed(folder / "weights.npz", **{k: v.astype(np.float32) for k, v in arrays.items()})
        manifest = {**manifest, "classes": list(self.classes), "temperature": self.temperature,
                    "hidden_units": 0 if self.hidden is None else int(self.hidden.bias.shape[0])}
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n",
                                              encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> tuple[LinearHead, dict[str, Any]]:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        with np.load(folder / "weights.npz") as weights:
            hidden = HiddenLayer(weights["hidden_dense"], weights["hidden_sparse"], weights["hidden_bias"],
                                 weights["hidden_out"]) if "hidden_out" in weights.files else None
            head = cls(weights["dense"], weights["sparse"], weights["bias"], tuple(manifest["classes"]),
                       float(manifest.get("temperature", 1.0)), hidden)
        width = dense_width(bool(manifest.get("encoder")))
        fits = head.dense.shape == (width, len(head.classes)) and head.sparse.shape[0] == HASH_SIZE
        if hidden is not None:
            fits = fits and hidden.dense.shape[0] == width and hidden.sparse.shape[0] == HASH_SIZE
        if not fits:
            version = manifest.get("feature_version")
            raise ValueError(f"{folder}: weights do not fit feature version {version}")
        return head, manifest


# OpenBLAS runs a matrix product of more than ~2.6e5 multiply-adds on all its threads: at a sentence's size
# (a few candidates x 1,680 inputs x 64 units) waking and spinning the threads cost ten times the CPU of
# the product itself on a loaded machine (bench/throughput.py: coding CPU 61 -> 117 ms per article).
_SINGLE_THREAD_PRODUCT = 200_000


def product(rows: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """rows @ weights, row by row (vector-matrix products, which OpenBLAS keeps to one thread) once the
    whole product is large enough for it to wake its threads."""
    inner, outer = weights.shape
    if rows.shape[0] * inner * outer <= _SINGLE_THREAD_PRODUCT:
        return rows @ weights
    result = np.empty((rows.shape[0], outer), dtype=np.result_type(rows, weights))
    for index in range(rows.shape[0]):
        np.dot(rows[index], weights, out=result[index])
    return result


def _bounds(groups: Sequence[int] | None, rows: int) -> list[slice]:
    """The row ranges of consecutive groups of these sizes (one group of all rows when None)."""
    if groups is None:
        return [slice(0, rows)]
    if sum(groups) != rows:
        raise ValueError(f"groups of {sum(groups)} rows in all for a matrix of {rows} rows")
    ends = np.cumsum(groups).tolist()
    return [slice(end - size, end) for size, end in zip(groups, ends, strict=True)]


def _by_group(compute: Callable[[slice], np.ndarray], bounds: list[slice]) -> np.ndarray:
    """`compute` of each group's rows, stacked (one call when there is one group)."""
    if len(bounds) == 1:
        return compute(bounds[0])
    return np.concatenate([compute(rows) for rows in bounds])


def sparse_sums(weights: np.ndarray, sparse: Sequence[np.ndarray]) -> np.ndarray:
    """For each row, the sum of the weight rows its hashed indices select: (rows, weights.shape[1])."""
    sums = np.zeros((len(sparse), weights.shape[1]), dtype=np.float32)
    lengths = np.fromiter((len(indices) for indices in sparse), dtype=np.int64, count=len(sparse))
    if not lengths.sum():
        return sums
    gathered = weights[np.concatenate(sparse)]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    filled = lengths > 0
    sums[filled] = np.add.reduceat(gathered, starts[filled], axis=0)
    return sums


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


@functools.cache
def shipped_head() -> tuple[LinearHead, dict[str, Any]] | None:
    """The weights in the package, or None when no model has been trained yet."""
    folder = model_dir()
    if not (folder / "weights.npz").is_file():
        return None
    return LinearHead.read(folder)

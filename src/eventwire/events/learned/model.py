"""The trained head: multinomial logistic regression over dense vectors and hashed indicators, with a
temperature fitted on held-out data. Inference is numpy only; the weights ship in
`eventwire/data/events/model/` (weights.npz + manifest.json + candidate_lemmas.txt)."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.events.learned.features import DENSE_WIDTH, HASH_SIZE, Features


def model_dir() -> Path:
    return Path(str(resources.files("eventwire.data") / "events" / "model"))


@dataclass
class LinearHead:
    dense: np.ndarray  # (DENSE_WIDTH, classes)
    sparse: np.ndarray  # (HASH_SIZE, classes)
    bias: np.ndarray  # (classes,)
    classes: tuple[str, ...]
    temperature: float = 1.0

    def logits(self, rows: Sequence[Features]) -> np.ndarray:
        if not rows:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        dense = np.stack([row.dense for row in rows]) @ self.dense
        sparse = np.stack([self.sparse[list(row.sparse)].sum(axis=0) if row.sparse
                           else np.zeros(len(self.classes), dtype=np.float32) for row in rows])
        return dense + sparse + self.bias

    def probabilities(self, rows: Sequence[Features]) -> np.ndarray:
        return softmax(self.logits(rows) / self.temperature)

    def save(self, folder: Path, manifest: dict[str, Any]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(folder / "weights.npz", dense=self.dense.astype(np.float32),
                            sparse=self.sparse.astype(np.float32), bias=self.bias.astype(np.float32))
        manifest = {**manifest, "classes": list(self.classes), "temperature": self.temperature}
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n",
                                              encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> tuple[LinearHead, dict[str, Any]]:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        with np.load(folder / "weights.npz") as weights:
            head = cls(weights["dense"], weights["sparse"], weights["bias"], tuple(manifest["classes"]),
                       float(manifest.get("temperature", 1.0)))
        if head.dense.shape != (DENSE_WIDTH, len(head.classes)) or head.sparse.shape[0] != HASH_SIZE:
            version = manifest.get("feature_version")
            raise ValueError(f"{folder}: weights do not fit feature version {version}")
        return head, manifest


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

"""A deterministic split of the authored sentences by a hash of their id.

`locked` (20%) is scored only in aggregate and never looked at while tuning; `calibration` (15%) fits
the temperature of the probabilities; `train` (65%) is cut into 5 dev folds for choosing features and
hyper-parameters. The split depends on the id alone, so adding sentences never moves old ones.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Part = Literal["locked", "calibration", "train"]
LOCKED_PERCENT = 20
CALIBRATION_PERCENT = 15
FOLDS = 5


def _bucket(sentence_id: str, salt: str) -> int:
    digest = hashlib.sha256(f"{salt}:{sentence_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def part_of(sentence_id: str) -> Part:
    percent = _bucket(sentence_id, "part") % 100
    if percent < LOCKED_PERCENT:
        return "locked"
    if percent < LOCKED_PERCENT + CALIBRATION_PERCENT:
        return "calibration"
    return "train"


def fold_of(sentence_id: str) -> int:
    """The dev fold (0..4) of a training sentence; drawn from another hash than the part, so folds are
    balanced within the training part."""
    return _bucket(sentence_id, "fold") % FOLDS

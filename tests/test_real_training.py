"""Training with the real articles' rows: their weight in the fit, their counts per part."""

from __future__ import annotations

import numpy as np

from eventwire.events.learned import split, train
from eventwire.events.learned.authored import CLASSES, AuthoredEvent, AuthoredSentence
from eventwire.events.learned.features import DENSE_WIDTH, Features


def _examples(real_weight: float) -> list[train.Example]:
    """The same word in two sentences that disagree: authored rows call it an arrest, real rows no event."""
    rng = np.random.default_rng(3)
    shared_word = Features(rng.normal(0, 1, DENSE_WIDTH).astype(np.float32), (11, 42))
    other = Features(rng.normal(0, 1, DENSE_WIDTH).astype(np.float32), (7,))
    coerce = CLASSES.index("COERCE")
    rows = [train.Example(0, coerce, shared_word, 0, "arrest") for _ in range(20)]
    rows += [train.Example(1, 0, shared_word, None, "arrest", real_weight) for _ in range(20)]
    rows += [train.Example(2, CLASSES.index("ASSAULT"), other, 0, "shell") for _ in range(20)]
    return rows


def test_the_real_rows_weight_decides_which_reading_the_head_learns() -> None:
    def p_none(real_weight: float) -> float:
        head = train.fit_mlp(_examples(real_weight), 1e-5, hidden=8, epochs=150, learning_rate=0.01,
                             batch=16)
        return float(head.probabilities([_examples(1.0)[0].features])[0][0])

    heavy, light = p_none(8.0), p_none(0.125)
    assert heavy > 0.6 > light
    assert heavy - light > 0.4


def test_real_part_counts_count_articles_sentences_and_events_per_part() -> None:
    event = AuthoredEvent("COERCE", "arrested", 0, 8, "occurred")
    docs = [f"tr-news:{n}" for n in range(60)]
    sentences = [AuthoredSentence(f"rX-{n:05d}", "arrested", (event,) if n % 3 == 0 else (), None, doc=doc)
                 for n, doc in enumerate(docs * 2)]
    sentences.append(AuthoredSentence("d1-00001", "arrested", (event,)))  # authored rows are not counted
    counts = train.real_part_counts(sentences)
    for part, row in counts.items():
        in_part = [s for s in sentences if s.doc and split.part_of_doc(s.doc) == part]
        assert row["articles"] == len({s.doc for s in in_part}) and row["sentences"] == 2 * row["articles"]
        assert row["events"] == row["event_sentences"] == sum(1 for s in in_part if s.events)
    assert sum(row["sentences"] for row in counts.values()) == 120

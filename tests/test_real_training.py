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


def test_the_trainer_reads_real_rows_only_when_asked_and_says_what_it_used(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    authored_row = {"id": "d1-00001", "text": "Police arrested ten men in Lagos.",
                    "events": [{"type": "COERCE", "trigger": "arrested", "source": "Police"}]}
    (tmp_path / "d1-01.jsonl").write_text(json.dumps(authored_row) + "\n", encoding="utf-8")
    real_row = {"doc": "tr-news:1", "start": 0, "end": 10, "id": "rX-00001", "events": [],
                "negative_kind": "business"}
    (tmp_path / "real-X-01.jsonl").write_text(json.dumps(real_row) + "\n", encoding="utf-8")
    said: list[str] = []
    sentences, files, rejected, rows = train.load_sentences(tmp_path, tmp_path / "missing", said.append,
                                                            use_real=True)
    assert [s.id for s in sentences] == ["d1-00001"] and not rows.used
    assert any(line.startswith("NOTE:") and "no shared folder" in line for line in said)
    said.clear()
    _, _, _, left_out = train.load_sentences(tmp_path, tmp_path / "missing", said.append, use_real=False)
    assert not left_out.used and "--no-real" in left_out.status and any("--no-real" in s for s in said)
    assert [p.name for p in files] == ["d1-01.jsonl"] and rejected == 0

"""The deduplication scorer: pairwise precision and recall over story clusters, on a fake store."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluation.dedup import StoredMention, evaluate

GOLD = """
corpus: corpus
events:
  - name: strike
    mentions:
      - {document: a.html, trigger: killed, sentence: "A strike"}
      - {document: b.html, trigger: strike, sentence: "The strike"}
      - {document: c.html, trigger: struck, sentence: "Jets struck"}
  - name: protest
    mentions:
      - {document: a.html, trigger: protested, sentence: "Crowds protested"}
"""


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "eval" / "dedup" / "stories.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(GOLD)
    return path


def test_pairwise_counts(gold: Path) -> None:
    stored = [
        StoredMention("x/a.html", "killed", "A strike near the airport.", "c1"),
        StoredMention("x/b.html", "strike", "The strike was condemned.", "c1"),
        StoredMention("x/c.html", "struck", "Jets struck again.", "c2"),  # not linked: two gold pairs missed
        StoredMention("x/a.html", "protested", "Crowds protested.", "c1"),  # wrongly linked to the strike
    ]
    result = evaluate(gold, system=lambda corpus: stored)
    # gold pairs: a-b, a-c, b-c = 3; linked pairs: a-b, a-protest, b-protest = 3; correct: a-b = 1
    assert result.figure("pairwise_precision").value == pytest.approx(1 / 3)
    assert result.figure("pairwise_recall").value == pytest.approx(1 / 3)
    assert result.figure("mentions_found").value == 1.0


def test_a_mention_the_coder_missed_costs_recall_only(gold: Path) -> None:
    stored = [
        StoredMention("x/a.html", "killed", "A strike near the airport.", "c1"),
        StoredMention("x/b.html", "strike", "The strike was condemned.", "c1"),
        StoredMention("x/a.html", "protested", "Crowds protested.", "c9"),
    ]
    result = evaluate(gold, system=lambda corpus: stored)
    assert result.figure("pairwise_precision").value == 1.0
    assert result.figure("pairwise_recall").value == pytest.approx(1 / 3)
    assert result.figure("mentions_found").value == pytest.approx(3 / 4)

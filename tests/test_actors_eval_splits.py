"""The actor scorer's splits: locked4 (session 20) is scored apart, its errors never listed, and the notes
name a named split only when the gold has cases in it; the authored phrases (session 20) are read with
their own sentence and their errors listed."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from eventwire.evaluation import actors
from eventwire.evaluation.registry import GoldFormatError


class _Civilians:
    def resolve(self, text: str, when: object) -> SimpleNamespace:
        return SimpleNamespace(country=None, sector="CVL", actor_id=None, kind="agent")


def test_locked4_is_scored_apart_and_its_errors_are_never_listed(tmp_path: Path) -> None:
    gold = tmp_path / "cases.jsonl"
    gold.write_text(
        '{"id": "a", "text": "Hong Kong police", "country": "HKG", "sector": "COP", "split": "locked4"}\n'
        '{"id": "b", "text": "voters", "country": null, "sector": "CVL", "split": "locked4"}\n',
        encoding="utf-8",
    )
    result = actors.evaluate(gold, system=_Civilians())
    counts = {figure.name: figure.counts for figure in result.figures}
    assert counts["locked4_sector_accuracy"] == {"n": 2, "correct": 1}
    assert counts["locked4_country_accuracy"] == {"n": 2, "correct": 1}
    assert result.errors == ()  # case a is wrong, but a locked split's error is never shown
    assert "2 locked4 cases" in result.notes[1] and "locked2" not in result.notes[1]


class _ReadsItsSentence:
    """Says CVL, and takes the country of the article the scorer hands over: the sentence, for an
    authored case."""

    def __init__(self) -> None:
        self.articles: list[str] = []

    def read_article(self, text: str, when: object, **evidence: object) -> str:
        self.articles.append(text)
        return "KEN" if "Nairobi" in text else ""

    def resolve(self, text: str, when: object, *, article: str = "", at: int = 0) -> SimpleNamespace:
        return SimpleNamespace(country=article or None, sector="CVL", actor_id=None, kind="agent")


def test_authored_phrases_beside_the_gold_are_scored_with_their_sentence_and_errors_listed(
    tmp_path: Path,
) -> None:
    gold = tmp_path / "cases.jsonl"
    gold.write_text('{"id": "h", "text": "voters", "country": null, "sector": "CVL", "split": "locked4"}\n',
                    encoding="utf-8")
    sentence = "Hundreds of residents marched in Nairobi, police said."
    phrases = [("au:1", "residents", 12, "CVL"), ("au:2", "police", 42, "COP")]
    (tmp_path / actors.AUTHORED).write_text(
        "".join(json.dumps({"id": case_id, "row": "d1-00001", "text": text, "sentence": sentence,
                            "start": start, "end": start + len(text), "country": "KEN", "sector": sector,
                            "split": "authored"}) + "\n" for case_id, text, start, sector in phrases),
        encoding="utf-8",
    )
    resolver = _ReadsItsSentence()
    result = actors.evaluate(gold, system=resolver)
    counts = {figure.name: figure.counts for figure in result.figures}
    assert counts["authored_country_accuracy"] == {"n": 2, "correct": 2}  # the country came from the sentence
    assert counts["authored_sector_accuracy"] == {"n": 2, "correct": 1}
    assert resolver.articles == [sentence]  # read once, as the phrases' article
    assert [error.id for error in result.errors] == ["au:2"]  # authored errors are listed, locked4's never
    assert "2 authored cases" in result.notes[1]


def test_an_authored_case_whose_offsets_miss_its_phrase_is_refused(tmp_path: Path) -> None:
    gold = tmp_path / "authored-phrases.jsonl"
    gold.write_text('{"id": "au:1", "text": "police", "sentence": "The police came.", "start": 0, "end": 6,'
                    ' "sector": "COP", "split": "authored"}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="not at its offsets"):
        actors.evaluate(gold, system=_ReadsItsSentence())

"""The actor scorer's unseen checks: locked4 (session 20) is scored apart, its errors never listed, and the
notes name a named split only when the gold has cases in it."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from eventwire.evaluation import actors


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

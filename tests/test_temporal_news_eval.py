"""The timex-news scorer: our annotations of real news scored in two fixed halves, only dev errors shown."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventwire.evaluation.registry import SHOW_LOCKED_ERRORS, GoldFormatError
from eventwire.evaluation.timex_news import evaluate, load_gold, split_of


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    text: str
    type: str
    value: str


def _ids_of_each_half() -> tuple[str, str]:
    ids = [str(1000 + number) for number in range(50)]
    return (next(i for i in ids if split_of(i) == "dev"), next(i for i in ids if split_of(i) == "locked"))


TEXT = "Talks began on Monday and lasted two days."


def _write(tmp_path: Path, annotations: list[dict[str, object]]) -> tuple[Path, Path]:
    corpus = tmp_path / "TR-News.xml"
    articles = "".join(f'<article docid="{a["id"]}"><text><![CDATA[{TEXT}]]></text></article>'
                       for a in annotations)
    corpus.write_text(f"<articles>{articles}</articles>", encoding="utf-8")
    notes = tmp_path / "news.jsonl"
    notes.write_text("".join(json.dumps(a) + "\n" for a in annotations), encoding="utf-8")
    return corpus, notes


def _article(article_id: str, *, monday_text: str = "Monday") -> dict[str, object]:
    return {"id": article_id, "dct": "2016-12-20", "split": split_of(article_id), "timexes": [
        {"start": 15, "end": 21, "text": monday_text, "type": "DATE", "value": "2016-12-19"},
        {"start": 33, "end": 41, "text": "two days", "type": "DURATION", "value": "P2D"}]}


def _finder(text: str, dct: dt.date) -> list[_Found]:
    return [_Found(15, 21, "Monday", "DATE", "2016-12-12")]  # the wrong Monday, and no duration


def test_both_halves_are_scored_and_only_dev_errors_are_listed(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    dev_id, locked_id = _ids_of_each_half()
    _, notes = _write(tmp_path, [_article(dev_id), _article(locked_id)])
    monkeypatch.chdir(tmp_path)
    (tmp_path / "eval" / "temporal").mkdir(parents=True)
    notes.rename(tmp_path / "eval" / "temporal" / "news.jsonl")
    monkeypatch.delenv(SHOW_LOCKED_ERRORS, raising=False)
    result = evaluate(tmp_path, system=_finder)
    figures = {figure.name: figure.value for figure in result.figures}
    assert figures["dev_relaxed_f1"] == pytest.approx(2 / 3)  # P 1/1, R 1/2
    assert figures["locked_relaxed_f1"] == pytest.approx(2 / 3)
    assert figures["dev_value_f1"] == 0.0 and figures["locked_value_f1"] == 0.0
    assert {error.id.split(":")[0] for error in result.errors} == {dev_id}
    monkeypatch.setenv(SHOW_LOCKED_ERRORS, "1")
    shown = evaluate(tmp_path, system=_finder)
    assert {error.id.split(":")[0] for error in shown.errors} == {dev_id, locked_id}


def test_an_offset_that_does_not_read_its_words_is_refused(tmp_path: Path) -> None:
    dev_id, _ = _ids_of_each_half()
    corpus, notes = _write(tmp_path, [_article(dev_id, monday_text="Sunday")])
    with pytest.raises(GoldFormatError, match="reads 'Monday'"):
        load_gold(corpus, notes)


def test_a_split_that_is_not_the_hash_is_refused(tmp_path: Path) -> None:
    dev_id, _ = _ids_of_each_half()
    article = _article(dev_id)
    article["split"] = "locked"
    corpus, notes = _write(tmp_path, [article])
    with pytest.raises(GoldFormatError, match="split"):
        load_gold(corpus, notes)


def test_the_shipped_annotations_are_large_enough_and_in_both_halves() -> None:
    lines = (Path(__file__).parents[1] / "eval" / "temporal" / "news.jsonl").read_text(encoding="utf-8")
    records = [json.loads(line) for line in lines.splitlines() if line.strip()]
    by_half = {half: sum(len(r["timexes"]) for r in records if r["split"] == half)
               for half in ("dev", "locked")}
    assert sum(by_half.values()) >= 250 and min(by_half.values()) >= 100
    assert all(r["split"] == split_of(r["id"]) for r in records)

"""TempEval-3 conventions found on the TE3-style passages (eval/temporal/te3style.jsonl), and its scorer."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventwire.evaluation.registry import SHOW_LOCKED_ERRORS, GoldFormatError
from eventwire.evaluation.timex_news import split_of
from eventwire.evaluation.timex_te3style import evaluate, load_gold
from eventwire.temporal import find_timexes

THURSDAY = dt.date(1996, 9, 12)
WEDNESDAY = dt.date(2011, 8, 10)


def _found(text: str, dct: dt.date) -> list[tuple[str, str, str]]:
    return [(timex.text, timex.type, timex.value) for timex in find_timexes(text, dct)]


@pytest.mark.parametrize(("text", "dct", "expected"), [
    # an age written "N years old" is a DURATION with "old" in the span; the adjective forms are not ages
    ("Mr. Brown, 54 years old, led the department.", THURSDAY, [("54 years old", "DURATION", "P54Y")]),
    ("A 25 year old man was detained.", THURSDAY, []),
    ("A 54-year-old man was detained.", THURSDAY, []),
    # "overnight" as an adverb is the night running into the report's day; before a noun it is not a time
    ("Police made 100 arrests overnight as calm returned.", WEDNESDAY,
     [("overnight", "TIME", "2011-08-10TNI")]),
    ("Jets struck a convoy overnight, officials said.", WEDNESDAY, [("overnight", "TIME", "2011-08-10TNI")]),
    ("An overnight curfew was lifted.", WEDNESDAY, []),
    ("The overnight rate rose.", WEDNESDAY, []),
    # "since" puts a month in the past even in a sentence about the future
    ("Ministers will meet to discuss the crisis, which has cut sales since March.", THURSDAY,
     [("March", "DATE", "1996-03")]),
    ("Talks will resume in March.", THURSDAY, [("March", "DATE", "1997-03")]),
    # "for March" is the month ("march" alone may be a protest)
    ("Figures for March are due next month.", dt.date(1990, 3, 14),
     [("March", "DATE", "1990-03"), ("next month", "DATE", "1990-04")]),
    ("Thousands march for peace.", THURSDAY, []),
    # a century is a hundred years, as a decade is ten ("a decade" P10Y)
    ("No team had managed it in a century of playoff baseball.", THURSDAY,
     [("a century", "DURATION", "P100Y")]),
    ("The dispute has lasted for centuries.", THURSDAY, [("centuries", "DURATION", "PXCE")]),
    # a vague stretch ahead is a duration, as the stretch behind is
    ("Markets will be watched in the coming weeks.", THURSDAY, [("the coming weeks", "DURATION", "PXW")]),
    ("Prices may rise in the months ahead.", THURSDAY, [("the months ahead", "DURATION", "PXM")]),
])
def test_te3_convention(text: str, dct: dt.date, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text, dct) == expected


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    text: str
    type: str
    value: str


def _ids_of_each_half() -> tuple[str, str]:
    ids = [f"p-{number}" for number in range(50)]
    return (next(i for i in ids if split_of(i) == "dev"), next(i for i in ids if split_of(i) == "locked"))


TEXT = "Talks began on Monday and lasted two days."


def _passage(passage_id: str, split: str | None = None) -> dict[str, object]:
    return {"id": passage_id, "dct": "1998-03-19", "split": split or split_of(passage_id), "text": TEXT,
            "timexes": [{"start": 15, "end": 21, "text": "Monday", "type": "DATE", "value": "1998-03-16"},
                        {"start": 33, "end": 41, "text": "two days", "type": "DURATION", "value": "P2D"}]}


def _write(tmp_path: Path, passages: list[dict[str, object]]) -> Path:
    path = tmp_path / "te3style.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in passages), encoding="utf-8")
    return path


def _wrong_on_monday(text: str, dct: dt.date) -> list[_Found]:
    return [_Found(15, 21, "Monday", "DATE", "1998-03-23"), _Found(33, 41, "two days", "DURATION", "P2D")]


def test_scores_each_half_and_lists_only_dev_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SHOW_LOCKED_ERRORS, raising=False)
    dev_id, locked_id = _ids_of_each_half()
    result = evaluate(_write(tmp_path, [_passage(dev_id), _passage(locked_id)]), system=_wrong_on_monday)
    figures = {figure.name: figure.value for figure in result.figures}
    assert figures["dev_value_f1"] == pytest.approx(0.5)
    assert figures["locked_value_f1"] == pytest.approx(0.5)
    assert figures["dev_relaxed_f1"] == pytest.approx(1.0)
    assert [error.id.split(":")[0] for error in result.errors] == [dev_id]


def test_locked_errors_listed_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SHOW_LOCKED_ERRORS, "1")
    dev_id, locked_id = _ids_of_each_half()
    result = evaluate(_write(tmp_path, [_passage(dev_id), _passage(locked_id)]), system=_wrong_on_monday)
    assert sorted(error.id.split(":")[0] for error in result.errors) == sorted([dev_id, locked_id])


def test_a_split_other_than_the_hash_is_refused(tmp_path: Path) -> None:
    dev_id, _ = _ids_of_each_half()
    with pytest.raises(GoldFormatError, match="split"):
        load_gold(_write(tmp_path, [_passage(dev_id, split="locked")]))


def test_an_offset_that_does_not_read_its_words_is_refused(tmp_path: Path) -> None:
    dev_id, _ = _ids_of_each_half()
    passage = _passage(dev_id)
    passage["timexes"] = [{"start": 14, "end": 20, "text": "Monday", "type": "DATE", "value": "1998-03-16"}]
    with pytest.raises(GoldFormatError, match="reads"):
        load_gold(_write(tmp_path, [passage]))


def test_the_shipped_passages_load_and_match_their_source() -> None:
    repository = Path(__file__).resolve().parents[1]
    documents = load_gold(repository / "eval/temporal/te3style.jsonl")
    assert len(documents) >= 40
    assert sum(len(document.timexes) for _, document in documents) >= 200
    assert {split for split, _ in documents} == {"dev", "locked"}

    builder_file = repository / "eval/temporal/build_te3style.py"
    spec = importlib.util.spec_from_file_location("build_te3style", builder_file)
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    rebuilt = [(p["id"], p["text"], len(p["timexes"])) for p in builder.build()]  # the .jsonl is up to date
    assert rebuilt == [(d.id, d.text, len(d.timexes)) for _, d in documents]


@pytest.mark.parametrize(("text", "expected"), [
    ("Profit fell in the third quarter from $27 million in the year-earlier quarter.",
     [("the third quarter", "DATE", "1989-Q3"), ("the year-earlier quarter", "DATE", "1988-Q3")]),
    # the compared period is not where the story goes on: a second mention is the same period
    ("It earned more in the third quarter than in the year-ago period. The year-earlier period was weak.",
     [("the third quarter", "DATE", "1989-Q3"), ("the year-ago period", "DATE", "1988-Q3"),
      ("The year-earlier period", "DATE", "1988-Q3")]),
    ("Sales in June were up from the same month a year earlier.",
     [("June", "DATE", "1989-06"), ("the same month a year earlier", "DATE", "1988-06")]),
    ("It lost money in the first half, after a profit in the same period last year.",
     [("the first half", "DATE", "1989-H1"), ("the same period last year", "DATE", "1988-H1")]),
    # with no period named before it: the DCT's quarter, a year back
    ("Profit fell from the year-earlier quarter.", [("the year-earlier quarter", "DATE", "1988-Q4")]),
    ("Marines entered the city early this morning.", [("early this morning", "TIME", "1989-11-01TMO")]),
])
def test_the_period_a_year_before(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text, dt.date(1989, 11, 1)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Iraqi troops invaded before dawn Thursday.", [("dawn Thursday", "TIME", "1990-08-02TMO")]),
    ("Fighting stopped at dawn on Monday.", [("dawn on Monday", "TIME", "1990-07-30TMO")]),
    ("The curfew ends at dusk Friday.", [("dusk Friday", "TIME", "1990-08-03TEV")]),
])
def test_the_edge_of_the_day_before_a_weekday(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text, dt.date(1990, 8, 2)) == expected

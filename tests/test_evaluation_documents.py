"""The document-level event scorer on a tiny gold and a stand-in coder that returns prepared records."""

from __future__ import annotations

import json
import runpy
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluation.documents import evaluate, load_gold
from eventwire.evaluation.registry import STAGES, GoldFormatError
from eventwire.events.records import ActorRef, Event, EventDate, EventLocation, Evidence

TEXT = (
    "Police arrested ten protesters in Lagos on Monday. "
    "The army shelled the town of Ede. "
    "The minister visited Paris. "
    "The protesters were detained after the rally."
)
SECOND_TEXT = "Rebels attacked a convoy near Goma. Nothing else happened."


def _offset(text: str, phrase: str) -> int:
    return text.index(phrase)


def _sentence(text: str, phrase: str) -> tuple[int, int]:
    start = text.rindex(". ", 0, _offset(text, phrase)) + 2 if ". " in text[: _offset(text, phrase)] else 0
    end = text.index(".", _offset(text, phrase)) + 1
    return start, end


def _gold_event(text: str, trigger: str, type_: str, **fields: Any) -> dict[str, Any]:
    start, _ = _sentence(text, trigger)
    event = {"sentence_start": start, "trigger": trigger, "trigger_start": _offset(text, trigger),
             "type": type_, "mode": None, "source": None, "source_country": None, "target": None,
             "target_country": None, "factuality": "occurred", "date": None, "place": None,
             "place_country": None, "repeat": False}
    event.update(fields)
    return event


GOLD_DOCUMENTS = [
    {"doc": "tr-news:1", "published": "2020-03-04", "split": "dev", "events": [
        _gold_event(TEXT, "arrested", "COERCE", source="Police", source_country="NGA",
                    target="ten protesters", target_country="NGA", date="2020-03", place="Lagos",
                    place_country="NGA"),
        _gold_event(TEXT, "shelled", "ASSAULT", source="The army", source_country="NGA"),
        _gold_event(TEXT, "detained", "COERCE", target="The protesters", repeat=True),
    ]},
    {"doc": "tr-news:2", "published": "2020-03-04", "split": "locked", "events": [
        _gold_event(SECOND_TEXT, "attacked", "ASSAULT", source="Rebels", target="a convoy"),
    ]},
]


def _record(text: str, trigger: str, type_: str | None, *, source: Sequence[tuple[str, str | None]] = (),
            factuality: str = "occurred", date: str | None = None, place_country: str | None = None,
            confidence: float = 0.5) -> Event:
    start, end = _sentence(text, trigger)
    trigger_start = _offset(text, trigger)
    actors = tuple(ActorRef(phrase, _offset(text, phrase), _offset(text, phrase) + len(phrase),
                            country=country) for phrase, country in source)
    return Event(
        type=type_, mode=None, context=(), cameo="010", quad_class=None, intensity=None,
        factuality=factuality,  # type: ignore[arg-type]
        source=actors, target=(),
        evidence=Evidence(text[start:end], start, end, trigger, trigger_start, trigger_start + len(trigger)),
        confidence=confidence,
        date=EventDate(date, date, "day", None, False) if date else None,
        location=EventLocation("here", country=place_country) if place_country else None,
    )


class StandInCoder:
    """Returns the records prepared for each text, whatever the publication date."""

    def __init__(self, records: dict[str, list[Event]]) -> None:
        self.records = records
        self.published: list[str | None] = []
        self.urls: list[str | None] = []

    def code_text(self, text: str, published: str | None = None, url: str | None = None) -> list[Event]:
        self.published.append(published)
        self.urls.append(url)
        return self.records.get(text, [])


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    eval_folder = tmp_path / "eval"
    (eval_folder / "geoparsing").mkdir(parents=True)
    (eval_folder / "geoparsing" / "TR-News.xml").write_text(
        "<articles>"
        f"<article docid='1'><url>https://www.example.co.uk/news/1</url><text>\n  {TEXT}  \n</text>"
        "<dltime>x</dltime></article>"
        f"<article docid='2'><text>{SECOND_TEXT}</text></article>"
        "</articles>", encoding="utf-8")
    annotations = tmp_path / "gold.jsonl"
    annotations.write_text("".join(json.dumps(document) + "\n" for document in GOLD_DOCUMENTS))
    return eval_folder, annotations


def _value(result: Any, name: str) -> float | None:
    figure = result.figure(name)
    assert figure is not None, name
    return figure.value


def test_right_match_wrong_type_extra_record_and_missed_event(folders: tuple[Path, Path]) -> None:
    eval_folder, annotations = folders
    coder = StandInCoder({TEXT: [
        # right: the arrest, with its fields
        _record(TEXT, "arrested", "COERCE", source=[("Police", "NGA")], date="2020-03-02",
                place_country="NGA"),
        # wrong type in the shelling's sentence: the ASSAULT is missed
        _record(TEXT, "shelled", "PROTEST"),
        # extra: a sentence with no gold event
        _record(TEXT, "visited", "CONSULT"),
        # a statement without a PLOVER type: counted, not scored
        _record(TEXT, "visited", None),
    ]})
    result = evaluate(eval_folder, system=coder, annotations=annotations)
    assert result.items == 2
    assert _value(result, "precision_dev") == pytest.approx(1 / 3)
    assert _value(result, "event_precision_dev") == pytest.approx(2 / 3)
    assert _value(result, "recall_dev") == pytest.approx(1 / 2)  # the repeat is not a miss
    assert _value(result, "type_accuracy_dev") == pytest.approx(1 / 2)
    assert result.figure("precision_dev").counts["statements"] == 1  # type: ignore[union-attr]
    for field in ("source", "factuality", "date", "place"):
        assert _value(result, f"{field}_right_dev") == 1.0, field
    assert _value(result, "target_right_dev") == 0.0  # the gold names a target, the record none
    # the locked document got no record: nothing to be precise about, its one event missed
    assert _value(result, "precision_locked") is None
    assert _value(result, "recall_locked") == 0.0
    assert coder.published == ["2020-03-04", "2020-03-04"]
    # each article is coded with its address, as ingest codes a page: the outlet's country comes from it
    assert coder.urls == ["https://www.example.co.uk/news/1", None]
    notes = {case.note for case in result.errors}
    assert notes == {"record matches no gold event", "gold event missed"}
    assert all(case.id.startswith("tr-news:1@") for case in result.errors)  # locked errors withheld


def test_a_record_matching_a_repeat_is_right_but_adds_no_recall(folders: tuple[Path, Path]) -> None:
    eval_folder, annotations = folders
    attack = _record(SECOND_TEXT, "attacked", "ASSAULT", source=[("Rebels", None)])
    coder = StandInCoder({TEXT: [_record(TEXT, "detained", "COERCE")], SECOND_TEXT: [attack]})
    result = evaluate(eval_folder, system=coder, annotations=annotations)
    assert _value(result, "precision_dev") == 1.0
    assert _value(result, "recall_dev") == 0.0
    assert result.figure("recall_dev").counts["repeats_found"] == 1  # type: ignore[union-attr]
    assert _value(result, "precision_locked") == 1.0
    assert _value(result, "recall_locked") == 1.0
    assert _value(result, "source_right_locked") == 1.0


def test_each_gold_event_is_matched_once(folders: tuple[Path, Path]) -> None:
    eval_folder, annotations = folders
    twice = _record(TEXT, "arrested", "COERCE")
    coder = StandInCoder({TEXT: [twice, twice]})
    result = evaluate(eval_folder, system=coder, annotations=annotations)
    assert _value(result, "precision_dev") == pytest.approx(1 / 2)
    assert _value(result, "recall_dev") == pytest.approx(1 / 2)


def test_precision_and_recall_at_a_confidence_threshold(folders: tuple[Path, Path]) -> None:
    eval_folder, annotations = folders
    coder = StandInCoder({TEXT: [
        _record(TEXT, "arrested", "COERCE", confidence=0.9),  # right, kept at both thresholds
        _record(TEXT, "visited", "CONSULT", confidence=0.6),  # wrong, kept at 0.5 only
        _record(TEXT, "shelled", "ASSAULT", confidence=0.3),  # right, dropped at both
        _record(TEXT, "detained", "COERCE", confidence=0.8),  # a repeat: right, no recall
    ]})
    result = evaluate(eval_folder, system=coder, annotations=annotations)
    assert _value(result, "precision_dev") == pytest.approx(3 / 4)
    assert _value(result, "precision_at_0.5_dev") == pytest.approx(2 / 3)
    assert _value(result, "recall_at_0.5_dev") == pytest.approx(1 / 2)
    assert _value(result, "precision_at_0.7_dev") == 1.0
    assert result.figure("precision_at_0.7_dev").counts == {"records": 2, "matched": 2}  # type: ignore[union-attr]
    assert _value(result, "recall_at_0.7_dev") == pytest.approx(1 / 2)
    assert _value(result, "precision_at_0.7_locked") is None  # the locked document got no record
    bands = next(note for note in result.notes if note.startswith("records by confidence, dev"))
    assert "0.00-0.50: n=1 conf=0.300 matched=1.000" in bands
    assert "0.50-0.70: n=1 conf=0.600 matched=0.000" in bands
    assert "0.70-0.85: n=1 conf=0.800 matched=1.000" in bands


def test_wrong_fields_of_a_matched_pair(folders: tuple[Path, Path]) -> None:
    eval_folder, annotations = folders
    coder = StandInCoder({TEXT: [_record(TEXT, "arrested", "COERCE", source=[("Police", "GHA")],
                                         factuality="planned", date="2020-04-01", place_country="GHA")]})
    result = evaluate(eval_folder, system=coder, annotations=annotations)
    assert _value(result, "precision_dev") == 1.0
    for field in ("source", "factuality", "date", "place"):
        assert _value(result, f"{field}_right_dev") == 0.0, field


def test_a_document_without_its_text_is_a_gold_error(folders: tuple[Path, Path], tmp_path: Path) -> None:
    eval_folder, _ = folders
    annotations = tmp_path / "other.jsonl"
    annotations.write_text(json.dumps({"doc": "page:nowhere", "split": "dev", "events": []}) + "\n")
    with pytest.raises(GoldFormatError, match="page:nowhere"):
        evaluate(eval_folder, system=StandInCoder({}), annotations=annotations)


def test_the_repository_gold_is_well_formed() -> None:
    documents = load_gold(Path(__file__).resolve().parents[1] / "eval" / "documents" / "gold.jsonl")
    assert len(documents) >= 32
    # every batch is split half and half by its own rule (an odd batch leaves one more on one side)
    batches = runpy.run_path(str(Path(__file__).resolve().parents[1] / "scripts" / "doc_gold_batches.py"))
    single = {name: span for name, span in batches["BATCHES"].items() if name not in ("first90", "all")}
    covered = sorted(single.values())
    assert covered[0][0] == 0 and covered[-1][1] == len(documents), "the batches cover the whole file"
    for name, (start, stop) in single.items():
        splits = [document.split for document in documents[start:stop]]
        assert abs(splits.count("locked") - splits.count("dev")) <= 1, name
    assert STAGES["events-docs"].module == "documents"


def test_a_trigger_offset_off_its_word_is_a_gold_error(folders: tuple[Path, Path], tmp_path: Path) -> None:
    eval_folder, _ = folders
    shifted = dict(GOLD_DOCUMENTS[1], events=[dict(GOLD_DOCUMENTS[1]["events"][0], trigger_start=3)])
    annotations = tmp_path / "shifted.jsonl"
    annotations.write_text(json.dumps(shifted) + "\n")
    with pytest.raises(GoldFormatError, match="attacked"):
        evaluate(eval_folder, system=StandInCoder({}), annotations=annotations)

"""scripts/doc_gold_agreement.py: two annotators of the document gold scored with the stage's own matching."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from eventwire.evaluation.documents import GoldDocument, GoldEvent, load_gold
from fixtures.scripts import load_script

REPOSITORY = Path(__file__).resolve().parents[1]
TEXT = ("Police arrested two men in Leeds on Monday. The mayor criticised the police. "
        "The minister promised an inquiry.")


@pytest.fixture(scope="module")
def agreement_script() -> ModuleType:
    script = REPOSITORY / "scripts" / "doc_gold_agreement.py"
    return load_script(script, "doc_gold_agreement")


def _sentences(text: str) -> list[tuple[int, int]]:
    # A plain splitter keeps the test off the spaCy model: sentences end at ". ".
    return [(match.start(), match.end()) for match in re.finditer(r"[^.]+\.", text)]


def _event(trigger: str, event_type: str, *, repeat: bool = False, source: str | None = None) -> GoldEvent:
    start = TEXT.index(trigger)
    sentence_start = max(TEXT.rfind(". ", 0, start) + 2, 0) if ". " in TEXT[:start] else 0
    return GoldEvent(sentence_start, trigger, start, event_type, source, None, None, None, "occurred", None,
                     None, repeat)


def _document(*events: GoldEvent) -> GoldDocument:
    return GoldDocument("tr-news:1", "2016-12-12", "dev", events)


FIRST = _document(_event("arrested", "COERCE", source="Police"),
                  _event("criticised", "ACCUSE", source="mayor"),
                  _event("promised", "AGREE", source="minister"))


def test_an_annotator_agrees_fully_with_itself(agreement_script: ModuleType) -> None:
    result = agreement_script.agreement([FIRST], [FIRST], {"tr-news:1": TEXT}, _sentences)
    assert (result.records, result.matched, result.gold, result.found) == (3, 3, 3, 3)
    assert result.precision == result.recall == result.f1 == 1.0
    assert result.fields["source"] == (3, 3)


def test_another_type_or_another_sentence_is_a_disagreement(agreement_script: ModuleType) -> None:
    # The second annotator calls the criticism a REJECT and puts the promise's trigger in the wrong sentence
    # (the mayor's): neither matches; the arrest still does.
    moved = replace(FIRST.events[2], trigger_start=TEXT.index("the police"))
    second = _document(FIRST.events[0], replace(FIRST.events[1], type="REJECT"), moved)
    result = agreement_script.agreement([FIRST], [second], {"tr-news:1": TEXT}, _sentences)
    assert (result.matched, result.found) == (1, 1)
    assert result.precision == pytest.approx(1 / 3) and result.recall == pytest.approx(1 / 3)
    per_type = agreement_script.agreement([FIRST], [second], {"tr-news:1": TEXT}, _sentences, "ACCUSE")
    assert (per_type.records, per_type.gold, per_type.found) == (0, 1, 0)


def test_a_missed_repeat_is_no_miss_and_a_found_one_is_right(agreement_script: ModuleType) -> None:
    first = _document(*FIRST.events, _event("criticised", "ACCUSE", repeat=True))
    alone = agreement_script.agreement([first], [FIRST], {"tr-news:1": TEXT}, _sentences)
    assert (alone.gold, alone.found, alone.records, alone.matched) == (3, 3, 3, 3)


def test_the_second_annotators_file_covers_dev_articles_of_the_gold_only() -> None:
    gold = {document.doc: document for document in load_gold(REPOSITORY / "eval/documents/gold.jsonl")}
    second = load_gold(REPOSITORY / "eval/documents/second-annotator.jsonl")
    assert len(second) == 8
    assert all(gold[document.doc].split == "dev" == document.split for document in second)
    assert all(gold[document.doc].published == document.published for document in second)

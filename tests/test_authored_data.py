"""The authored event sentences (data/training/events) as the trainer reads them.

check.py is the authors' own gate; these tests run it on every batch, and check what the trainer relies on
beyond it: it finds a trigger, source or target by the first occurrence of the phrase in the text, so a
phrase that first occurs inside a longer word ("India" in "Indian airlines") would label the wrong words.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.events.learned import authored, split
from fixtures.scripts import load_script

EVENTS_FOLDER = Path(__file__).resolve().parents[1] / "data" / "training" / "events"
# The batches whose labels this check was run on when it was written (d1-d3 relabelled and d7-negative,
# session 18); other batches are checked by check.py alone.
WHOLE_WORD_BATCHES = ("d1-", "d2-", "d3-", "d7-negative-", "d8-plain-", "d8-news-")


def _check_module():  # type: ignore[no-untyped-def]
    return load_script(EVENTS_FOLDER / "check.py", "authored_check")


def test_check_py_finds_no_problem_in_any_batch(capsys: pytest.CaptureFixture[str]) -> None:
    files = authored.data_files(EVENTS_FOLDER)
    assert any(path.name.startswith("d7-negative-") for path in files)
    assert _check_module().check(files) == 0, capsys.readouterr().out[-2000:]


def test_check_py_reports_a_trigger_that_is_not_in_the_text(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    row = {"id": "x-00001", "text": "Police arrested ten protesters in Lagos on Monday.",
           "events": [{"type": "COERCE", "trigger": "detained", "source": "Police", "target": None,
                       "factuality": "occurred"}], "style": "wire", "region": "africa"}
    bad = tmp_path / "x-01.jsonl"
    bad.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert _check_module().check([bad]) == 1
    assert "trigger 'detained' is not in the text" in capsys.readouterr().out


def _first_occurrence_is_a_whole_word(text: str, phrase: str) -> bool:
    start = text.find(phrase)
    end = start + len(phrase)
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return start >= 0 and not before.isalnum() and not after.isalnum()


def test_the_first_occurrence_of_each_labelled_phrase_is_a_whole_word() -> None:
    assert not _first_occurrence_is_a_whole_word("Pakistan closed its airspace to Indian airlines and "
                                                 "suspended trade with India.", "India")
    inside_words = []
    for path in authored.data_files(EVENTS_FOLDER):
        if not path.name.startswith(WHOLE_WORD_BATCHES):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            for event in row["events"]:
                for key in ("trigger", "source", "target"):
                    phrase = event.get(key)
                    if phrase and not _first_occurrence_is_a_whole_word(row["text"], phrase):
                        inside_words.append((row["id"], key, phrase))
    assert inside_words == []


def test_the_d7_negative_batch_is_trained_on_and_every_row_loads() -> None:
    rows = [json.loads(line) for path in sorted(EVENTS_FOLDER.glob("d7-negative-*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 800
    assert not any(row["id"].startswith(split.TEST_ONLY_PREFIXES) for row in rows)
    parts = {split.part_of(row["id"]) for row in rows}
    assert parts == {"train", "calibration", "locked"}
    loaded, rejected = authored.load(sorted(EVENTS_FOLDER.glob("d7-negative-*.jsonl")))
    assert rejected == 0 and len(loaded) == len(rows)
    negatives = [row for row in rows if not row["events"]]
    assert all(row.get("negative_kind") for row in negatives)
    # the contrast rows, the same words in their event sense, are about a fifth of the batch
    assert 0.15 <= 1 - len(negatives) / len(rows) <= 0.3

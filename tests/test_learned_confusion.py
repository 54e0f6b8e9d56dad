"""The type confusion tables of the learned stage and the training parse cache (session 21, issue #15)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.events.learned import confusion, train
from eventwire.events.learned.authored import CLASSES, AuthoredSentence


def _index(name: str) -> int:
    return CLASSES.index(name)


def test_the_confusion_counts_gold_against_predicted_and_pairs_types_both_ways() -> None:
    gold = [_index(t) for t in ("ACCUSE", "ACCUSE", "ASSAULT", "ASSAULT", "NONE", "AGREE", "AGREE")]
    predicted = [_index(t) for t in ("ASSAULT", "ACCUSE", "ACCUSE", "ASSAULT", "PROTEST", "NONE", "CONCEDE")]
    counts = confusion.count(gold, predicted)
    assert counts[("ACCUSE", "ASSAULT")] == 1 and counts[("ASSAULT", "ACCUSE")] == 1
    assert counts[("NONE", "PROTEST")] == 1 and counts[("AGREE", "NONE")] == 1
    # NONE is no type: a missed event or a false one is not a type confusion
    assert confusion.type_pairs(counts) == [(("ACCUSE", "ASSAULT"), 2), (("AGREE", "CONCEDE"), 1)]
    text = confusion.summary(counts)
    assert "events 6: right type 2 (0.3333), read as NONE 1, another type 3" in text
    assert "NONE candidates read as an event 1" in text
    rows = confusion.table(counts).splitlines()
    accuse = next(row for row in rows if row.startswith("ACCUSE"))
    assert accuse.split()[-2:] == ["2", "0.500"]  # two ACCUSE events, one read right
    assert not any(row.startswith("COERCE") for row in rows)  # classes never seen are left out


def test_head_settings_are_read_from_the_command_line_form() -> None:
    default = confusion.HeadSettings.parse("", 0.5)
    assert default == confusion.HeadSettings(0.5)
    chosen = confusion.HeadSettings.parse("power=0.75, hidden=96,epochs=8,l2=1e-4", 0.5)
    assert chosen == confusion.HeadSettings(0.75, 96, 8, 1e-4)
    with pytest.raises(ValueError, match="unknown head setting 'depth'"):
        confusion.HeadSettings.parse("depth=3", 0.5)


def test_the_document_table_refuses_the_untouched_lines() -> None:
    with pytest.raises(SystemExit):
        confusion.main(["documents", "--lines", "0:137"])
    with pytest.raises(SystemExit):
        confusion.main(["documents", "--lines", "90:"])


@pytest.fixture
def counting_nlp() -> tuple[Language, list[str]]:
    """A blank pipeline whose one component records the texts it sees and sets a tensor from the text."""
    seen: list[str] = []
    nlp = spacy.blank("en")

    @Language.component("test_tensor_from_text")
    def tensor_from_text(doc: Doc) -> Doc:
        seen.append(doc.text)
        doc.tensor = np.array([[len(token.text), len(doc.text)] for token in doc], dtype=np.float32)
        return doc

    nlp.add_pipe("test_tensor_from_text")
    return nlp, seen


def _sentence(number: int, text: str) -> AuthoredSentence:
    return AuthoredSentence(f"x-{number:05d}", text, ())


def test_adding_sentences_parses_only_the_new_ones_and_keeps_the_cached_tensors(
        tmp_path: Path, counting_nlp: tuple[Language, list[str]]) -> None:
    nlp, seen = counting_nlp
    first = [_sentence(1, "Police detained two reporters."), _sentence(2, "The talks went well today.")]
    train.parse(nlp, first, tmp_path)
    assert seen == [s.text for s in first]
    seen.clear()
    both = [first[1], _sentence(3, "Rebels shelled the town at dawn."), first[0]]
    docs = train.parse(nlp, both, tmp_path)
    assert seen == ["Rebels shelled the town at dawn."]  # the two cached sentences were not parsed again
    assert [d.text for d in docs] == [s.text for s in both]
    for doc in docs:
        expected = [[len(token.text), len(doc.text)] for token in doc]
        assert doc.tensor.tolist() == expected
    seen.clear()
    assert [d.text for d in train.parse(nlp, both, tmp_path)] == [s.text for s in both]
    assert seen == []  # now cached exactly


def test_trained_heads_are_never_compared_on_the_locked_part() -> None:
    with pytest.raises(ValueError, match="the locked part is not"):
        confusion.part_confusions(Path("data/training/events"), None, [], part="locked")


def test_the_confusion_batch_is_held_out_and_leaves_the_training_parts_as_they_were() -> None:
    from eventwire.events.learned import authored, split

    folder = Path(__file__).resolve().parents[1] / "data" / "training" / "events"
    held_out, _ = authored.load(sorted(folder.glob("t21-*.jsonl")))
    assert len(held_out) >= 200
    assert {split.part_of(sentence.id) for sentence in held_out} == {"locked"}
    # the hash alone would have put some in train and calibration: the prefix is what holds them out
    assert {split._part(split._bucket(s.id, "part") % 100, split.LOCKED_PERCENT, split.CALIBRATION_PERCENT)
            for s in held_out} == {"train", "calibration", "locked"}

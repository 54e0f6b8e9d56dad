"""Frame words that give a record only with an embedded act or a named addressee (issue #15,
docs/events.md "Frames audit (session 19)"): "agreed." / "agreed that ...", "failed to ..." / "failed",
"insisted that ..." are seldom events on the authored sentences; the same words embedding an act or
naming whom they are said to keep their record."""

from __future__ import annotations

import pytest

from eventwire.events import EventCoder, TriggerTable
from eventwire.events.ontology import OntologyError
from eventwire.events.triggers import FRAME_SHAPES, frame_shape, names_addressee


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load(with_places=False)


def _types(coder: EventCoder, text: str) -> list[str]:
    return [e.type for e in coder.code_text(text, "2024-03-01") if e.type]


@pytest.mark.parametrize("text", [
    "The rebels agreed.",
    "Officials agreed that the talks had been useful.",
    "The government failed.",
    "Ethiopia and Egypt failed to agree on the rules for the dam on Tuesday.",
    "Iran insisted that its nuclear programme was peaceful.",
])
def test_a_weak_frame_with_no_act_and_no_addressee_gives_no_record(coder: EventCoder, text: str) -> None:
    assert _types(coder, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The rebels agreed to a ceasefire.", "AGREE"),  # an embedded act
    ("Turkey agreed with Russia.", "AGREE"),  # whom it was agreed with
    ("Iran insisted that Israel withdraw its troops from the border.", "REQUEST"),
    ("The two delegations failed to reach a deal on the border.", "REJECT"),  # CAMEO's 120, as before
])
def test_the_same_frame_words_with_an_act_or_addressee_keep_their_record(
        coder: EventCoder, text: str, expected: str) -> None:
    assert expected in _types(coder, text)


def test_shapes_and_addressees_are_read_off_the_parse(coder: EventCoder) -> None:
    def word(text: str, lemma: str):  # type: ignore[no-untyped-def]
        return next(t for t in coder.nlp(text) if t.lemma_ == lemma)

    assert frame_shape(word("The rebels agreed.", "agree")) == "VERB-bare"
    assert frame_shape(word("Iran insisted that its programme was peaceful.", "insist")) == "VERB+ccomp"
    assert frame_shape(word("Russia urged Iran to stop.", "urge")) == "VERB+obj+xcomp"
    assert not names_addressee(word("The rebels agreed.", "agree"))
    assert names_addressee(word("Turkey agreed with Russia.", "agree"))


def test_the_shipped_table_lists_frame_words_and_shapes_it_knows() -> None:
    table = TriggerTable.load()
    assert table.frames_need_act
    assert {shape for _, shape in table.frames_need_act} <= FRAME_SHAPES
    assert ("fail", "VERB+xcomp") in table.frames_need_act


def test_the_table_rejects_an_unknown_word_or_shape() -> None:
    table = TriggerTable.load()
    with pytest.raises(OntologyError, match="no frame word"):
        table.parse_frames_need_act({"attack": ["VERB-bare"]})
    with pytest.raises(OntologyError, match="shapes come from"):
        table.parse_frames_need_act({"agree": ["NOUN-whatever"]})
    assert table.parse_frames_need_act({"Agree": ["VERB-bare"]}) == frozenset({("agree", "VERB-bare")})

"""Acts named inside another act's content give no record of their own (issue #15, session 22,
docs/events.md): what a verb allows, causes or asks another to do ("allowed the U.N. to deliver aid"),
and what an accusation charges ("accused the general of killing protesters"). The speech act keeps its
record; an act the narrator reports as done keeps its own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.events import EventCoder, candidates
from eventwire.events.candidates import content_kind


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load(with_places=False)


@pytest.fixture
def without_content_rules() -> Iterator[None]:
    kept = candidates.CONTENT_RULES
    candidates.CONTENT_RULES = frozenset()
    yield
    candidates.CONTENT_RULES = kept


@pytest.fixture(autouse=True)
def every_content_rule() -> Iterator[None]:
    """The charged-act rule is off by default (docs/events.md); these tests read both kinds."""
    kept = candidates.CONTENT_RULES
    candidates.CONTENT_RULES = frozenset(candidates.CONTENT_KINDS)
    yield
    candidates.CONTENT_RULES = kept


def _types(coder: EventCoder, text: str) -> list[str]:
    return [e.type for e in coder.code_text(text, "2024-03-01") if e.type]


CONTENT_CASES = [
    ("Prosecutors accused the general of killing unarmed protesters in Mandalay.", "ASSAULT", "ACCUSE"),
    ("The ministry charged the mayor with corruption and of attacking a journalist.", "ASSAULT", None),
    ("Syria allowed the United Nations to deliver aid to the besieged town.", "AID", None),
]


@pytest.mark.parametrize(("text", "embedded", "speech_act"), CONTENT_CASES)
def test_an_act_inside_another_acts_content_gives_no_record(
        coder: EventCoder, text: str, embedded: str, speech_act: str | None) -> None:
    types = _types(coder, text)
    assert embedded not in types
    if speech_act is not None:
        assert speech_act in types


@pytest.mark.parametrize(("text", "embedded", "speech_act"), CONTENT_CASES)
def test_without_the_rules_the_same_sentences_give_the_embedded_record(
        coder: EventCoder, without_content_rules: None, text: str, embedded: str, speech_act: str | None
) -> None:
    # the sentences above exercise the rules: with them off the embedded act is read as done
    assert embedded in _types(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Soldiers killed twelve protesters in Mandalay on Sunday.", "ASSAULT"),  # told as done
    ("Iran threatened to attack the tankers in the Gulf.", "THREATEN"),  # a frame composes its act
    ("The rebels agreed to allow the Red Cross to deliver aid.", "AGREE"),
])
def test_acts_told_as_done_or_composed_by_a_frame_keep_their_record(
        coder: EventCoder, text: str, expected: str) -> None:
    assert expected in _types(coder, text)


def test_content_kind_reads_the_parse(coder: EventCoder) -> None:
    def word(text: str, lower: str):  # type: ignore[no-untyped-def]
        return next(t for t in coder.nlp(text) if t.lower_ == lower)

    # a conjunct is judged by its first conjunct
    sentence = "The US tried to force the Palestinians to capitulate and give up their claims."
    assert content_kind(word(sentence, "give")) == content_kind(word(sentence, "capitulate"))
    # a to-infinitive sharing the verb's subject names no other actor's act
    assert content_kind(word("The army decided to withdraw from the town.", "withdraw")) is None
    assert content_kind(word("Police arrested the man who attacked the mayor.", "attacked")) is None


def test_the_relation_of_a_records_word_to_the_gold_trigger(coder: EventCoder) -> None:
    from eventwire.events.learned.confusion import RELATIONS, relation

    doc = coder.nlp("Prosecutors accused the general of killing protesters. "
                    "Soldiers attacked and burned a village.")
    word = {t.lower_: t for t in doc}
    assert relation(word["killing"], word["accused"]) == RELATIONS[1]  # inside the gold act's content
    assert relation(word["accused"], word["killing"]) == RELATIONS[2]  # the gold act inside the record's
    assert relation(word["burned"], word["attacked"]) == RELATIONS[3]
    assert relation(word["accused"], word["accused"]) == RELATIONS[0]
    assert relation(word["burned"], word["killing"]) == RELATIONS[4]  # another sentence's act

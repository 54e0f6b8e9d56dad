"""Records that are not events on whole real articles, third round (issue #15, session 23; docs/events.md).

Three tests of `factuality.not_asserted`, each a construction, not a word list of errors:
- wished sight: the act under a to-infinitive of seeing ("would like to see China agree") is wished or
  welcomed, not reported;
- needed only: the to-infinitive of need/have ("need to negotiate", "will have to release") is an
  obligation;
- terms of a thing: what an agreement, plan or law lets someone do ("a deal that would allow the rebels
  to keep") is a term it provides.
And the one "caused act" rule (candidates.content_kind) that replaced two overlapping ones (the candidates
step's "caused act" and factuality's "made to act"). Each is set beside sentences where the same words
report the act, which must keep their record. The sentences are written for these tests, not taken from
any evaluation set."""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from eventwire.events import EventCoder, candidates, factuality
from eventwire.events.coder_pipeline import run_steps
from eventwire.events.doc_state import ArticleInfo, Candidate
from fixtures.coded import has_record as _has
from fixtures.coded import type_and_trigger

NEW_CHECKS = frozenset(name for name, _ in factuality.STATEMENT_CHECKS)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load(with_places=False)


@pytest.fixture
def checks_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(factuality, "DISABLED_CHECKS", NEW_CHECKS)


def _records(coder: EventCoder, text: str) -> set[tuple[str | None, str]]:
    return type_and_trigger(coder, text, "2024-03-01")


# (sentence whose act is not asserted, the act's type, its word)
NOT_ASSERTED = [
    pytest.param("Diplomats would like to see both parties sign the accord.", "AGREE", "sign",
                 id="like-to-see"),
    pytest.param("The minister hopes to see the rebels release the hostages.", "RETREAT", "release",
                 id="hopes-to-see"),
    pytest.param("The mediators say Russia needs to withdraw its troops from the border.", "RETREAT",
                 "withdraw", id="needs-to"),
    pytest.param("The government will have to release the detained journalists.", "RETREAT", "release",
                 id="have-to"),
    pytest.param("A draft deal that would allow the rebels to keep their weapons was circulated.", "CONCEDE",
                 "allow", id="deal-allows"),
]

# (sentence where the same words report the act): the checks must leave these alone
REPORTED = [
    pytest.param("The villagers saw soldiers attack the convoy on Monday.", "ASSAULT", "attack", id="saw"),
    pytest.param("Russia withdrew its troops from the border on Friday.", "RETREAT", "withdrew", id="did"),
    pytest.param("The government released the detained journalists on Friday.", "RETREAT", "released",
                 id="released"),
    pytest.param("The regime allowed aid agencies to deliver food to the city.", "CONCEDE", "allowed",
                 id="regime-allowed"),
    pytest.param("The president's visit to Kenya on Monday was praised.", "CONSULT", "visit",
                 id="named-visit"),
]


@pytest.mark.parametrize(("sentence", "type_", "word"), NOT_ASSERTED)
def test_an_act_the_sentence_does_not_assert_gives_no_record(coder: EventCoder, sentence: str, type_: str,
                                                             word: str) -> None:
    assert not _has(_records(coder, sentence), type_, word)


@pytest.mark.parametrize(("sentence", "type_", "word"), NOT_ASSERTED)
def test_the_new_checks_are_what_drop_it(coder: EventCoder, checks_off: None, sentence: str, type_: str,
                                         word: str) -> None:
    # with the session's checks off the same word gives its record: the checks, not another step, decide
    assert _has(_records(coder, sentence), type_, word)


@pytest.mark.parametrize(("sentence", "type_", "word"), REPORTED)
def test_a_reported_act_keeps_its_record(coder: EventCoder, sentence: str, type_: str, word: str) -> None:
    assert _has(_records(coder, sentence), type_, word)


def _candidate(coder: EventCoder, text: str, word: str) -> tuple[Candidate, dict[int, Candidate]]:
    doc = run_steps(coder.steps, coder.nlp(text), ArticleInfo(None, None, None))
    found = [c for c in doc._.event_candidates or () if c.token.lower_ == word]
    assert found, f"no candidate {word!r} in {text!r}"
    sentence = [c for c in doc._.event_candidates if c.sentence_start == found[0].sentence_start]
    return found[0], {c.token.i: c for c in sentence}


@pytest.mark.parametrize(("sentence", "word", "reason"), [
    ("A draft deal that would allow the rebels to keep their weapons was circulated.", "allow",
     "terms of a thing"),
    ("Both sides need to negotiate a new ceasefire.", "negotiate", "needed only"),
    ("Officials are pleased to see the army withdraw from the valley.", "withdraw", "wished sight"),
])
def test_each_check_names_its_reason(coder: EventCoder, sentence: str, word: str, reason: str) -> None:
    candidate, by_index = _candidate(coder, sentence, word)
    assert factuality.not_asserted(candidate, by_index) == reason


@pytest.mark.parametrize(("sentence", "word"), [
    ("The villagers saw soldiers attack the convoy.", "attack"),  # seen, not wished
    ("Russia withdrew its troops from the border.", "withdrew"),
    ("The army allowed the convoys to enter the city.", "allowed"),  # an actor lets, not a deal
])
def test_the_checks_leave_reported_acts_alone(coder: EventCoder, sentence: str, word: str) -> None:
    candidate, by_index = _candidate(coder, sentence, word)
    assert factuality.not_asserted(candidate, by_index) not in NEW_CHECKS


# The one "caused act" rule: both shapes it reads, and what it leaves alone.
@pytest.mark.parametrize(("sentence", "word", "caused"), [
    ("The police chase caused the angry crowd to attack the bus.", "attack", True),  # own subject
    ("Several senior officials of the league were forced to resign.", "resign", True),  # agentless passive
    ("A police unit assigned to investigate the ring met the witness.", "investigate", True),  # reduced
    ("The senator was hired by the committee to investigate the ministry.", "investigate", False),  # agent
    ("The minister is expected to resign on Friday.", "resign", False),  # scheduled
    ("The army decided to withdraw from the town.", "withdraw", False),  # the subject's own act
])
def test_the_caused_act_rule_reads_both_shapes(coder: EventCoder, sentence: str, word: str,
                                               caused: bool) -> None:
    token: Token = next(t for t in coder.nlp(sentence) if t.lower_ == word)
    assert (candidates.content_kind(token) == "caused act") is caused


def test_factuality_applies_the_candidates_rule_and_has_none_of_its_own(coder: EventCoder) -> None:
    # the model's own candidates never pass the candidates step: factuality asks the same rule for them,
    # so switching the rule off in one place switches it off for both
    text = "Several senior officials were forced to resign."
    candidate, by_index = _candidate(coder, text, "resign")
    assert candidate.consumed
    assert factuality.not_asserted(candidate, by_index) == "made to act"
    saved = candidates.CONTENT_RULES
    try:
        candidates.CONTENT_RULES = frozenset()
        candidate, by_index = _candidate(coder, text, "resign")
        assert not candidate.consumed
        assert factuality.not_asserted(candidate, by_index) is None
        assert _has(_records(coder, text), "RETREAT", "resign")
    finally:
        candidates.CONTENT_RULES = saved

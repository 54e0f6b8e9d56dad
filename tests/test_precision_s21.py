"""Records that are not events on whole real articles (issue #15, session 21; docs/events.md, "Session
21: records that are not events").

Each construction is a sentence whose trigger word names an act the sentence does not report (supposed in a
condition, able to happen, the subject of a guess, a press conference, a
reporter's request for comment, a natural force's "strike", a warning of a state of things, a published
thing "released"), set beside a sentence where the same word reports the act, which must keep its record.
The sentences are written for these tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from eventwire.events import EventCoder, factuality


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load(with_places=False)


def _types(coder: EventCoder, text: str) -> set[tuple[str | None, str]]:
    return {(event.type, event.evidence.trigger.lower()) for event in coder.code_text(text)}


# (sentence with no act, the record it must not give, sentence with the act, the record it must give)
CONTRASTS = [
    pytest.param("If the rebels attack the town, the army will respond.", ("ASSAULT", "attack"),
                 "The rebels attacked the town on Monday.", ("ASSAULT", "attacked"), id="condition"),
    pytest.param("Officials will decide whether the government will release the prisoners.",
                 ("RETREAT", "release"), "The government released the prisoners on Monday.",
                 ("RETREAT", "released"), id="indirect-question"),
    pytest.param("The minister said the army will be able to reach an agreement with the rebels.",
                 ("AGREE", "reach"), "The army reached an agreement with the rebels on Monday.",
                 ("AGREE", "reached"), id="able-to"),
    pytest.param("The president held a news conference in Washington on Monday.", ("CONSULT", "conference"),
                 "The president held a meeting with the Chinese premier in Washington on Monday.",
                 ("CONSULT", "meeting"), id="press-conference"),
    pytest.param("A powerful earthquake struck northern Iran on Sunday.", ("ASSAULT", "struck"),
                 "Gunmen struck a police post in northern Iran on Sunday.", ("ASSAULT", "struck"),
                 id="natural-force"),
    pytest.param("Doctors warned that the hospitals in the capital are overcrowded.", ("THREATEN", "warned"),
                 "The army warned that it would attack the rebels.", ("THREATEN", "warned"),
                 id="warning-of-a-state"),
    pytest.param("Police released footage of the clash on Monday.", ("RETREAT", "released"),
                 "Police released the detained journalists on Monday.", ("RETREAT", "released"),
                 id="released-footage"),
]


@pytest.mark.parametrize(("no_act", "not_wanted", "act", "wanted"), CONTRASTS)
def test_a_named_act_gives_no_record_and_a_reported_one_does(coder: EventCoder, no_act: str,
                                                           not_wanted: tuple[str, str], act: str,
                                                           wanted: tuple[str, str]) -> None:
    assert not_wanted not in _types(coder, no_act)
    assert wanted in _types(coder, act)


def test_a_scheduled_act_stays(coder: EventCoder) -> None:
    """"due to meet" plans a meeting (an event, planned), unlike "able to" which only says one can."""
    assert ("CONSULT", "meet") in _types(coder, "The mayor is due to meet the union leaders on Tuesday.")


def test_a_request_for_comment_is_no_request(coder: EventCoder) -> None:
    assert not any(kind == "REQUEST" for kind, _ in
                   _types(coder, "The ministry did not respond to a request for comment."))


def test_the_subject_of_a_guess_gives_no_record(coder: EventCoder) -> None:
    assert ("AGREE", "offer") not in _types(
        coder, "Ottawa's latest offer would leave the provinces worse off, the ministers said.")


@pytest.mark.parametrize("reason", [reason for reason, _ in factuality.UNASSERTED_CHECKS])
def test_each_check_is_what_drops_its_sentence(coder: EventCoder, monkeypatch: pytest.MonkeyPatch,
                                               reason: str) -> None:
    """Switching one check off brings its sentence's record back: the record was dropped by that check,
    not by another step (so each check's measure in docs/events.md, "Session 21: records that are not
    events", is its own)."""
    sentences = {
        "condition": ("If the rebels attack the town, the army will respond.", ("ASSAULT", "attack")),
        "able to": ("The minister said the army will be able to reach an agreement with the rebels.",
                    ("AGREE", "reach")),
        "subject of a guess": ("Ottawa's latest offer would leave the provinces worse off, the ministers"
                               " said.", ("AGREE", "offer")),
        "press conference": ("The president held a news conference in Washington on Monday.",
                             ("CONSULT", "conference")),
        "request for a word": ("The ministry did not respond to a request for comment.",
                               ("REQUEST", "request")),
        "natural force": ("A powerful earthquake struck northern Iran on Sunday.", ("ASSAULT", "struck")),
    }
    text, record = sentences[reason]
    assert record not in _types(coder, text)
    monkeypatch.setattr(factuality, "UNASSERTED_CHECKS",
                        tuple(check for check in factuality.UNASSERTED_CHECKS if check[0] != reason))
    assert record in _types(coder, text)


def test_the_warning_of_a_state_is_what_drops_the_warning(coder: EventCoder,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Doctors warned that the hospitals in the capital are overcrowded."
    assert ("THREATEN", "warned") not in _types(coder, text)
    monkeypatch.setattr(factuality, "WARNING_OF_A_STATE", False)
    assert ("THREATEN", "warned") in _types(coder, text)


def test_attacking_a_proposal_is_criticism_and_attacking_a_convoy_an_assault(coder: EventCoder) -> None:
    criticism = _types(coder, "The opposition leader attacked the government's proposal to raise taxes.")
    assert ("ACCUSE", "attacked") in criticism and ("ASSAULT", "attacked") not in criticism
    assault = _types(coder, "Rebels attacked an army convoy near the border on Monday.")
    assert ("ASSAULT", "attacked") in assault

"""Records that are not events on whole real articles, fourth round (issue #15, session 24;
docs/events.md, "Session 24: records that are not events").

Each rule is a construction, set beside sentences where the same words report the act and keep their record:
- named as content (`factuality.not_asserted`): a gerund on "of" under a noun that is no act ("his fear of
  being extradited") or under "instead of" is what is feared or not done;
- call without appeal (`factuality.other_sense`): "call" is a request only when it asks someone for
  something ("called on", "called for", "called X to act"), not when it names ("called the demands
  unrealistic") or summons ("police were called to");
- contest won (`factuality.other_sense`): "beat" with a score, a manner of winning, a contest or what the
  win earned is a victory, not an assault;
- visit at home (`relevance.visit_at_home`): a visit is a consultation when someone of another country is
  visited, not when its hosts are all of the visitor's own country.
The sentences are written for these tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from eventwire.events import EventCoder, factuality, relevance
from eventwire.events.records import ActorRef, Event, Evidence
from fixtures.coded import type_and_trigger

SESSION_CHECKS = frozenset({"named as content", "call without appeal", "contest won"})


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load(with_places=False)


@pytest.fixture
def checks_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(factuality, "DISABLED_CHECKS", SESSION_CHECKS)


def _records(coder: EventCoder, text: str) -> set[tuple[str | None, str]]:
    return type_and_trigger(coder, text, "2024-03-01")


# (sentence whose word is no act of the type, the type, the word)
NO_ACT = [
    pytest.param("The dissident said his fear of being extradited to Russia kept him in the embassy.",
                 "COOPERATE", "extradited", id="fear-of-being"),
    pytest.param("They kept quiet instead of allowing the inspectors to enter.",
                 "CONCEDE", "allowing", id="instead-of"),
    pytest.param("The March 21 call to the offices of the senator was later made public.",
                 "REQUEST", "call", id="call-noun"),
    pytest.param("Portugal beat Luxembourg 3-0 to earn a place in the finals.", "ASSAULT", "beat",
                 id="score"),
    pytest.param("The senator narrowly beat the governor in the state's primary.", "ASSAULT", "beat",
                 id="election"),
]


@pytest.mark.parametrize(("text", "type_", "word"), NO_ACT)
def test_the_word_gives_no_record_of_the_type(coder: EventCoder, text: str, type_: str, word: str) -> None:
    assert (type_, word) not in _records(coder, text)


@pytest.mark.parametrize(("text", "type_", "word"), NO_ACT)
def test_the_same_sentences_gave_a_record_without_the_checks(coder: EventCoder, checks_off: None, text: str,
                                                             type_: str, word: str) -> None:
    """The checks are what removes the record: the rest of the coder reads these words as acts."""
    assert (type_, word) in _records(coder, text)


# (sentence where the same words report the act, the type, the word)
ACTS = [
    pytest.param("Sweden extradited the suspect to the United States on Monday.", "COOPERATE", "extradited",
                 id="extradited"),
    pytest.param("The opposition called on the government to resign.", "REQUEST", "called",
                 id="called-on"),
    pytest.param("The union called for a general strike against the pension reform.", "REQUEST", "called",
                 id="called-for"),
    pytest.param("Shopkeepers shut their stores in response to a strike call by the traders' union.",
                 "REQUEST", "call", id="strike-call"),
    pytest.param("Riot police beat protesters with batons outside parliament.", "ASSAULT", "beat",
                 id="beating"),
]


@pytest.mark.parametrize(("text", "type_", "word"), ACTS)
def test_the_act_keeps_its_record(coder: EventCoder, text: str, type_: str, word: str) -> None:
    assert (type_, word) in _records(coder, text)


def _actor(text: str, country: str | None, kind: str = "person", sector: str | None = "GOV") -> ActorRef:
    return ActorRef(text=text, start=0, end=len(text), country=country, sector=sector, kind=kind)


def _event(type_: str, cameo: str, source: tuple[ActorRef, ...], target: tuple[ActorRef, ...]) -> Event:
    evidence = Evidence(sentence="x", start=0, end=1, trigger="x", trigger_start=0, trigger_end=1)
    return Event(type=type_, mode=None, context=(), cameo=cameo, quad_class=1, intensity=1.0,
                 factuality="occurred", source=source, target=target, evidence=evidence, confidence=0.5)


def test_a_visit_at_home_meets_no_other_party() -> None:
    senator = _actor("the senator", "USA")
    iowa = _actor("Iowa", "USA", "place")
    assert relevance.visit_at_home(_event("CONSULT", "042", (senator,), (iowa,)))
    china = _actor("China", "CHN", "country")
    assert not relevance.visit_at_home(_event("CONSULT", "042", (senator,), (china,)))
    # a host whose country is unknown may be foreign, and a visit naming no host may be told elsewhere
    unknown = _actor("the delegation", None)
    assert not relevance.visit_at_home(_event("CONSULT", "042", (senator,), (iowa, unknown)))
    assert not relevance.visit_at_home(_event("CONSULT", "042", (senator,), ()))
    # a visit to a country is a trip abroad, whatever country the visitor was read as
    kenya = _actor("Kenya", "USA", "country")
    assert not relevance.visit_at_home(_event("CONSULT", "042", (senator,), (kenya,)))
    # a meeting (040) is not a visit
    assert not relevance.visit_at_home(_event("CONSULT", "040", (senator,), (iowa,)))


def test_a_visit_abroad_keeps_its_record(coder: EventCoder) -> None:
    records = _records(coder, "French President Emmanuel Macron visited China on Monday.")
    assert ("CONSULT", "visited") in records

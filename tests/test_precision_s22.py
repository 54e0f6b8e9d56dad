"""Records that are not events on whole real articles (issue #15, session 22; docs/events.md).

`made to act`: a to-infinitive whose doer is the one a verb that is no trigger makes act ("caused the crowd
to attack", "were forced to resign", "a squad assigned to investigate") names what someone was made to do,
not an act reported as done; set beside sentences where the same word reports (or plans) the act, which
must keep its record. `private_violence` (on in coder.cfg; docs/events.md says why): in an
article, violence between private persons is no political event. The sentences and articles are written
for these tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from eventwire.events import EventCoder, candidates, factuality
from eventwire.events.records import ActorRef, Event, Evidence
from eventwire.events.relevance import ArticleTopic, RelevanceGate
from fixtures.coded import has_record as _has
from fixtures.coded import type_and_trigger as _records


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load(with_places=False)


# (sentence where the act is only what someone was made to do, type, word)
MADE_TO_ACT = [
    pytest.param("The police chase caused the angry crowd to attack the bus.", "ASSAULT", "attack",
                 id="caused-to"),
    pytest.param("Several senior officials of the league were forced to resign.", "RETREAT", "resign",
                 id="passive-forced"),
    pytest.param("A police unit assigned to investigate the smuggling ring met the witness in Rome.",
                 "ACCUSE", "investigate", id="reduced-passive"),
]

# (sentence where the act is reported or planned, type, word): the test must leave these alone
REPORTED = [
    pytest.param("The rebels attacked the bus on Monday.", "ASSAULT", "attack", id="plain"),
    # the planned resignation's record stands on its frame word
    pytest.param("The minister is expected to resign on Friday.", "RETREAT", "expected", id="scheduled"),
    pytest.param("The senator was hired by the committee to investigate the ministry.", "ACCUSE",
                 "investigate", id="passive-with-agent"),
]


@pytest.fixture
def made_to_act_off(monkeypatch: pytest.MonkeyPatch) -> None:
    # the candidates step's "caused act" rule reads the active shape too ("caused the crowd to attack"), so
    # it goes off as well: the two overlap there (docs/events.md, session 22: each measured alone)
    monkeypatch.setattr(factuality, "DISABLED_CHECKS", frozenset({"made to act"}))
    monkeypatch.setattr(candidates, "CONTENT_RULES", frozenset(candidates.CONTENT_RULES - {"caused act"}))


@pytest.mark.parametrize(("sentence", "type_", "word"), MADE_TO_ACT)
def test_an_act_someone_was_made_to_do_gives_no_record(coder: EventCoder, sentence: str, type_: str,
                                                       word: str) -> None:
    assert not _has(_records(coder, sentence), type_, word)


@pytest.mark.parametrize(("sentence", "type_", "word"), MADE_TO_ACT)
def test_the_made_to_act_check_is_what_drops_it(coder: EventCoder, made_to_act_off: None, sentence: str,
                                                type_: str, word: str) -> None:
    # with the check switched off the same word gives its record: the check, not another step, decides
    assert _has(_records(coder, sentence), type_, word)


@pytest.mark.parametrize(("sentence", "type_", "word"), REPORTED)
def test_a_reported_or_planned_act_keeps_its_record(coder: EventCoder, sentence: str, type_: str,
                                                    word: str) -> None:
    assert _has(_records(coder, sentence), type_, word)


def _event(type_: str, source: tuple[ActorRef, ...], target: tuple[ActorRef, ...]) -> Event:
    evidence = Evidence("x", 0, 1, "x", 0, 1)
    return Event(type=type_, mode=None, context=(), cameo="", quad_class=None, intensity=None,
                 factuality="occurred", source=source, target=target, evidence=evidence, confidence=0.5)


POLITICAL_ARTICLE = ArticleTopic(sentences=8, political_share=0.6, section=None, off_topic=False,
                                 reasons=())
ONE_SENTENCE = ArticleTopic(sentences=1, political_share=1.0, section=None, off_topic=False, reasons=())
TWO_MEN = ActorRef("two men", 0, 7, sector="CVL", kind="agent")
SHOPKEEPER = ActorRef("a shopkeeper", 0, 12, sector="CVL", kind="agent")
POLICE = ActorRef("the police", 0, 10, sector="COP", kind="agent")
PROTESTERS = ActorRef("hundreds of protesters", 0, 22, sector="CVL", kind="agent")


def test_private_violence_is_a_switch_that_drops_only_fights_between_private_persons() -> None:
    fight = _event("ASSAULT", (TWO_MEN,), (SHOPKEEPER,))
    assert RelevanceGate().judge(fight, POLITICAL_ARTICLE) is None  # factory default: kept (coder.cfg: on)
    gate = RelevanceGate(private_violence=True)
    assert gate.judge(fight, POLITICAL_ARTICLE) is not None
    assert gate.judge(_event("THREATEN", (TWO_MEN,), (SHOPKEEPER,)), POLITICAL_ARTICLE) is not None
    assert gate.judge(_event("ASSAULT", (POLICE,), (SHOPKEEPER,)), POLITICAL_ARTICLE) is None
    # a victim named by a word of political news is a political actor even when unresolved
    assert gate.judge(_event("ASSAULT", (), (PROTESTERS,)), POLITICAL_ARTICLE) is None
    assert gate.judge(_event("COERCE", (TWO_MEN,), (SHOPKEEPER,)), POLITICAL_ARTICLE) is None
    assert gate.judge(fight, ONE_SENTENCE) is None  # a sentence coded alone is never judged

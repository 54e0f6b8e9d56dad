"""Acts a sentence mentions without reporting them (issue #15, precision): a participle describing a
person, an act only wanted or plotted, a habit, a perfect infinitive of background, an earlier act named
by a year before the noun, a refusal to speak, one of a set, and parts of another act; and, on the other
side of the line (GUIDELINE.md, "Background acts"), specific earlier acts told in a background clause,
which are events dated by their own expression. Sentences written for these tests (none from a gold set),
coded with the stand-in knowledge base of test_events."""

from __future__ import annotations

import pytest

from eventwire.events import EventCoder, syntax
from eventwire.nlp import load_pipeline
from test_events import StandInResolver, code


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(load_pipeline(), StandInResolver())


def types(coder: EventCoder, text: str) -> set[str]:
    return {event["type"] for event in code(coder, text, "2024-05-02")}


@pytest.mark.parametrize("text, absent", [
    # a participle that says what a person is or does
    ("Three Egyptian soldiers and a Kenyan student visiting from Nairobi were killed in Cairo.", "CONSULT"),
    # wanted, plotted, worked for
    ("Egypt wants Sudan to extradite the Kenyan businessman.", "COOPERATE"),
    ("Kenyan police arrested two men suspected of plotting an attack on the Egyptian embassy.", "ASSAULT"),
    # a habit
    ("The Sudanese militia defied the Egyptian government for decades.", "REJECT"),
    # a perfect infinitive naming what someone did before
    ("The only Arab state to have signed a treaty with Israel, Egypt condemned Sudan on Monday.", "AGREE"),
    # an earlier act named by its year
    ("Sudan has dropped its 2019 investigation of the Egyptian ambassador.", "ACCUSE"),
    # a refusal to speak
    ("The Egyptian foreign ministry declined to comment on the Sudanese report.", "REJECT"),
    # a question
    ("Will the Sudanese army attack the Egyptian convoy?", "ASSAULT"),
    # framed as one of a set
    ("Kenyan police said it was the latest in a series of attacks on Egyptian convoys.", "ASSAULT"),
    # a warning of a danger, not a threat
    ("The Egyptian health minister warned of more flooding in Cairo.", "THREATEN"),
])
def test_no_record_for_an_act_only_mentioned(coder: EventCoder, text: str, absent: str) -> None:
    assert absent not in types(coder, text)


def test_the_act_that_is_the_subject_of_its_own_timing_is_not_coded_again(coder: EventCoder) -> None:
    """"The arrest comes days after ...": the arrest is the news the article already told; the act in the
    after-clause is a background event of its own (GUIDELINE.md, "Background acts"). By trigger, since the
    detention codes COERCE as the arrest would. (The after-clause act is one the trigger table knows: a
    border closure there is the learned head's to find, a matter of its measured recall, not of this rule.)"""
    text = "The Egyptian arrest of the Kenyan student comes days after Sudan detained two Kenyan journalists."
    records = code(coder, text, "2024-05-02")
    triggers = {record["evidence"]["trigger"] for record in records}
    assert "arrest" not in triggers
    assert "detained" in triggers


@pytest.mark.parametrize("text, present", [
    # the same words reporting an act: the gates must not take them
    ("Egyptian police arrested the Kenyan student in Cairo on Monday.", "COERCE"),
    ("Sudan refused to extradite the Kenyan businessman to Egypt on Tuesday.", "REJECT"),
    ("Egypt signed a treaty with Sudan in Cairo on Monday.", "AGREE"),
    ("The Sudanese army attacked the Egyptian convoy near Khartoum on Sunday.", "ASSAULT"),
    # a warning of an act the speaker would do is a threat
    ("The Egyptian army warned of retaliation against Sudan on Monday.", "THREATEN"),
    # a relative clause that reports the news (no earlier date) stays
    ("The Sudanese army, which attacked the Egyptian convoy on Sunday, said it would withdraw.", "ASSAULT"),
])
def test_reported_acts_stay(coder: EventCoder, text: str, present: str) -> None:
    assert present in types(coder, text)


@pytest.mark.parametrize("text, type_, start", [
    # a dated relative clause, a since-clause, a past perfect after "after", a dated participle, a noun
    # dated after it: specific earlier acts, each dated by its own expression, not the article's day
    ("The Sudanese town, which Egyptian troops seized in 2012, lies near the Kenyan border.", "COERCE",
     "2012"),
    ("Food prices have risen in Khartoum since Sudanese rebels blockaded the Egyptian road in March 2023.",
     "COERCE", "2023-03"),
    ("Egypt recalled its envoy on Monday, a year after Sudanese troops had attacked the Egyptian convoy "
     "in 2023.", "ASSAULT", "2023"),
    ("The Sudanese minister, convicted in 2019 of bribing Egyptian officials, died in Cairo.", "SANCTION",
     "2019"),
    ("The arrest of the Kenyan student by Egyptian police in 2019 angered Nairobi.", "COERCE", "2019"),
])
def test_a_specific_earlier_act_is_an_event_with_its_own_date(coder: EventCoder, text: str, type_: str,
                                                              start: str) -> None:
    found = [e for e in code(coder, text, "2024-05-02") if e["type"] == type_]
    assert found, text
    assert found[0]["date"]["start"].startswith(start), found[0]["date"]


def test_a_set_told_as_an_act_stays(coder: EventCoder) -> None:
    told = coder.nlp("A series of attacks by Sudanese militants killed 30 Egyptian soldiers.")
    token = next(t for t in told if t.lower_ == "attacks")
    assert not syntax.one_of_a_set(token)
    framed = next(t for t in coder.nlp("It was the latest in a series of attacks on Egyptian convoys.")
                  if t.lower_ == "attacks")
    assert syntax.one_of_a_set(framed)


def test_a_year_before_the_noun_names_an_act_a_date_after_it_tells_one(coder: EventCoder) -> None:
    named = next(t for t in coder.nlp("Sudan dropped its 2019 investigation of the envoy.")
                 if t.lower_ == "investigation")
    told = next(t for t in coder.nlp("The investigation of the envoy in 2019 angered Cairo.")
                if t.lower_ == "investigation")
    assert syntax.named_by_earlier_year(named, 2024)
    assert not syntax.named_by_earlier_year(told, 2024)


def test_a_circumstance_is_not_a_goal(coder: EventCoder) -> None:
    # "pressing for his release during the meeting": the meeting happened; only the release is a goal
    doc = coder.nlp("Kenyan leaders praised Egypt for pressing for the student's release during the "
                    "Egyptian president's meeting with the Sudanese leader.")
    meeting = next(t for t in doc if t.lower_ == "meeting")
    release = next(t for t in doc if t.lower_ == "release")
    assert not syntax.unrealised(meeting)
    assert syntax.unrealised(release)


def test_a_request_s_content_is_no_second_record(coder: EventCoder) -> None:
    found = code(coder, "Egyptian experts urged the Sudanese government to request a recount.", "2024-05-02")
    assert [e["type"] for e in found].count("REQUEST") == 1

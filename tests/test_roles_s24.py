"""Roles, session 24 (docs/events.md, "Session 24: roles ..."): pronouns and short references across
sentences. A pronoun looks back through the pronouns already resolved before it, a surname the tagger
reads as an organisation is still a person, a name the tagger misses is a person when an honorific opens
it, a capitalised common noun opening a sentence is no one, and a verb listed after the first shares its
subject. The sentences are written for these tests; the stand-in knowledge base gives countries and
sectors and, as the real one does, reads an unknown capitalised phrase as a person's name, so what is
tested is the reading of the text."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.actors import ActorResolution
from eventwire.events import EventCoder
from eventwire.nlp import load_pipeline
from test_event_targets import KnowledgeBaseLike
from test_events import code
from test_roles import records_on as _records


class PeopleLike(KnowledgeBaseLike):
    """The stand-in knowledge base, with the real one's reading of a capitalised phrase it does not know as
    the name of a person (of no country)."""

    def resolve(self, text: str, when: dt.date | None = None, *, context_country: str | None = None,
                **_: object) -> ActorResolution:
        found = super().resolve(text, when)
        if found.kind == "unknown" and text[:1].isupper():
            return ActorResolution(text, None, None, None, "CVL", None, "person", 0.5)
        return found


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(load_pipeline(), PeopleLike())


def _coded_with_entities(coder: EventCoder, text: str, entities: list[tuple[str, str, str | None]]
                         ) -> list[dict]:
    """The records of a text whose entity tagging is set by hand (as a tagger may misread it): each
    (after, words, label) labels the first occurrence of the words after the text `after` (None unlabels)."""
    from spacy.tokens import Span

    doc = coder.nlp(text)
    spans = list(doc.ents)
    for after, words, label in entities:
        start = text.index(words, text.index(after) + len(after))
        position = start + len(words)
        position = start + len(words)
        found = doc.char_span(start, position)
        assert found is not None, words
        spans = [s for s in spans if s.end <= found.start or s.start >= found.end]
        if label is not None:
            spans.append(Span(doc, found.start, found.end, label=label))
    doc.ents = sorted(spans, key=lambda s: s.start)
    return [event.as_json() for event in coder.code_doc(doc)]


def _names(actors: list[dict]) -> list[str | None]:
    return [actor.get("name") for actor in actors]


# --- a pronoun looks back through the pronouns before it -------------------------------------------------


def test_a_pronoun_takes_whom_the_pronoun_before_it_stands_for(coder: EventCoder) -> None:
    # the sentence before names Otieno only as the owner of an office; its subject "He" is Kamau
    text = ("Kenyan police arrested John Kamau on Monday. He was charged over a call to the office of Peter "
            "Otieno. During the call, he threatened the Egyptian ambassador.")
    threats = _records(coder, text, "threatened")
    assert threats, code(coder, text)
    assert _names(threats[0]["source"]) == ["John Kamau"]
    assert [a["text"] for a in threats[0]["source"]] == ["he"]


def test_a_capitalised_noun_opening_a_sentence_is_no_antecedent(coder: EventCoder) -> None:
    # the knowledge base reads "Sentencing" as an unknown person's name; written in lower case it is no one
    text = ("John Kamau spoke to reporters in Nairobi. Sentencing is set for May. He accused Egyptian police "
            "of torture.")
    accused = _records(coder, text, "accused")
    assert accused, code(coder, text)
    assert _names(accused[0]["source"]) == ["John Kamau"]


# --- names the tagger misreads ------------------------------------------------------------------------------


def test_a_surname_tagged_as_an_organisation_is_still_a_person(coder: EventCoder) -> None:
    # read as an organisation, the surname would leave "He" to the two men of the first sentence: no one
    text = ("Kenyan police questioned John Kamau and Peter Otieno on Monday. Kamau denied the charges. "
            "He later accused Egyptian police of torture.")
    accused = [e for e in _coded_with_entities(coder, text, [("Monday.", "Kamau", "ORG")])
               if "accused" in e["evidence"]["trigger"].split()]
    assert accused, code(coder, text)
    assert [a["text"] for a in accused[0]["source"]] == ["He"]
    assert "Kamau" in (accused[0]["source"][0].get("name") or "")


def test_a_surname_tagged_as_an_organisation_is_not_it(coder: EventCoder) -> None:
    text = ("Kenyan police questioned John Kamau on Monday. Kamau denied the charges. "
            "It later accused Egyptian police of torture.")
    accused = [e for e in _coded_with_entities(coder, text, [("Monday.", "Kamau", "ORG")])
               if "accused" in e["evidence"]["trigger"].split()]
    assert all("Kamau" not in (a.get("name") or "") for e in accused for a in e["source"]), accused


def test_a_name_the_tagger_missed_is_a_person_when_an_honorific_opens_it(coder: EventCoder) -> None:
    # untagged, "Mr Otieno" would leave "He" to the last person tagged, Kamau
    text = ("John Kamau left the talks on Monday. Later Mr Otieno met the Egyptian ambassador. "
            "He accused Sudanese police of torture.")
    accused = [e for e in _coded_with_entities(coder, text, [("Later", "Mr Otieno", None)])
               if "accused" in e["evidence"]["trigger"].split()]
    assert accused, code(coder, text)
    assert "Otieno" in (accused[0]["source"][0].get("name") or ""), accused


def test_he_prefers_the_subject_before_a_man_an_honorific_names(coder: EventCoder) -> None:
    # the subject before is Kamau; Mr Otieno, an object, is not promoted by his "Mr"
    text = ("John Kamau arrived in Cairo on Monday. Kamau praised Mr Otieno for his work. "
            "He accused Sudanese police of torture.")
    accused = _records(coder, text, "accused")
    assert accused, code(coder, text)
    assert "Otieno" not in (accused[0]["source"][0].get("name") or ""), accused


# --- a verb listed after the first ----------------------------------------------------------------------


def test_a_verb_listed_after_the_first_shares_its_subject(coder: EventCoder) -> None:
    # the parser hangs "called" on "asked" as an unlabelled dependent
    text = ("Peter Otieno phoned the Egyptian embassy on Monday. During the call, he asked about the "
            "Egyptian Brotherhood, called John Kamau a \u201cliar\u201d and said, \u201csomebody ought to "
            "stop him,\" the police said.")
    accusations = _records(coder, text, "called")
    assert accusations, code(coder, text)
    assert _names(accusations[0]["source"]) == ["Peter Otieno"]
    assert [a["text"] for a in accusations[0]["target"]] == ["John Kamau"]


# --- the lead's passive act of state, and the authority the next sentence names -----------------------------


def test_the_lead_is_charged_by_the_authority_the_next_sentence_names(coder: EventCoder) -> None:
    text = ("Two Kenyan prison officers were charged on Tuesday with falsifying records. "
            "Egyptian police alleged that the officers slept for two hours.")
    charged = _records(coder, text, "charged")
    assert charged, code(coder, text)
    assert [a["text"] for a in charged[0]["source"]] == ["Egyptian police"]


def test_a_later_passive_does_not_look_ahead(coder: EventCoder) -> None:
    text = ("Kenyan teachers marched in Nairobi on Monday. Two Kenyan prison officers were charged on "
            "Tuesday with falsifying records. Egyptian police alleged that the officers slept for two hours.")
    charged = _records(coder, text, "charged")
    assert charged, code(coder, text)
    assert all(a["text"] != "Egyptian police" for e in charged for a in e["source"]), charged

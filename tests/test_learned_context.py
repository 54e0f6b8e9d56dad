"""The context features of the learned head (feature version 4): how the word's clause places its act
in time, which clause it sits in, its date, its subject, the governing verb's class and what the
sentence is. Sentences here are written for these tests."""

from __future__ import annotations

import pytest

from eventwire.events import syntax
from eventwire.events.learned import features
from eventwire.events.learned.features import (
    SentenceView,
    _chain,
    _context_names,
    _subject,
    _tense_aspect_mood,
)
from eventwire.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_pipeline()


def _names(nlp, text: str, word: str) -> list[str]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    return _context_names(token, _subject(token), _chain(token), SentenceView(syntax.sentence_of(token)))


@pytest.mark.parametrize(("text", "word", "tam"), [
    ("Troops shelled the town.", "shelled", "past"),
    ("Troops shell the town every night.", "shell", "present"),
    ("Troops have shelled the town.", "shelled", "present+perfect"),
    ("Troops had shelled the town.", "shelled", "past+perfect"),
    ("Troops are shelling the town.", "shelling", "present+progressive"),
    ("Troops will shell the town.", "shell", "future"),
    ("Troops could shell the town.", "shell", "modal"),
    ("The town was shelled by troops.", "shelled", "past+passive"),
])
def test_the_tense_aspect_and_mood_of_the_clause(nlp, text: str, word: str, tam: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert _tense_aspect_mood(token) == tam


def test_a_noun_takes_the_tense_of_its_carrier(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "tam=future" in _names(nlp, "The two leaders will hold talks in Geneva.", "talks")
    assert "tam=past" in _names(nlp, "The two leaders held talks in Geneva.", "talks")


def test_the_clause_a_word_sits_in(nlp) -> None:  # type: ignore[no-untyped-def]
    main = _names(nlp, "Rebels attacked the convoy on Monday.", "attacked")
    assert "main_clause" in main and not any(n.startswith("clause=") for n in main)
    relative = _names(nlp, "The general, who attacked the convoy in 2015, resigned on Monday.", "attacked")
    assert "clause=relcl" in relative and "main_clause" not in relative
    background = _names(nlp, "Since rebels attacked the convoy, aid has stopped.", "attacked")
    assert "clause=advcl" in background and "advcl_mark=since" in background
    reported = _names(nlp, "Officials said rebels attacked the convoy.", "attacked")
    assert "gov_class=report" in reported


def test_the_date_of_the_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "date=weekday" in _names(nlp, "Rebels attacked the convoy on Monday.", "attacked")
    assert "date=year" in _names(nlp, "Rebels attacked the convoy in 2015.", "attacked")
    assert "date=ago" in _names(nlp, "Rebels attacked the convoy three years ago.", "attacked")
    assert not any(n.startswith("date=") for n in _names(nlp, "Rebels attacked the convoy.", "attacked"))


def test_a_plural_generic_subject_and_a_named_one(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "subj_generic_plural" in _names(nlp, "Militants often attack convoys.", "attack")
    assert "subj_generic_plural" not in _names(nlp, "The militants attacked the convoy.", "attacked")


def test_what_the_sentence_is(nlp) -> None:  # type: ignore[no-untyped-def]
    question = _names(nlp, "Will the rebels attack the convoy?", "attack")
    assert "question" in question and "no_final_mark" not in question
    statement = _names(nlp, "The rebels attacked the convoy near the border on Monday.", "attacked")
    assert "question" not in statement and "no_finite_verb" not in statement
    headline = _names(nlp, "Rebel Attack On Aid Convoy Near Border", "Attack")
    assert {"no_final_mark", "no_finite_verb", "title_case"} <= set(headline)


def test_the_context_reaches_the_hashed_features(nlp) -> None:  # type: ignore[no-untyped-def]
    """The names are part of every candidate's indicators (a new feature version: weights of another
    version must be retrained)."""
    from eventwire.events.learned.candidates import Candidate
    doc = nlp("Will the rebels attack the convoy?")
    token = next(t for t in doc if t.text == "attack")
    candidate = Candidate(token=token, rule=None, cameo=None)
    names = features.sparse_names(candidate)
    assert "question" in names and "tam=future" in names
    assert features.FEATURE_VERSION == "4"
    found = features.features(candidate)
    assert all(0 <= i < features.HASH_SIZE for i in found.sparse)
    assert list(found.sparse) == sorted(set(found.sparse))

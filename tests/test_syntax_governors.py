"""The chain of heads above a word (`syntax.governors`) and what reads it: the chain stops at the
sentence root instead of repeating it (spaCy makes a new Token on every `.head`, so an identity test never
found the root). Sentences here are written for these tests."""

from __future__ import annotations

import pytest

from eventwire.events import syntax
from eventwire.events.learned.features import SentenceView, _carrier, _clause_names_at, _scope_cues_at
from eventwire.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_pipeline()


def _word(doc, text: str):  # type: ignore[no-untyped-def]
    return next(t for t in doc if t.text == text)


def test_the_root_has_no_governors(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Rebels attacked the convoy near the border on Monday.")
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert list(syntax.governors(root)) == []
    assert list(syntax.governors(root, limit=10)) == []


def test_the_chain_ends_at_the_root_once(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Rebels attacked the convoy near the border on Monday.")
    convoy = _word(doc, "convoy")
    chain = list(syntax.governors(convoy, limit=6))
    assert [g.text for g in chain] == ["attacked"]
    # each step is the head of the one before, and no word comes twice
    border = _word(doc, "border")
    walked = list(syntax.governors(border, limit=10))
    assert len({g.i for g in walked}) == len(walked)
    assert walked[-1].dep_ == "ROOT"
    below = border
    for governor in walked:
        assert below.head.i == governor.i
        below = governor


def test_the_limit_still_cuts_a_long_chain(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The minister said that the army had tried to stop the rebels from seizing the town.")
    town = _word(doc, "town")
    full = list(syntax.governors(town, limit=20))
    assert len(full) > 2
    assert [g.i for g in syntax.governors(town, limit=2)] == [g.i for g in full[:2]]


def test_a_reporting_verb_that_is_the_root_reports_nothing_above_itself(nlp) -> None:  # type: ignore[no-untyped-def]
    """"Russia warned Ukraine": the warning is the sentence's own act, not a report of one. The old
    chain repeated the root, so a root reporting verb was its own reporting verb."""
    doc = nlp("Russia warned Ukraine on Monday.")
    warned = _word(doc, "warned")
    assert warned.dep_ == "ROOT"
    assert syntax.reporting_verb_above(warned) is None
    # the act inside what someone said still has its reporting verb
    doc = nlp("The ministry said that troops attacked the village.")
    said = syntax.reporting_verb_above(_word(doc, "attacked"))
    assert said is not None and said.text == "said"


def test_the_feature_path_names_the_root_once(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Police arrested the protesters.")
    arrested, protesters = _word(doc, "arrested"), _word(doc, "protesters")
    view = SentenceView(syntax.sentence_of(arrested))
    assert view.table.governors(arrested.i) == []
    names = _clause_names_at(protesters.i, None, view.table.governors(protesters.i), view)
    assert "path=dobj/ROOT" in names
    names = _clause_names_at(arrested.i, None, view.table.governors(arrested.i), view)
    assert "path=ROOT" in names


def test_scope_cues_of_the_root_are_read_at_its_own_level_only(nlp) -> None:  # type: ignore[no-untyped-def]
    """"would not attack": the root's negation is the word's own (@0); the old chain also gave it at
    levels 1 and 2 (the root repeated as its own governor)."""
    doc = nlp("The army would not attack the city.")
    attack = _word(doc, "attack")
    view = SentenceView(syntax.sentence_of(attack))
    cues = _scope_cues_at(attack.i, view, view.table.governors(attack.i), _carrier(attack))
    assert "neg@0" in cues
    assert not any(c.endswith("@1") or c.endswith("@2") for c in cues)

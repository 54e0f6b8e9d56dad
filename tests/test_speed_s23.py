"""Session 23's speed changes keep what they replace: the learned features' roles read by index give the
words the Token API gives (the shipped weights were trained on those names and rows)."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language

from eventwire.events.learned.features import (
    ParseTable,
    _carrier,
    _clause_of,
    _object,
    _object_at,
    _subject,
    _subject_at,
    _verb_of,
    sentence_features,
    sparse_names,
)
from eventwire.nlp import load_pipeline

# Sentences that take every branch of the role readers: passive agents and patients, light verbs carrying
# nouns ("held talks", "launched an attack"), a noun's own source ("Iran's attack on X"), prepositional
# objects of a noun, control ("committed to withdrawing"), coordination, and adjectives and verbs with none.
TEXTS = (
    "The village was attacked by rebels on Monday, and two men were arrested by police.",
    "Iran's attack on the tanker drew protests; the ministry held talks with the envoy.",
    "The army launched an attack against the town after the government committed to withdrawing troops.",
    "Officials said the talks were useful. Protesters marched and chanted, and the police dispersed them.",
    "The resolution demanding a ceasefire was adopted by the council, which condemned the killing of a "
    "journalist.",
    "The envoy was given a warning by the ministry, and the prisoners were granted asylum.",
    "Angry! The minister, who visited Kenya and met the president, was accused of shelling the city.",
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def test_the_roles_read_by_index_are_the_roles_the_token_api_reads(nlp: Language) -> None:
    for doc in nlp.pipe(TEXTS):
        table = ParseTable.of(doc)
        for token in doc:
            clause = _clause_of(token, token.i, table)
            assert clause.verb.i == clause.verb_index == _verb_of(token).i, token.text
            assert clause.carrier == _carrier(token), token.text
            subject, obj = _subject(token), _object(token)
            assert _subject_at(token, token.i, clause, table) == (subject.i if subject is not None else None)
            assert _object_at(token.i, clause, table) == (obj.i if obj is not None else None), token.text


def test_the_sentence_features_name_what_each_candidate_names_alone(nlp: Language) -> None:
    """`sentence_features` (roles by index, read once per candidate) against `sparse_names` (the Token
    API, each part asked on its own): the same hashed names for every word of every sentence."""
    from eventwire.events.learned.candidates import Candidate
    from eventwire.events.learned.features import _hash

    checked = 0
    for doc in nlp.pipe(TEXTS):
        for sentence in doc.sents:
            found = [Candidate(token, None, None) for token in sentence]
            dense, sparse = sentence_features(found)
            assert dense.shape[0] == len(found)
            for candidate, indices in zip(found, sparse, strict=True):
                expected = sorted({_hash(name) for name in sparse_names(candidate)})
                assert indices.tolist() == expected, candidate.token.text
                checked += 1
    assert checked > 80
    assert np.isfinite(dense).all()

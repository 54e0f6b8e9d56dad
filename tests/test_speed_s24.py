"""Session 24's speed changes keep what they replace: the shared parse table (`nlp.table.ParseTable`) holds
what the Token API gives for every word, also after its string table was emptied, and the learned
features' word vectors (`DocVectors`, now read without `Vectors.find`, `np.isin` and `np.linalg.norm`)
are the same bits as the calls they replace."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from spacy.attrs import IS_PUNCT, IS_QUOTE, IS_STOP, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.events.learned import features
from eventwire.nlp import load_pipeline
from eventwire.nlp import table as table_module
from eventwire.nlp.table import ParseTable

# Entities, quotation marks (straight and curly), negators, words with no vector, a lemma with capitals,
# several sentences and a one-word one.
TEXTS = (
    "The village was attacked by rebels on Monday, and two men were arrested by police in Khartoum.",
    "\u201cWe will never accept this,\u201d the minister said. Nobody was hurt. Xqzvlk blorptastic!",
    'NATO\'s envoy said "no talks" would be held without the UN, not before Friday.',
    "Stop.",
)


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    nlp: Language = load_pipeline()
    return list(nlp.pipe(TEXTS))


def _token_api_columns(doc: Doc) -> dict[str, list]:
    return {
        "lemma": [t.lemma_.lower() for t in doc], "exact_lemma": [t.lemma_ for t in doc],
        "lower": [t.lower_ for t in doc], "pos": [t.pos_ for t in doc], "tag": [t.tag_ for t in doc],
        "dep": [t.dep_ for t in doc], "ent": [t.ent_type_ for t in doc], "head": [t.head.i for t in doc],
        "children": [[c.i for c in t.children] for t in doc],
    }


def test_the_parse_table_holds_what_the_token_api_gives(docs: list[Doc]) -> None:
    for doc in docs:
        table = ParseTable(doc)
        for column, expected in _token_api_columns(doc).items():
            assert getattr(table, column) == expected, column
    assert any(t.lemma_ != t.lemma_.lower() for doc in docs for t in doc)  # the two lemma columns differ


def test_the_parse_table_is_the_same_after_its_string_table_was_emptied(
        docs: list[Doc], monkeypatch: pytest.MonkeyPatch) -> None:
    """The table of key -> text kept across Docs is emptied when it grows past its bound: the Docs read
    after that still read their own words, not stale or missing ones."""
    monkeypatch.setattr(table_module, "_STRINGS_KEPT", 5)
    monkeypatch.setattr(table_module, "_STRING_OF", {False: {}, True: {}})
    sizes = []
    for _ in range(2):
        for doc in docs:
            table = ParseTable(doc)
            assert table.lower == [t.lower_ for t in doc]
            assert table.lemma == [t.lemma_.lower() for t in doc]
            assert table.exact_lemma == [t.lemma_ for t in doc]
            sizes.append(len(table_module._STRING_OF[False]))
    assert any(later < earlier for earlier, later in itertools.pairwise(sizes))  # emptied on the way


def test_the_table_is_built_once_per_doc_and_shared(docs: list[Doc]) -> None:
    doc = docs[0]
    assert ParseTable.of(doc) is ParseTable.of(doc)
    assert features.ParseTable is ParseTable  # the learned features read the same table


def _unit_rows_by_norm(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def test_the_word_vectors_are_the_bits_the_replaced_calls_give(docs: list[Doc]) -> None:
    """`DocVectors` against the way it read them before (`Vectors.find`, a masked copy, `np.isin`,
    `np.linalg.norm`): equal bytes, so the model sees what it was trained on."""
    unknown = 0
    for doc in docs:
        made = features.DocVectors(doc)
        vectors = doc.vocab.vectors
        rows = np.asarray(vectors.find(keys=doc.to_array([vectors.attr]).reshape(-1).astype(np.uint64)),
                          dtype=np.int64)
        raw = np.zeros((len(doc), vectors.shape[1]), dtype=np.float32)
        raw[rows >= 0] = np.asarray(vectors.data)[rows[rows >= 0]]
        unknown += int((rows < 0).sum())
        assert made.known.tolist() == (rows >= 0).tolist() == [t.has_vector for t in doc]
        assert made.raw.tobytes() == raw.tobytes()
        assert made.unit.tobytes() == _unit_rows_by_norm(raw).tobytes()
        assert not made.unit_padded[len(doc)].any()
        context = _unit_rows_by_norm(np.asarray(doc.tensor, dtype=np.float32))
        assert made.context.tobytes() == context.tobytes()
        strings = doc.vocab.strings
        flags = doc.to_array([IS_PUNCT, IS_STOP, IS_QUOTE, ORTH, LOWER]).reshape(len(doc), 5)
        marks = np.array([strings.add(m) for m in features._QUOTES], dtype=np.uint64)
        negators = np.array([strings.add(w) for w in features._NEGATORS], dtype=np.uint64)
        assert made.quote.tolist() == ((flags[:, 2] != 0) | np.isin(flags[:, 3], marks)).tolist()
        assert made.negator.tolist() == np.isin(flags[:, 4], negators).tolist()
        assert made.content.tolist() == [not (t.is_punct or t.is_stop) for t in doc]
    assert unknown > 0  # the made-up words have no vector: the zeroed rows are exercised
    assert any(features.DocVectors(doc).quote.any() for doc in docs)
    assert any(features.DocVectors(doc).negator.any() for doc in docs)

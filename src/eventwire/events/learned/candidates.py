"""Candidate event words of a sentence: the trigger table's matches, every verb, and every noun (or
adjective, or a headline verb tagged as a name) whose lemma is in the candidate lexicon (the authored
data's trigger lemmas and the CAMEO verb dictionary's event verbs). A sentence with no candidate never
reaches the classifier.

Every verb, not only the lexicon's: on the dev folds, with the lexicon built without the fold, the
lexicon alone kept 94.6-97.3% of the authored triggers, every verb as well 97.8-99.2%, for 14% more
candidates."""

from __future__ import annotations

import functools
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.attrs import POS
from spacy.tokens import Doc, Span, Token

from eventwire.events.syntax import base_forms
from eventwire.events.triggers import Trigger, TriggerTable
from eventwire.nlp import kept_on_doc

CANDIDATE_POS = {"VERB", "NOUN", "AUX", "ADJ", "PROPN"}
# CAMEO roots that name no PLOVER event on their own (01 statements): their verbs ("say", "note") become
# candidates only when the authored data uses them as triggers.
_NON_EVENT_ROOTS = {"01"}


@dataclass(frozen=True, slots=True)
class Candidate:
    token: Token
    rule: Trigger | None  # the trigger table's entry, when the rules know the word here
    cameo: str | None  # the CAMEO verb dictionary's code for the lemma, if any


@functools.cache
def cameo_verbs() -> dict[str, str]:
    """lemma -> CAMEO code, from data/events/cameo_verbs.tsv (PETRARCH2, MIT)."""
    text = (resources.files("eventwire.data") / "events" / "cameo_verbs.tsv").read_text(encoding="utf-8")
    lexicon: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        lemma, code, _roots = line.split("\t")
        if code != "-":
            lexicon[lemma] = code
    return lexicon


def candidate_lexicon(trigger_lemmas: Iterable[str]) -> frozenset[str]:
    """The lemmas that make a word a candidate: the authored triggers' and CAMEO's event verbs."""
    cameo = {lemma for lemma, code in cameo_verbs().items() if code[:2] not in _NON_EVENT_ROOTS}
    return frozenset(cameo | {lemma.lower() for lemma in trigger_lemmas})


def read_lemmas(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


_MATCHES_KEY = "eventwire.trigger_matches"


def trigger_match(triggers: TriggerTable, token: Token) -> Trigger | None:
    """`triggers.match(token)`, kept on the Doc per word: the rules' candidate finder and the learned
    stage both ask it of the same words. Kept for one table only (another table asks afresh)."""
    matches: dict[int, Trigger | None] = kept_on_doc(token.doc, _MATCHES_KEY, _no_matches, owner=triggers)
    i = token.i
    if i in matches:
        return matches[i]
    found = matches[i] = triggers.match(token)
    return found


_POS_KEY = "eventwire.parts_of_speech"


def parts_of_speech(doc: Doc) -> list[str]:
    """Each word's coarse part of speech (`Token.pos_`), read off the Doc in one call and kept on it: the
    candidate finders test every word's, and making a Token per word costs more than the test."""
    return kept_on_doc(doc, _POS_KEY, _read_parts_of_speech)


def _read_parts_of_speech(doc: Doc) -> list[str]:
    keys = doc.to_array(POS).tolist()
    names = {key: doc.vocab.strings[key] for key in set(keys)}
    return [names[key] for key in keys]


def _no_matches(doc: Doc) -> dict[int, Trigger | None]:
    return {}


def words_of(sentence: Iterable[Token], parts: Container[str]) -> Iterator[tuple[Token, str]]:
    """The words of a sentence whose part of speech is among `parts`, with it; a Span's other words are
    skipped without making their Token."""
    if isinstance(sentence, Span):
        doc = sentence.doc
        pos = parts_of_speech(doc)
        for i in range(sentence.start, sentence.end):
            if pos[i] in parts:
                yield doc[i], pos[i]
        return
    for token in sentence:
        if token.pos_ in parts:
            yield token, token.pos_


def candidates(sentence: Iterable[Token], triggers: TriggerTable, lexicon: frozenset[str]
               ) -> list[Candidate]:
    found: list[Candidate] = []
    verbs = cameo_verbs()
    for token, pos in words_of(sentence, CANDIDATE_POS):
        rule = trigger_match(triggers, token)
        forms = base_forms(token)  # cached by spelling in syntax
        if rule is None and pos != "VERB" and lexicon.isdisjoint(forms):
            continue
        cameo = next((verbs[form] for form in forms if form in verbs), None)
        found.append(Candidate(token, rule, cameo))
    return found

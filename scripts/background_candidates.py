"""Authored sentences whose label may contradict the background convention (GUIDELINE.md, issue #15).

    PYTHONPATH=src python scripts/background_candidates.py [FILES...]   (default: d4-*, d5-* files)

The convention: a specific, completed act by identifiable actors on an identifiable occasion is an event even
when told in a relative, after/since/before/when clause or as a dated noun ("the arrest in 2019"); generic,
habitual, wished-for, negated and hypothetical acts are not. This lists, for a human to judge:

- `negative`: a negative row (`events: []`) holding a word of the trigger table in a background shape;
- `missing`: an event row holding such a word in a background shape that none of its events' triggers covers.

Each line: id, file, shape found, the word and its type in the trigger table, the row's negative kind (or
its event triggers), the text. It only lists; the labels are fixed by reading (see the README's history).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from spacy.tokens import Token

from eventwire.events import EventCoder, syntax

EVENTS_FOLDER = Path(__file__).resolve().parents[1] / "data" / "training" / "events"
BACKGROUND_MARKS = {"after", "since", "before", "when", "until", "as", "once"}


def background_shape(token: Token) -> str | None:
    """The background shape the word sits in, or None for the sentence's main clause."""
    for node in [token, *token.ancestors]:
        if node.dep_ == "relcl":
            return "relative"
        if node.dep_ == "pobj" and node.head.lower_ in syntax.TEMPORAL_PREPOSITIONS:
            return f"{node.head.lower_}-noun"
        if node.dep_ in {"advcl", "pcomp"}:
            marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
            if node.dep_ == "pcomp":
                marks.add(node.head.lower_)
            found = marks & BACKGROUND_MARKS
            if found:
                return f"{sorted(found)[0]}-clause"
        if node.dep_ == "acl" and node.tag_ == "VBN":
            return "participle"
    if token.pos_ == "NOUN" and any(t.like_num and len(t.text) == 4 for t in token.subtree):
        return "dated-noun"
    return None


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or sorted(
        [*EVENTS_FOLDER.glob("d4-*.jsonl"), *EVENTS_FOLDER.glob("d5-*.jsonl")])
    coder = EventCoder.load()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            doc = coder.nlp(row["text"])
            covered = [e["trigger"].lower() for e in row["events"]]
            for token in doc:
                trigger = coder.triggers.match(token)
                if trigger is None or not trigger.type:
                    continue
                shape = background_shape(token)
                if shape is None:
                    continue
                if any(token.lower_ in words.split() or words in token.lower_ for words in covered):
                    continue
                label = row.get("negative_kind") or "events:" + "|".join(covered)
                status = "negative" if not row["events"] else "missing"
                print(f"{status}\t{row['id']}\t{path.name}\t{shape}\t{token.text}/{trigger.type}\t{label}"
                      f"\t{row.get('shape', '')}\t{row['text']}")


if __name__ == "__main__":
    main()

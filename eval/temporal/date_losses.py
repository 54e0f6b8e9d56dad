"""The event-date losses on the document gold's dev halves: for every matched pair whose gold gives a date
and whose record's date is wrong, the article, the gold date, the record's date and its basis, and the
sentence. Only dev articles of the first 90 lines (batches first36, s17-30, s18-24) are read; the locked
halves and the untouched batches (lines 91 on) are never coded here.

    PYTHONPATH=src python eval/temporal/date_losses.py --shared ../shared [--all]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eventwire.evaluation import documents
from eventwire.events import EventCoder

FIRST_LINES = 90  # lines 91 on are the untouched measure


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--all", action="store_true", help="also the right dates")
    arguments = parser.parse_args()
    gold = [document for document in documents.load_gold(documents.ANNOTATIONS)[:FIRST_LINES]
            if document.split == "dev"]
    articles = documents.load_articles(arguments.shared / "eval", gold)
    coder = EventCoder.load()
    right = wrong = 0
    for document in gold:
        text, url = articles[document.doc]
        records = list(coder.code_text(text, published=document.published, url=url))
        for record, event in documents.match_records(document, records):
            if event is None or event.date is None:
                continue
            date = getattr(record, "date", None)
            ok = documents._date_within(date.start if date else None, event.date)
            right += ok
            wrong += not ok
            if ok and not arguments.all:
                continue
            sentence_end = text.find(". ", event.trigger_start)
            sentence = text[event.sentence_start: sentence_end + 1 if sentence_end > 0 else None]
            shown = "-" if date is None else f"{date.start}..{date.end} {date.precision} text={date.text!r}"
            print(f"{'OK ' if ok else 'BAD'} {document.doc} pub={document.published} "
                  f"gold={event.date} got={shown} trigger={event.trigger!r}@{event.trigger_start}")
            print("    " + " ".join(sentence.split())[:400])
    print(f"date right {right}/{right + wrong}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

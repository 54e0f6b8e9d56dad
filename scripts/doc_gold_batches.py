"""The document gold's figures per batch of articles, dev / locked: precision and recall, and with
`--fields` the share of matched events whose source, target, factuality, date and place are right.

Batches are the sessions in which articles were added (lines of eval/documents/gold.jsonl): the first 36,
the 30 of session 17, the 24 of session 18, the 24 of session 19, the 23 publication-date pages of session 20
(`s20-pubdate`, lines 115-137), the 7 long publication-date pages of session 21 (`s21-long`, lines 138-144),
and all. A batch added after a change was made is the honest measure of that
change. The scorer is `eventwire.evaluation.documents` (stage
`events-docs`); only figures are printed, never the locked half's errors.

    PYTHONPATH=src python scripts/doc_gold_batches.py --shared ../shared [--fields]
    EVENTWIRE_LEARNED_MODEL=/tmp/model PYTHONPATH=src python scripts/doc_gold_batches.py --shared ../shared
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from eventwire.evaluation import documents
from eventwire.evaluation.results import Figure
from eventwire.events import EventCoder

BATCHES = {"first36": (0, 36), "s17-30": (36, 66), "s18-24": (66, 90), "s19-24": (90, 114),
           "s20-pubdate": (114, 137), "s21-long": (137, 144),
           "first90": (0, 90), "all": (0, None)}
FIELDS = ("source", "target", "factuality", "date", "place")


def _cell(figures: dict[str, Figure], key: str) -> str:
    def shown(figure: Figure) -> str:
        return "-" if figure.value is None else f"{figure.value:.3f}"
    return f"{shown(figures[f'{key}_dev'])}/{shown(figures[f'{key}_locked'])}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the folder holding eval/")
    parser.add_argument("--gold", type=Path, default=documents.ANNOTATIONS)
    parser.add_argument("--fields", action="store_true", help="also the fields of matched events")
    parser.add_argument("--batches", default=",".join(BATCHES),
                        help="comma-separated batch names to score (default: all of them); leave out"
                             " a batch kept untouched, e.g. --batches first36,s17-30,s18-24")
    arguments = parser.parse_args()
    lines = arguments.gold.read_text(encoding="utf-8").splitlines()
    started = time.perf_counter()
    coder = EventCoder.load()
    with tempfile.TemporaryDirectory() as folder:
        wanted = [name.strip() for name in arguments.batches.split(",") if name.strip()]
        unknown = sorted(set(wanted) - set(BATCHES))
        if unknown:
            parser.error(f"unknown batch {', '.join(unknown)}; known: {', '.join(BATCHES)}")
        for name in wanted:
            start, stop = BATCHES[name]
            chosen = lines[start:stop]
            if not chosen:
                continue
            part = Path(folder) / f"{name}.jsonl"
            part.write_text("\n".join(chosen) + "\n", encoding="utf-8")
            result = documents.evaluate(arguments.shared / "eval", system=coder, annotations=part)
            figures = {figure.name: figure for figure in result.figures}
            records = [figures[f"precision_{half}"].counts["records"] for half in ("dev", "locked")]
            gold = [figures[f"recall_{half}"].counts["gold"] for half in ("dev", "locked")]
            row = (f"{name:8s} n={len(chosen):3d} P {_cell(figures, 'precision')}"
                   f" R {_cell(figures, 'recall')}  records {records[0]}/{records[1]}"
                   f" gold {gold[0]}/{gold[1]}")
            if arguments.fields:
                row += "  " + " ".join(f"{key} {_cell(figures, key + '_right')}" for key in FIELDS)
            print(row, flush=True)
    print(f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Check authored event training sentences (GUIDELINE.md): fields, exact substrings, counts.

Real articles' rows (real-*.jsonl: `doc`, `start`, `end`, no text) are checked too: offsets, labels and,
when the shared folder is there (`--shared DIR`, else $EVENTWIRE_SHARED or ../shared), that every trigger,
source and target is in the article's text at those offsets.

    python data/training/events/check.py data/training/events/*.jsonl [--shared ../shared]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
FACTUALITY = {"occurred", "planned", "promised", "threatened", "hypothetical", "denied"}
NEGATIVE_KINDS = {"description", "law_rule", "opinion", "other_sense", "negated", "failed", "sports",
                  "business", "entertainment", "crime", "science_tech", "weather_disaster", "statement"}
# real articles hold page furniture no authored sentence imitates (bylines, captions, share lines)
REAL_NEGATIVE_KINDS = NEGATIVE_KINDS | {"boilerplate"}


def shared_texts(shared: Path | None) -> dict[str, str] | None:
    """doc id -> text of the real articles, or None when the shared folder (or eventwire) is missing."""
    try:
        from eventwire.evaluation.documents import load_texts
        from eventwire.events.learned.real import default_shared
    except ImportError:
        return None
    folder = shared or default_shared()
    if not (folder / "eval").is_dir():
        return None
    # the rows are TR-News and article-extraction sentences: no publication-date page is extracted
    return load_texts(folder / "eval", documents=())


def real_row_text(row: dict, texts: dict[str, str] | None, where: str, problems: list[str]) -> str | None:
    """A real row's sentence (None when the texts are not at hand), its offsets checked."""
    doc, start, end = row.get("doc"), row.get("start"), row.get("end")
    if not isinstance(doc, str) or not isinstance(start, int) or not isinstance(end, int) or not start < end:
        problems.append(f"{where}: a real row needs doc (text), start < end (integers)")
        return None
    if texts is None:
        return None
    if doc not in texts:
        problems.append(f"{where}: doc {doc!r} is not an article of the shared folder")
        return None
    if end > len(texts[doc]):
        problems.append(f"{where}: end {end} is past the article's text ({len(texts[doc])} characters)")
        return None
    return texts[doc][start:end]


def check(paths: list[Path], shared: Path | None = None) -> int:
    problems: list[str] = []
    texts_of_real = shared_texts(shared) if any(p.name.startswith("real-") for p in paths) else None
    places: set[tuple[str, int]] = set()
    real_rows = 0
    types: Counter[str] = Counter()
    negatives: Counter[str] = Counter()
    ids: set[str] = set()
    texts: set[str] = set()
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{number}"
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"{where}: not JSON ({error})")
                continue
            is_real = "doc" in row
            if row.get("id") in ids:
                problems.append(f"{where}: duplicate id {row.get('id')}")
            ids.add(row.get("id"))
            if is_real:
                real_rows += 1
                place = (str(row.get("doc")), row.get("start"))
                if place in places:
                    problems.append(f"{where}: a second row for {place[0]} at {place[1]}")
                places.add(place)
                found = real_row_text(row, texts_of_real, where, problems)
                text = found if found is not None else None
            else:
                text = row.get("text", "")
                if text in texts:
                    problems.append(f"{where}: duplicate text")
                texts.add(text)
            events = row.get("events")
            if not isinstance(events, list):
                problems.append(f"{where}: events must be a list")
                continue
            if not events:
                kind = row.get("negative_kind")
                if kind not in (REAL_NEGATIVE_KINDS if is_real else NEGATIVE_KINDS):
                    problems.append(f"{where}: negative_kind {kind!r} not one of the kinds")
                negatives[kind] += 1
            for event in events:
                if event.get("type") not in TYPES:
                    problems.append(f"{where}: type {event.get('type')!r}")
                types[event.get("type")] += 1
                if event.get("factuality") not in FACTUALITY:
                    problems.append(f"{where}: factuality {event.get('factuality')!r}")
                for key in ("trigger", "source", "target"):
                    value = event.get(key)
                    if key == "trigger" and not value:
                        problems.append(f"{where}: no trigger")
                    if value is not None and text is not None and value not in text:
                        problems.append(f"{where}: {key} {value!r} is not in the text")
    for problem in problems[:200]:
        print(problem)
    print(f"{len(ids)} sentences, {sum(types.values())} events, {sum(negatives.values())} negatives")
    if real_rows:
        checked = "checked against" if texts_of_real is not None else "NOT checked (no shared folder) against"
        print(f"{real_rows} real rows, their labels {checked} the articles' texts")
    print("types:", dict(sorted(types.items(), key=lambda item: str(item[0]))))
    print("negative kinds:", dict(sorted(negatives.items(), key=lambda item: str(item[0]))))
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


def main(arguments: list[str]) -> int:
    shared = None
    if "--shared" in arguments:
        at = arguments.index("--shared")
        shared = Path(arguments[at + 1])
        arguments = arguments[:at] + arguments[at + 2:]
    return check([Path(arg) for arg in arguments], shared)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

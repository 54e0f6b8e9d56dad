"""Check authored event training sentences (GUIDELINE.md): fields, exact substrings, counts."""

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


def check(paths: list[Path]) -> int:
    problems: list[str] = []
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
            text = row.get("text", "")
            if row.get("id") in ids:
                problems.append(f"{where}: duplicate id {row.get('id')}")
            ids.add(row.get("id"))
            if text in texts:
                problems.append(f"{where}: duplicate text")
            texts.add(text)
            events = row.get("events")
            if not isinstance(events, list):
                problems.append(f"{where}: events must be a list")
                continue
            if not events:
                kind = row.get("negative_kind")
                if kind not in NEGATIVE_KINDS:
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
                    if value is not None and value not in text:
                        problems.append(f"{where}: {key} {value!r} is not in the text")
    for problem in problems[:200]:
        print(problem)
    print(f"{len(ids)} sentences, {sum(types.values())} events, {sum(negatives.values())} negatives")
    print("types:", dict(sorted(types.items(), key=lambda item: str(item[0]))))
    print("negative kinds:", dict(sorted(negatives.items(), key=lambda item: str(item[0]))))
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(check([Path(arg) for arg in sys.argv[1:]]))

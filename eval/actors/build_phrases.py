"""Build eval/actors/<batch>-phrases.jsonl from <batch>-phrases.src.txt (batches s21 to s24, issue #16).

Each source line is a news sentence with its actor phrases marked `[phrase|ISO3/SECTOR]` (`-`: none expected,
`?`: not scored); `[phrase|ISO3/SECTOR/!]` also says the phrase must not be linked to any person of the
knowledge base (`"link": null`: a local namesake of a politician; s22 on). A line may open with
"@YYYY-MM-DD " (the event date). The output has one case a phrase, in the format of authored-phrases.jsonl
(the sentence is read as the phrase's article), and a split fixed by a hash of the case id: `<batch>dev`
(tuned on, errors listed) or `<batch>locked` (aggregate figures only).

    python eval/actors/build_phrases.py s22          # writes s22-phrases.jsonl beside this file
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BATCHES = ("s21", "s22", "s23", "s24")
DEFAULT_DATE = "2025-03-10"
_PHRASE = re.compile(r"\[([^\[\]|]+)\|([A-Z]{3}|-|\?)/([A-Z]{3}|-|\?)(/!)?\]")
_DATE = re.compile(r"^@(\d{4}-\d{2}-\d{2}) ")


def split_of(case_id: str, batch: str) -> str:
    """`<batch>dev` or `<batch>locked`, fixed by the case id alone."""
    return (f"{batch}dev", f"{batch}locked")[hashlib.sha256(case_id.encode("utf-8")).digest()[0] % 2]


def cases_of_line(line: str, batch: str) -> list[dict[str, object]]:
    date = DEFAULT_DATE
    if found := _DATE.match(line):
        date, line = found.group(1), line[found.end():]
    sentence, spans, position = "", [], 0
    for match in _PHRASE.finditer(line):
        sentence += line[position:match.start()]
        start = len(sentence)
        sentence += match.group(1)
        spans.append((start, len(sentence), match.group(2), match.group(3), bool(match.group(4))))
        position = match.end()
    sentence += line[position:]
    if "[" in sentence or "]" in sentence:
        raise ValueError(f"malformed phrase mark in: {line}")
    row = f"{batch}-" + hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:10]
    cases = []
    for start, end, country, sector, unlinked in spans:
        case: dict[str, object] = {"id": f"{row}:{start}-{end}", "text": sentence[start:end], "row": row,
                                   "sentence": sentence, "start": start, "end": end, "date": date}
        if country != "?":
            case["country"] = None if country == "-" else country
        if sector != "?":
            case["sector"] = None if sector == "-" else sector
        if unlinked:
            case["link"] = None
        case["split"] = split_of(str(case["id"]), batch)
        cases.append(case)
    return cases


def build(batch: str, source: Path | None = None) -> list[dict[str, object]]:
    cases: list[dict[str, object]] = []
    text = (source or HERE / f"{batch}-phrases.src.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            cases += cases_of_line(line.strip(), batch)
    ids = [case["id"] for case in cases]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate case ids (the same sentence written twice)")
    return cases


def main(argv: list[str]) -> None:
    if len(argv) != 1 or argv[0] not in BATCHES:
        raise SystemExit(f"usage: build_phrases.py {{{','.join(BATCHES)}}}")
    batch = argv[0]
    cases = build(batch)
    output = HERE / f"{batch}-phrases.jsonl"
    lines = (json.dumps(case, ensure_ascii=False) + "\n" for case in cases)
    output.write_text("".join(lines), encoding="utf-8")
    splits = (f"{batch}dev", f"{batch}locked")
    by_split = {split: sum(case["split"] == split for case in cases) for split in splits}
    print(f"{len(cases)} phrases written to {output.name}: {by_split}")


if __name__ == "__main__":
    main(sys.argv[1:])

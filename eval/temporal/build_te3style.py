"""Turn eval/temporal/te3style-passages.txt (inline markup) into eval/temporal/te3style.jsonl.

Run from the repository root: `python eval/temporal/build_te3style.py`. Each `{words|TYPE|VALUE}` becomes an
annotated expression (offsets into the passage without the markup); `{words|NONE|NONE}` marks words
deliberately left unannotated (kept in the text, not in the gold). The half of each passage is the parity of
the SHA-256 of its id, the rule eventwire.evaluation.timex_news.split_of applies to the TR-News articles.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "te3style-passages.txt"
TARGET = HERE / "te3style.jsonl"
HEADER = re.compile(r"^== (?P<id>\S+) \| (?P<dct>\d{4}-\d\d-\d\d)$")
MARK = re.compile(r"\{(?P<words>[^{}|]+)\|(?P<type>DATE|TIME|DURATION|SET|NONE)\|(?P<value>[^{}|]+)\}")


def split_of(passage_id: str) -> str:
    return "locked" if int(hashlib.sha256(passage_id.encode("utf-8")).hexdigest(), 16) % 2 else "dev"


def parse_passage(marked: str) -> tuple[str, list[dict[str, object]]]:
    pieces: list[str] = []
    timexes: list[dict[str, object]] = []
    position = 0
    for mark in MARK.finditer(marked):
        pieces.append(marked[position:mark.start()])
        start = sum(map(len, pieces))
        pieces.append(mark["words"])
        if mark["type"] != "NONE":
            timexes.append({"start": start, "end": start + len(mark["words"]), "text": mark["words"],
                            "type": mark["type"], "value": mark["value"]})
        position = mark.end()
    pieces.append(marked[position:])
    text = "".join(pieces)
    if "{" in text or "}" in text:
        raise ValueError(f"unparsed markup in: {text[:80]!r}")
    return text, timexes


def build(source: Path = SOURCE) -> list[dict[str, object]]:
    passages: list[dict[str, object]] = []
    current: dict[str, str] | None = None
    lines: list[str] = []

    def close() -> None:
        if current is None:
            return
        text, timexes = parse_passage("\n".join(lines).strip())
        passages.append({"id": current["id"], "dct": current["dct"], "split": split_of(current["id"]),
                         "text": text, "timexes": timexes})

    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        header = HEADER.match(line)
        if header:
            close()
            current, lines = {"id": header["id"], "dct": header["dct"]}, []
        elif current is not None:
            lines.append(line)
    close()
    return passages


if __name__ == "__main__":
    built = build()
    TARGET.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in built), encoding="utf-8")
    for half in ("dev", "locked"):
        chosen = [p for p in built if p["split"] == half]
        count = sum(len(p["timexes"]) for p in chosen)  # type: ignore[arg-type]
        print(f"{half}: {len(chosen)} passages, {count} expressions", file=sys.stderr)

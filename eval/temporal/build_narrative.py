"""Turn eval/temporal/narrative-passages.txt (inline markup) into eval/temporal/narrative.jsonl.

Run from the repository root: `python eval/temporal/build_narrative.py`. The markup, the offsets and the half
of each passage (the parity of the SHA-256 of its id, odd: locked) are those of build_te3style.py, whose
parser this reuses; README-narrative.md says what the passages are for.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_te3style import build  # a sibling script, not a package

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "narrative-passages.txt"
TARGET = HERE / "narrative.jsonl"


if __name__ == "__main__":
    built = build(SOURCE)
    TARGET.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in built), encoding="utf-8")
    for half in ("dev", "locked"):
        chosen = [p for p in built if p["split"] == half]
        count = sum(len(p["timexes"]) for p in chosen)  # type: ignore[arg-type]
        print(f"{half}: {len(chosen)} passages, {count} expressions", file=sys.stderr)

"""Turn one set of our own time-expression passages (inline markup) into its gold .jsonl.

Run from the repository root: `python eval/temporal/build_passage_set.py kinds` (or `narrative`). The markup,
the offsets and the half of each passage (the parity of the SHA-256 of its id, odd: locked) are those of
build_te3style.py, whose parser this reuses; README-<set>.md says what each set's passages are for.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_te3style import build  # a sibling script, not a package

HERE = Path(__file__).resolve().parent
# set name -> (the passages as written, the gold file built from them)
SETS = {name: (HERE / f"{name}-passages.txt", HERE / f"{name}.jsonl") for name in ("kinds", "narrative")}


def main(name: str) -> None:
    source, target = SETS[name]
    built = build(source)
    target.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in built), encoding="utf-8")
    for half in ("dev", "locked"):
        chosen = [p for p in built if p["split"] == half]
        count = sum(len(p["timexes"]) for p in chosen)  # type: ignore[arg-type]
        print(f"{name} {half}: {len(chosen)} passages, {count} expressions", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in SETS:
        sys.exit(f"usage: python eval/temporal/build_passage_set.py {{{','.join(SETS)}}}")
    main(sys.argv[1])

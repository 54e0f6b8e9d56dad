"""Build eval/actors/s24-phrases.jsonl from s24-phrases.src.txt (session 24, issue #16).

The same builder and format as s21 to s23 (`build_phrases.py`: `[phrase|ISO3/SECTOR]`, `/!` for a phrase that
must not be linked, "@YYYY-MM-DD " for the event date), split by a hash of the case id into `s24dev` (tuned
on, errors listed) and `s24locked` (aggregate figures only). A file of its own so that the earlier batches'
builder is left as it was.

    python eval/actors/build_s24_phrases.py          # writes s24-phrases.jsonl beside this file
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
BATCH = "s24"


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_phrases", HERE / "build_phrases.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    cases = _builder().build(BATCH)
    output = HERE / f"{BATCH}-phrases.jsonl"
    lines = (json.dumps(case, ensure_ascii=False) + "\n" for case in cases)
    output.write_text("".join(lines), encoding="utf-8")
    halves = (f"{BATCH}dev", f"{BATCH}locked")
    counts = {half: sum(case["split"] == half for case in cases) for half in halves}
    print(f"{len(cases)} phrases written to {output.name}: {counts}")


if __name__ == "__main__":
    main()

"""Benchmark: time and memory of each hostile input file (tests/hostile/corpus.py), next to ordinary pages.

    python bench/hostile.py [--timeout 60] [--json OUT]

`tests/test_hostile_inputs.py` checks that every hostile file gives a clear error or a correct result,
never crashes and never runs past the hang guard; how fast each file is read is a speed figure, measured
here and not in the unit tests (a loaded machine would make a timed test fail for no fault of the code).
The report gives each file's wall time and peak RSS growth and, because machines differ, the ratio of
the slowest hostile file to the median ordinary page of the same run (built from the corpus's own
well-formed cases).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile.corpus import CASES, build_corpus  # noqa: E402

MEASURE = ROOT / "tests" / "hostile" / "measure.py"
ORDINARY_PAGES = 20


def _ordinary_pages(folder: Path) -> list[str]:
    """Plain news pages of ordinary size, the yardstick the hostile files are compared with."""
    names = []
    for number in range(ORDINARY_PAGES):
        paragraphs = "".join(
            f"<p>Paragraph {p} of page {number}: officials met in the capital on Tuesday to discuss the "
            f"ceasefire, and the talks continued late into the evening.</p>" for p in range(12))
        name = f"ordinary-{number:02d}.html"
        (folder / name).write_text(
            f"<html><head><title>Page {number}</title></head>"
            f"<body><article>{paragraphs}</article></body></html>", encoding="utf-8")
        names.append(name)
    return names


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a file counts as hung")
    parser.add_argument("--json", type=Path, help="write the measurements here too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        corpus = Path(temporary) / "corpus"
        build_corpus(corpus)
        ordinary = set(_ordinary_pages(corpus))
        output = Path(temporary) / "measured.json"
        command = [sys.executable, str(MEASURE), str(corpus), str(output), str(args.timeout)]
        subprocess.run(command, check=True)
        measured = json.loads(output.read_text(encoding="utf-8"))
    baseline = statistics.median(measured[name]["seconds"] for name in ordinary)
    hostile = {case.name: measured[case.name] for case in CASES}
    print(f"{'file':44s} {'seconds':>8s} {'x page':>8s} {'RSS MB':>8s}")
    for name, result in sorted(hostile.items(), key=lambda item: -item[1].get("seconds", 0.0)):
        seconds = result.get("seconds", float("nan"))
        print(f"{name:44s} {seconds:8.2f} {seconds / baseline:8.0f} {result.get('rss_growth_mb', 0.0):8.1f}")
    slowest = max(hostile.items(), key=lambda item: item[1].get("seconds", 0.0))
    print(f"\nordinary page, median of {len(ordinary)}: {baseline * 1000:.1f} ms")
    print(f"slowest hostile file: {slowest[0]} {slowest[1]['seconds']:.2f} s "
          f"= {slowest[1]['seconds'] / baseline:.0f} x an ordinary page")
    if args.json:
        args.json.write_text(json.dumps({"ordinary_median_seconds": baseline, "files": hostile}, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Scoring every stage against gold data (`eventwire eval`).

Python API, for benchmarks and notebooks:

    from pathlib import Path
    from eventwire.evaluation import STAGES, run_stage
    result = run_stage("timex", Path("../shared/eval/temporal/te3-platinum"))
    print(result.as_table(errors=True)); result.as_json(); result.figure("value_f1").value

One scorer module per stage (extract, pubdate, events, timex, geo, actors), each with
`load_gold(path)` and `evaluate(gold, *, limit=None, system=None)`; `system` replaces the real stage
(a fake in tests, or an already loaded model). `suite.run_all` runs every stage in this process and
`report.render` writes docs/quality.md.
"""

from eventwire.evaluation.registry import STAGES, GoldFormatError, StageSpec, run_stage
from eventwire.evaluation.results import ErrorCase, Figure, Matrix, StageResult

__all__ = [
    "STAGES",
    "ErrorCase",
    "Figure",
    "GoldFormatError",
    "Matrix",
    "StageResult",
    "StageSpec",
    "run_stage",
]

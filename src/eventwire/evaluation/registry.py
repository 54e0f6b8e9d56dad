"""Stage name -> scorer module, default gold location and the published anchor figure.

Each scorer module (eventwire.evaluation.<module>) defines
`evaluate(gold: Path, *, limit: int | None = None, system: ... | None = None) -> StageResult`;
`system=None` loads the real stage (lazily, once), tests pass a fake one.
"""

from __future__ import annotations

import importlib
import inspect
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from eventwire.evaluation.results import StageResult


@dataclass(frozen=True, slots=True)
class StageSpec:
    name: str
    module: str  # scorer module under eventwire.evaluation
    gold: str  # default gold path, relative to gold_base
    gold_base: Literal["shared_eval", "repo"]  # <shared>/eval/ or the repository (current directory)
    headline: str  # the figure the summary shows
    what: str  # one line for the report
    # The gold README's published figure for the gold folder applies to this stage (geo-pages reads the
    # article-extraction texts, whose anchor is about extraction, not places).
    anchored: bool = True

    def default_gold(self, shared: Path) -> Path:
        if self.gold_base == "shared_eval":
            return shared / "eval" / self.gold
        in_working_directory = Path(self.gold)
        if in_working_directory.exists():
            return in_working_directory
        # Run from elsewhere: the repository this (editable) package lives in.
        in_repository = Path(__file__).resolve().parents[3] / self.gold
        return in_repository if in_repository.exists() else in_working_directory


_SPECS = (
    StageSpec(
        name="extract",
        module="extract",
        gold="article-extraction",
        gold_base="shared_eval",
        headline="f1",
        what="main text of news pages (shingle overlap with the gold body text)",
    ),
    StageSpec(
        name="pubdate",
        module="pubdate",
        gold="pubdate",
        gold_base="shared_eval",
        headline="accuracy",
        what="publication date of news pages",
    ),
    StageSpec(
        name="events",
        module="events",
        gold="plover/plover_gsr_dev.json",
        gold_base="shared_eval",
        headline="type_accuracy",
        what="PLOVER event type, source/target country and sector of sentences",
    ),
    StageSpec(
        name="events-authored",
        module="events_authored",
        gold="data/training/events",
        gold_base="repo",
        headline="locked_type_accuracy",
        what="the coder with its learned stage on the authored sentences: calibration and locked parts",
    ),
    StageSpec(
        name="events-plv",
        module="events_plv",
        gold="plover/plv-dev/PLV_train.tsv",
        gold_base="shared_eval",
        headline="pair_root_accuracy",
        what="PLV news sentences (measurement only): gold root between the marked actors",
    ),
    StageSpec(
        name="timex",
        module="timex",
        gold="temporal/te3-platinum",
        gold_base="shared_eval",
        headline="value_f1",
        what="time expressions: spans and normalised TimeML values",
    ),
    StageSpec(
        name="timex-news",
        module="timex_news",
        gold="geoparsing",  # the folder (its TR-News.xml): the file itself is the geo stage's gold and anchor
        gold_base="shared_eval",
        headline="locked_value_f1",
        what="time expressions in real news articles we annotated (eval/temporal/news.jsonl), dev and locked",
    ),
    StageSpec(
        name="timex-te3style",
        module="timex_te3style",
        gold="eval/temporal/te3style.jsonl",
        gold_base="repo",
        headline="locked_value_f1",
        what="time expressions in TempEval-3's conventions on wire-style passages we wrote, dev and locked",
        anchored=False,
    ),
    StageSpec(
        name="timex-kinds",
        module="timex_kinds",
        gold="eval/temporal/kinds.jsonl",
        gold_base="repo",
        headline="locked_value_f1",
        what="time expressions of the kinds issue #17 named (sets, halves, anchoring...), dev and locked",
        anchored=False,
    ),
    StageSpec(
        name="timex-narrative",
        module="timex_narrative",
        gold="eval/temporal/narrative.jsonl",
        gold_base="repo",
        headline="locked_value_f1",
        what="time expressions anchored on the narrative in wire passages we wrote, dev and locked",
        anchored=False,
    ),
    StageSpec(
        name="geo",
        module="geo",
        gold="geoparsing/TR-News.xml",
        gold_base="shared_eval",
        headline="accuracy_161km",
        what="place names in news articles and their coordinates",
    ),
    StageSpec(
        name="geo-pages",
        module="geo_pages",
        gold="article-extraction",
        gold_base="shared_eval",
        headline="locked_end_to_end",
        what="every toponym of real news pages (eval/places/pages.jsonl), found and placed, dev and locked",
        anchored=False,
    ),
    StageSpec(
        name="dedup",
        module="dedup",
        gold="eval/dedup/stories.yaml",
        gold_base="repo",
        headline="pairwise_f1",
        what="cross-article deduplication: mentions of one real-world event linked, others kept apart",
    ),
    StageSpec(
        name="records",
        module="records",
        gold=".",
        gold_base="shared_eval",
        headline="records_valid",
        what="the real corpus end to end: every real page and text ingested, checked, exported, read back",
    ),
    StageSpec(
        name="actors",
        module="actors",
        gold="eval/actors/cases.jsonl",
        gold_base="repo",
        headline="both_accuracy",
        what="actor phrases from real news articles resolved with their article's evidence: country, sector "
        "and person links (dev half, and locked_* for the locked half)",
    ),
    StageSpec(
        name="magnitudes",
        module="magnitudes",
        gold=".",  # the texts' folder; the annotations are the repository's eval/magnitudes/
        gold_base="shared_eval",
        headline="locked_f1",
        what="dead, injured, arrested, participants and money read from sentences of real articles we "
        "annotated (eval/magnitudes), dev and locked",
        anchored=False,
    ),
    StageSpec(
        name="events-docs",
        module="documents",
        gold=".",  # the texts' folder; the annotations are the repository's eval/documents/gold.jsonl
        gold_base="shared_eval",
        headline="f1_locked",
        what="whole real articles: every political event an annotator listed, found with type and fields",
    ),
    StageSpec(
        name="events-real",
        module="events_real",
        gold=".",  # the articles' folder; the labels are the repository's data/training/events/real-*.jsonl
        gold_base="shared_eval",
        headline="locked_record_precision",
        what="every labelled sentence of 96 real articles the document gold does not use, coded in its "
        "article: no-event sentences kept clean, record precision, event recall (dev and locked parts)",
        anchored=False,
    ),
)
STAGES: dict[str, StageSpec] = {spec.name: spec for spec in _SPECS}


def require(stage: str, module_name: str, attribute: str) -> Any:
    """The stage's entry point (`attribute` of `module_name`), imported only when its scorer runs, so
    scoring one stage never loads the others' models. A failing import is the stage's failure, named."""
    try:
        return getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as failure:
        raise StageCrashed(f"stage {stage} cannot load {module_name}.{attribute}: {failure}") from failure


def scorer(stage: str) -> Callable[..., StageResult]:
    spec = STAGES[stage]
    return importlib.import_module(f"eventwire.evaluation.{spec.module}").evaluate


def run_stage(
    stage: str, gold: Path, *, limit: int | None = None, system: Any = None, shared: Path | None = None
) -> StageResult:
    """Score one stage on the gold data at `gold`. `shared` is handed to scorers that read texts from
    the shared folder at evaluation time (actor cases refer to articles there by id and offsets).

    Raises FileNotFoundError (no gold), GoldFormatError (unreadable gold) or StageCrashed.
    """
    if not gold.exists():
        raise FileNotFoundError(f"gold data for {stage} not found: {gold}")
    started = time.perf_counter()
    score = scorer(stage)
    wants_shared = shared is not None and "shared" in inspect.signature(score).parameters
    extra = {"shared": shared} if wants_shared else {}
    result = score(gold, limit=limit, system=system, **extra)
    return replace(result, seconds=time.perf_counter() - started)


class StageCrashed(RuntimeError):
    """The stage raised on one gold item; the message names the item so it can be reproduced."""


@contextmanager
def on_item(stage: str, item_id: str) -> Iterator[None]:
    """Wrap one call into the stage so a crash names the gold item it happened on."""
    try:
        yield
    except Exception as crash:
        raise StageCrashed(
            f"stage {stage} raised on gold item {item_id}: {type(crash).__name__}: {crash}"
        ) from crash


class GoldFormatError(ValueError):
    """A gold file that does not have the expected format; the message names the file and record."""


# A scorer with a locked half lists only the dev half's error cases, so that tuning cannot read the locked
# ones; this variable, set to 1 once tuning is over, lists both.
SHOW_LOCKED_ERRORS = "EVENTWIRE_SHOW_LOCKED_ERRORS"


def locked_errors_shown() -> bool:
    """Whether the locked half's error cases are listed (`SHOW_LOCKED_ERRORS=1`)."""
    return os.environ.get(SHOW_LOCKED_ERRORS) == "1"


def errors_listed_note(shown: bool) -> str:
    """The report's note of which halves' errors it lists."""
    return "errors listed: dev half only" + (" and the locked half (tuning is over)" if shown else "")

"""Main-text extraction against the article-extraction benchmark (scrapinghub).

Gold: <folder>/ground-truth.json {id: {articleBody, url}} and <folder>/html/<id>.html.gz.
Metric: word 4-gram shingle precision/recall/F1 as defined in metrics.py, the benchmark's own definition.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from eventwire.evaluation.metrics import OverlapCounts, macro_prf, shingle_overlap, shingles
from eventwire.evaluation.pages import PageExtractor, RealPageExtractor
from eventwire.evaluation.registry import GoldFormatError, on_item
from eventwire.evaluation.results import ErrorCase, Figure, StageResult
from eventwire.records import SourceError

# Pages whose F1 is below this are listed by --errors.
ERROR_F1_BELOW = 0.9
SNIPPET = 100


@dataclass(frozen=True, slots=True)
class ExtractGold:
    id: str
    page: Path
    body: str
    url: str | None


def load_gold(folder: Path) -> list[ExtractGold]:
    truth_path = folder / "ground-truth.json"
    try:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as failure:
        raise GoldFormatError(f"{truth_path}: cannot read the ground truth ({failure})") from failure
    items = []
    for page_id, record in sorted(truth.items()):
        if not isinstance(record, dict) or not isinstance(record.get("articleBody"), str):
            raise GoldFormatError(f"{truth_path}: record {page_id!r} has no articleBody string")
        page = folder / "html" / f"{page_id}.html.gz"
        if not page.exists():
            page = folder / "html" / f"{page_id}.html"
        items.append(ExtractGold(page_id, page, record["articleBody"], record.get("url")))
    return items


def evaluate(gold: Path, *, limit: int | None = None, system: PageExtractor | None = None) -> StageResult:
    items = load_gold(gold)[:limit]
    extractor = system or RealPageExtractor("extract")
    overlaps: list[OverlapCounts] = []
    errors: list[tuple[float, ErrorCase]] = []
    failed = 0
    for item in items:
        with on_item("extract", item.id):
            result = extractor(item.page, item.url)
        if isinstance(result, SourceError):
            failed += 1
            predicted, note = "", f"extraction failed: {result.reason}"
        else:
            predicted, note = result.text, ""
        counts = shingle_overlap(item.body, predicted)
        overlaps.append(counts)
        page_f1 = _f1(counts)
        if page_f1 < ERROR_F1_BELOW:
            errors.append((page_f1, _error_case(item, predicted, counts, note)))
    prf = macro_prf(overlaps)
    documents = {"n": len(items), "failed": failed}
    figures = (
        Figure(
            "precision",
            prf.precision,
            {**documents, "defined": _defined(overlaps, "precision")},
            "mean of per-page shingle precision",
        ),
        Figure(
            "recall",
            prf.recall,
            {**documents, "defined": _defined(overlaps, "recall")},
            "mean of per-page shingle recall",
        ),
        Figure(
            "f1",
            prf.f1,
            {**documents, "pages_f1_below_0.9": len(errors)},
            "harmonic mean of mean precision and mean recall",
        ),
    )
    notes = [
        "word 4-gram shingles as multisets, each page's tp/fp/fn scaled to sum to 1; precision and recall "
        "averaged over pages, F1 from the two averages: the benchmark's own definition",
    ]
    if isinstance(extractor, RealPageExtractor):
        notes += extractor.notes()
    ordered_errors = tuple(case for _, case in sorted(errors, key=lambda pair: pair[0]))
    return StageResult("extract", str(gold), len(items), figures, ordered_errors, notes=tuple(notes))


def _f1(counts: OverlapCounts) -> float:
    precision, recall = counts.precision or 0.0, counts.recall or 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _defined(overlaps: list[OverlapCounts], which: str) -> int:
    if which == "precision":
        return sum(1 for d in overlaps if d.precision is not None and d.tp + d.fp > 0)
    return sum(1 for d in overlaps if d.recall is not None and d.tp + d.fn > 0)


def _error_case(item: ExtractGold, predicted: str, counts: OverlapCounts, note: str) -> ErrorCase:
    """Gold shown around its first missed shingle, prediction around its first extra one: where they part."""
    gold_shingles, predicted_shingles = shingles(item.body), shingles(predicted)
    missed = next((s for s in gold_shingles if s not in predicted_shingles), ())
    extra = next((s for s in predicted_shingles if s not in gold_shingles), ())
    summary = f"P={counts.precision or 0:.2f} R={counts.recall or 0:.2f} F1={_f1(counts):.2f}"
    summary += (
        f"; gold shown at its first missed words {' '.join(missed)!r}" if missed else "; nothing missed"
    )
    summary += f"; prediction at its first extra words {' '.join(extra)!r}" if extra else "; nothing extra"
    return ErrorCase(
        item.id,
        _snippet(item.body, missed),
        _snippet(predicted, extra),
        f"{note}; {summary}" if note else summary,
    )


def _snippet(text: str, around: tuple[str, ...] = ()) -> str:
    """About SNIPPET characters of text, starting a little before the words `around` when given."""
    flat = " ".join(text.split())
    start = 0
    if around:
        found = re.search(r"\W+".join(map(re.escape, around)), flat)
        start = max(0, found.start() - SNIPPET // 4) if found else 0
    piece = flat[start : start + SNIPPET]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(flat) else "")

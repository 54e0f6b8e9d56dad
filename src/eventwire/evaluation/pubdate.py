"""Publication dates against the htmldate evaluation sample.

Gold: <folder>/gold.json {url: {file, date}} and <folder>/html/<file>; date is YYYY-MM-DD, or NaN/null
for a page without a findable date. A prediction is right when it names the same calendar day (the date
part of the ISO 8601 string, time and offset ignored), or when both gold and prediction have no date.
Accuracy = (right) / n, htmldate's accuracy = (TP + TN) / all.

Halves: a page is `locked` when the SHA-256 of its file name is odd, `dev` otherwise (`split_of`). The
extractor is tuned on dev pages only; `dev_accuracy` and `locked_accuracy` are reported beside the whole
set's; only the dev half's error cases are listed (the locked half's with EVENTWIRE_SHOW_LOCKED_ERRORS=1, once
tuning is over), as the time expression scorers do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eventwire.evaluation.metrics import ratio
from eventwire.evaluation.pages import PageExtractor, RealPageExtractor
from eventwire.evaluation.registry import GoldFormatError, errors_listed_note, locked_errors_shown, on_item
from eventwire.evaluation.results import ErrorCase, Figure, StageResult
from eventwire.records import SourceError


@dataclass(frozen=True, slots=True)
class PubdateGold:
    id: str  # the page's file name
    page: Path
    url: str
    date: dt.date | None


def load_gold(folder: Path) -> list[PubdateGold]:
    gold_path = folder / "gold.json"
    try:
        # The file writes a missing date as a bare NaN, which Python's json reads as float('nan').
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as failure:
        raise GoldFormatError(f"{gold_path}: cannot read the gold dates ({failure})") from failure
    items = []
    for url, record in gold.items():
        if not isinstance(record, dict) or not isinstance(record.get("file"), str):
            raise GoldFormatError(f"{gold_path}: record for {url!r} has no file name")
        raw_date = record.get("date")
        if raw_date is None or (isinstance(raw_date, float) and math.isnan(raw_date)):
            date = None
        else:
            try:
                date = dt.date.fromisoformat(str(raw_date)[:10])
            except ValueError as failure:
                raise GoldFormatError(f"{gold_path}: record for {url!r}: bad date {raw_date!r}") from failure
        items.append(PubdateGold(record["file"], folder / "html" / record["file"], url, date))
    return sorted(items, key=lambda item: item.id)


def split_of(file_name: str) -> str:
    """The half a gold page belongs to: the parity of the SHA-256 of its file name."""
    return "locked" if int(hashlib.sha256(file_name.encode("utf-8")).hexdigest(), 16) % 2 else "dev"


def published_day(published: str | None) -> dt.date | None:
    """The calendar day an ISO 8601 publication timestamp names (in its own offset)."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


# A reading of a page's publication date: (page HTML, its URL) -> ISO date or None.
DateReader = Callable[[str, str], str | None]


def htmldate_reader(extensive: bool) -> DateReader:
    """htmldate alone (its original date, extensive search on or off), the yardstick the per-signal tables
    (bench/pubdate_signals.py, eval/pubdate/signal_table.py) compare each of our signals with."""
    import htmldate

    def read(page: str, url: str) -> str | None:
        try:
            return htmldate.find_date(page, url=url, extensive_search=extensive, original_date=True)
        except (ValueError, TypeError):
            return None

    return read


def evaluate(gold: Path, *, limit: int | None = None, system: PageExtractor | None = None) -> StageResult:
    items = load_gold(gold)[:limit]
    extractor = system or RealPageExtractor("pubdate")
    correct_day = correct_none = wrong_day = missed = spurious = failed = unparsable = 0
    errors = []
    show_locked = locked_errors_shown()
    right_by_split = {"dev": 0, "locked": 0}
    for item in items:
        split = split_of(item.id)
        with on_item("pubdate", item.id):
            result = extractor(item.page, item.url)
        if isinstance(result, SourceError):
            failed += 1
            raw, predicted = None, None
        else:
            raw = result.meta.published
            predicted = published_day(raw)
            unparsable += bool(raw) and predicted is None
        if predicted == item.date:
            right_by_split[split] += 1
            if item.date is None:
                correct_none += 1
            else:
                correct_day += 1
            continue
        if item.date is None:
            spurious += 1
        elif predicted is None:
            missed += 1
        else:
            wrong_day += 1
        note = f"{result.reason}" if isinstance(result, SourceError) else f"url {item.url}"
        if split == "locked" and not show_locked:
            continue  # tuning reads the dev half's cases only
        note = f"{split} half; {note}"
        gold_text = item.date.isoformat() if item.date else "none"
        errors.append(ErrorCase(item.id, gold_text, raw or "none", note))
    n = len(items)
    dated = sum(1 for item in items if item.date is not None)
    n_by_split = {half: sum(split_of(item.id) == half for item in items) for half in ("dev", "locked")}
    figures = (
        Figure(
            "accuracy",
            ratio(correct_day + correct_none, n),
            {
                "n": n,
                "correct": correct_day + correct_none,
                "correct_no_date": correct_none,
                "wrong_day": wrong_day,
                "missed": missed,
                "spurious": spurious,
                "failed": failed,
            },
            "same calendar day, or no date where gold has none",
        ),
        Figure(
            "accuracy_dated",
            ratio(correct_day, dated),
            {"n": dated, "correct": correct_day},
            "same calendar day, over pages whose gold has a date",
        ),
        *(
            Figure(f"{half}_accuracy", ratio(right_by_split[half], n_by_split[half]),
                   {"n": n_by_split[half], "correct": right_by_split[half]},
                   f"accuracy on the {half} half (halves by a hash of the file name)")
            for half in ("dev", "locked")
        ),
    )
    notes = [
        "a predicted timestamp counts by its date part as written (its own UTC offset, no conversion); "
        "the page URL is given to the extractor as a crawler would know it",
        "the published htmldate figure is on the whole 200-page sample; this gold set holds part of it",
        errors_listed_note(show_locked)
        + "; the extractor is tuned on dev pages' errors, never on locked ones",
    ]
    if unparsable:
        notes.append(f"{unparsable} predicted date(s) were not ISO 8601 and counted as no date")
    if isinstance(extractor, RealPageExtractor):
        notes += extractor.notes()
    return StageResult("pubdate", str(gold), n, figures, tuple(errors), notes=tuple(notes))

"""Time expressions in real news (TR-News articles annotated by us), scored as TempEval-3 scores them.

Gold: eval/temporal/news.jsonl in the repository, one article a line:
`{"id", "dct", "split", "timexes": [{"start", "end", "text", "type", "value"}]}`. Offsets are characters
into the article's `<text>` in the corpus ../shared/eval/geoparsing/TR-News.xml (the stage's gold path is
that folder, or the file): the repository holds the offsets, values and each expression's own words, never
the articles. How the annotations were made: eval/temporal/README.md.

Two halves, fixed by a hash of the article id (`split_of`): `dev` is the half rules are tuned on, `locked`
the half whose errors are never read while tuning. Both are scored (figures `dev_*` and `locked_*`, the
scorer's definitions in eventwire.evaluation.timex); only the dev half's errors are listed, unless
EVENTWIRE_SHOW_LOCKED_ERRORS=1 is set once tuning is over.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Literal

from eventwire.evaluation import corpora
from eventwire.evaluation.registry import (
    GoldFormatError,
    errors_listed_note,
    locked_errors_shown,
    require,
)
from eventwire.evaluation.results import StageResult
from eventwire.evaluation.timex import GoldTimex, TimeMLDocument, TimexFinder, score_documents

Split = Literal["dev", "locked"]
ANNOTATIONS = Path("eval/temporal/news.jsonl")


def split_of(article_id: str) -> Split:
    """The half an article belongs to: the parity of the SHA-256 of its id (stable, not chosen by hand)."""
    return "locked" if int(hashlib.sha256(article_id.encode("utf-8")).hexdigest(), 16) % 2 else "dev"


def annotations_path() -> Path:
    """eval/temporal/news.jsonl of the working directory, else of the repository this package lives in."""
    if ANNOTATIONS.exists():
        return ANNOTATIONS
    return Path(__file__).resolve().parents[3] / ANNOTATIONS


CORPUS_FILE = "TR-News.xml"


def _corpus_texts(corpus: Path) -> dict[str, str]:
    if corpus.is_dir():
        corpus = corpus / CORPUS_FILE
    return {item.id: item.text for item in corpora.tr_news(corpus)}


def load_gold(corpus: Path, annotations: Path | None = None) -> list[tuple[Split, TimeMLDocument]]:
    """The annotated articles with their texts; every offset is checked against the words it names."""
    annotations = annotations or annotations_path()
    texts = _corpus_texts(corpus)
    documents: list[tuple[Split, TimeMLDocument]] = []
    try:
        lines = annotations.read_text(encoding="utf-8").splitlines()
    except OSError as failure:
        raise GoldFormatError(f"{annotations}: cannot read the annotations ({failure})") from failure
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{annotations}:{number}"
        try:
            record = json.loads(line)
            article_id, dct = str(record["id"]), dt.date.fromisoformat(record["dct"])
            raw_timexes = record["timexes"]
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as failure:
            raise GoldFormatError(f"{where}: not an annotated article ({failure})") from failure
        if article_id not in texts:
            raise GoldFormatError(f"{where}: article {article_id} is not in {corpus}")
        if record.get("split") != split_of(article_id):
            raise GoldFormatError(f"{where}: split {record.get('split')!r} is not the hash's "
                                  f"{split_of(article_id)!r}")
        text = texts[article_id]
        timexes = checked_timexes(where, text, raw_timexes)
        documents.append((split_of(article_id), TimeMLDocument(article_id, dct, text, timexes)))
    if not documents:
        raise GoldFormatError(f"{annotations}: no annotated articles")
    return documents


def checked_timexes(where: str, text: str, raw_timexes: list[dict],
                    types: frozenset[str] | None = None) -> tuple[GoldTimex, ...]:
    """One text's annotated expressions, each offset (and type, where `types` is given) checked."""
    timexes = []
    for index, raw in enumerate(raw_timexes):
        start, end = int(raw["start"]), int(raw["end"])
        if text[start:end] != raw["text"]:
            raise GoldFormatError(f"{where}: timex {index} [{start}:{end}] reads {text[start:end]!r}, "
                                  f"not {raw['text']!r}")
        if types is not None and raw["type"] not in types:
            raise GoldFormatError(f"{where}: timex {index} has type {raw['type']!r}")
        timexes.append(GoldTimex(f"t{index + 1}", start, end, raw["text"], raw["type"], raw["value"]))
    return tuple(timexes)


def scored_halves(stage: str, gold: Path, documents: list[tuple[Split, TimeMLDocument]], find: TimexFinder,
                  *, unit: str, about: str) -> StageResult:
    """Dev and locked halves scored apart; the locked half's errors only with SHOW_LOCKED_ERRORS=1."""
    dev = score_documents(stage, [doc for split, doc in documents if split == "dev"], find)
    locked = score_documents(stage, [doc for split, doc in documents if split == "locked"], find)
    show_locked = locked_errors_shown()
    errors = dev.errors + (locked.errors if show_locked else ())
    n_dev = sum(split == "dev" for split, _ in documents)
    notes = (
        f"TempEval-3 definitions on {about}; the DCT is given to the stage and not scored",
        f"dev: {n_dev} {unit}s, {dev.n_gold} timexes; locked: {len(documents) - n_dev} {unit}s, "
        f"{locked.n_gold} timexes (halves fixed by a hash of the {unit} id)",
        errors_listed_note(show_locked),
    )
    figures = dev.figures("dev_") + locked.figures("locked_")
    return StageResult(stage, str(gold), len(documents), figures, errors, notes=notes)


def evaluate(gold: Path, *, limit: int | None = None, system: TimexFinder | None = None) -> StageResult:
    documents = load_gold(gold)[:limit]
    find = system or require("timex-news", "eventwire.temporal", "find_timexes")
    return scored_halves("timex-news", gold, documents, find, unit="article",
                         about="news articles annotated by us (eval/temporal/README.md)")

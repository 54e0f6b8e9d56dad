"""Labelled sentences of real articles (data/training/events/real-*.jsonl, session 20, issue #15).

Every sentence of 96 real articles under ../shared/eval that the document gold does not use was labelled
by the project's annotators (GUIDELINE.md). The rows hold no text, only where the sentence is:

    {"doc": "tr-news:123" | "page:<sha>", "start": N, "end": M, "id": "rA-00001",
     "events": [...as GUIDELINE.md...], "negative_kind": "..."}

and the text is read back from the shared folder (`documents.load_texts(shared / "eval")[doc][start:end]`),
so the texts never enter the repository. Without the shared folder the real rows cannot be read: training
goes on with the authored rows alone and says so (`RealRows.status`).

Real rows are split by article, not by sentence (split.part_of_doc): the sentences of one article are never
on both sides of the split, since an article's sentences share actors, places and wording.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from eventwire.events.learned.authored import AuthoredSentence, digest, parse_row
from eventwire.events.learned.authored import load as load_rows

REAL_PATTERN = "real-*.jsonl"
# negative kinds of real rows beyond GUIDELINE.md's: page furniture and boilerplate of real pages
REAL_NEGATIVE_KINDS = ("boilerplate",)
SHARED_ENVIRONMENT = "EVENTWIRE_SHARED"


def real_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(REAL_PATTERN))


def is_real_file(path: Path) -> bool:
    return path.match(REAL_PATTERN)


def default_shared() -> Path:
    """The shared folder: EVENTWIRE_SHARED, else ../shared (beside the checkout, as `make eval` has it)."""
    return Path(os.environ.get(SHARED_ENVIRONMENT) or "../shared")


@dataclass(frozen=True, slots=True)
class RealRows:
    """The real rows that could be read, with what became of the others."""

    sentences: tuple[AuthoredSentence, ...]
    files: tuple[Path, ...]
    rejected: int  # rows that break the format or whose labels are not in their sentence
    unknown_doc: int  # rows whose article the shared folder does not hold
    status: str  # one line for the training log and the manifest

    @property
    def used(self) -> bool:
        return bool(self.sentences)

    def digest(self) -> str | None:
        return digest(self.files) if self.files else None


def load(folder: Path, shared: Path | None) -> RealRows:
    """The real rows of `folder`, their texts read from `shared`/eval. A missing shared folder is not an
    error: no real rows are used and `status` says why."""
    files = real_files(folder)
    if not files:
        return RealRows((), (), 0, 0, f"no {REAL_PATTERN} files in {folder}: authored rows only")
    eval_folder = (shared or default_shared()) / "eval"
    if not eval_folder.is_dir():
        return RealRows((), tuple(files), 0, 0,
                        f"{len(files)} real-row files but no shared folder at {eval_folder.parent} (give"
                        f" --shared or {SHARED_ENVIRONMENT}): their texts live there, so training uses the"
                        " authored rows only")
    from eventwire.evaluation.documents import load_texts

    # the rows are TR-News and article-extraction sentences: no publication-date page is extracted
    return read_rows(files, load_texts(eval_folder, documents=()))


def read_rows(files: Iterable[Path], texts: dict[str, str]) -> RealRows:
    """Rows -> sentences with the article's text at their offsets; the first row of each id is kept."""
    files = tuple(files)
    unknown = 0

    def parse(row: object) -> AuthoredSentence | None:
        nonlocal unknown
        sentence = sentence_of(row, texts)
        if sentence is None and isinstance(row, dict) and row.get("doc") not in texts:
            unknown += 1
        return sentence

    sentences, left_out = load_rows(files, parse)
    rejected = left_out - unknown
    articles = len({s.doc for s in sentences})
    status = (f"{len(sentences)} real sentences of {articles} articles from {len(files)} files"
              f" ({rejected} rows left out as malformed, {unknown} of articles the shared folder lacks)")
    return RealRows(tuple(sentences), files, rejected, unknown, status)


def sentence_of(row: object, texts: dict[str, str]) -> AuthoredSentence | None:
    """One real row with its text, or None when its article is unknown, its offsets do not fit the text, or
    its labels break the guideline (a trigger not in the sentence)."""
    if not isinstance(row, dict):
        return None
    doc, start, end = row.get("doc"), row.get("start"), row.get("end")
    if not isinstance(doc, str) or doc not in texts or not isinstance(start, int) or not isinstance(end, int):
        return None
    text = texts[doc]
    if not 0 <= start < end <= len(text):
        return None
    if not row.get("events") and not row.get("negative_kind"):
        return None
    try:
        parsed = parse_row({**row, "text": text[start:end]})
    except AttributeError:
        return None
    return None if parsed is None else replace(parsed, doc=doc, offset=start)

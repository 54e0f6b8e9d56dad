"""Reading the gold web pages the way users' pages are read, for the extract and pubdate scorers."""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from eventwire.evaluation.registry import require
from eventwire.records import Article, RawDocument, SourceError

# What the extract/pubdate scorers call for each gold page; tests pass a fake one.
PageExtractor = Callable[[Path, str | None], Article | SourceError]


def decode_page(data: bytes) -> str:
    """UTF-8 when it is valid, else the encoding charset-normalizer finds most plausible."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", errors="replace")


def read_page_directly(path: Path) -> RawDocument:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return RawDocument(origin=str(path), body=decode_page(data), kind="html")


class IngestReader:
    """Prefers eventwire.ingest.read_sources (so a page is measured as `eventwire ingest` reads it) and
    falls back to reading the file directly when ingest is not built or cannot read the file; the
    fallbacks are counted so the report can say so."""

    def __init__(self) -> None:
        try:
            self._read_sources: Callable[[list[str]], Iterable[RawDocument | SourceError]] | None = require(
                "ingest", "eventwire.ingest", "read_sources"
            )
        except Exception:  # not built yet, or broken: the direct reader measures extraction alone
            self._read_sources = None
        self.fallbacks: list[str] = []

    def __call__(self, path: Path) -> RawDocument:
        if self._read_sources is not None:
            try:
                documents = list(self._read_sources([str(path)]))
            except Exception as failure:  # a reader crash must not stop the whole evaluation
                documents = [SourceError(str(path), f"read_sources raised {failure!r}")]
            if len(documents) == 1 and isinstance(documents[0], RawDocument):
                return documents[0]
            reason = str(documents[0]) if documents else "no document"
            self.fallbacks.append(f"{path.name}: {reason}")
        return read_page_directly(path)

    @property
    def source(self) -> str:
        if self._read_sources is None:
            return "a direct file read (ingest not built)"
        return "eventwire.ingest.read_sources"


class RealPageExtractor:
    """Reads a page and runs eventwire.extract.extract on it: the stage under test."""

    def __init__(self, stage: str) -> None:
        self._extract = require(stage, "eventwire.extract", "extract")
        self.reader = IngestReader()

    def __call__(self, path: Path, url: str | None = None) -> Article | SourceError:
        """Extract the page; `url` is where it was crawled from, as a crawler (WARC, feed) would know."""
        raw = self.reader(path)
        if url and not raw.meta.url:
            raw = replace(raw, meta=replace(raw.meta, url=url))
        return self._extract(raw)

    def notes(self) -> list[str]:
        notes = [f"pages read with {self.reader.source}"]
        if self.reader.fallbacks:
            shown = "; ".join(self.reader.fallbacks[:3])
            notes.append(f"{len(self.reader.fallbacks)} page(s) read directly because ingest failed: {shown}")
        return notes

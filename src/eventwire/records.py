"""The typed records that flow between stages: RawDocument -> Article -> (parsed) -> events -> store.

Every stage takes one of these and returns the next; none of them passes plain dicts along.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

# How the body of a RawDocument must be read:
#   html  - a web page: main text and metadata are extracted, boilerplate removed
#   text  - scraped plain text with page furniture (widgets, comment forms) still in it
#   plain - article text given as-is (a JSONL/CSV record's text field): taken verbatim, offsets refer to it
BodyKind = Literal["html", "text", "plain"]


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """Metadata known about an article before (or after) extraction. Every field is optional."""

    title: str | None = None
    source: str | None = None  # outlet name, e.g. "Shafaq News"
    url: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601; with UTC offset where known
    language: str | None = None  # ISO 639-1

    def merged_over(self, other: ArticleMeta) -> ArticleMeta:
        """Fields of self win; gaps are filled from other."""
        return ArticleMeta(
            **{name: getattr(self, name) or getattr(other, name) for name in self.__dataclass_fields__}
        )


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input document as read from a source, before extraction."""

    origin: str  # where it came from, precise enough for an error message: "feeds/x.xml#item 3"
    body: str  # decoded text of the page / record
    kind: BodyKind
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    record_id: str | None = None  # the `id` of a JSONL/CSV record, carried to every stage's output
    # When the page was fetched (a WARC record's WARC-Date): no publication date can come after it.
    crawled: date | None = None


@dataclass(frozen=True, slots=True)
class SourceError:
    """An input that could not be read or extracted. Reported, counted, and the run goes on."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Article:
    """Clean main text and metadata of one news article."""

    id: str  # content hash of the normalised text (see content_hash)
    text: str
    meta: ArticleMeta
    origin: str
    record_id: str | None = None

    @property
    def title(self) -> str | None:
        return self.meta.title

    @property
    def published(self) -> str | None:
        return self.meta.published

    def with_meta(self, **changes: str | None) -> Article:
        return replace(self, meta=replace(self.meta, **changes))

    def as_json(self) -> dict[str, str | None]:
        """The public JSON shape of `eventwire extract --format json`."""
        return {
            "id": self.record_id or self.id,
            "content_hash": self.id,
            "origin": self.origin,
            "title": self.meta.title,
            "source": self.meta.source,
            "url": self.meta.url,
            "author": self.meta.author,
            "published": self.meta.published,
            "language": self.meta.language,
            "text": self.text,
        }


_WHITESPACE = re.compile(r"\s+")


def normalise_for_hash(text: str) -> str:
    """Unicode NFKC, case-folded, whitespace collapsed: what makes two texts 'the same article'."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def content_hash(text: str) -> str:
    """Stable article id: sha256 of the normalised text, 32 hex digits (128 bits)."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()[:32]

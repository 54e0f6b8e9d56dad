"""extract(raw) -> Article: one function per body kind, chosen from a table."""

from __future__ import annotations

import logging
from collections.abc import Callable

from eventwire.extract.html import extract_page
from eventwire.extract.language import guess_language, normalise_language
from eventwire.extract.scraped import clean_scraped_text
from eventwire.records import Article, ArticleMeta, RawDocument, SourceError, content_hash

_log = logging.getLogger(__name__)


def _html(raw: RawDocument) -> tuple[str, ArticleMeta]:
    # A date given by the container wins anyway (see extract), so the page's date search is skipped.
    page = extract_page(raw.body, raw.meta.url, find_date=raw.meta.published is None)
    return page.text, page.meta


def _text(raw: RawDocument) -> tuple[str, ArticleMeta]:
    scraped = clean_scraped_text(raw.body)
    return scraped.text, scraped.meta


def _plain(raw: RawDocument) -> tuple[str, ArticleMeta]:
    # Verbatim: the record's text is the reference for every later character offset.
    return raw.body, ArticleMeta()


_EXTRACTORS: dict[str, Callable[[RawDocument], tuple[str, ArticleMeta]]] = {
    "html": _html,
    "text": _text,
    "plain": _plain,
}


def extract(raw: RawDocument) -> Article | SourceError:
    """The clean Article of a RawDocument, or a SourceError saying why there is none.

    Metadata rule: what the container states (raw.meta: the WARC target URI, a feed item's title and
    date, a JSONL record's fields) wins over what is read from the page itself, because it was given
    explicitly for this document; the page fills the gaps. Language: declared (container, then page),
    else guessed from stopwords, else None.
    """
    extractor = _EXTRACTORS.get(raw.kind)
    if extractor is None:
        return SourceError(raw.origin, f"unknown document kind {raw.kind!r}")
    try:
        text, page_meta = extractor(raw)
    except Exception as error:  # a third-party parser failing on one page must not stop the run
        _log.debug("extraction failed for %s", raw.origin, exc_info=True)
        return SourceError(raw.origin, f"extraction failed: {type(error).__name__}: {error}")
    if not text.strip():
        return SourceError(raw.origin, "no article text found")
    meta = raw.meta.merged_over(page_meta)
    language = normalise_language(meta.language) or guess_language(text)
    if language != meta.language:
        meta = ArticleMeta(**{**_fields(meta), "language": language})
    return Article(id=content_hash(text), text=text, meta=meta, origin=raw.origin, record_id=raw.record_id)


def _fields(meta: ArticleMeta) -> dict[str, str | None]:
    return {name: getattr(meta, name) for name in meta.__dataclass_fields__}

"""extract(raw) -> Article: one function per body kind, chosen from a table."""

from __future__ import annotations

import logging
from collections.abc import Callable

from eventwire.extract.html import extract_page
from eventwire.extract.language import guess_language, normalise_language
from eventwire.extract.scraped import clean_scraped_text
from eventwire.records import Article, ArticleMeta, RawDocument, SourceError, content_hash

_log = logging.getLogger(__name__)

# Bounds that keep one document from taking the run's time and memory. Measured on a 2-core laptop:
# trafilatura needs ~0.9 s and ~25 MB per MB of HTML (a 50 MB page: 56 s, 1.2 GB); event coding needs
# ~12 s and ~370 MB per 100,000 characters of article text, and spaCy refuses texts over 1,000,000.
# A long-form news feature has ~60,000 characters, so both limits only ever stop dumps and attacks.
MAX_DOCUMENT_CHARS = 5_000_000
MAX_ARTICLE_CHARS = 200_000


def _html(raw: RawDocument) -> tuple[str, ArticleMeta]:
    # A date given by the container wins anyway (see extract), so the page's date search is skipped.
    page = extract_page(raw.body, raw.meta.url, find_date=raw.meta.published is None, crawled=raw.crawled)
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
    if len(raw.body) > MAX_DOCUMENT_CHARS:
        return SourceError(raw.origin, f"document is {len(raw.body):,} characters, over the extraction limit"
                                       f" of {MAX_DOCUMENT_CHARS:,}; skipped")
    try:
        text, page_meta = extractor(raw)
    except Exception as error:  # a third-party parser failing on one page must not stop the run
        _log.debug("extraction failed for %s", raw.origin, exc_info=True)
        return SourceError(raw.origin, f"extraction failed: {type(error).__name__}: {error}")
    if not text.strip():
        return SourceError(raw.origin, "no article text found")
    if len(text) > MAX_ARTICLE_CHARS:
        reason = (f"article text is {len(text):,} characters, over the limit of {MAX_ARTICLE_CHARS:,}"
                  " for one article (no news article is that long); skipped")
        return SourceError(raw.origin, reason)
    meta = raw.meta.merged_over(page_meta)
    language = normalise_language(meta.language) or guess_language(text)
    if language != meta.language:
        meta = ArticleMeta(**{**_fields(meta), "language": language})
    return Article(id=content_hash(text), text=text, meta=meta, origin=raw.origin, record_id=raw.record_id)


def _fields(meta: ArticleMeta) -> dict[str, str | None]:
    return {name: getattr(meta, name) for name in meta.__dataclass_fields__}

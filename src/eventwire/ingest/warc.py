"""WARC archives -> one RawDocument per HTML `response` record, streamed record by record."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from eventwire.ingest.decoding import decode_text
from eventwire.ingest.streams import InputProblem, read_head
from eventwire.records import ArticleMeta, RawDocument, SourceError

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_WARCIO_PARSE_FAILURES = (AttributeError, ValueError, TypeError, IndexError, KeyError, EOFError)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def _crawl_day(warc_date: str | None) -> date | None:
    """The UTC day of a record's WARC-Date ("2024-03-05T10:00:00Z", also with fractions of a second):
    the page was fetched then, so it was published no later. None when missing or unreadable."""
    try:
        moment = datetime.fromisoformat((warc_date or "").strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment.astimezone(UTC) if moment.tzinfo else moment).date()


def read_warc(stream: BinaryIO, origin: str, max_bytes: int) -> Iterator[RawDocument | SourceError]:
    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), start=1):
            record_origin = f"{origin}#record {number}"
            if record.rec_type is None:
                # warcio reads any bytes after "WARC/1.x" as headers; without a WARC-Type they were noise,
                # and nothing after them can be trusted to be framed right.
                yield SourceError(record_origin, "damaged WARC data: record has no WARC-Type header")
                return
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if not content_type.lower().startswith(_HTML_TYPES):
                continue
            payload = read_head(record.content_stream(), max_bytes + 1)
            if len(payload) > max_bytes:
                reason = f"record payload is larger than the limit of {max_bytes:,} bytes"
                yield SourceError(record_origin, reason)
                continue
            record.raw_stream.read()  # drain, so a record cut short shows as an unfilled length
            # Without a Content-Length warcio reads to the end of the archive and has no length to check.
            if getattr(record.raw_stream, "limit", None) is None:
                yield SourceError(record_origin, "damaged WARC data: record has no valid Content-Length")
                return
            if record.raw_stream.limit:
                yield SourceError(record_origin, "WARC record is truncated (the archive ends inside it)")
                return
            charset = _CHARSET.search(content_type)
            try:
                body = decode_text(payload, charset.group(1) if charset else None)
            except InputProblem as problem:
                yield SourceError(record_origin, str(problem))
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            yield RawDocument(origin=record_origin, body=body, kind="html", meta=ArticleMeta(url=url),
                              crawled=_crawl_day(record.rec_headers.get_header("WARC-Date")))
    except ArchiveLoadFailed as error:
        yield SourceError(f"{origin}#record {number + 1}", f"damaged WARC data: {error}")
    except _WARCIO_PARSE_FAILURES as error:
        # warcio's header parser trips over malformed records with plain Python errors (a response without
        # WARC-Target-URI raises AttributeError): the archive is damaged from there on.
        reason = f"damaged WARC data: {type(error).__name__}: {error}"
        yield SourceError(f"{origin}#record {number + 1}", reason)

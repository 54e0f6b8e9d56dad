"""JSONL and CSV records -> RawDocuments, streamed line by line (a large file is never held in memory).

A record's text is taken exactly as given (kind "plain"): later stages' character offsets refer to it.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any, BinaryIO

from eventwire.ingest.feeds import feed_date
from eventwire.ingest.sniff import TEXT_FIELDS
from eventwire.records import ArticleMeta, RawDocument, SourceError

# Record field -> ArticleMeta field; the first present alias wins.
_META_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "source": ("source",),
    "url": ("url",),
    "author": ("author",),
    "published": ("published", "date"),
    "language": ("language",),
}


def _field(record: Mapping[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if value is not None and str(value).strip():
            return str(value).strip() if name not in TEXT_FIELDS else str(value)
    return None


def record_document(record: Mapping[str, Any], origin: str) -> RawDocument | SourceError:
    # Field names are matched case-insensitively: "Text" and "text" are the same column.
    record = {str(key).strip().lower(): value for key, value in record.items()}
    text = _field(record, TEXT_FIELDS)
    if text is None or not text.strip():
        expected = ", ".join(TEXT_FIELDS)
        return SourceError(origin, f"record has no text (expected a non-empty field: {expected})")
    meta = ArticleMeta(**{name: _field(record, aliases) for name, aliases in _META_FIELDS.items()})
    if meta.published:
        meta = replace(meta, published=feed_date(meta.published))
    record_id = _field(record, ("id",))
    return RawDocument(origin=origin, body=text, kind="plain", meta=meta, record_id=record_id)


def read_jsonl(stream: BinaryIO, origin: str) -> Iterator[RawDocument | SourceError]:
    for number, line in enumerate(stream, start=1):
        line_origin = f"{origin}#line {number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except UnicodeDecodeError:
            yield SourceError(line_origin, "line is not valid UTF-8 (JSON Lines must be UTF-8)")
            continue
        except ValueError as error:
            yield SourceError(line_origin, f"line is not valid JSON: {error}")
            continue
        except RecursionError:
            # json recurses once per nesting level: thousands of '[' would otherwise end the whole run.
            yield SourceError(line_origin, "line is JSON nested too deeply to read")
            continue
        if not isinstance(record, dict):
            yield SourceError(line_origin, f"line is JSON but not an object (got {type(record).__name__})")
            continue
        yield record_document(record, line_origin)


def read_csv(
    stream: BinaryIO, origin: str, encoding: str, max_field: int
) -> Iterator[RawDocument | SourceError]:
    text_stream = io.TextIOWrapper(stream, encoding=encoding, newline="")
    # An article body is one field: allow it to be as long as a whole file may be.
    csv.field_size_limit(min(max_field, sys.maxsize))
    head = text_stream.read(4096)
    header = head.split("\n", 1)[0]
    # The delimiter is read from the header row only (field names hold no delimiters); quoting follows
    # RFC 4180 ("" inside quotes), which csv.Sniffer cannot infer from one line.
    delimiter = max(",\t;", key=header.count)
    rest = io.StringIO(head)  # replay the sniffed part, then the remainder of the stream
    reader = csv.DictReader(_chain(rest, text_stream), dialect=csv.excel, delimiter=delimiter)
    try:
        fields = [name.strip().lower() for name in reader.fieldnames or []]
    except csv.Error as error:
        yield SourceError(f"{origin}#row 1", f"CSV header is malformed: {error}")
        return
    if not set(fields) & set(TEXT_FIELDS):
        expected, found = ", ".join(TEXT_FIELDS), ", ".join(fields) or "nothing"
        yield SourceError(
            origin, f"CSV header has no text column (expected one of: {expected}; found: {found})"
        )
        return
    row_number = 1
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            # e.g. a bare carriage return inside an unquoted field: the rest cannot be split reliably.
            yield SourceError(f"{origin}#row {row_number + 1}", f"CSV is malformed: {error}")
            return
        row_number += 1
        yield record_document(
            {key: value for key, value in row.items() if key is not None}, f"{origin}#row {row_number}"
        )


def _chain(first: io.StringIO, second: io.TextIOWrapper) -> Iterator[str]:
    # Lines may straddle the boundary of the replayed head: join them before csv sees them.
    pending = ""
    for line in first:
        if line.endswith("\n"):
            yield pending + line
            pending = ""
        else:
            pending += line
    for line in second:
        yield pending + line
        pending = ""
    if pending:
        yield pending

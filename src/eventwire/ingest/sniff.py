"""Format detection from content: the first bytes decide, the file suffix only breaks ties."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from enum import Enum

from eventwire.ingest.decoding import bom_encoding, looks_binary

HEAD_SIZE = 8192


class Format(Enum):
    EMPTY = "empty"
    GZIP = "gzip"
    BINARY = "binary"
    WARC = "warc"
    FEED = "feed"
    JSONL = "jsonl"
    CSV = "csv"
    HTML = "html"
    TEXT = "text"


# Field names a JSONL/CSV record may carry; the first present one of each tuple is used.
TEXT_FIELDS = ("text", "content", "body")
KNOWN_FIELDS = frozenset(
    {*TEXT_FIELDS, "id", "url", "title", "source", "author", "published", "date", "language"}
)

_PROLOG = r"(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*"
_FEED_ROOT = re.compile(_PROLOG + r"<(rss|feed|rdf:RDF)\b", re.IGNORECASE | re.DOTALL)
_HTML_START = re.compile(
    r"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->)*<(!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_HTML_TAG = re.compile(
    r"<(p|div|span|a|article|section|h[1-6]|br|table|ul|li|meta|title|script)\b[^>]*>", re.IGNORECASE
)
_CSV_FIELD = re.compile(r'^\s*"?[A-Za-z_][\w -]{0,40}"?\s*$')


def _text_head(head: bytes) -> str:
    encoding = bom_encoding(head) or "utf-8"
    return head.decode(encoding, errors="ignore").lstrip("\ufeff")


def _is_warc(text: str, suffix: str) -> bool:
    return text.startswith("WARC/1.") or text.startswith("WARC/0.")


def _is_feed(text: str, suffix: str) -> bool:
    return bool(_FEED_ROOT.match(text))


def _is_html(text: str, suffix: str) -> bool:
    if _HTML_START.match(text):
        return True
    # A fragment without <html>: several block tags near the top are markup, not prose with a '<'.
    return text.lstrip().startswith("<") and len(_HTML_TAG.findall(text)) >= 2


def _is_jsonl(text: str, suffix: str) -> bool:
    stripped = text.lstrip()
    if not stripped.startswith("{"):
        return False
    first_line = stripped.split("\n", 1)[0]
    try:
        return isinstance(json.loads(first_line), dict)
    except RecursionError:
        return True  # an object nested too deeply to parse: still JSON Lines, the reader reports the line
    except ValueError:
        # The first record may be longer than the sniffed head: trust the shape and the suffix.
        return first_line.startswith('{"') and ("\n" not in stripped or suffix in {".jsonl", ".ndjson"})


def _is_csv(text: str, suffix: str) -> bool:
    header = text.split("\n", 1)[0].rstrip("\r")
    for delimiter in (",", "\t", ";"):
        fields = header.split(delimiter)
        if len(fields) >= 2 and all(_CSV_FIELD.match(field) for field in fields):
            names = {field.strip().strip('"').lower() for field in fields}
            if names & KNOWN_FIELDS or suffix in {".csv", ".tsv"}:
                return True
    return False


# Checked in this order; the first match wins. Text is the fallback for anything that decodes.
_DETECTORS: tuple[tuple[Format, Callable[[str, str], bool]], ...] = (
    (Format.WARC, _is_warc),
    (Format.FEED, _is_feed),
    (Format.HTML, _is_html),
    (Format.JSONL, _is_jsonl),
    (Format.CSV, _is_csv),
)


def sniff(head: bytes, suffix: str = "") -> Format:
    """The format of a document from its first bytes; `suffix` (e.g. ".csv") is only a hint."""
    if not head.strip():
        return Format.EMPTY
    if head.startswith(b"\x1f\x8b"):
        return Format.GZIP
    if head.startswith((b"WARC/1.", b"WARC/0.")):
        # Before the binary test: an uncompressed archive's first record may well be an image or a
        # gzip-encoded body, and the archive must still be read record by record.
        return Format.WARC
    if looks_binary(head):
        return Format.BINARY
    text = _text_head(head)
    return next((fmt for fmt, detector in _DETECTORS if detector(text, suffix.lower())), Format.TEXT)

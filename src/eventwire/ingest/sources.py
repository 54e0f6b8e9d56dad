"""read_sources: paths -> RawDocuments, detecting each file's format from its content."""

from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from eventwire.ingest.decoding import declared_charset, decode_text
from eventwire.ingest.feeds import read_feed
from eventwire.ingest.sniff import HEAD_SIZE, Format, sniff
from eventwire.ingest.streams import InputProblem, LimitedStream, read_head
from eventwire.ingest.tabular import read_csv, read_jsonl
from eventwire.ingest.warc import read_warc
from eventwire.records import RawDocument, SourceError

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
STDIN = "-"
# gzip inside gzip is legitimate once (a .tar.gz is not, but that is binary after one layer anyway);
# deeper nesting is only ever an attack.
_MAX_GZIP_LAYERS = 2

Output = Iterator[RawDocument | SourceError]


def read_sources(paths: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Output:
    """Every document in `paths` (files, directories searched recursively in sorted order, "-" = stdin).

    Yields RawDocuments, and a SourceError for each file or record that cannot be read; never raises for
    bad input. Files over `max_bytes` are refused before reading; decompressed data is cut off (and
    reported) at `max_bytes`, so compression bombs cannot exhaust memory.
    """
    for path in paths:
        if path == STDIN:
            if sys.stdin is None:  # started without standard input (a service, CI)
                yield SourceError("<stdin>", "no standard input to read")
            else:
                yield from _read_stream(sys.stdin.buffer, "<stdin>", "", max_bytes)
            continue
        for file_path in _expand(Path(path), set()):
            yield from _read_file(file_path, max_bytes)


def _expand(path: Path, visited: set[Path]) -> Iterator[Path]:
    if path.is_dir():
        real = path.resolve()
        if real in visited:  # a symlink loop: each directory is read once
            return
        visited.add(real)
        for child in sorted(path.iterdir(), key=lambda child: child.name):
            if not child.name.startswith("."):
                yield from _expand(child, visited)
    else:
        yield path


def _read_file(path: Path, max_bytes: int) -> Output:
    origin = str(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        yield SourceError(origin, f"cannot read: {error.strerror or error}")
        return
    if size > max_bytes:
        yield SourceError(origin, f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes; skipped")
        return
    try:
        with path.open("rb") as handle:
            yield from _read_stream(handle, origin, "".join(path.suffixes[-2:]), max_bytes)
    except OSError as error:
        yield SourceError(origin, f"cannot read: {error.strerror or error}")


def _suffix_hint(suffixes: str) -> str:
    # ".html.gz" -> ".html" after decompression; ".csv" stays ".csv".
    parts = [part for part in suffixes.split(".") if part]
    return f".{parts[-1]}" if parts else ""


def _read_stream(source: BinaryIO, origin: str, suffixes: str, max_bytes: int) -> Output:
    stream = LimitedStream(source, max_bytes, "input")
    try:
        for layer in range(_MAX_GZIP_LAYERS + 1):
            head = read_head(stream, HEAD_SIZE)
            fmt = sniff(head, _suffix_hint(suffixes))
            if fmt is not Format.GZIP:
                break
            if layer == _MAX_GZIP_LAYERS:
                yield SourceError(origin, "gzip nested too deeply")
                return
            suffixes = suffixes.removesuffix(".gz")
            decompressor = gzip.GzipFile(fileobj=LimitedStream(stream, max_bytes, "input", head), mode="rb")
            stream = LimitedStream(decompressor, max_bytes, "decompressed data")  # type: ignore[arg-type]
        if stream.damage and not head:
            yield SourceError(origin, stream.damage)
            return
        data = io.BufferedReader(LimitedStream(stream, max_bytes, "data", head), buffer_size=1 << 16)
        yield from _READERS[fmt](data, origin, head, max_bytes)
    except InputProblem as problem:
        yield SourceError(origin, str(problem))
        return
    if stream.damage:
        yield SourceError(origin, stream.damage)


def _whole(stream: BinaryIO, max_bytes: int) -> bytes:
    data = read_head(stream, max_bytes + 1)
    if len(data) > max_bytes:
        raise InputProblem(f"content is larger than the limit of {max_bytes:,} bytes")
    return data


def _refuse(reason: str) -> Callable[[BinaryIO, str, bytes, int], Output]:
    def reader(stream: BinaryIO, origin: str, head: bytes, max_bytes: int) -> Output:
        yield SourceError(origin, reason)

    return reader


def _html(stream: BinaryIO, origin: str, head: bytes, max_bytes: int) -> Output:
    data = _whole(stream, max_bytes)
    yield RawDocument(origin=origin, body=decode_text(data), kind="html")


def _text(stream: BinaryIO, origin: str, head: bytes, max_bytes: int) -> Output:
    data = _whole(stream, max_bytes)
    yield RawDocument(origin=origin, body=decode_text(data), kind="text")


def _feed(stream: BinaryIO, origin: str, head: bytes, max_bytes: int) -> Output:
    yield from read_feed(_whole(stream, max_bytes), origin)


def _jsonl(stream: BinaryIO, origin: str, head: bytes, max_bytes: int) -> Output:
    yield from read_jsonl(stream, origin)


def _csv(stream: BinaryIO, origin: str, head: bytes, max_bytes: int) -> Output:
    encoding = "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the head is still UTF-8.
        if error.start < len(head) - 4:
            encoding = declared_charset(head) or "cp1252"
    try:
        yield from read_csv(stream, origin, encoding, max_bytes)
    except UnicodeDecodeError:
        yield SourceError(origin, f"CSV is not valid {encoding} text")


def _warc(stream: BinaryIO, origin: str, head: bytes, max_bytes: int) -> Output:
    yield from read_warc(stream, origin, max_bytes)


_READERS: dict[Format, Callable[[BinaryIO, str, bytes, int], Output]] = {
    Format.EMPTY: _refuse("file is empty"),
    Format.BINARY: _refuse("binary data, not text (nor a supported archive or compressed format)"),
    Format.WARC: _warc,
    Format.FEED: _feed,
    Format.JSONL: _jsonl,
    Format.CSV: _csv,
    Format.HTML: _html,
    Format.TEXT: _text,
}

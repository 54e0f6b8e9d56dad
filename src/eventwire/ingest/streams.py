"""Byte streams with a size limit and a sniffable head, so big inputs are streamed, never slurped."""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO


class InputProblem(Exception):
    """Why an input (or one record of it) cannot be read; becomes a SourceError with its origin."""


class SizeLimitExceeded(InputProblem):
    pass


class LimitedStream(io.RawIOBase):
    """A read-only stream that raises SizeLimitExceeded once more than `limit` bytes come through.

    Wrapped around decompressors, it stops gzip/WARC bombs after `limit` bytes of output instead of
    letting them fill memory. `head` bytes (already read for sniffing) are replayed first.
    """

    def __init__(self, source: BinaryIO, limit: int, what: str, head: bytes = b"") -> None:
        self._source = source
        self._read = getattr(source, "read1", source.read)
        self._limit = limit
        self._what = what
        self._head = head
        self._seen = len(head)
        # Set when the source broke off (truncated or corrupt gzip): what was read so far is still used,
        # and the reader reports the damage after yielding it.
        self.damage: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer)
        if self._head:
            count = min(len(view), len(self._head))
            view[:count] = self._head[:count]
            self._head = self._head[count:]
        elif self.damage is not None:
            return 0
        else:
            try:
                # read1: one underlying read, so data decompressed before a break-off is not lost
                # with the exception (BufferedReader.read(n) would discard it).
                chunk = self._read(len(view))
            except EOFError:
                self.damage = "gzip data is truncated (the file ends before the end-of-stream marker)"
                return 0
            except (OSError, zlib.error) as error:
                self.damage = f"gzip data is corrupt: {error}"
                return 0
            count = len(chunk)
            view[:count] = chunk
            self._seen += count
            if self._seen > self._limit:
                raise SizeLimitExceeded(f"{self._what} is larger than the limit of {self._limit:,} bytes")
        return count


def read_head(source: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes, reading again on short reads (pipes and decompressors return partial chunks)."""
    parts: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = source.read(remaining)
        if not chunk:
            break
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)

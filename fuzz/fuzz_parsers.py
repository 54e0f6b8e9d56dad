"""Coverage-guided fuzzing of eventwire's parsers with atheris (see docs/fuzzing.md).

    python fuzz/fuzz_parsers.py TARGET [libFuzzer options] [CORPUS_DIR ...]
    python fuzz/fuzz_parsers.py ingest -max_total_time=300 fuzz/corpus/ingest

Targets (each must never raise, whatever the bytes):
    ingest    read_sources on bytes given as standard input: format sniffing, decoding, gzip, WARC, feeds,
              JSON Lines and CSV, then extract on every document
    feed      the RSS/Atom reader alone
    extract   extract() of a document of every kind (html, text, plain)
    temporal  find_timexes() on text with a document date

Not collected by pytest (the file name does not start with test_); atheris is a development tool, not a
dependency of eventwire: pip install atheris==3.0.0.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable
from types import SimpleNamespace

import atheris

with atheris.instrument_imports(include=["eventwire"]):
    from eventwire.extract import extract
    from eventwire.ingest import read_sources
    from eventwire.ingest.feeds import read_feed
    from eventwire.records import Article, RawDocument, SourceError
    from eventwire.temporal import find_timexes

_KINDS = ("html", "text", "plain")
_MAX_BYTES = 1 << 20  # small, so size-limit paths are reached too


def _check(item: object) -> None:
    # Anything but a record is a finding just like an exception.
    if not isinstance(item, RawDocument | SourceError | Article):
        raise AssertionError(f"unexpected {type(item).__name__}: {item!r}")


def fuzz_ingest(data: bytes) -> None:
    stdin = sys.stdin
    sys.stdin = SimpleNamespace(buffer=io.BytesIO(data))  # type: ignore[assignment]
    try:
        for item in read_sources(["-"], max_bytes=_MAX_BYTES):
            _check(item)
            if isinstance(item, RawDocument):
                _check(extract(item))
    finally:
        sys.stdin = stdin


def fuzz_feed(data: bytes) -> None:
    for item in read_feed(data, "fuzz.xml"):
        _check(item)


def fuzz_extract(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    kind = _KINDS[provider.ConsumeIntInRange(0, len(_KINDS) - 1)]
    body = provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes())
    _check(extract(RawDocument("fuzz", body, kind)))  # type: ignore[arg-type]


def fuzz_temporal(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    dct = dt.date(1901, 1, 1) + dt.timedelta(days=provider.ConsumeIntInRange(0, 72_000))
    text = provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes())
    for timex in find_timexes(text, dct):
        if not (0 <= timex.start < timex.end <= len(text) and text[timex.start:timex.end] == timex.text):
            raise AssertionError(f"span {timex.start}:{timex.end} does not index {timex.text!r} in {text!r}")


TARGETS: dict[str, Callable[[bytes], None]] = {
    "ingest": fuzz_ingest,
    "feed": fuzz_feed,
    "extract": fuzz_extract,
    "temporal": fuzz_temporal,
}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(TARGETS)}}} [libFuzzer options] [corpus dirs]")
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

"""Exports of stored events: PLOVER JSONL, CSV, Parquet and the GDELT 2.0 event and mentions tables.

Every writer takes the events (from `eventwire.store.queries.iter_events`, so exports stream and take
the same filters as `eventwire events`) and an output path, and returns what it wrote. Formats are a
registry: `EXPORTERS[name]`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.export.flat import FLAT_COLUMNS, flatten

if TYPE_CHECKING:
    from eventwire.store.queries import StoredEvent


class ExportError(RuntimeError):
    """An export that cannot be written, with what the user can do about it."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    format: str
    events: int
    paths: tuple[Path, ...]


Exporter = Callable[[Iterable["StoredEvent"], Path], ExportResult]


def write_plover_jsonl(events: Iterable[StoredEvent], output: Path) -> ExportResult:
    """The stored records, one JSON object per line, exactly as docs/event.schema.json describes them."""
    count = 0
    with output.open("w", encoding="utf-8") as out:
        for event in events:
            out.write(json.dumps(event.record, ensure_ascii=False) + "\n")
            count += 1
    return ExportResult("plover-jsonl", count, (output,))


def write_csv(events: Iterable[StoredEvent], output: Path) -> ExportResult:
    """Flat columns (eventwire.export.flat), a header row, UTF-8, RFC 4180 quoting."""
    count = 0
    with output.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS)
        writer.writeheader()
        for event in events:
            writer.writerow(flatten(event.record))
            count += 1
    return ExportResult("csv", count, (output,))


def _parquet(events: Iterable[StoredEvent], output: Path) -> ExportResult:
    from eventwire.export.parquet import write_parquet

    return write_parquet(events, output)


def _gdelt(events: Iterable[StoredEvent], output: Path) -> ExportResult:
    from eventwire.export.gdelt import write_gdelt

    return write_gdelt(events, output)


EXPORTERS: dict[str, Exporter] = {
    "plover-jsonl": write_plover_jsonl,
    "csv": write_csv,
    "parquet": _parquet,
    "gdelt": _gdelt,
}


def export_events(events: Iterable[StoredEvent], fmt: str, output: Path) -> ExportResult:
    if fmt not in EXPORTERS:
        raise ExportError(f"unknown export format {fmt!r} (one of {', '.join(EXPORTERS)})")
    if not output.parent.is_dir():
        raise ExportError(f"cannot write {output}: folder {output.parent} does not exist")
    try:
        return EXPORTERS[fmt](events, output)
    except OSError as error:
        raise ExportError(f"cannot write {output}: {error.strerror or error}") from error


__all__ = ["EXPORTERS", "FLAT_COLUMNS", "ExportError", "ExportResult", "export_events", "flatten",
           "write_csv", "write_plover_jsonl"]

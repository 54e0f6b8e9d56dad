"""Exports of stored events: PLOVER JSONL, CSV, Parquet and the GDELT 2.0 event and mentions tables.

Every writer takes the events (from `eventwire.store.Reader.iter_events`, so exports stream and take
the same filters as `eventwire events`) and an output path, and returns what it wrote. The built-in
formats are `EXPORTERS[name]`; installed packages add more through the `eventwire.exporters` entry point
(`eventwire.plugins`, docs/extending.md), found by `exporter(name)` and listed by `export_formats()`.

`export_events` writes into a temporary folder beside the output and moves the finished files into place,
so an export that fails or is killed leaves no partial file under the output's name. A stored record that
breaks the record invariants (`eventwire.events.invariants`) or that a writer cannot convert is left out
with its event id, field and reason in `ExportResult.rejected`, and the rest is exported.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.export.base import CheckedEvents, Exporter, ExportError, ExportResult, Rejected, rows
from eventwire.export.flat import FLAT_COLUMNS, flatten

if TYPE_CHECKING:
    from eventwire.store import StoredEvent


def write_plover_jsonl(events: Iterable[StoredEvent], output: Path) -> ExportResult:
    """The stored records, one JSON object per line, exactly as docs/event.schema.json describes them."""
    count = 0
    with output.open("w", encoding="utf-8") as out:
        for _, line in rows(events, lambda event: json.dumps(event.record, ensure_ascii=False)):
            out.write(line + "\n")
            count += 1
    return ExportResult("plover-jsonl", count, (output,))


def write_csv(events: Iterable[StoredEvent], output: Path) -> ExportResult:
    """Flat columns (eventwire.export.flat), a header row, UTF-8, RFC 4180 quoting."""
    count = 0
    with output.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS)
        writer.writeheader()
        for _, row in rows(events, lambda event: flatten(event.record)):
            writer.writerow(row)
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


def export_formats() -> list[str]:
    """Every format `export_events` can write: the built-in ones, then those plugins add."""
    from eventwire.plugins import EXPORTERS as GROUP
    from eventwire.plugins import names

    return names(GROUP, EXPORTERS)


def exporter(fmt: str) -> Exporter:
    """The writer of format `fmt`: a built-in one, else the plugin of that name."""
    from eventwire.plugins import EXPORTERS as GROUP
    from eventwire.plugins import choose, plugins

    loaded = choose(GROUP, fmt, EXPORTERS, ExportError,
                    lambda: f"unknown export format {fmt!r} (one of {', '.join(export_formats())})")
    if not callable(loaded):
        plugin = plugins(GROUP)[fmt]
        raise ExportError(f"plugin {fmt!r} of package {plugin.package!r} is not an exporter: {plugin.value}"
                          " must name a function (events, output path) -> ExportResult")
    return loaded  # type: ignore[return-value]


def export_events(events: Iterable[StoredEvent], fmt: str, output: Path) -> ExportResult:
    """Write the events in format `fmt` to `output` (and, for gdelt, its mentions table beside it).

    The files are written in a temporary folder next to the output and moved into place only when the
    writer has finished, so a failed or killed export never leaves a partial file under their names.
    """
    write = exporter(fmt)
    if not output.parent.is_dir():
        raise ExportError(f"cannot write {output}: folder {output.parent} does not exist")
    checked = CheckedEvents(events)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".partial", dir=output.parent))
    except OSError as error:
        raise ExportError(f"cannot write {output}: {error.strerror or error}") from error
    try:
        result = write(checked, staging / output.name)
        final = tuple(output.parent / path.name for path in result.paths)
        for written, destination in zip(result.paths, final, strict=True):
            os.replace(written, destination)
    except OSError as error:
        raise ExportError(f"cannot write {output}: {error.strerror or error}") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ExportResult(result.format, result.events, final, tuple(checked.rejected))


__all__ = ["EXPORTERS", "FLAT_COLUMNS", "CheckedEvents", "ExportError", "ExportResult", "Exporter",
           "Rejected", "export_events", "export_formats", "exporter", "flatten", "rows", "write_csv",
           "write_plover_jsonl"]

"""Parquet export (pyarrow): the flat columns with real types, plus the full record as JSON text.

Readable by pandas (`pd.read_parquet`), DuckDB (`SELECT * FROM 'events.parquet'`) and any Arrow reader.
Written in row groups while reading, so memory stays flat however many events are exported.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.export.base import ExportError, ExportResult, rows
from eventwire.export.flat import FLAT_COLUMNS, flatten

if TYPE_CHECKING:
    import pyarrow

    from eventwire.store import StoredEvent

ROW_GROUP = 50_000
_DATE_COLUMNS = frozenset({"date", "date_end"})
_INT_COLUMNS = frozenset({"quad_class", "geonameid", "sentence_start", "dead", "injured", "arrested",
                          "participants"})
_FLOAT_COLUMNS = frozenset({"intensity", "confidence", "lat", "lon", "money_amount"})
_BOOL_COLUMNS = frozenset({"date_from_text", "reported"})


def _schema() -> pyarrow.Schema:
    import pyarrow as pa

    def column_type(name: str) -> pyarrow.DataType:
        if name in _DATE_COLUMNS:
            return pa.date32()
        if name in _INT_COLUMNS:
            return pa.int64()
        if name in _FLOAT_COLUMNS:
            return pa.float64()
        if name in _BOOL_COLUMNS:
            return pa.bool_()
        return pa.string()

    return pa.schema([pa.field(name, column_type(name)) for name in FLAT_COLUMNS]
                     + [pa.field("record", pa.string())])


def _row(event: StoredEvent) -> dict[str, Any]:
    row = flatten(event.record)
    for name in _DATE_COLUMNS:
        row[name] = date.fromisoformat(row[name]) if row[name] else None
    row["record"] = json.dumps(event.record, ensure_ascii=False)
    return row


def write_parquet(events: Iterable[StoredEvent], output: Path) -> ExportResult:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as missing:
        raise ExportError("Parquet export needs pyarrow: pip install pyarrow") from missing

    schema = _schema()
    count = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(output, schema, compression="zstd") as writer:
        for _, row in rows(events, _row):
            batch.append(row)
            count += 1
            if len(batch) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return ExportResult("parquet", count, (output,))

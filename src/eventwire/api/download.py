"""GET /api/export: the events the filters select, as a file, written by the same exporter as
`eventwire export` (eventwire.export.export_events), so the download and the command give the same bytes
for the same filters.

The exporter writes files (whole or not at all, leaving out records that break the record invariants), so
the route exports into a temporary folder, opens the finished file and removes the folder at once (the
open file lives on until it is closed), then streams the file back in chunks, never held in memory. So
nothing is left on disk whether the client reads the whole answer, goes away half-way or the server stops.
"""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations.
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import Response, StreamingResponse

from eventwire.api.errors import ApiError
from eventwire.api.middleware import HEAD_SCOPE_KEY
from eventwire.api.stores import ThreadStores

log = logging.getLogger("eventwire.api")

# Downloads write whole exports to disk and keep a pool thread busy meanwhile: two at a time, so they
# cannot take the threads every other request needs; a third is told to retry (503).
MAX_DOWNLOADS = 2
CHUNK_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class DownloadFormat:
    exporter: str  # the name in eventwire.export.EXPORTERS (and `eventwire export --format`)
    file_name: str  # the exporter's output name; gdelt writes the mentions table beside it
    media_type: str
    mentions: bool = False  # the GDELT mentions table instead of the event table


FORMATS: dict[str, DownloadFormat] = {
    "csv": DownloadFormat("csv", "eventwire-events.csv", "text/csv; charset=utf-8"),
    "plover-jsonl": DownloadFormat("plover-jsonl", "eventwire-events.jsonl", "application/x-ndjson"),
    "gdelt": DownloadFormat("gdelt", "eventwire.export.tsv", "text/tab-separated-values; charset=utf-8"),
    "gdelt-mentions": DownloadFormat("gdelt", "eventwire.export.tsv",
                                     "text/tab-separated-values; charset=utf-8", mentions=True),
    "parquet": DownloadFormat("parquet", "eventwire-events.parquet", "application/vnd.apache.parquet"),
}
FORMAT_PATTERN = "^(" + "|".join(FORMATS) + ")$"


def _documented_content() -> dict[str, Any]:
    types = sorted({spec.media_type.split(";")[0] for spec in FORMATS.values()})
    return {media_type: {"schema": {"type": "string", "format": "binary"}} for media_type in types}


def add_download_route(app: FastAPI, stores: ThreadStores, filters_type: Any) -> None:
    """GET /api/export on `app`; `filters_type` is the app's event-filter dependency (as GET /api/events)."""
    slots = threading.BoundedSemaphore(MAX_DOWNLOADS)

    @app.get("/api/export", tags=["events"], response_class=Response,
             responses={200: {"description": "The file (Content-Disposition: attachment).",
                              "content": _documented_content()},
                        503: {"description": "Two downloads are already running (unavailable); retry after"
                                             " `Retry-After` seconds.",
                              "content": {"application/json": {
                                  "schema": {"$ref": "#/components/schemas/ErrorOut"}}}}})
    def export_route(request: Request, filters: filters_type,  # type: ignore[valid-type]
                     format_: Annotated[str, Query(alias="format", pattern=FORMAT_PATTERN, description=(
                         "csv, plover-jsonl, gdelt (the GDELT 2.0 event table), gdelt-mentions (its"
                         " mentions table) or parquet, as `eventwire export --format`."))],
                     ) -> Response:
        """The events matching the filters (the same as GET /api/events) as one file, by event date, the
        same bytes as `eventwire export --format FORMAT` with the same filters. A stored record that breaks
        the record invariants is left out (header `X-Eventwire-Left-Out` counts them, the server log names
        them)."""
        from eventwire.export import ExportError, export_events
        from eventwire.export.gdelt import mentions_path
        from eventwire.store.queries import iter_events

        spec = FORMATS[format_]
        name = Path(spec.file_name)
        if spec.mentions:
            name = mentions_path(name)
        disposition = {"Content-Disposition": f'attachment; filename="{name.name}"'}
        if request.scope.get(HEAD_SCOPE_KEY):  # the headers only: no export for an answer without body
            return Response(media_type=spec.media_type, headers=disposition)
        if not slots.acquire(blocking=False):
            raise ApiError(503, f"{MAX_DOWNLOADS} downloads are being written; retry later",
                           headers={"Retry-After": "5"})
        staging = Path(tempfile.mkdtemp(prefix="eventwire-download-"))
        try:
            events = iter_events(stores.get(), filters)
            result = export_events(events, spec.exporter, staging / spec.file_name)
            written = (result.paths[1] if spec.mentions else result.paths[0]).open("rb")
        except ExportError:
            log.exception("download of %s failed", format_)
            raise ApiError(500, "the export could not be written; the details are in the server log"
                           ) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            slots.release()
        for rejected in result.rejected:
            log.warning("download: %s; left out", rejected)
        size = _size(written)
        return StreamingResponse(
            _chunks(written), media_type=spec.media_type,
            headers={**disposition, "Content-Length": str(size), "X-Eventwire-Events": str(result.events),
                     "X-Eventwire-Left-Out": str(len(result.rejected))})


def _size(file: Any) -> int:
    return os.fstat(file.fileno()).st_size


def _chunks(file: Any) -> Iterator[bytes]:
    """The file's bytes in chunks; closed at the end, or when the answer is abandoned (the generator is
    closed then), which frees the already unlinked file's space."""
    with file:
        while chunk := file.read(CHUNK_BYTES):
            yield chunk

"""GET /api/export: the events the filters select, as a file, written by the same exporters as
`eventwire export` (eventwire.export), so the download and the command give the same bytes for the same
filters.

The exporters write to a path. CSV, PLOVER JSONL and GDELT are streamed: the exporter runs in a thread of
its own and writes into a named pipe (a FIFO in a temporary folder) that the answer reads from, so the
first bytes leave while later events are still being read, nothing is held in memory or written to disk,
and a slow client slows the exporter down (the pipe's back-pressure). A client that goes away closes the
pipe's reading end; the exporter's next write fails and its thread ends. An export that fails half-way
aborts the answer (no final chunk), so the browser reports a failed download instead of keeping a cut
file. Parquet (whose file is finished by a footer written last) and systems without named pipes go through
`export_events` into a temporary folder; the finished file is opened, the folder removed at once, and the
open file streamed back. Either way nothing is left on disk however the answer ends.
"""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations.
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse

from eventwire.api.context import MAX_DOWNLOADS, Context
from eventwire.api.errors import ApiError
from eventwire.api.middleware import HEAD_SCOPE_KEY
from eventwire.api.params import Filters
from eventwire.store import EventQuery, Reader

log = logging.getLogger("eventwire.api")

# At most MAX_DOWNLOADS (api/context.py) are written at once; a third is told to retry (503).
CHUNK_BYTES = 256 * 1024
PIPE_POLL_SECONDS = 0.005


@dataclass(frozen=True, slots=True)
class DownloadFormat:
    exporter: str  # the name in eventwire.export.EXPORTERS (and `eventwire export --format`)
    file_name: str  # the exporter's output name; gdelt writes the mentions table beside it
    media_type: str
    mentions: bool = False  # the GDELT mentions table instead of the event table
    pipe: bool = True  # written front to back, so it can be streamed through a named pipe


FORMATS: dict[str, DownloadFormat] = {
    "csv": DownloadFormat("csv", "eventwire-events.csv", "text/csv; charset=utf-8"),
    "plover-jsonl": DownloadFormat("plover-jsonl", "eventwire-events.jsonl", "application/x-ndjson"),
    "gdelt": DownloadFormat("gdelt", "eventwire.export.tsv", "text/tab-separated-values; charset=utf-8"),
    "gdelt-mentions": DownloadFormat("gdelt", "eventwire.export.tsv",
                                     "text/tab-separated-values; charset=utf-8", mentions=True),
    "parquet": DownloadFormat("parquet", "eventwire-events.parquet", "application/vnd.apache.parquet",
                              pipe=False),
}
FORMAT_PATTERN = "^(" + "|".join(FORMATS) + ")$"


def _documented_content() -> dict[str, Any]:
    types = sorted({spec.media_type.split(";")[0] for spec in FORMATS.values()})
    return {media_type: {"schema": {"type": "string", "format": "binary"}} for media_type in types}


class DownloadFailed(RuntimeError):
    """The exporter failed after the answer had started: raised into the server to abort the answer."""


class _Abandoned(Exception):
    """Raised into the exporter when the answer has ended before the export did."""


class _PipedExport:
    """One export written by its own thread into a named pipe that the answer reads."""

    def __init__(self, store_url: str, filters: EventQuery, spec: DownloadFormat,
                 release: Any) -> None:
        from eventwire.export.gdelt import mentions_path

        self.folder = Path(tempfile.mkdtemp(prefix="eventwire-download-"))
        self.target = self.folder / spec.file_name  # for gdelt, the other table is a plain file here
        piped = mentions_path(self.target) if spec.mentions else self.target
        os.mkfifo(piped, 0o600)
        # Opened for reading before the writer exists (non-blocking open, then blocking reads), and kept
        # open until the writer has ended, so the writer's open never waits and its writes never fail.
        descriptor = os.open(piped, os.O_RDONLY | os.O_NONBLOCK)
        os.set_blocking(descriptor, True)
        self.reader = os.fdopen(descriptor, "rb")
        self.store_url, self.filters, self.spec, self.release = store_url, filters, spec, release
        self.error: BaseException | None = None
        self.abandoned = threading.Event()
        self.thread = threading.Thread(target=self._write, name="eventwire-download", daemon=True)
        self.thread.start()

    def _events(self, store: Any) -> Iterator[Any]:
        for event in Reader(store).iter_events(self.filters):
            if self.abandoned.is_set():
                raise _Abandoned
            yield event

    def _write(self) -> None:
        from eventwire.export import EXPORTERS, CheckedEvents
        from eventwire.store import Store

        try:
            # Its own connection: a connection belongs to the thread that opened it.
            with Store.open(self.store_url) as store:
                store.read_only()
                checked = CheckedEvents(self._events(store))
                result = EXPORTERS[self.spec.exporter](checked, self.target)
            for rejected in checked.rejected:
                log.warning("download: %s; left out", rejected)
            log.info("download: %d events as %s", result.events, self.spec.exporter)
        except _Abandoned:
            log.info("download of %s: the client went away", self.spec.exporter)
        except BaseException as error:  # reported by the reading side, which aborts the answer
            self.error = error
            log.exception("download of %s failed", self.spec.exporter)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.release()

    def _read(self) -> Iterator[bytes]:
        """What the writer writes, until it has ended and the pipe is empty."""
        while True:
            chunk = self.reader.read1(CHUNK_BYTES)
            if chunk:
                yield chunk
            elif self.thread.is_alive():
                # A pipe without a writer reads as its end: the exporter has not opened it yet (it is
                # still reading the first events) or has just closed it. Wait for it.
                time.sleep(PIPE_POLL_SECONDS)
            else:
                break
        # The writer has ended: what it wrote before closing is still in the pipe.
        while chunk := self.reader.read1(CHUNK_BYTES):
            yield chunk

    def chunks(self) -> Iterator[bytes]:
        yield from self._read()
        if self.error is not None:
            raise DownloadFailed("the export failed half-way; the answer is aborted") from self.error

    def finish(self) -> None:
        """Called when the answer has ended, read whole or not (the client went away). The exporter is
        stopped at its next event, and what it still writes is read and dropped so that it is never
        blocked on a full pipe; the pipe is closed once it has ended. In a thread of its own: the
        exporter may be in the middle of a long query."""
        if not self.thread.is_alive() and self.reader.closed:
            return
        self.abandoned.set()

        def drain() -> None:
            for _ in self._read():
                pass
            self.reader.close()

        threading.Thread(target=drain, name="eventwire-download-drain", daemon=True).start()


class _PipedResponse(StreamingResponse):
    """Streams a piped export and finishes it however the answer ends (also when the server cancels the
    answer because the client went away, which leaves the body iterator unclosed)."""

    def __init__(self, export: _PipedExport, media_type: str, headers: dict[str, str]) -> None:
        super().__init__(export.chunks(), media_type=media_type, headers=headers)
        self.export = export

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.export.finish()


router = APIRouter(tags=["events"])


@router.get("/api/export", response_class=Response,
            responses={200: {"description": "The file (Content-Disposition: attachment).",
                             "content": _documented_content()},
                       503: {"description": "Two downloads are already running (unavailable); retry after"
                                            " `Retry-After` seconds.",
                             "content": {"application/json": {
                                 "schema": {"$ref": "#/components/schemas/ErrorOut"}}}}})
def export_route(request: Request, context: Context, filters: Filters,
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

    spec = FORMATS[format_]
    name = Path(spec.file_name)
    if spec.mentions:
        name = mentions_path(name)
    disposition = {"Content-Disposition": f'attachment; filename="{name.name}"'}
    if request.scope.get(HEAD_SCOPE_KEY):  # the headers only: no export for an answer without body
        return Response(media_type=spec.media_type, headers=disposition)
    if not context.downloads.acquire(blocking=False):
        raise ApiError(503, f"{MAX_DOWNLOADS} downloads are being written; retry later",
                       headers={"Retry-After": "5"})
    if spec.pipe and hasattr(os, "mkfifo"):
        try:
            export = _PipedExport(context.stores.url, filters, spec, context.downloads.release)
        except BaseException:
            context.downloads.release()
            raise
        return _PipedResponse(export, spec.media_type, disposition)
    staging = Path(tempfile.mkdtemp(prefix="eventwire-download-"))
    try:
        events = Reader(context.stores.get()).iter_events(filters)
        result = export_events(events, spec.exporter, staging / spec.file_name)
        written = (result.paths[1] if spec.mentions else result.paths[0]).open("rb")
    except ExportError:
        log.exception("download of %s failed", format_)
        raise ApiError(500, "the export could not be written; the details are in the server log"
                       ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        context.downloads.release()
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

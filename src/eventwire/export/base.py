"""What every export writer shares: the events it is given (checked against the record invariants), the
rows it converts them through, and the result it returns. Kept apart from the package's registry so the
writers (gdelt.py, parquet.py, plugins') import it without importing the registry that imports them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from eventwire.events.invariants import record_problems

if TYPE_CHECKING:
    from eventwire.store import StoredEvent


class ExportError(RuntimeError):
    """An export that cannot be written, with what the user can do about it."""


@dataclass(frozen=True, slots=True)
class Rejected:
    """A stored record left out of an export: which event, which field, why."""

    event_id: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"event {self.event_id}: {self.field}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ExportResult:
    format: str
    events: int
    paths: tuple[Path, ...]
    rejected: tuple[Rejected, ...] = ()


Row = TypeVar("Row")


class CheckedEvents:
    """The events to export, each checked against the record invariants first; what fails is noted in
    `rejected` and skipped. Writers convert through `rows`, which notes and skips a record they cannot
    convert instead of stopping the export."""

    def __init__(self, events: Iterable[StoredEvent]) -> None:
        self._events = events
        self.rejected: list[Rejected] = []

    def __iter__(self) -> Iterator[StoredEvent]:
        for event in self._events:
            problems = record_problems(event.record)
            if problems:
                self.rejected.append(Rejected(event.event_id, problems[0].field, problems[0].detail))
                continue
            yield event

    def reject(self, event: StoredEvent, error: Exception) -> None:
        self.rejected.append(Rejected(event.event_id, "record", f"{type(error).__name__}: {error}"))


def rows(events: Iterable[StoredEvent], convert: Callable[[StoredEvent], Row]
         ) -> Iterator[tuple[StoredEvent, Row]]:
    """Each event with its converted row. Under `export_events` a record that cannot be converted is
    noted and skipped; called directly with plain events, the error propagates."""
    for event in events:
        try:
            row = convert(event)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            if not isinstance(events, CheckedEvents):
                raise
            events.reject(event, error)
            continue
        yield event, row


Exporter = Callable[[Iterable["StoredEvent"], Path], ExportResult]

"""`eventwire export`: stored events to PLOVER JSONL, CSV, Parquet or GDELT 2.0 files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from eventwire.cli._common import db_option, open_store
from eventwire.cli.events import build_query, event_filters, filter_values


def _known_format(context: click.Context, parameter: click.Parameter, fmt: str) -> str:
    # Checked here rather than by click.Choice: plugins add formats, and looking them up when the CLI is
    # imported would slow every command down.
    from eventwire.export import export_formats

    formats = export_formats()
    if fmt not in formats:
        raise click.BadParameter(f"{fmt!r} is not one of {', '.join(formats)}", context, parameter)
    return fmt


@click.command()
@db_option
@click.option("--format", "fmt", required=True, callback=_known_format, metavar="FORMAT",
              help="plover-jsonl: our records; csv: flat columns; parquet: typed columns (pyarrow);"
                   " gdelt: GDELT 2.0 event table + mentions table (tab-separated); or a format an"
                   " installed plugin adds (docs/extending.md).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True,
              help="File to write. For gdelt, the mentions table goes next to it (x.export.CSV ->"
                   " x.mentions.CSV, else x.mentions.<ext>).")
@event_filters
def export(db: str | None, fmt: str, output: Path, **filters: Any) -> None:
    """Export the stored events matching the filters (the same as `eventwire events`), by event date.

    \b
    Examples:
      eventwire export --format gdelt -o 20240305.export.CSV --since 2024-03-05 --until 2024-03-05
      eventwire export --format parquet -o events.parquet --place-country UKR
    Mappings to GDELT fields are documented in docs/exports.md. Files are written whole or not at all
    (into a temporary folder beside the output, then moved into place). A stored record that breaks the
    record invariants is left out with its event id and field on stderr, and the exit code is 1.
    """
    from eventwire.export import ExportError, export_events
    from eventwire.store import Reader

    query = build_query(filter_values(filters))
    with open_store(db) as store:
        try:
            result = export_events(Reader(store).iter_events(query), fmt, output)
        except ExportError as error:
            raise click.ClickException(str(error)) from error
    for rejected in result.rejected:
        click.echo(f"error: {rejected}; left out of the export", err=True)
    written = ", ".join(str(path) for path in result.paths)
    left_out = f" ({len(result.rejected)} left out, see above)" if result.rejected else ""
    click.echo(f"{result.events} events exported as {result.format} to {written}{left_out}")
    if result.rejected:
        sys.exit(1)

"""`eventwire browse`: the SQLite store in Datasette, for ad-hoc SQL next to the analysts' page."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import click

from eventwire.cli._common import db_option

INSTALL_HINT = "pip install 'eventwire[browse]'"


def store_file(db: str | None) -> Path:
    """The SQLite file behind --db, or a ClickException saying why it cannot be browsed."""
    from eventwire.store import database_url, mask_url
    from eventwire.store.sqlite import sqlite_path

    url = database_url(db)
    if url.partition("://")[0].lower() != "sqlite":
        raise click.ClickException(
            f"{mask_url(url)} is not a SQLite store: Datasette opens SQLite files only. For PostgreSQL, use "
            "psql or `eventwire serve`.")
    path = sqlite_path(url)
    if not path.is_file():
        raise click.ClickException(f"no store at {path}: ingest something first (eventwire ingest ... --db"
                                   f" {path})")
    return path


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port (0 picks a free one; Datasette prints it).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
def browse(db: str | None, host: str, port: int, open_browser: bool) -> None:
    """Open the store in Datasette: tables with described columns, SQL, and canned queries.

    \b
    Canned queries (on the database page):
      events_by_dyad    events between a source and a target country (ISO alpha-3)
      clusters          real-world events, most reported first
      actor_timeline    every event of an actor, by name or phrase
    The store is opened read-only for queries (Datasette runs SELECT only), and may be written by
    `eventwire ingest` meanwhile. Needs the browse extra: pip install 'eventwire[browse]'.

    \b
    Example:
      eventwire browse --db events.db --open
    """
    path = store_file(db)
    try:
        from datasette import cli as datasette_cli
    except ImportError as missing:
        raise click.ClickException(f"`eventwire browse` needs Datasette: {INSTALL_HINT}") from missing
    from eventwire.store.datasette import metadata

    with tempfile.TemporaryDirectory(prefix="eventwire-browse-") as folder:
        metadata_file = Path(folder) / "metadata.json"
        metadata_file.write_text(json.dumps(metadata(path.stem)), encoding="utf-8")
        arguments = ["serve", str(path), "--metadata", str(metadata_file), "--host", host,
                     "--port", str(port), "--setting", "sql_time_limit_ms", "5000"]
        if open_browser:
            arguments.append("--open")
        click.echo(f"Browsing {path} with Datasette (Ctrl-C stops it)", err=True)
        sys.exit(datasette_cli.cli.main(arguments, prog_name="datasette", standalone_mode=False))

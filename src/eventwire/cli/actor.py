"""`eventwire actor "TEXT"...`: resolve actor phrases against the knowledge base at a date."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import click

from eventwire.cli._common import output_format, write_jsonl

_TABLE_COLUMNS = (
    "text", "date", "actor_id", "name", "country", "sector", "role", "kind", "confidence", "link_rule",
)


def _parse_date(value: str | None, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as bad:
        raise click.BadParameter(f"{where}: not an ISO date: {value!r}") from bad


def _cases(path: Path) -> Iterator[tuple[str | None, str, str | None]]:
    """(id, text, date) of each line of a JSONL file of {id, text, date}."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as failure:
        raise click.ClickException(f"{path}: cannot read: {failure.strerror or failure}") from failure
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as failure:
            raise click.ClickException(f"{path}:{number}: not JSON ({failure.msg})") from failure
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise click.ClickException(f'{path}:{number}: a record needs a "text" string')
        yield (
            str(record["id"]) if record.get("id") is not None else None,
            record["text"],
            record.get("date"),
        )


@click.command("actor")
@click.argument("texts", nargs=-1, metavar="TEXT...")
@click.option("--date", "date_text", help="Event date (ISO, e.g. 2021-03-01); default: today.")
@click.option(
    "--input",
    "input_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="JSONL of {id, text, date} records to resolve (all in this one process).",
)
@click.option(
    "--actors",
    "actor_files",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Extra actor YAML (same formats as the shipped files; see docs/actors.md). Repeatable.",
)
@click.option("--country", "context_country", help="ISO3 of the article's country, for bare titles/agents.")
@click.option(
    "--article",
    "article_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Text file of the article the phrases come from: a surname links after its full name there, "
    "a title with a country the article names; the article's country is --country or its country words.",
)
@output_format("jsonl", "table", default="jsonl")
def actor(
    texts: tuple[str, ...],
    date_text: str | None,
    input_path: Path | None,
    actor_files: tuple[Path, ...],
    context_country: str | None,
    article_path: Path | None,
    fmt: str,
) -> None:
    """Resolve each actor phrase TEXT to an actor (person, country, IGO, group, agent) at --date.

    \b
      eventwire actor "the Iraqi Prime Minister" "Baghdad" --date 2021-03-01
      eventwire actor --input cases.jsonl --format table
      eventwire actor "Chief Okello" --actors my_actors.yaml
      eventwire actor "Clark" "President Erdogan" --article story.txt --date 2016-05-03
    """
    from eventwire.actors import ActorDataError, ActorResolver

    if not texts and input_path is None:
        raise click.UsageError("give at least one TEXT or --input FILE")
    default_date = _parse_date(date_text, "--date")
    try:
        resolver = ActorResolver.load(list(actor_files))
    except ActorDataError as bad_data:
        raise click.ClickException(str(bad_data)) from bad_data
    jobs: list[tuple[str | None, str, dt.date | None]] = [(None, text, default_date) for text in texts]
    if input_path is not None:
        for ident, text, date in _cases(input_path):
            jobs.append((ident, text, _parse_date(date, f"{input_path} record {ident}") or default_date))
    country = context_country.upper() if context_country else None
    article = None
    if article_path is not None:
        try:
            article_text = article_path.read_text(encoding="utf-8")
        except OSError as failure:
            reason = failure.strerror or failure
            raise click.ClickException(f"{article_path}: cannot read: {reason}") from failure
        article = resolver.read_article(article_text, default_date, dateline_country=country)
    rows = []
    for ident, text, date in jobs:
        resolution = resolver.resolve(text, date, context_country=country, article=article)
        record: dict[str, object] = {"id": ident} if ident is not None else {}
        record.update(resolution.as_json())
        record["date"] = date.isoformat() if date else None
        if fmt == "jsonl":
            write_jsonl(record)
        else:
            rows.append(record)
    if fmt == "table":
        _print_table(rows)


def _print_table(rows: list[dict[str, object]]) -> None:
    cells = [[_cell(row.get(column)) for column in _TABLE_COLUMNS] for row in rows]
    widths = [
        max([len(column), *(len(line[index]) for line in cells)])
        for index, column in enumerate(_TABLE_COLUMNS)
    ]
    click.echo(
        "  ".join(column.ljust(width) for column, width in zip(_TABLE_COLUMNS, widths, strict=True)).rstrip()
    )
    for line in cells:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)

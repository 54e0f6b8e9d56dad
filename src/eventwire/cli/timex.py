"""`eventwire timex`: time expressions of articles, normalised against each document's time."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator

import click

from eventwire.cli._common import RunCounts, input_paths, output_format, read_articles, report, write_jsonl
from eventwire.records import Article, SourceError


def parse_document_time(value: str) -> dt.date | dt.datetime:
    """An ISO 8601 date or date-time ("2020-08-24", "2020-08-24T09:07:00+03:00", "...Z")."""
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        moment = dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"not an ISO 8601 date or date-time: {value!r}") from error
    # The calendar day as published where it was published: keep the local wall-clock time.
    return moment.replace(tzinfo=None)


def document_label(article: Article) -> str:
    return article.record_id or article.origin


def timex_records(
    articles: Iterable[Article], dct: dt.date | dt.datetime | None = None
) -> Iterator[dict[str, object] | SourceError]:
    """One output record per article, or a SourceError naming the article when it has no usable time.

    `dct` (from --dct) overrides every article's own publication time."""
    from eventwire.temporal import find_timexes

    for article in articles:
        document_time = dct
        if document_time is None:
            if not article.published:
                yield SourceError(document_label(article),
                                  "no document time: the record has no published date; pass --dct")
                continue
            try:
                document_time = parse_document_time(article.published)
            except ValueError as error:
                yield SourceError(document_label(article), f"published date unusable ({error}); pass --dct")
                continue
        timexes = find_timexes(article.text, document_time)
        yield {
            "id": document_label(article),
            "dct": document_time.isoformat(),
            "timexes": [timex.as_json() for timex in timexes],
        }


def _table_rows(record: dict[str, object]) -> Iterator[str]:
    timexes = record["timexes"]
    assert isinstance(timexes, list)
    for timex in timexes:
        yield (f"{record['id']}\t{timex['start']}\t{timex['end']}\t{timex['type']}\t{timex['value']}\t"
               f"{timex['text']}")


@click.command()
@input_paths
@click.option("--dct", metavar="ISO", default=None,
              help="Document creation time for every input (default: each record's published date).")
@output_format("jsonl", "table", default="jsonl")
def timex(paths: tuple[str, ...], dct: str | None, fmt: str) -> None:
    """Find the time expressions of PATH... and normalise them (TimeML values).

    Each document is read against its publication time, or against --dct when given: "yesterday",
    "last January" and "on Monday" become calendar dates. `jsonl` prints one object per document,
    {"id", "dct", "timexes": [{"start", "end", "text", "type", "value"}]}, offsets into the text;
    `table` one tab-separated line per expression. A document with no time is reported on stderr and the
    rest go on; the exit code is 1 if any failed.

    \b
    Example:
      eventwire timex news.jsonl --dct 2020-08-24 --format table
    """
    override = None
    if dct is not None:
        try:
            override = parse_document_time(dct)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--dct") from error
    counts = RunCounts()
    if fmt == "table":
        click.echo("id\tstart\tend\ttype\tvalue\ttext")
    for record in timex_records(read_articles(paths, counts), override):
        if isinstance(record, SourceError):
            counts.failed += 1
            report(record)
            continue
        counts.done += 1
        if fmt == "jsonl":
            write_jsonl(record)
        else:
            for row in _table_rows(record):
                click.echo(row)
    sys.exit(counts.exit_code())

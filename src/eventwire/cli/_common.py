"""What every stage command shares: the input convention, output formats and error reporting.

Input convention (the same for `extract`, `code`, `timex`, `geoparse`, `actor`): files, directories
(recursive), `-` for stdin, or a JSONL file of records {id, text, published, url}. A record's `text` is
taken as given (no boilerplate removal) and every character offset in the output refers to it. All inputs
are processed in this one process, so models load once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import click

from eventwire.records import Article, SourceError

if TYPE_CHECKING:
    from eventwire.store import Store

T = TypeVar("T")

input_paths = click.argument("paths", nargs=-1, required=True, metavar="PATH...")

db_option = click.option(
    "--db", metavar="PATH|URL", default=None,
    help="Database file (or sqlite:///path). Default: $EVENTWIRE_DB or ./eventwire.db.",
)


def open_store(db: str | None) -> Store:
    from eventwire.store import Store, StoreError

    try:
        return Store.open(db)
    except StoreError as error:
        raise click.ClickException(str(error)) from error


def output_format(*choices: str, default: str) -> Callable[[T], T]:
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
        help="Output format.",
    )


@dataclass
class RunCounts:
    """Tallies for the closing line of a run; `failed` decides the exit code."""

    done: int = 0
    failed: int = 0

    def exit_code(self) -> int:
        return 1 if self.failed else 0


def report(error: SourceError) -> None:
    click.echo(f"error: {error}", err=True)


def read_articles(paths: Iterable[str], counts: RunCounts) -> Iterator[Article]:
    """Articles from the inputs in the common convention; unreadable ones are reported and counted."""
    from eventwire.pipeline import iter_articles

    for item in iter_articles(paths):
        if isinstance(item, SourceError):
            counts.failed += 1
            report(item)
            continue
        yield item


def write_jsonl(record: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")

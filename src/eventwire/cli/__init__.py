"""The `eventwire` command line: one clear job per command.

Commands are listed in COMMANDS and imported only when run, so `eventwire --help` stays instant and a
command never pays for another's models.
"""

from __future__ import annotations

import importlib

import click

from eventwire import __version__

# name -> (module under eventwire.cli, attribute, one-line help shown by `eventwire --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "ingest": ("articles", "ingest", "Read news files into the store (articles, then their events)."),
    "extract": ("articles", "extract", "Print the clean Article(s) of pages without storing them."),
    "summary": ("articles", "summary", "Print what a store holds: articles, sources, duplicates."),
    "info": ("info", "info", "Print versions, the spaCy pipeline in use and the database URL."),
    "eval": ("eval", "eval_command", "Score a stage against gold data (quality report)."),
    "timex": ("timex", "timex", "Find time expressions and normalise them against the document time."),
    "geoparse": ("geoparse", "geoparse", "Find place names and resolve them to GeoNames coordinates."),
    "actor": ("actor", "actor", "Resolve actor phrases to the knowledge base at a date."),
    "code": ("code", "code", "Code PLOVER/CAMEO events in articles without storing them."),
    "events": ("events", "events", "Query stored events by actor, type, factuality, date, place or text."),
    "stats": ("events", "stats", "Event counts per day/week/month, mean intensity, top actor dyads."),
    "export": ("export", "export", "Export stored events as PLOVER JSONL, CSV, Parquet or GDELT 2.0 TSV."),
    "train": ("train", "train", "Train the learned event stage from the authored sentences in the repo."),
    "serve": ("serve", "serve", "Serve the store over HTTP: the query API (read-only unless given a token)."),
    "browse": ("browse", "browse", "Open the SQLite store in Datasette for ad-hoc SQL (the browse extra)."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, attribute, _ = COMMANDS[cmd_name]
        return getattr(importlib.import_module(f"eventwire.cli.{module_name}"), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Help text comes from the registry so listing commands imports nothing.
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="eventwire")
def main() -> None:
    """Turn news pages into political event data: who did what to whom, when, where, with evidence.

    \b
    Typical use:
      eventwire ingest corpus/ --db events.db     read pages, store articles and events
      eventwire summary --db events.db            what the store holds
      eventwire extract page.html --format json   see the clean text of a page
      eventwire eval extract --gold ../shared/eval/article-extraction
    """

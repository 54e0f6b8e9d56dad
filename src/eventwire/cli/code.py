"""`eventwire code`: code events in articles and print them, without storing anything."""

from __future__ import annotations

import sys

import click

from eventwire.cli._common import RunCounts, input_paths, output_format, read_articles, write_jsonl
from eventwire.records import Article


@click.command()
@input_paths
@click.option("--published", metavar="ISO", default=None,
              help="Publication time for inputs that carry none (relative dates are read against it).")
@click.option("--model", default=None, help="spaCy pipeline name or path (default: en_core_web_md).")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor file(s) (YAML) that add to or override the knowledge base.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Print only events whose confidence (a calibrated probability) is at least this.")
@click.option("--coder-config", type=click.Path(exists=True, dir_okay=False), default=None,
              help="The event coder's steps and settings (default: the shipped data/events/coder.cfg; "
                   "docs/events.md, 'How the coder is built').")
@output_format("jsonl", "table", default="jsonl")
def code(paths: tuple[str, ...], published: str | None, model: str | None, actor_files: tuple[str, ...],
         min_confidence: float | None, coder_config: str | None, fmt: str) -> None:
    """Code PLOVER/CAMEO events in PATH... and print them.

    Each event names its type, mode and context, the CAMEO code, source and target actors as resolved
    in the knowledge base, its factuality (occurred, planned, promised, threatened, demanded, refused,
    denied, hypothetical), who said it, its date and place, and the sentence and trigger it was read
    from. The record format is described by docs/event.schema.json.

    \b
    Examples:
      eventwire code page.html
      echo "Iran threatened to close the Strait of Hormuz." | eventwire code - --published 2019-05-01
    """
    from eventwire.events import EventCoder
    from eventwire.pipeline import is_coded_language

    counts = RunCounts()
    coder = EventCoder.load(model, actor_files=actor_files, min_confidence=min_confidence,
                            config=coder_config)

    def coded_language(article: Article) -> bool:
        if is_coded_language(article):
            return True
        click.echo(f"{article.record_id or article.meta.url or article.id}: not coded: language "
                   f"{article.meta.language}", err=True)
        return False

    articles = (
        article.with_meta(published=published) if published and not article.meta.published else article
        for article in read_articles(paths, counts) if coded_language(article)
    )
    for article, events in coder.code_articles(articles):
        counts.done += 1
        reference = {"id": article.record_id or article.id, "url": article.meta.url,
                     "source": article.meta.source, "published": article.meta.published}
        for event in events:
            if fmt == "jsonl":
                write_jsonl(event.as_json(reference))
            else:
                _print_row(event, reference["id"])
    sys.exit(counts.exit_code())


def _print_row(event, article_id: str) -> None:
    def names(actors: tuple) -> str:
        return " + ".join(a.name or a.text for a in actors) or "-"

    date = event.date.start if event.date else "-"
    click.echo(f"{article_id[:12]}  {date:<10}  {event.type:<9} {event.cameo:<5} {event.factuality:<12} "
               f"{names(event.source)} -> {names(event.target)}  [{event.evidence.trigger}]")

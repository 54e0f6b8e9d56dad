"""Commands about articles: ingest (store), extract (print), summary (what a store holds)."""

from __future__ import annotations

import json
import sys

import click

from eventwire.cli._common import (
    RunCounts,
    db_option,
    input_paths,
    open_store,
    output_format,
    read_articles,
    report,
    write_jsonl,
)


@click.command()
@input_paths
@db_option
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: when stderr is a terminal).")
@click.option("--events/--no-events", default=True, show_default=True,
              help="Code events of new articles (--no-events stores articles only; a later run codes them).")
@click.option("--model", default=None, help="spaCy pipeline name or path (default: en_core_web_md).")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor file(s) (YAML) that add to or override the knowledge base.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Store only events whose confidence (a calibrated probability) is at least this.")
@click.option("--coder-config", type=click.Path(exists=True, dir_okay=False), default=None,
              help="The event coder's steps and settings (default: the shipped data/events/coder.cfg; "
                   "docs/events.md, 'How the coder is built').")
@click.option("--engine", default="local", show_default=True, metavar="NAME",
              help="Where events are coded: local (this machine; a process pool when --workers > 1), dask"
                   " (a LocalCluster of --workers processes, or the cluster at --scheduler), or an engine"
                   " an installed plugin adds (docs/extending.md).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes that code events, each with its own copy of the models.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Address of a running Dask scheduler (with --engine dask); see docs/scaling.md.")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Articles per batch sent to a worker.")
@click.option("--max-input-mb", type=click.IntRange(min=1), default=64, show_default=True,
              help="Largest input file read, in MiB (JSONL is streamed, so a big corpus only needs this "
                   "raised, not memory).")
def ingest(paths: tuple[str, ...], db: str | None, progress: bool | None, events: bool, model: str | None,
           actor_files: tuple[str, ...], min_confidence: float | None, coder_config: str | None, engine: str,
           workers: int,
           scheduler: str | None, batch_size: int, max_input_mb: int) -> None:
    """Read news from PATH... and store each article once.

    PATH may be a file, a directory (read recursively) or - for standard input. Formats are recognised
    from the content: HTML (also .gz), scraped page text, JSONL and CSV records, WARC, RSS and Atom.

    Inputs that cannot be read are reported on stderr with the reason and the run goes on; the exit code
    is 1 when any failed. Running the same ingest again stores nothing new, and a run that was killed
    half-way is finished by running it again. Every engine and number of workers stores the same rows.

    \b
    Examples:
      eventwire ingest data/sample --db events.db
      eventwire ingest corpus.jsonl --workers 2
      eventwire ingest corpus.jsonl --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from contextlib import nullcontext

    from eventwire.engines import CoderSpec, Engine, EngineError, open_engine
    from eventwire.pipeline import ingest as run_ingest
    from eventwire.store import StoreError

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    store = open_store(db)
    try:
        coding: Engine | None = None
        if events:
            spec = CoderSpec(model=model, actor_files=tuple(actor_files), min_confidence=min_confidence,
                             coder_config=coder_config)
            coding = open_engine(engine, spec=spec, workers=workers, scheduler=scheduler)
    except EngineError as error:
        store.close()
        raise click.ClickException(str(error)) from error
    with store, coding or nullcontext():
        try:
            tally = run_ingest(
                paths, store, on_error=report, engine=coding, batch_size=batch_size,
                max_input_bytes=max_input_mb * 1024 * 1024,
                progress=sys.stderr.isatty() if progress is None else progress,
            )
        except (EngineError, StoreError) as error:  # a lost worker, a full disk, a read-only file
            raise click.ClickException(str(error)) from error
    for line in tally.check_lines():
        click.echo(line, err=True)
    click.echo(f"{store.url}: {tally.closing_line()}")
    sys.exit(1 if tally.failed else 0)


@click.command()
@input_paths
@output_format("json", "jsonl", "text", default="json")
def extract(paths: tuple[str, ...], fmt: str) -> None:
    """Print the clean article(s) of PATH... without storing them.

    Shows what ingest would store: title, source, url, author, published, language and the main text
    with boilerplate removed. `--format json` prints one JSON array, `jsonl` one object per line,
    `text` a readable view.
    """
    counts = RunCounts()
    articles = read_articles(paths, counts)
    if fmt == "json":
        records = [article.as_json() for article in articles]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        for article in articles:
            if fmt == "jsonl":
                write_jsonl(article.as_json())
            else:
                _print_article(article.as_json())
    sys.exit(counts.exit_code())


def _print_article(record: dict[str, str | None]) -> None:
    click.echo(f"== {record['title'] or '(no title)'}")
    for field in ("source", "published", "url", "author", "language", "origin"):
        if record[field]:
            click.echo(f"   {field}: {record[field]}")
    click.echo("")
    click.echo(record["text"])
    click.echo("")


@click.command()
@db_option
@output_format("text", "json", default="text")
def summary(db: str | None, fmt: str) -> None:
    """Print what the store holds: articles, sources, languages (and those not coded), publication range,
    duplicates, events by type and factuality."""
    from dataclasses import asdict

    from eventwire.pipeline import CODED_LANGUAGES

    with open_store(db) as store:
        facts = store.summary()
    if fmt == "json":
        click.echo(json.dumps(asdict(facts), ensure_ascii=False, indent=2))
        return
    click.echo(f"Store {facts.url} (schema v{facts.schema_version})")
    click.echo(f"  {facts.articles} articles ({facts.near_duplicates} near-duplicates linked to an original),"
               f" read from {facts.sightings} places")
    if facts.first_published:
        click.echo(f"  published {facts.first_published} .. {facts.last_published}")
    click.echo("  sources: " + ", ".join(f"{s.source} ({s.articles})" for s in facts.sources[:12]))
    click.echo("  languages: " + ", ".join(f"{lang} ({n})" for lang, n in facts.languages))
    not_coded = [(lang, n) for lang, n in facts.languages
                 if lang != "(unknown)" and lang not in CODED_LANGUAGES]
    if not_coded:
        click.echo("  not coded: " + ", ".join(f"language {lang} ({n})" for lang, n in not_coded))
    click.echo(f"  {facts.events} events")
    if facts.events:
        click.echo("  by type: " + ", ".join(f"{name} ({n})" for name, n in facts.events_by_type))
        click.echo("  by factuality: " + ", ".join(f"{name} ({n})" for name, n in facts.events_by_factuality))

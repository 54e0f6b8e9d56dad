"""`eventwire geoparse`: place names of articles, resolved to GeoNames entries with coordinates."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import click

from eventwire.cli._common import RunCounts, input_paths, output_format, read_articles, write_jsonl
from eventwire.records import Article

if TYPE_CHECKING:
    from eventwire.places import Geoparser

PLACE_BATCH_SIZE = 16


def document_id(article: Article) -> str:
    """The same id `eventwire extract` prints: the record's own id, else the content hash."""
    return article.record_id or article.id


def geoparse_records(articles: Iterable[Article], geoparser: Geoparser | None = None,
                     use_domain_hint: bool = True) -> Iterator[dict[str, object]]:
    """One {"id", "places"} record per article; spaCy parses the articles in batches (nlp.pipe).

    use_domain_hint lets the outlet's country-code domain (abc.net.au) weigh, weakly, in ranking
    candidates: a local paper's "London" is more likely its own country's, or its own town (outlets.csv)."""
    from eventwire.places import Geoparser as LoadedGeoparser
    from eventwire.places.geoparser import outlet_of_url

    parser = geoparser or LoadedGeoparser.load()

    def texts() -> Iterator[tuple[str, Article]]:
        for article in articles:
            yield article.text, article

    for doc, article in parser.nlp.pipe(texts(), as_tuples=True, batch_size=PLACE_BATCH_SIZE):
        outlet = outlet_of_url(article.meta.url, parser.gazetteer) if use_domain_hint else None
        mentions = parser.geoparse_doc(doc, outlet=outlet)
        yield {"id": document_id(article), "places": [mention.as_json() for mention in mentions]}


def _table_rows(record: dict[str, object]) -> Iterator[str]:
    places = record["places"]
    assert isinstance(places, list)
    for place in places:
        coordinates = "" if place["lat"] is None else f"{place['lat']:.4f},{place['lon']:.4f}"
        yield (f"{record['id']}\t{place['start']}\t{place['end']}\t{place['text']}\t{place['name'] or ''}\t"
               f"{place['country'] or ''}\t{coordinates}\t{place['geonameid'] or ''}\t{place['level'] or ''}")


@click.command()
@input_paths
@output_format("jsonl", "table", default="jsonl")
@click.option("--demonyms/--no-demonyms", default=False, show_default=True,
              help="Also report national adjectives (\"Iraqi\") as mentions of their country.")
def geoparse(paths: tuple[str, ...], fmt: str, demonyms: bool) -> None:
    """Find the place names of PATH... and resolve them to GeoNames places with coordinates.

    `jsonl` prints one object per document, {"id", "places": [{"start", "end", "text", "name",
    "geonameid", "lat", "lon", "country", "level"}]}, offsets into the document text, country as ISO
    3166-1 alpha-3, level one of country, admin1, admin2 (areas: lat/lon is a representative point), city,
    feature; unresolved names have null fields. `table` prints one tab-separated line per place.
    Unreadable inputs are reported on stderr and the rest go on; the exit code is 1 if any failed.
    """
    from eventwire.places import Geoparser

    counts = RunCounts()
    geoparser = Geoparser.load(include_demonyms=demonyms)
    for record in geoparse_records(read_articles(paths, counts), geoparser):
        counts.done += 1
        if fmt == "jsonl":
            write_jsonl(record)
        else:
            for row in _table_rows(record):
                sys.stdout.write(row + "\n")
    sys.stdout.flush()
    click.echo(f"{counts.done} document(s) geoparsed, {counts.failed} failed", err=True)
    sys.exit(counts.exit_code())

"""Publication date signal by signal, eventwire's reading next to htmldate's, on one half of the pubdate gold.

    PYTHONPATH=src python eval/pubdate/signal_table.py /work/shared dev|locked|pages-s22 [--pages]

For each signal (eventwire.extract.datesignals): on the pages where it gives a date, how often it names the
gold day, and how often htmldate (find_date, original_date=True, extensive search off / on) names it on the
same pages. A copyright year is right when it is the gold year. Counts only; `--pages` lists the dev
half's pages one by one (refused for the locked half, whose cases are never read).

`pages-s22` is a third set: the 92 pages of the article-extraction benchmark, whose publication dates were
written for session 22 (eval/pubdate/article-extraction-dates.jsonl: page id, the day the page shows its
readers or, on 12 pages that show none, the day its markup states; no text is stored). No pubdate rule
before session 22 was written from them; session 22's UTC-to-local-day rule was (docs/temporal.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
from datetime import date
from pathlib import Path

from eventwire.evaluation.pages import decode_page, read_page_directly
from eventwire.evaluation.pubdate import (
    DateReader,
    PubdateGold,
    htmldate_reader,
    load_gold,
    published_day,
    split_of,
)
from eventwire.extract import datesignals as signals
from eventwire.extract import pubdate

Reading = DateReader


def _first(found: list[signals.DateSignal], role: str = "published", where: str | None = None) -> str | None:
    for signal in found:
        if signal.role == role and (where is None or signal.where == where):
            return signal.value
    return None


def _meta_family(family: str) -> Reading:
    return lambda page, url: _first(signals.meta_signals(page), where=f"meta {family}")


SIGNALS: dict[str, Reading] = {
    "post id (Twitter/X URL)": lambda page, url: pubdate.post_id_time(url),
    "JSON-LD datePublished (any)": lambda page, url: _first(signals.json_ld_signals(page)),
    "JSON-LD datePublished (article's)": lambda page, url: _first(
        signals.json_ld_signals(page), where="json-ld datePublished (article)"),
    "JSON-LD dateModified": lambda page, url: _first(signals.json_ld_signals(page), role="modified"),
    "meta published (any name)": lambda page, url: _first(signals.meta_signals(page)),
    **{f"meta {family}": _meta_family(family) for family in dict.fromkeys(signals.META_PUBLISHED.values())},
    "meta modified (any name)": lambda page, url: _first(signals.meta_signals(page), role="modified"),
    "<time> marked published": lambda page, url: _first(
        signals.time_signals(page), where="time (marked published)"),
    "<time> first of any": lambda page, url: next((s.value for s in signals.time_signals(page)), None),
    "date in the URL": lambda page, url: (found.value if (found := signals.url_signal(url)) else None),
    "byline 'Published/Posted ...'": lambda page, url: _first(signals.byline_signals(page)),
    "byline 'Updated ...'": lambda page, url: _first(signals.byline_signals(page), role="modified"),
    "date line under the headline": lambda page, url: pubdate.headline_date(page),
    "date line under the headline, day/month order by URL or htmldate": lambda page, url: (
        pubdate._resolve_day_month(*line, page=page, url=url, latest=date.today())
        if (line := pubdate.headline_date_line(page)) else None),
    "copyright year (right = gold year)": lambda page, url: (
        f"{year}-01-01" if (year := signals.copyright_year(page)) else None),
    "structured (ours: JSON-LD, meta, local day)": lambda page, url: (
        pubdate._local_day(stated, url, page=page) if (stated := pubdate.structured_date(page)) else None),
    "HTTP headers in WARC": lambda page, url: None,  # the gold pages are bare HTML: no headers to read
    "htmldate, extensive search off": htmldate_reader(False),
    "htmldate, extensive search on": htmldate_reader(True),
    "eventwire publication_date": pubdate.publication_date,
}


# Pairs of signals whose disagreements decide the conflict rules: on pages where both give a day and the
# days differ, how often each is right.
CONFLICTS = (
    ("JSON-LD datePublished (any)", "meta published (any name)"),
    ("structured (ours: JSON-LD, meta, local day)", "date in the URL"),
    ("structured (ours: JSON-LD, meta, local day)", "<time> marked published"),
    ("structured (ours: JSON-LD, meta, local day)", "date line under the headline"),
    ("date line under the headline", "date in the URL"),
    ("date line under the headline", "htmldate, extensive search on"),
    ("byline 'Published/Posted ...'", "date line under the headline"),
    ("date in the URL", "htmldate, extensive search on"),
    ("htmldate, extensive search off", "htmldate, extensive search on"),
    ("eventwire publication_date", "htmldate, extensive search on"),
)


S22_DATES = Path(__file__).with_name("article-extraction-dates.jsonl")


def load_s22_pages(shared: Path) -> list[PubdateGold]:
    """The article-extraction pages with the publication days written for session 22."""
    folder = shared / "eval" / "article-extraction"
    urls = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    items = []
    for line in S22_DATES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        day = date.fromisoformat(record["date"]) if record["date"] else None
        items.append(PubdateGold(record["id"], folder / "html" / f"{record['id']}.html.gz",
                                 urls[record["id"]]["url"], day))
    return items


def _page_text(item: PubdateGold) -> str:
    if item.page.suffix == ".gz":
        return decode_page(gzip.decompress(item.page.read_bytes()))
    return read_page_directly(item.page).body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("half", choices=("dev", "locked", "pages-s22"))
    parser.add_argument("--pages", action="store_true", help="list the dev half's pages one by one")
    arguments = parser.parse_args()
    if arguments.pages and arguments.half == "locked":
        parser.error("the locked half's pages are never listed")
    if arguments.half == "pages-s22":
        items = load_s22_pages(arguments.shared)
    else:
        gold = load_gold(arguments.shared / "eval" / "pubdate")
        items = [item for item in gold if split_of(item.id) == arguments.half]
    rows = {name: [0, 0, 0, 0] for name in SIGNALS}  # pages given, signal right, htmldate off / on right
    conflicts = {pair: [0, 0, 0] for pair in CONFLICTS}  # pages they differ on, first right, second right
    for item in items:
        page = _page_text(item)
        readings = {name: read(page, item.url) for name, read in SIGNALS.items()}
        off = published_day(readings["htmldate, extensive search off"]) == item.date
        on = published_day(readings["htmldate, extensive search on"]) == item.date
        for name, reading in readings.items():
            day = published_day(reading)
            if day is None and name not in {"eventwire publication_date"} and not name.startswith("htmldate"):
                continue
            right = (day is not None and item.date is not None and day.year == item.date.year
                     if name.startswith("copyright") else day == item.date)
            row = rows[name]
            row[0] += 1
            row[1] += right
            row[2] += off
            row[3] += on
        for first, second in CONFLICTS:
            days = published_day(readings[first]), published_day(readings[second])
            if None not in days and days[0] != days[1]:
                counts = conflicts[(first, second)]
                counts[0] += 1
                counts[1] += days[0] == item.date
                counts[2] += days[1] == item.date
        if arguments.pages:
            given = {name: value for name, value in readings.items() if value}
            print(item.id, "gold", item.date, item.url)
            for name, value in given.items():
                day = published_day(value)
                print(f"    {'ok ' if day == item.date else 'BAD'} {name}: {value}")
    print(f"{len(items)} pages ({arguments.half})")
    print("| signal | pages with it | signal right | htmldate off right | htmldate on right |")
    print("|---|---|---|---|---|")
    for name, (pages, right, off, on) in rows.items():
        print(f"| {name} | {pages} | {right} | {off} | {on} |")
    print()
    print("| signals that disagree | pages | first right | second right |")
    print("|---|---|---|---|")
    for (first, second), (pages, first_right, second_right) in conflicts.items():
        print(f"| {first} / {second} | {pages} | {first_right} | {second_right} |")


if __name__ == "__main__":
    main()

"""Publication date signal by signal against htmldate (extensive search), on one half of the pubdate gold.

    python eval/temporal/pubdate_vs_htmldate.py /work/shared dev|locked

For each signal eventwire's extractor reads before htmldate (a post's id, the structured statement with the
URL's repair, the date line under the headline) and for the URL's date: on the pages where the signal gives a
date, how often it and htmldate name the gold day. Only counts are printed, never pages, so the locked half
can be measured without reading its errors. The order of the extractor was decided on the dev half.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from eventwire.evaluation.pages import read_page_directly
from eventwire.evaluation.pubdate import load_gold, published_day, split_of
from eventwire.extract import pubdate

Reader = Callable[[str, str], str | None]


def _structured(page: str, url: str) -> str | None:
    stated = pubdate.structured_date(page)
    return pubdate._local_day(stated, url) if stated else None


def _url(page: str, url: str) -> str | None:
    day = pubdate._url_day(url)
    return day.isoformat() if day else None


SIGNALS: dict[str, Reader] = {
    "post id": lambda page, url: pubdate.post_id_time(url),
    "structured (JSON-LD, meta)": _structured,
    "date line under the headline": lambda page, url: pubdate.headline_date(page),
    "date in the URL": _url,
    "none of the above (htmldate answers)": lambda page, url: None,
}


def main(shared: Path, half: str) -> None:
    items = [item for item in load_gold(shared / "eval" / "pubdate") if split_of(item.id) == half]
    rows = {name: [0, 0, 0] for name in SIGNALS}  # pages, signal right, htmldate right
    whole = [0, 0]  # eventwire right, htmldate right, over all pages
    for item in items:
        page = read_page_directly(item.page).body
        theirs = published_day(pubdate.htmldate_date(page, item.url))
        ours = {name: published_day(read(page, item.url)) for name, read in SIGNALS.items()}
        given = [name for name, day in ours.items() if day is not None]
        for name in given or ["none of the above (htmldate answers)"]:
            row = rows[name]
            row[0] += 1
            row[1] += ours[name] == item.date if name in given else theirs == item.date
            row[2] += theirs == item.date
        whole[0] += published_day(pubdate.publication_date(page, item.url)) == item.date
        whole[1] += theirs == item.date
    print(f"{len(items)} pages ({half} half)")
    print(f"{'signal':38} {'pages':>5} {'signal right':>12} {'htmldate right':>14}")
    for name, (pages, right, theirs_right) in rows.items():
        print(f"{name:38} {pages:5d} {right:12d} {theirs_right:14d}")
    print(f"{'eventwire publication_date, all pages':38} {len(items):5d} {whole[0]:12d} {whole[1]:14d}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])

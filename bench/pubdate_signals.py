"""Publication date per signal: eventwire's own readings next to htmldate's, on one half of the gold pages.

    python bench/pubdate_signals.py --shared /work/shared [--half dev|locked|all] [--json OUT]

For every page of the half, each signal is read on its own: schema.org JSON-LD `datePublished`, the
`<meta>` publication tags, the date in the URL, and htmldate with extensive search off and on (htmldate
reads meta tags, JSON-LD, the URL and visible date lines itself). A signal is scored on the pages where
it gives a date: right = the gold calendar day. Then the whole extractor (eventwire.extract.pubdate's
`publication_date`) and plain htmldate are scored on every page of the half, and the pages where
htmldate's reading and the structured one disagree are counted by who was right. Tune on `dev`; the
locked half is for the final figure only (run it with --half locked once the rules are frozen).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eventwire.evaluation.pages import read_page_directly
from eventwire.evaluation.pubdate import DateReader, htmldate_reader, load_gold, published_day, split_of
from eventwire.extract import pubdate as ours

Reader = DateReader


def _json_ld(page: str, url: str) -> str | None:
    for block in ours._JSON_LD.findall(page):
        try:
            for found in ours._json_ld_dates(json.loads(block)):
                iso = ours.iso_datetime(found)
                if iso:
                    return iso
        except ValueError:
            continue
    return None


def _meta(page: str, url: str) -> str | None:
    for found in ours._meta_dates(page):
        iso = ours.iso_datetime(found)
        if iso:
            return iso
    return None


def _url(page: str, url: str) -> str | None:
    day = ours._url_day(url)
    return day.isoformat() if day else None


SIGNALS: dict[str, Reader] = {
    "json-ld datePublished": _json_ld,
    "meta publication tags": _meta,
    "date in the URL": _url,
    "date line under the headline": lambda page, url: ours.headline_date(page),
    "htmldate (fast)": htmldate_reader(False),
    "htmldate (extensive)": htmldate_reader(True),
    "eventwire publication_date": ours.publication_date,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--half", choices=("dev", "locked", "all"), default="dev")
    parser.add_argument("--json", type=Path)
    arguments = parser.parse_args()
    items = [item for item in load_gold(arguments.shared / "eval" / "pubdate")
             if arguments.half == "all" or split_of(item.id) == arguments.half]
    table: dict[str, dict[str, int]] = {
        name: {"pages": 0, "gave": 0, "right": 0, "right_when_given": 0} for name in SIGNALS}
    for item in items:
        page = read_page_directly(item.page).body
        for name, read in SIGNALS.items():
            day = published_day(read(page, item.url))
            row = table[name]
            row["pages"] += 1
            row["gave"] += day is not None
            row["right"] += day == item.date  # a page without a date, and none given, is right over all
            row["right_when_given"] += day is not None and day == item.date
    print(f"{len(items)} pages ({arguments.half} half)")
    print(f"{'signal':30} {'gave':>5} {'right when given':>17} {'right over all':>15}")
    for name, row in table.items():
        when_given = row["right_when_given"] / row["gave"] if row["gave"] else float("nan")
        print(f"{name:30} {row['gave']:5d} {when_given:17.3f} {row['right'] / row['pages']:15.3f}")
    if arguments.json:
        arguments.json.write_text(json.dumps(table, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

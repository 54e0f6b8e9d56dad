"""Benchmark of the extract stage on the shared gold sets (needs ../shared; not part of `make test`).

    python bench/extraction.py --shared /work/shared [--json OUT]

Body text: precision/recall/F1 over word 4-gram shingles (eventwire.evaluation.metrics, the definition of
the article-extraction benchmark) for eventwire.extract next to plain trafilatura (defaults and
favor_precision), with pages per second. Publication date: share of pages whose date falls on the gold
calendar day, eventwire next to plain htmldate (extensive_search). Also checks the scraped-text example
page (examples/shafaq-2020-08-24-kazemi-summit.txt) against what a reader sees on it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import htmldate
import trafilatura

from eventwire.evaluation.metrics import macro_prf, shingle_overlap
from eventwire.extract import extract
from eventwire.ingest import read_sources
from eventwire.records import Article, ArticleMeta, RawDocument


def _eventwire(path: Path, url: str) -> Article | None:
    """The way `eventwire extract` reads a page: ingest (decoding, gzip) then extract, the URL as known."""
    raw = next(iter(read_sources([str(path)])))
    if not isinstance(raw, RawDocument):
        return None
    article = extract(RawDocument(origin=raw.origin, body=raw.body, kind=raw.kind, meta=ArticleMeta(url=url)))
    return article if isinstance(article, Article) else None


def _eventwire_body(path: Path, url: str) -> str:
    article = _eventwire(path, url)
    return article.text if article else ""


def _page_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _trafilatura(**options: bool) -> Callable[[Path, str], str]:
    def run(path: Path, url: str) -> str:
        return trafilatura.extract(_page_bytes(path), url=url, **options) or ""

    return run


def body_text(root: Path) -> dict[str, Any]:
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {page_id: root / "html" / f"{page_id}.html.gz" for page_id in gold}
    systems = {
        "eventwire": _eventwire_body,
        "trafilatura (defaults)": _trafilatura(),
        "trafilatura favor_precision": _trafilatura(favor_precision=True),
    }
    results: dict[str, Any] = {}
    for name, system in systems.items():
        started = time.perf_counter()
        overlaps = [shingle_overlap(gold[i]["articleBody"], system(pages[i], gold[i]["url"])) for i in gold]
        seconds = time.perf_counter() - started
        scores = macro_prf(overlaps)
        results[name] = {
            "precision": scores.precision,
            "recall": scores.recall,
            "f1": scores.f1,
            "pages": scores.documents,
            "pages_per_second": len(gold) / seconds,
        }
    return results


def _same_day(predicted: str | None, gold: str | None) -> bool:
    # A page whose gold date is missing (NaN in gold.json) has no findable date: None is then right.
    if gold is None:
        return predicted is None
    return bool(predicted) and str(predicted)[:10] == gold[:10]


def publication_dates(root: Path) -> dict[str, Any]:
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    cases = [
        (url, root / "html" / case["file"], case["date"] if isinstance(case["date"], str) else None)
        for url, case in gold.items()
    ]
    results: dict[str, Any] = {}
    systems: dict[str, Callable[[Path, str], str | None]] = {
        "eventwire": lambda path, url: getattr(_eventwire(path, url), "published", None),
        "htmldate extensive_search": lambda path, url: htmldate.find_date(
            path.read_bytes(), url=url, extensive_search=True
        ),
    }
    for name, system in systems.items():
        correct = sum(_same_day(system(page, url), date) for url, page, date in cases)
        results[name] = {"accuracy": correct / len(cases), "correct": correct, "pages": len(cases)}
    return results


EXAMPLE_TITLE = (
    "An upcoming summit between Al-Kazemi and all Iraqi political forces regarding a “very important file”"
)
EXAMPLE_FURNITURE = (
    "A- A A +",
    "Leave a Reply",
    "Fill in your details",
    "You are commenting",
    "Log Out",
    "Connecting to",
    "Google photo",
    "Twitter picture",
    "Facebook photo",
    "Shafaq News /",
)


def example_page(shared: Path) -> dict[str, Any]:
    path = shared / "examples" / "shafaq-2020-08-24-kazemi-summit.txt"
    raw = next(iter(read_sources([str(path)])))
    article = extract(raw) if isinstance(raw, RawDocument) else raw
    if not isinstance(article, Article):
        return {"ok": False, "error": str(article)}
    paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
    checks = {
        "title": article.meta.title == EXAMPLE_TITLE,
        "published": article.meta.published == "2020-08-24T09:07",
        "source": article.meta.source == "Shafaq News",
        "eight paragraphs": len(paragraphs) == 8,
        "first paragraph": paragraphs[0].startswith("Saad Al-Saadi, a leader") if paragraphs else False,
        "last paragraph": paragraphs[-1].endswith("a small number of soldiers.") if paragraphs else False,
        "no furniture": not any(piece in article.text for piece in EXAMPLE_FURNITURE),
    }
    return {"ok": all(checks.values()), "checks": checks, "language": article.meta.language}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    report = {
        "body_text": body_text(args.shared / "eval" / "article-extraction"),
        "publication_date": publication_dates(args.shared / "eval" / "pubdate"),
        "example_page": example_page(args.shared),
    }
    print("Body text (article-extraction, word 4-gram shingles, macro P/R, F1)")
    for name, row in report["body_text"].items():
        print(
            f"  {name:30s} P {row['precision']:.4f}  R {row['recall']:.4f}  F1 {row['f1']:.4f}  "
            f"{row['pages_per_second']:.1f} pages/s  ({row['pages']} pages)"
        )
    print("Publication date (pubdate, same calendar day)")
    for name, row in report["publication_date"].items():
        print(f"  {name:30s} accuracy {row['accuracy']:.4f}  ({row['correct']}/{row['pages']})")
    example = report["example_page"]
    print(f"Example page (scraped text): {'ok' if example['ok'] else 'FAILED'}")
    for check, passed in example.get("checks", {}).items():
        print(f"  {'ok  ' if passed else 'FAIL'} {check}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0 if example["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

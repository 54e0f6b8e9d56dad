"""Geoparsing real news pages end to end, against eventwire's own toponym annotations.

Texts: the gold body text of the article-extraction set (<shared>/eval/article-extraction/ground-truth.json,
{page id: {articleBody, url}}). Annotations: eval/places/pages.jsonl in this repository, one page a line:
{"page", "split": "dev" | "locked", "toponyms": [{"start", "end", "text", "level", "country", "geonameid",
"lat", "lon"}]}, offsets into the body text (see eval/places/README.md for how they were made).

A second, later set (split "locked2", eval/places/pubdate-pages.jsonl) annotates pages of the publication-date
set (<shared>/eval/pubdate/html, gold.json {url: {file, date}}) with offsets into the main text eventwire's
own page extraction gives; it was written before any tuning of session 17 and its errors are never shown.
A third (split "locked3", eval/places/s20-pages.jsonl) annotates other pubdate pages the same way, written
before any tuning of session 20. If a newer extraction shifts the text, each toponym is re-found at the
nearest occurrence of its words.

A fourth (splits "s23dev" and "s23locked", eval/places/s23-pages.jsonl) annotates 16 English web-news pages of
the article-extraction set that no other set used, written at the start of session 23 before any geoparser run
on them; its dev half shows errors, its locked half only figures.

A fifth (splits "s24dev" and "s24locked", eval/places/s24-recognition.jsonl) is not made of pages: 297 short
passages written for eventwire in the styles of local and web news from many countries, with the kinds of
toponym issue #17 lists (streets, squares, neighbourhoods, buildings, counties and districts, islands, rivers,
seas, regions, abbreviations) and look-alikes that are no toponyms. The text is stored with the annotations
(it is our own writing); split by the sha256 of the passage id, fixed before any geoparser run.

Scores, per split (dev and locked side by side):
- found: share of gold toponyms that a predicted mention overlaps (spans paired one-to-one);
- right_when_found: share of found toponyms placed within 161 km of the gold point;
- end_to_end: share of gold toponyms found *and* placed within 161 km (found x right_when_found);
- level: share of found toponyms whose predicted level (country, admin1, admin2, city, feature) is the gold's;
- division_as_town: share of found countries and first-level divisions (gold level country or admin1) that
  were given a town's point (predicted level city): a country drawn as a town is the worst level error;
- precision: share of predicted mentions that overlap a gold toponym;
- spurious: predicted mentions that overlap no gold toponym, as a share of all predicted (1 - precision),
  with the count.

Error cases are listed for the dev split only: the locked split's errors are never shown, so that tuning
cannot read them (its figures are all it reports).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from eventwire.evaluation import corpora
from eventwire.evaluation.metrics import match_spans, ratio
from eventwire.evaluation.registry import GoldFormatError, on_item, require
from eventwire.evaluation.results import ErrorCase, Figure, StageResult
from eventwire.geodesy import haversine_km

WITHIN_KM = 161.0
SPLITS = ("dev", "locked", "locked2", "locked3", "s23dev", "s23locked", "s24dev", "s24locked")
SHOWN_SPLITS = frozenset({"dev", "s23dev", "s24dev"})
LEVELS = frozenset({"country", "admin1", "admin2", "city", "feature"})
ANNOTATIONS = "eval/places/pages.jsonl"
# Later sets on article-extraction pages, offsets into the same gold body text.
LATER_PAGE_ANNOTATIONS = ("eval/places/s23-pages.jsonl",)
UNSEEN_ANNOTATIONS = ("eval/places/pubdate-pages.jsonl", "eval/places/s20-pages.jsonl")
# Passages written for eventwire, their text stored with their toponyms (no shared data needed).
PASSAGE_ANNOTATIONS = ("eval/places/s24-recognition.jsonl",)
PUBDATE_PAGE = "pubdate:"


@dataclass(frozen=True, slots=True)
class PageToponym:
    start: int
    end: int
    text: str
    level: str
    lat: float
    lon: float
    geonameid: int | None


@dataclass(frozen=True, slots=True)
class AnnotatedPage:
    id: str
    split: str
    url: str
    text: str
    toponyms: tuple[PageToponym, ...]


class PageGeoparser(Protocol):
    def geoparse(self, text: str, *, url: str | None = None) -> Sequence[Any]: ...


def annotations_path(name: str = ANNOTATIONS) -> Path:
    """eval/places/<name> of the working directory, else of the repository this package lives in."""
    here = Path(name)
    if here.exists():
        return here
    return Path(__file__).resolve().parents[3] / name


def _toponym(item: dict[str, Any], text: str, where: str) -> PageToponym:
    start, end = item["start"], item["end"]
    if text[start:end] != item["text"]:
        raise GoldFormatError(f"{where}: {item['text']!r} is not at {start}")
    if item["level"] not in LEVELS:
        raise GoldFormatError(f"{where}: level {item['level']!r} is not one of {sorted(LEVELS)}")
    return PageToponym(start, end, item["text"], item["level"], float(item["lat"]), float(item["lon"]),
                       item.get("geonameid"))


def _realigned(item: dict[str, Any], text: str) -> dict[str, Any]:
    """The toponym at the occurrence of its words nearest its recorded offset (the extraction may shift)."""
    if text[item["start"]:item["end"]] == item["text"]:
        return item
    starts = [match.start() for match in re.finditer(re.escape(item["text"]), text)]
    if not starts:
        return item  # reported as a gold error by _toponym
    start = min(starts, key=lambda candidate: abs(candidate - item["start"]))
    return {**item, "start": start, "end": start + len(item["text"])}


def load_unseen_pages(pubdate_folder: Path, annotations: Path) -> list[AnnotatedPage]:
    """The locked2/locked3 pages: main text extracted from the pubdate set's HTML, as the pipeline does."""
    from eventwire.extract.html import extract_page  # trafilatura only when this set is scored

    urls = {entry["file"]: url for url, entry in
            json.loads((pubdate_folder / "gold.json").read_text(encoding="utf-8")).items()}
    pages = []
    for number, line in enumerate(annotations.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        page_id, split = record["page"], record["split"]
        file = page_id.removeprefix(PUBDATE_PAGE)
        if not page_id.startswith(PUBDATE_PAGE) or file not in urls:
            raise GoldFormatError(f"{annotations}:{number}: page {page_id} is not in {pubdate_folder}")
        if split not in SPLITS:
            raise GoldFormatError(f"{annotations}:{number}: split {split!r} is not one of {SPLITS}")
        raw = (pubdate_folder / "html" / file).read_bytes().decode("utf-8", "replace")
        text = extract_page(raw, urls[file], find_date=False).text
        where = f"{annotations}:{number} ({page_id})"
        toponyms = tuple(_toponym(_realigned(item, text), text, where) for item in record["toponyms"])
        pages.append(AnnotatedPage(page_id, split, urls[file], text, toponyms))
    return pages


def load_passages(annotations: Path) -> list[AnnotatedPage]:
    """Passages whose text is stored with their toponyms: {"id", "split", "url", "text", "toponyms"}."""
    pages = []
    for number, line in enumerate(annotations.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        if record["split"] not in SPLITS:
            raise GoldFormatError(f"{annotations}:{number}: split {record['split']!r} is not one of {SPLITS}")
        where = f"{annotations}:{number} ({record['id']})"
        toponyms = tuple(_toponym(item, record["text"], where) for item in record["toponyms"])
        pages.append(AnnotatedPage(record["id"], record["split"], record.get("url") or "", record["text"],
                                   toponyms))
    return pages


def load_pages(texts_folder: Path, annotations: Path | None = None) -> list[AnnotatedPage]:
    annotations = annotations or annotations_path()
    truth_path = texts_folder / "ground-truth.json"
    truth = {page.id: page for page in corpora.article_pages(truth_path)}
    pages = []
    for number, line in enumerate(annotations.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        page_id, split = record["page"], record["split"]
        if page_id not in truth:
            raise GoldFormatError(f"{annotations}:{number}: page {page_id} is not in {truth_path}")
        if split not in SPLITS:
            raise GoldFormatError(f"{annotations}:{number}: split {split!r} is not one of {SPLITS}")
        text = truth[page_id].text
        where = f"{annotations}:{number} (page {page_id})"
        toponyms = tuple(_toponym(item, text, where) for item in record["toponyms"])
        pages.append(AnnotatedPage(page_id, split, truth[page_id].url or "", text, toponyms))
    return pages


@dataclass(slots=True)
class _Tally:
    gold: int = 0
    predicted: int = 0
    found: int = 0
    right: int = 0
    level: int = 0
    divisions: int = 0  # found gold toponyms of level country or admin1
    divisions_as_towns: int = 0  # ... predicted at level city


def evaluate(gold: Path, *, limit: int | None = None, system: PageGeoparser | None = None,
             annotations: Path | None = None,
             unseen_annotations: Path | Sequence[Path] | None = None,
             passages: Path | Sequence[Path] | None = None) -> StageResult:
    pages = load_pages(gold, annotations)
    if annotations is None:
        for name in LATER_PAGE_ANNOTATIONS:
            if annotations_path(name).exists():
                pages += load_pages(gold, annotations_path(name))
    # The later unseen sets are scored when their texts are there (<shared>/eval/pubdate beside the pages).
    pubdate_folder = gold.parent / "pubdate"
    if unseen_annotations is None:
        unseen = [annotations_path(name) for name in UNSEEN_ANNOTATIONS] if annotations is None else []
    else:
        unseen = [unseen_annotations] if isinstance(unseen_annotations, Path) else list(unseen_annotations)
    if (pubdate_folder / "gold.json").exists():
        for path in unseen:
            if path.exists():
                pages += load_unseen_pages(pubdate_folder, path)
    if passages is None:
        passage_files = ([annotations_path(name) for name in PASSAGE_ANNOTATIONS]
                         if annotations is None else [])
    else:
        passage_files = [passages] if isinstance(passages, Path) else list(passages)
    for path in passage_files:
        if path.exists():
            pages += load_passages(path)
    pages = pages[:limit]
    parser = system or require("geo-pages", "eventwire.places", "Geoparser").load()
    tallies = {split: _Tally() for split in SPLITS}
    errors: list[ErrorCase] = []
    for page in pages:
        with on_item("geo-pages", page.id):
            mentions = list(parser.geoparse(page.text, url=page.url))
        tally = tallies[page.split]
        pairs = match_spans([(t.start, t.end) for t in page.toponyms], [(m.start, m.end) for m in mentions],
                            strict=False)
        tally.gold += len(page.toponyms)
        tally.predicted += len(mentions)
        tally.found += len(pairs)
        show = page.split in SHOWN_SPLITS
        for gold_index, mention_index in pairs:
            toponym, mention = page.toponyms[gold_index], mentions[mention_index]
            right = mention.lat is not None and mention.lon is not None and haversine_km(
                toponym.lat, toponym.lon, mention.lat, mention.lon) <= WITHIN_KM
            level_right = getattr(mention, "level", None) == toponym.level
            tally.right += right
            tally.level += level_right
            if toponym.level in ("country", "admin1"):
                tally.divisions += 1
                tally.divisions_as_towns += getattr(mention, "level", None) == "city"
            if show and not right:
                errors.append(ErrorCase(f"{page.id[:12]}:{toponym.start}", _gold_text(toponym),
                                        _mention_text(mention), "placed > 161 km off or not resolved"))
            elif show and not level_right:
                errors.append(ErrorCase(f"{page.id[:12]}:{toponym.start}", _gold_text(toponym),
                                        _mention_text(mention), "wrong level"))
        if show:
            found_gold = {g for g, _ in pairs}
            found_mentions = {m for _, m in pairs}
            errors += [ErrorCase(f"{page.id[:12]}:{t.start}", _gold_text(t), "none", "not found")
                       for index, t in enumerate(page.toponyms) if index not in found_gold]
            errors += [ErrorCase(f"{page.id[:12]}:{m.start}", "none", _mention_text(m), "not a gold toponym")
                       for index, m in enumerate(mentions) if index not in found_mentions]
    figures: list[Figure] = []
    for split in SPLITS:
        tally = tallies[split]
        counts = {"gold": tally.gold, "found": tally.found, "right": tally.right}
        figures += [
            Figure(f"{split}_end_to_end", ratio(tally.right, tally.gold), counts,
                   f"{split}: gold toponyms found and placed within 161 km"),
            Figure(f"{split}_found", ratio(tally.found, tally.gold), counts, f"{split}: gold toponyms found"),
            Figure(f"{split}_right_when_found", ratio(tally.right, tally.found), counts,
                   f"{split}: found toponyms placed within 161 km"),
            Figure(f"{split}_level", ratio(tally.level, tally.found),
                   {"found": tally.found, "level": tally.level},
                   f"{split}: found toponyms given the gold level"),
            Figure(f"{split}_division_as_town", ratio(tally.divisions_as_towns, tally.divisions),
                   {"divisions": tally.divisions, "as_towns": tally.divisions_as_towns},
                   f"{split}: found countries and admin1 divisions given a town's point",
                   higher_is_better=False),
            Figure(f"{split}_precision", ratio(tally.found, tally.predicted),
                   {"predicted": tally.predicted, "found": tally.found},
                   f"{split}: predicted mentions that are gold toponyms"),
            Figure(f"{split}_spurious", ratio(tally.predicted - tally.found, tally.predicted),
                   {"predicted": tally.predicted, "spurious": tally.predicted - tally.found},
                   f"{split}: predicted mentions that overlap no gold toponym", higher_is_better=False),
        ]
    total = sum(tally.gold for tally in tallies.values())
    notes = (
        f"annotations: {ANNOTATIONS}, "
        f"{', '.join(LATER_PAGE_ANNOTATIONS + UNSEEN_ANNOTATIONS + PASSAGE_ANNOTATIONS)} "
        f"({total} toponyms on {len(pages)} pages); texts: the article-extraction gold body text; "
        "locked2/locked3: eventwire's extraction of pubdate pages",
        "error cases are listed for the dev, s23dev and s24dev splits only; locked, locked2, locked3, "
        "s23locked and s24locked errors are never shown",
    )
    return StageResult("geo-pages", str(gold), len(pages), tuple(figures), tuple(errors), notes=notes)


def _gold_text(toponym: PageToponym) -> str:
    return f"{toponym.text} [{toponym.level}] #{toponym.geonameid} ({toponym.lat:.2f}, {toponym.lon:.2f})"


def _mention_text(mention: Any) -> str:
    lat = "?" if mention.lat is None else f"{mention.lat:.2f}"
    lon = "?" if mention.lon is None else f"{mention.lon:.2f}"
    return f"{mention.text} -> {mention.name} [{getattr(mention, 'level', '?')}] ({lat}, {lon})"

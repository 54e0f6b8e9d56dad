"""Geoparsing real news pages end to end, against eventwire's own toponym annotations.

Texts: the gold body text of the article-extraction set (<shared>/eval/article-extraction/ground-truth.json,
{page id: {articleBody, url}}). Annotations: eval/places/pages.jsonl in this repository, one page a line:
{"page", "split": "dev" | "locked", "toponyms": [{"start", "end", "text", "level", "country", "geonameid",
"lat", "lon"}]}, offsets into the body text (see eval/places/README.md for how they were made).

Scores, per split (dev and locked side by side):
- found: share of gold toponyms that a predicted mention overlaps (spans paired one-to-one);
- right_when_found: share of found toponyms placed within 161 km of the gold point;
- end_to_end: share of gold toponyms found *and* placed within 161 km (found x right_when_found);
- level: share of found toponyms whose predicted level (country, admin1, admin2, city, feature) is the gold's;
- precision: share of predicted mentions that overlap a gold toponym.

Error cases are listed for the dev split only: the locked split's errors are never shown, so that tuning
cannot read them (its figures are all it reports).
"""

from __future__ import annotations

import json
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
SPLITS = ("dev", "locked")
LEVELS = frozenset({"country", "admin1", "admin2", "city", "feature"})
ANNOTATIONS = "eval/places/pages.jsonl"


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


def annotations_path() -> Path:
    """eval/places/pages.jsonl of the working directory, else of the repository this package lives in."""
    here = Path(ANNOTATIONS)
    if here.exists():
        return here
    return Path(__file__).resolve().parents[3] / ANNOTATIONS


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
        toponyms = []
        for item in record["toponyms"]:
            if text[item["start"]:item["end"]] != item["text"]:
                raise GoldFormatError(
                    f"{annotations}:{number}: {item['text']!r} is not at {item['start']} in page {page_id}")
            if item["level"] not in LEVELS:
                raise GoldFormatError(
                    f"{annotations}:{number}: level {item['level']!r} is not one of {sorted(LEVELS)}")
            toponyms.append(PageToponym(item["start"], item["end"], item["text"], item["level"],
                                        float(item["lat"]), float(item["lon"]), item.get("geonameid")))
        pages.append(AnnotatedPage(page_id, split, truth[page_id].url or "", text, tuple(toponyms)))
    return pages


@dataclass(slots=True)
class _Tally:
    gold: int = 0
    predicted: int = 0
    found: int = 0
    right: int = 0
    level: int = 0


def evaluate(gold: Path, *, limit: int | None = None, system: PageGeoparser | None = None,
             annotations: Path | None = None) -> StageResult:
    pages = load_pages(gold, annotations)[:limit]
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
        show = page.split == "dev"
        for gold_index, mention_index in pairs:
            toponym, mention = page.toponyms[gold_index], mentions[mention_index]
            right = mention.lat is not None and mention.lon is not None and haversine_km(
                toponym.lat, toponym.lon, mention.lat, mention.lon) <= WITHIN_KM
            level_right = getattr(mention, "level", None) == toponym.level
            tally.right += right
            tally.level += level_right
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
            Figure(f"{split}_precision", ratio(tally.found, tally.predicted),
                   {"predicted": tally.predicted, "found": tally.found},
                   f"{split}: predicted mentions that are gold toponyms"),
        ]
    total = sum(tally.gold for tally in tallies.values())
    notes = (
        f"annotations: {ANNOTATIONS} ({total} toponyms on {len(pages)} pages); "
        "texts: the article-extraction gold body text",
        "error cases are listed for the dev split only; the locked split's errors are never shown",
    )
    return StageResult("geo-pages", str(gold), len(pages), tuple(figures), tuple(errors), notes=notes)


def _gold_text(toponym: PageToponym) -> str:
    return f"{toponym.text} [{toponym.level}] #{toponym.geonameid} ({toponym.lat:.2f}, {toponym.lon:.2f})"


def _mention_text(mention: Any) -> str:
    lat = "?" if mention.lat is None else f"{mention.lat:.2f}"
    lon = "?" if mention.lon is None else f"{mention.lon:.2f}"
    return f"{mention.text} -> {mention.name} [{getattr(mention, 'level', '?')}] ({lat}, {lon})"

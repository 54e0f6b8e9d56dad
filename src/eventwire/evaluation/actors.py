"""Actor resolution on phrases as they occur in real news text (eval/actors/cases.jsonl).

Gold: JSON lines {id, text, ref?, date?, country?, sector?, link?}.
  text     the phrase as written in the article
  ref      {article, start, end}: where the phrase is. `article` is "tr:<docid>" (TR-News,
           <shared>/eval/geoparsing/TR-News.xml), "ae:<first 12 hex of the id>" (article-extraction,
           <shared>/eval/article-extraction/ground-truth.json), "pd:<file stem>" (a pubdate page,
           <shared>/eval/pubdate/html/<stem>.html, its text as `page_paragraphs` reads it) or "te:<file stem>"
           (a TempEval-3 platinum document, the text of its <TEXT> with tags removed). The article texts
           stay in the shared folder and are read at evaluation time; the phrase must be found at those
           offsets.
  country  ISO3 or null; sector a sector code or null. A field absent from a case is not scored for it;
           a null is scored (the resolver must return None). Comparison is case-insensitive.
  link     the actor id the phrase must resolve to, or null: the phrase must not be linked to any person
           of the knowledge base (a local person whose surname collides with a politician's).

  split    optional: a named held-out set ("locked2", "locked3", "locked4"). Without it a case is split by a
           hash of its id into a dev half and a locked half.

A third file, s21-phrases.jsonl (session 21), holds phrases of issue #16's kinds written in news sentences
(generic agents, party acronyms, militias, cartels, units, deputy ministers, regional heads...), in the same
format, split by a hash of the id into "s21dev" (errors listed) and "s21locked" (aggregate only). A fourth,
s22-phrases.jsonl (session 22), holds phrases written before that session's first resolver run of kinds the
others hold thinly (non-US/UK news, sub-cabinet ministers, legislatures and courts, local namesakes that must
not be linked, phrases with no country stated): "s22dev" (errors listed) and "s22locked" (aggregate only). A
fifth, s23-phrases.jsonl (session 23), is a second such set weighted to generic agents of every walk of life:
"s23dev" (errors listed) and "s23locked" (aggregate only).

A second file beside the gold, authored-phrases.jsonl (split "authored", session 20), holds phrases of the
project's own training sentences (data/training/events, train part): each case carries its `sentence`
and the phrase's `start`/`end` in it, and the sentence is read as the phrase's article. It is a dev set
with its errors listed: broad (every kind of actor phrase news uses), labelled before any resolver run.

Only dev errors are listed: the locked halves' errors are never shown, so tuning cannot read them; their
figures are reported beside dev's (`locked_*`, `locked2_*`, `locked3_*`, `locked4_*`). locked2 to locked4 hold
cases written from articles no earlier case used, each before the round of tuning that followed it (issue
#16's unseen checks: locked2 in session 17, locked3 in session 18, locked4 in session 20).

With an article reference and a resolver that reads articles (read_article), each phrase is resolved
with what its article establishes: full-name mentions, its countries, and its own country from the
dateline, the places stage and the outlet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from eventwire.evaluation import corpora
from eventwire.evaluation.metrics import ratio
from eventwire.evaluation.registry import GoldFormatError, on_item, require
from eventwire.evaluation.results import ErrorCase, Figure, StageResult

ABSENT = object()  # a field the case does not state (distinct from an explicit null)
# Beside the gold: the phrase sets written for issue #16 (eval/actors/build_phrases.py), each split by a hash
# of the id into <batch>dev (errors listed) and <batch>locked (aggregate only). s21: phrases of the issue's
# kinds written in news sentences; s22: phrases nobody tuned on (non-US/UK news, sub-cabinet ministers,
# legislatures, courts, local namesakes that must not be linked, phrases with no country); s23: a second such
# set weighted to generic agents of every walk of life, officials below the top, units, parties and unions by
# acronym; s24: a third, weighted to Latin America, Africa, South and South-east Asia, Central Asia, Balkans
# (parties by shared acronyms, cartels and militias, named units, regional leaders; build_phrases.py s24).
PHRASE_BATCHES = {"s21": "s21-phrases.jsonl", "s22": "s22-phrases.jsonl", "s23": "s23-phrases.jsonl",
                  "s24": "s24-phrases.jsonl"}
SPLITS = ("dev", "locked", "locked2", "locked3", "locked4", "authored",
          *(f"{batch}{half}" for batch in PHRASE_BATCHES for half in ("dev", "locked")))
# the splits whose errors are listed (tuned on); never others
SHOWN_SPLITS = ("dev", "authored", *(f"{batch}dev" for batch in PHRASE_BATCHES))
AUTHORED = "authored-phrases.jsonl"  # beside the gold: phrases of our own sentences, split "authored"
HASHED_SPLITS = ("dev", "locked")  # the two halves a case without an explicit split falls in
# A dateline: a place name at the very start, then an outlet in brackets or a dash ("KHARTOUM (Reuters) -").
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w.'-]*(?:[ ,-]+[A-Z][\w.'-]*){0,3}\s*(?:\([^)]{1,40}\))?\s*[—–-]"
    # or a place in capitals and the outlet in brackets, with no dash: "WASHINGTON (RNS) Evangelical ..."
    r"|[A-Z]{3,}[.'-]?(?:[ ,-]+[A-Z][\w.'-]*){0,3}\s*\([A-Za-z.&' ]{1,30}\))"
)


@dataclass(frozen=True, slots=True)
class ArticleRef:
    article: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ActorCase:
    id: str
    text: str
    date: dt.date | None
    country: str | object | None  # ABSENT when not stated
    sector: str | object | None
    link: str | object | None = ABSENT
    ref: ArticleRef | None = None
    named_split: str | None = None  # an explicit held-out set; None: by the id's hash
    sentence: str | None = None  # an authored case's own sentence, read as its article

    @property
    def split(self) -> str:
        return self.named_split or split_of(self.id)


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    url: str | None


class ActorResolver(Protocol):
    def resolve(self, text: str, when: dt.date | None) -> Any: ...


def split_of(case_id: str) -> str:
    """'dev' or 'locked', fixed by the case id alone (so adding cases never moves old ones)."""
    return HASHED_SPLITS[hashlib.sha256(case_id.encode("utf-8")).digest()[0] % 2]


def load_gold(path: Path) -> list[ActorCase]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as failure:
        raise GoldFormatError(f"{path}: cannot read the actor cases ({failure})") from failure
    cases = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as failure:
            raise GoldFormatError(f"{path}:{number}: not JSON ({failure})") from failure
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise GoldFormatError(f"{path}:{number}: a case needs a text string")
        try:
            date = dt.date.fromisoformat(record["date"][:10]) if record.get("date") else None
        except (TypeError, ValueError) as failure:
            raise GoldFormatError(f"{path}:{number}: bad date {record.get('date')!r}") from failure
        ref = record.get("ref")
        sentence = record.get("sentence")
        if sentence is not None:
            if not (isinstance(sentence, str) and isinstance(record.get("start"), int)
                    and isinstance(record.get("end"), int)):
                raise GoldFormatError(f"{path}:{number}: a case with a sentence needs start and end")
            # the sentence is the article; phrases of one sentence (`row`) share it
            ref = {"article": f"au:{record.get('row') or record.get('id') or number}",
                   "start": record["start"], "end": record["end"]}
        if ref is not None and not (
            isinstance(ref, dict) and isinstance(ref.get("article"), str)
            and isinstance(ref.get("start"), int) and isinstance(ref.get("end"), int)
        ):
            raise GoldFormatError(f"{path}:{number}: ref needs article, start and end")
        named_split = record.get("split")
        if named_split is not None and named_split not in SPLITS:
            raise GoldFormatError(f"{path}:{number}: split must be one of {', '.join(SPLITS)}")
        case_id = str(record.get("id") or f"line {number}")
        if any(case.id == case_id for case in cases):
            raise GoldFormatError(f"{path}:{number}: duplicate case id {case_id}")
        cases.append(
            ActorCase(
                case_id,
                record["text"],
                date,
                _field(record, "country"),
                _field(record, "sector"),
                record.get("link", ABSENT),
                ArticleRef(ref["article"], ref["start"], ref["end"]) if ref else None,
                named_split,
                sentence,
            )
        )
    return cases


def _field(record: dict[str, Any], name: str) -> str | object | None:
    if name not in record:
        return ABSENT
    value = record[name]
    return str(value).strip().upper() if value else None


def _same(gold: str | object | None, predicted: str | None) -> bool:
    return gold == (predicted.strip().upper() if predicted else None)


# --- articles --------------------------------------------------------------------------------------------


def load_articles(shared: Path, wanted: set[str]) -> dict[str, Article]:
    """The referenced articles' texts, read from the shared evaluation folder."""
    articles: dict[str, Article] = {}
    if any(name.startswith("tr:") for name in wanted):
        for item in corpora.tr_news(shared / "eval" / corpora.TR_NEWS):
            if f"tr:{item.id}" in wanted:
                articles[f"tr:{item.id}"] = Article(item.text, item.url)
    if any(name.startswith("ae:") for name in wanted):
        for item in corpora.article_pages(shared / "eval" / corpora.PAGES):
            if f"ae:{item.id[:12]}" in wanted:
                articles[f"ae:{item.id[:12]}"] = Article(item.text, item.url)
    pages = [name for name in wanted if name.startswith("pd:")]
    if pages:
        urls = _pubdate_urls(shared / "eval" / "pubdate" / "gold.json")
        for name in pages:
            stem = name[3:]
            path = shared / "eval" / "pubdate" / "html" / f"{stem}.html"
            try:
                articles[name] = Article(page_paragraphs(path.read_bytes()), urls.get(f"{stem}.html"))
            except OSError as failure:
                raise GoldFormatError(f"{path}: cannot read the page ({failure})") from failure
    for name in (name for name in wanted if name.startswith("te:")):
        from eventwire.evaluation.timex import read_timeml

        document = read_timeml(shared / "eval" / "temporal" / "te3-platinum" / f"{name[3:]}.tml")
        articles[name] = Article(document.text, None)
    return articles


def page_paragraphs(html: bytes) -> str:
    """A news page's text as the actor cases count offsets in it: the text of each <p> element, its
    whitespace collapsed, one paragraph a line; paragraphs under 40 characters (bylines, captions, menu
    items) are left out. Deliberately this simple reading and not the project's extractor, so that the
    cases' offsets do not move when the extractor improves."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(html)
    paragraphs = (" ".join(node.text_content().split()) for node in root.iter("p"))
    return "\n".join(paragraph for paragraph in paragraphs if len(paragraph) >= 40)


def _pubdate_urls(gold: Path) -> dict[str, str]:
    try:
        pages = json.loads(gold.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(page.get("file")): url for url, page in pages.items() if isinstance(page, dict)}


class _ArticleReader:
    """Evidence per article, as the coder hands it over: places from the places stage (when it can be
    loaded here), the dateline's place, and the outlet's country-code domain."""

    def __init__(self, resolver: Any) -> None:
        self.resolver = resolver
        self._geoparser: Any = None
        self._geoparser_tried = False

    def evidence(self, article: Article, when: dt.date | None) -> Any:
        places = self._places(article.text)
        dateline = _DATELINE.match(article.text)
        dateline_country = next(
            (country for start, country in places if dateline and start < dateline.end()), None
        )
        return self.resolver.read_article(
            article.text, when, dateline_country=dateline_country,
            place_countries=[country for _, country in places], outlet_country=self._outlet(article.url),
            place_mentions=places,
        )

    def _places(self, text: str) -> list[tuple[int, str]]:
        geoparser = self._load_geoparser()
        if geoparser is None:
            return []
        found = []
        for mention in geoparser.geoparse(text):
            if mention.country and not getattr(mention, "in_name", False):
                found.append((mention.start, mention.country))
        return found

    def _load_geoparser(self) -> Any:
        if not self._geoparser_tried:
            self._geoparser_tried = True
            try:
                from eventwire.places import Geoparser

                self._geoparser = Geoparser.load()
            except (ImportError, OSError):  # no places stage or no gazetteer here: articles without places
                self._geoparser = None
        return self._geoparser

    def _outlet(self, url: str | None) -> str | None:
        if self._geoparser is None or not url:
            return None
        from eventwire.places.geoparser import country_of_url

        iso2 = country_of_url(url, self._geoparser.gazetteer)
        place = self._geoparser.gazetteer.country(iso2) if iso2 else None
        return getattr(place, "country", None) if place else None


# --- scoring ---------------------------------------------------------------------------------------------


@dataclass
class _Tally:
    country_n: int = 0
    country_ok: int = 0
    sector_n: int = 0
    sector_ok: int = 0
    both_n: int = 0
    both_ok: int = 0
    link_n: int = 0
    link_ok: int = 0
    wrong_person: int = 0  # a person linked where the gold says another actor or none

    def figures(self, prefix: str) -> tuple[Figure, ...]:
        return (
            Figure(f"{prefix}country_accuracy", ratio(self.country_ok, self.country_n),
                   {"n": self.country_n, "correct": self.country_ok}),
            Figure(f"{prefix}sector_accuracy", ratio(self.sector_ok, self.sector_n),
                   {"n": self.sector_n, "correct": self.sector_ok}),
            Figure(f"{prefix}both_accuracy", ratio(self.both_ok, self.both_n),
                   {"n": self.both_n, "correct": self.both_ok}, "country and sector both right"),
            Figure(f"{prefix}link_accuracy", ratio(self.link_ok, self.link_n),
                   {"n": self.link_n, "correct": self.link_ok, "wrong_person": self.wrong_person},
                   "linked to the gold actor, or to no person where the gold says must not link"),
        )


def evaluate(
    gold: Path, *, limit: int | None = None, system: ActorResolver | None = None, shared: Path | None = None,
    authored: Path | None = None,
) -> StageResult:
    """Score the cases of `gold` and of `authored` (default: authored-phrases.jsonl beside the gold, when
    there is one)."""
    cases = load_gold(gold)
    authored = authored or gold.with_name(AUTHORED)
    for extra in (authored, *(gold.with_name(name) for name in PHRASE_BATCHES.values())):
        if extra.is_file() and extra != gold:
            cases += load_gold(extra)
    cases = cases[:limit]
    resolver = system or require("actors", "eventwire.actors", "ActorResolver").load()
    wanted = {case.ref.article for case in cases if case.ref and case.sentence is None}
    articles = load_articles(shared, wanted) if shared is not None and wanted else {}
    articles.update({case.ref.article: Article(case.sentence, None)  # type: ignore[union-attr]
                     for case in cases if case.sentence is not None})
    reader = _ArticleReader(resolver) if articles and hasattr(resolver, "read_article") else None
    evidence: dict[str, Any] = {}
    tallies = {split: _Tally() for split in SPLITS}
    errors = []
    for case in cases:
        article = articles.get(case.ref.article) if case.ref else None
        if article is not None and article.text[case.ref.start:case.ref.end] != case.text:  # type: ignore[union-attr]
            raise GoldFormatError(f"{case.id}: {case.text!r} is not at its offsets in {case.ref.article}")  # type: ignore[union-attr]
        with on_item("actors", case.id):
            if article is not None and reader is not None:
                key = case.ref.article  # type: ignore[union-attr]
                if key not in evidence:
                    evidence[key] = reader.evidence(article, case.date)
                resolution = resolver.resolve(  # type: ignore[call-arg]
                    case.text, case.date, article=evidence[key], at=case.ref.start  # type: ignore[union-attr]
                )
            else:
                resolution = resolver.resolve(case.text, case.date)
        tally = tallies[case.split]
        right = _score(case, resolution, tally)
        if not right and case.split in SHOWN_SPLITS:
            errors.append(_error(case, resolution))
    figures = tallies["dev"].figures("") + tuple(
        figure for split in SPLITS[1:] for figure in tallies[split].figures(f"{split}_")
    )
    notes = (
        "phrases as written in real news articles (TR-News, article-extraction, pubdate pages, TempEval-3), "
        "resolved with their article's evidence; figures without a prefix are the dev half, locked_* the "
        "locked half, locked2_* to locked4_* the unseen checks written from unused articles (their errors "
        "are not listed); authored_* the phrases of our own training sentences, each read with its sentence "
        "(a dev set: errors listed); s21dev_* / s21locked_* the phrases of issue #16's kinds written in news "
        "sentences (s21-phrases.jsonl: s21dev's errors listed, s21locked aggregate only); s22dev_* / "
        "s22locked_* phrases nobody tuned on, written in session 22 (s22-phrases.jsonl: s22dev's errors "
        "listed, s22locked aggregate only); s23dev_* / s23locked_* a second such set, written in session 23 "
        "(s23-phrases.jsonl: s23dev's errors listed, s23locked aggregate only)",
        # the two hashed halves always; a named split only when the gold has cases in it
        ", ".join(f"{count} {split}" for split in SPLITS
                  if (count := sum(c.split == split for c in cases)) or split in HASHED_SPLITS)
        + " cases; article evidence "
        + ("used" if reader else "not available (no --shared, or no read_article)"),
    )
    return StageResult("actors", str(gold), len(cases), figures, tuple(errors), notes=notes)


def _score(case: ActorCase, resolution: Any, tally: _Tally) -> bool:
    country, sector = getattr(resolution, "country", None), getattr(resolution, "sector", None)
    actor_id, kind = getattr(resolution, "actor_id", None), getattr(resolution, "kind", None)
    right_country = right_sector = right_link = True
    if case.country is not ABSENT:
        tally.country_n += 1
        right_country = _same(case.country, country)
        tally.country_ok += right_country
    if case.sector is not ABSENT:
        tally.sector_n += 1
        right_sector = _same(case.sector, sector)
        tally.sector_ok += right_sector
    if case.country is not ABSENT and case.sector is not ABSENT:
        tally.both_n += 1
        tally.both_ok += right_country and right_sector
    if case.link is not ABSENT:
        tally.link_n += 1
        linked_person = actor_id if kind == "person" else None
        right_link = actor_id == case.link if case.link else linked_person is None
        tally.link_ok += right_link
        tally.wrong_person += bool(linked_person) and linked_person != case.link
    return right_country and right_sector and right_link


def _error(case: ActorCase, resolution: Any) -> ErrorCase:
    country, sector = getattr(resolution, "country", None), getattr(resolution, "sector", None)
    gold_text = f"{_show(case.country)}/{_show(case.sector)}" + (
        f" link={case.link or 'none'}" if case.link is not ABSENT else ""
    )
    predicted = f"{country or '-'}/{sector or '-'} ({getattr(resolution, 'actor_id', None) or 'no actor'})"
    where = f" in {case.ref.article}@{case.ref.start}" if case.ref else ""
    return ErrorCase(case.id, gold_text, predicted, f"{case.text!r}{where} at {case.date or 'no date'}")


def _show(value: str | object | None) -> str:
    if value is ABSENT:
        return "(not stated)"
    return str(value) if value else "-"

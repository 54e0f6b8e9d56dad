"""Every date signal a web page carries, read one by one, each with what it claims to date.

`publication_date` (extract/pubdate.py) combines these; this module only reads them, so that each can
be scored on its own against htmldate (eval/pubdate/signal_table.py) and the combination can apply its
conflict rules (a modified date never stands for the publication, a date after the crawl is impossible)
to readings that say what they are.

A reading is a `DateSignal`: the signal's kind (`json-ld`, `meta`, `time`, `url`, `byline`, `headline`,
`copyright`), whether it states the `published` or the `modified` time, the ISO 8601 value (date, or
date and time with the page's offset when it gave one) and where it was read (`meta article:published_time`).
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from html import unescape as html_unescape
from typing import Any, Literal

from dateutil import parser as date_parser
from dateutil.parser import UnknownTimezoneWarning
from dateutil.tz import tzoffset

from eventwire.extract.textdates import parse_date_line

Role = Literal["published", "modified"]


@dataclass(frozen=True, slots=True)
class DateSignal:
    kind: str
    role: Role
    value: str  # ISO 8601: "2020-07-09", "2020-07-09T10:04:04+02:00"
    where: str
    name: str = ""  # the <meta> name, for meta readings

    @property
    def day(self) -> date:
        return date.fromisoformat(self.value[:10])


JSON_LD = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TIME = re.compile(r"<time\b([^>]*)>(.*?)</time\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_NOT_TEXT = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_URL_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[/_-]?(?P<m>[01]\d)[/_-]?(?P<d>[0-3]\d)(?!\d)")
_COPYRIGHT = re.compile(r"(?:©|&copy;|&#169;|\bcopyright\b)\s*(?:\d{4}\s*[-–]\s*)?(?P<y>(?:19|20)\d{2})\b",
                        re.IGNORECASE)
_LIST_KEYS = frozenset({"itemListElement", "hasPart", "relatedLink", "mentions", "citation"})
_MARKUP_REACH = 200_000  # meta tags and bylines sit in the first part of a page; some pages are megabytes

# <meta> names (property / name / itemprop, lower case) by what they state and by family, in the order a
# reading is preferred within a role. Families are kept apart so each can be scored on its own.
META_PUBLISHED: dict[str, str] = {
    "article:published_time": "article:published_time",
    "article:published": "article:published_time",
    "og:published_time": "og",
    "og:article:published_time": "og",
    "og:pubdate": "og",
    "datepublished": "itemprop datePublished",
    "parsely-pub-date": "parsely",
    "sailthru.date": "sailthru",
    "dc.date.issued": "dc.date",
    "dc.date": "dc.date",
    "dcterms.issued": "dc.date",
    "dcterms.created": "dc.date",
    "dcterms.date": "dc.date",
    "dc.date.created": "dc.date",
    "date_published": "other publication names",
    "publish-date": "other publication names",
    "publish_date": "other publication names",
    "publishdate": "other publication names",
    "published_time": "other publication names",
    "published-date": "other publication names",
    "pubdate": "other publication names",
    "publication_date": "other publication names",
    "article.published": "other publication names",
    "datecreated": "other publication names",
    "date": "other publication names",
}
META_MODIFIED: dict[str, str] = {
    "article:modified_time": "article:modified_time",
    "og:updated_time": "og",
    "og:modified_time": "og",
    "datemodified": "itemprop dateModified",
    "dcterms.modified": "dc.date",
    "last-modified": "other modification names",
    "lastmod": "other modification names",
    "modified": "other modification names",
}
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "posting", "socialmediaposting",
    "liveblogposting", "scholarlyarticle", "techarticle", "report", "videoobject",
})
# Labels that open a byline's date ("Published 12 Oct 2020"); a date after "updated" is a modification.
_PUBLISHED_LABEL = re.compile(r"^\s*(?:first\s+)?(?:published|posted|publicado|publié|veröffentlicht|"
                              r"pubblicato|опубликовано|date)\b\s*(?:on|:)?", re.IGNORECASE)
_MODIFIED_LABEL = re.compile(r"^\s*(?:last\s+)?(?:updated|modified|actualizado|mis à jour|aktualisiert)\b",
                             re.IGNORECASE)


# US zone abbreviations that pages write in dates; dateutil needs them spelled out as offsets.
_ZONES = {
    name: tzoffset(name, hours * 3600)
    for name, hours in {
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
        "UTC": 0, "GMT": 0,
    }.items()
}
_EARLIEST_YEAR = 1990  # before the web's news pages; an earlier year in markup is a placeholder or a typo


def iso_datetime(value: str) -> str | None:
    """'2020-07-09T10:04:04Z', 'Tue, Sep 15 2020 10:01:41 EDT', '2020-07-09' -> ISO 8601 (offset kept)."""
    value = value.strip()
    if not value or not re.search(r"\d{4}", value):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            with warnings.catch_warnings():
                # An ambiguous zone name (IST, CEST ...) leaves the local time without an offset; dateutil
                # warns on each, which would flood a run's log.
                warnings.simplefilter("ignore", UnknownTimezoneWarning)
                parsed = date_parser.parse(value, tzinfos=_ZONES)
        except (ValueError, OverflowError, TypeError):
            return None
    if not _EARLIEST_YEAR <= parsed.year <= 2100:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return parsed.date().isoformat()
    return parsed.replace(microsecond=0).isoformat()




def _types(node: dict[str, Any]) -> set[str]:
    declared = node.get("@type")
    names = declared if isinstance(declared, list) else [declared]
    return {name.lower() for name in names if isinstance(name, str)}


def json_ld_nodes(value: Any, inside_list: bool = False) -> Iterator[tuple[dict[str, Any], bool]]:
    """Every object of a JSON-LD block, with whether it sits in a list of other items (ItemList,
    `hasPart`, related articles), where dates are the other items' and not the page's."""
    if isinstance(value, dict):
        yield value, inside_list
        for key, child in value.items():
            listed = inside_list or key in _LIST_KEYS
            yield from json_ld_nodes(child, listed)
    elif isinstance(value, list):
        for child in value:
            yield from json_ld_nodes(child, inside_list)


_JSON_LD_FIELDS: tuple[tuple[str, Role], ...] = (("datePublished", "published"), ("dateModified", "modified"))


def json_ld_signals(page: str) -> list[DateSignal]:
    """datePublished / dateModified of the page's JSON-LD objects in page order, the items of lists
    (ItemList, hasPart: other articles' dates) last; `where` says whether the object is of an article
    type, another type, or a listed item."""
    ranked: list[tuple[int, DateSignal]] = []
    for block in JSON_LD.findall(page):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        for node, listed in json_ld_nodes(data):
            rank = 1 if listed else 0  # page order, a listed item's date last
            kind = "listed" if listed else "article" if _types(node) & ARTICLE_TYPES else "other"
            for field, role in _JSON_LD_FIELDS:
                found = node.get(field)
                iso = iso_datetime(found) if isinstance(found, str) else None
                if iso:
                    where = f"json-ld {field} ({kind})"
                    ranked.append((rank, DateSignal("json-ld", role, iso, where)))
    return [signal for _, signal in sorted(ranked, key=lambda pair: pair[0])]


def meta_signals(page: str) -> list[DateSignal]:
    """The <meta> date statements, publication names first in META_PUBLISHED's order, then modification."""
    found: dict[str, DateSignal] = {}
    for tag in _META.findall(page[:_MARKUP_REACH]):
        attributes = {m[1].lower(): m[2] if m[2] is not None else m[3] for m in ATTRIBUTE.finditer(tag)}
        named = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
        name = (named or "").lower()
        content = attributes.get("content") or attributes.get("datetime")
        if not content or name in found:
            continue
        role: Role | None = ("published" if name in META_PUBLISHED else
                             "modified" if name in META_MODIFIED else None)
        if role is None:
            continue
        iso = iso_datetime(html_unescape(content))
        if iso:
            family = (META_PUBLISHED if role == "published" else META_MODIFIED)[name]
            found[name] = DateSignal("meta", role, iso, f"meta {family}", name)
    order = [*META_PUBLISHED, *META_MODIFIED]
    return [found[name] for name in order if name in found]


def time_signals(page: str) -> list[DateSignal]:
    """<time> elements of the page's body in page order: those marked as the publication (pubdate,
    itemprop datePublished, a class naming the publication or the entry date) first, then the others."""
    marked: list[DateSignal] = []
    others: list[DateSignal] = []
    for match in _TIME.finditer(page):
        attributes = {m[1].lower(): m[2] if m[2] is not None else m[3] for m in ATTRIBUTE.finditer(match[1])}
        value = attributes.get("datetime") or html_unescape(_TAG.sub(" ", match[2])).strip()
        iso = iso_datetime(value) if value else None
        if not iso:
            continue
        marks = " ".join(attributes.get(name, "") for name in ("class", "itemprop", "pubdate")).lower()
        if "modif" in marks or "updat" in marks:
            others.append(DateSignal("time", "modified", iso, "time (marked modified)"))
        elif "pubdate" in attributes or re.search(r"publish|entry-date|datepublished|post-date", marks):
            marked.append(DateSignal("time", "published", iso, "time (marked published)"))
        else:
            others.append(DateSignal("time", "published", iso, "time (unmarked)"))
    return marked + others


def url_signal(url: str | None) -> DateSignal | None:
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    try:
        day = date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    return DateSignal("url", "published", day.isoformat(), "url")


def text_pieces(page: str) -> list[str]:
    """The visible text of the page's body, one piece per run of text between tags."""
    head_end = _HEAD_END.search(page)
    body = _NOT_TEXT.sub(" ", page[head_end.end() if head_end else 0 :][:_MARKUP_REACH])
    pieces = (" ".join(html_unescape(piece).split()) for piece in _TAG.split(body))
    return [piece for piece in pieces if piece]


def byline_signals(page: str) -> list[DateSignal]:
    """Text lines that label a date as the publication ("Published: 12 Oct 2020", "Posted on ...") or as
    an update ("Updated ..."), in page order; the label and the date may sit in two pieces of text."""
    pieces = text_pieces(page)
    found: list[DateSignal] = []
    for index, piece in enumerate(pieces):
        role: Role | None = ("modified" if _MODIFIED_LABEL.match(piece) else
                             "published" if _PUBLISHED_LABEL.match(piece) else None)
        if role is None:
            continue
        iso = parse_date_line(piece)
        if iso is None and index + 1 < len(pieces) and len(piece) < 30:
            iso = parse_date_line(pieces[index + 1])
        if iso:
            found.append(DateSignal("byline", role, iso, f"byline ({role})"))
    return found


def copyright_year(page: str) -> int | None:
    """The latest year of the page's copyright notice ("© 2015-2020 ..."): the year the page was built."""
    years = [int(match["y"]) for match in _COPYRIGHT.finditer(page[-_MARKUP_REACH:])]
    return max(years) if years else None

"""A web page's publication date: the page's own structured statement first, htmldate's search after.

Structured metadata (schema.org JSON-LD `datePublished`, `<meta property="article:published_time">`,
`itemprop="datePublished"`) is the publisher's explicit statement, with time and UTC offset; htmldate's
heuristics are the fallback for pages without it. Measured on the pubdate gold set (97 pages): htmldate
alone (extensive search, original date) 87 correct days; structured first, with the URL's day for UTC
timestamps (see _local_day), 89 (bench/extraction.py).

Per signal on the dev half of the gold pages (55 pages, bench/pubdate_signals.py): meta publication tags
right on 29 of the 29 pages that have them, JSON-LD on 29 of 31 (the two misses are UTC timestamps that
_local_day repairs), the URL's date on 10 of 11, htmldate extensive on 50 of 54, the date line under the
headline on 19 of 20. Where a page has no structured date (10 dev pages), the headline's date line was
right on 4 of 4 and htmldate on 2 of those 4: so the order is structured, then the headline's date line,
then htmldate (dev 51 -> 53 of 55, locked 38 -> 38 of 42; docs/temporal.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from html import unescape as html_unescape
from typing import Any

import htmldate
from dateutil import parser as date_parser
from dateutil.tz import tzoffset

from eventwire.extract.textdates import parse_date_line

_JSON_LD = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# <meta> names (property / name / itemprop) that state the original publication time, best first.
_META_NAMES = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date_published",
    "publish-date",
    "pubdate",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
)
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_MAX_WEST_HOURS = 10  # populated time zones reach UTC-10 (Hawaii) to the west
_MAX_EAST_HOURS = 14  # and UTC+14 (Line Islands) to the east
_URL_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[/_-]?(?P<m>[01]\d)[/_-]?(?P<d>[0-3]\d)(?!\d)")
# US zone abbreviations that pages write in dates; dateutil needs them spelled out as offsets.
_ZONES = {
    name: tzoffset(name, hours * 3600)
    for name, hours in {
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
        "UTC": 0,
        "GMT": 0,
    }.items()
}


def publication_date(page: str, url: str | None) -> str | None:
    posted = post_id_time(url)
    if posted:
        return posted
    stated = structured_date(page)
    if stated:
        return _local_day(stated, url)
    return headline_date(page) or htmldate_date(page, url)


# A post's address on Twitter/X carries its id, a "snowflake" whose high bits are the milliseconds since
# the service's epoch (2010-11-04T01:42:54.657Z): the time of posting, exact, in UTC. The page around a post
# shows other posts' and replies' dates, which is where a page search goes wrong.
_POST_URL = re.compile(r"^https?://(?:(?:www|mobile)\.)?(?:twitter|x)\.com/\w+/status(?:es)?/(?P<id>\d{15,20})(?!\d)",
                       re.IGNORECASE)
_SNOWFLAKE_EPOCH_MS = 1_288_834_974_657
_SNOWFLAKE_TIME_SHIFT = 22  # the low 22 bits are the machine and the sequence number


def post_id_time(url: str | None) -> str | None:
    """The posting time (ISO 8601, UTC) a Twitter/X status URL encodes in its id; None for other URLs."""
    match = _POST_URL.match(url or "")
    if not match:
        return None
    milliseconds = (int(match["id"]) >> _SNOWFLAKE_TIME_SHIFT) + _SNOWFLAKE_EPOCH_MS
    posted = datetime.fromtimestamp(milliseconds / 1000, tz=UTC).replace(microsecond=0)
    return posted.isoformat() if posted.year >= 2010 else None


def _url_day(url: str | None) -> date | None:
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def _local_day(stated: str, url: str | None) -> str:
    """The publisher's own calendar day for a timestamp stated in UTC.

    A UTC time can fall on another day than the newsroom's clock: 02:18Z is the previous evening in the
    Americas (UTC-3 to -10), 20:00Z is the next morning in East Asia and Oceania (up to UTC+14). When the
    URL carries a date (/2020/02/17/, 20200413) that is exactly such a shift away, the URL's day is the
    local day and is returned (a day, since the local time is unknown). Anything else is kept as stated.
    """
    url_day = _url_day(url)
    try:
        stated_time = datetime.fromisoformat(stated)
    except ValueError:
        return stated
    if url_day is None or stated_time.utcoffset() is None or stated_time.utcoffset().total_seconds() != 0:
        return stated
    shift = (url_day - stated_time.date()).days
    if (shift == -1 and stated_time.hour < _MAX_WEST_HOURS) or (
        shift == 1 and stated_time.hour >= 24 - _MAX_EAST_HOURS
    ):
        return url_day.isoformat()
    return stated


def _json_ld_dates(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        found = value.get("datePublished")
        if isinstance(found, str):
            yield found
        for child in value.values():
            yield from _json_ld_dates(child)
    elif isinstance(value, list):
        for child in value:
            yield from _json_ld_dates(child)


def _meta_dates(page: str) -> Iterator[str]:
    found: dict[str, str] = {}
    for tag in _META.findall(page[:200_000]):
        attributes = {m[1].lower(): m[2] or m[3] for m in _ATTRIBUTE.finditer(tag)}
        name = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
        key = (name or "").lower()
        if key in _META_NAMES and attributes.get("content"):
            found.setdefault(key, attributes["content"])
    yield from (found[name] for name in _META_NAMES if name in found)


def structured_date(page: str) -> str | None:
    candidates: list[str] = []
    for block in _JSON_LD.findall(page):
        try:
            candidates.extend(_json_ld_dates(json.loads(block)))
        except ValueError:
            continue
    candidates.extend(_meta_dates(page))
    for candidate in candidates:
        iso = iso_datetime(candidate)
        if iso:
            return iso
    return None


def iso_datetime(value: str) -> str | None:
    """'2020-07-09T10:04:04Z', 'Tue, Sep 15 2020 10:01:41 EDT', '2020-07-09' -> ISO 8601 (offset kept)."""
    value = value.strip()
    if not value or not re.search(r"\d{4}", value):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = date_parser.parse(value, tzinfos=_ZONES)
        except (ValueError, OverflowError):
            return None
    if not 1990 <= parsed.year <= 2100:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return parsed.date().isoformat()
    return parsed.replace(microsecond=0).isoformat()


def htmldate_date(page: str, url: str | None) -> str | None:
    """htmldate's publication date; with the time and UTC offset when the page states them."""
    try:
        found = htmldate.find_date(
            page, url=url, extensive_search=True, original_date=True, outputformat=_DATE_FORMAT
        )
    except (ValueError, TypeError):
        return None
    return iso_from_htmldate(found) if found else None


def iso_from_htmldate(value: str) -> str:
    # htmldate fills a missing time with midnight: a page that gave only a day keeps only the day.
    day, _, rest = value.partition("T")
    if rest in {"", "00:00:00"}:
        return day
    match = re.fullmatch(r"(\d{2}:\d{2}:\d{2})([+-]\d{2})(\d{2})?", rest)
    if match:
        return f"{day}T{match[1]}{match[2]}:{match[3] or '00'}"
    return f"{day}T{rest}"


_TITLE_META = re.compile(
    r"""<meta\b[^>]*(?:property|name)\s*=\s*["'](?:og:title|twitter:title)["'][^>]*>""", re.IGNORECASE
)
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_HEADING = re.compile(r"<h([1-3])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_NOT_TEXT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_WORDS = re.compile(r"\w+")
_BYLINE_REACH = 2500  # characters of markup after the headline where a byline's date line sits
_BYLINE_LINES = 12  # text pieces after the headline looked at, at most


def _page_title(page: str) -> str:
    meta = _TITLE_META.search(page)
    if meta:
        content = _ATTRIBUTE.findall(meta.group())
        for name, double, single in content:
            if name.lower() == "content":
                return double or single
    tag = _TITLE_TAG.search(page)
    return tag.group(1) if tag else ""


def headline_date(page: str) -> str | None:
    """The date line right under the article's headline (the byline's "13 Oct 2020 18:29"), else None.

    The headline is the first <h1>-<h3> whose words open the page's title (og:title or <title>), else the
    first <h1>; the date is the first text piece after it, within a short reach of markup, that is a date
    line and nothing else (parse_date_line). Sidebars and "today is ..." widgets come before the headline
    or far after it, which is why the byline beats a page-wide search on the pages where both exist.
    """
    # Titles are sometimes escaped twice ("&amp;#039;"); unescaping twice leaves a plain title as it is.
    title = html_unescape(html_unescape(_page_title(page)))
    title_words = [word.lower() for word in _WORDS.findall(title)][:6]
    headline_end = None
    first_h1_end = None
    for heading in _HEADING.finditer(page):
        words = [word.lower() for word in _WORDS.findall(html_unescape(_TAG.sub(" ", heading.group(2))))]
        if first_h1_end is None and heading.group(1) == "1":
            first_h1_end = heading.end()
        if title_words and len(words) >= 3 and words[: len(title_words)] == title_words[: len(words)]:
            headline_end = heading.end()
            break
    headline_end = headline_end if headline_end is not None else first_h1_end
    if headline_end is None:
        return None
    following = _NOT_TEXT.sub(" ", page[headline_end : headline_end + _BYLINE_REACH])
    pieces = [html_unescape(piece).strip() for piece in _TAG.split(following)]
    for piece in [piece for piece in pieces if piece][:_BYLINE_LINES]:
        found = parse_date_line(piece)
        if found:
            return found
    return None

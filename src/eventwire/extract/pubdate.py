"""A web page's publication date: the page's own statements first, htmldate's search after.

The readings (extract/datesignals.py) are combined in an order each signal earned against htmldate on the
dev half of the pubdate gold (eval/pubdate/signal_table.py; docs/temporal.md): a
post's id; the structured statement (JSON-LD datePublished, the publication <meta> tags: right on 45 of
45 dev pages where given, htmldate on 44), its UTC time moved to the publisher's day by the URL or the
visible byline; the date line under the headline (19 of 20, htmldate 18); then htmldate with extensive
search (50 of 55 over all dev pages, with it off 48). Signals htmldate reads as well as or better than we
do (<time> elements: 16 of 17 dev pages for the first one, htmldate 17; the URL alone: 10 of 11 for both)
are left to htmldate. Conflict rules, whatever the order: a modification date never stands for the
publication; a date after the crawl is impossible; a day htmldate guessed from a month or a year alone
is no publication date.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from html import unescape as html_unescape
from typing import Any, TypeVar

import htmldate

from eventwire.extract import datesignals
from eventwire.extract.datesignals import ATTRIBUTE as _ATTRIBUTE
from eventwire.extract.datesignals import iso_datetime
from eventwire.extract.rules import load_data
from eventwire.extract.textdates import parse_date_line, swapped_day_month

__all__ = ["headline_date", "htmldate_date", "iso_datetime", "post_id_time", "publication_date",
           "structured_date"]
_JSON_LD = datesignals.JSON_LD  # read by bench/pubdate_signals.py
_Read = TypeVar("_Read")
_log = logging.getLogger(__name__)

# The <meta> names the structured statement reads, best first. datesignals reads more (dc.date, "date",
# publish_date ...) for the signal table; htmldate reads them too where nothing here answers, and a loose
# name such as "date" can be the time the page was served, which is the crawl's, not the publication's.
_STATED_META_NAMES = (
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
_CLOCK_SLACK = timedelta(days=1)  # a page written in UTC+14 is a day ahead of a crawler's UTC clock


def publication_date(page: str, url: str | None, *, crawled: date | None = None) -> str | None:
    """The page's publication date and time (ISO 8601, with the page's own offset when it gives one).

    Readings, in order (each scored against htmldate on the dev pages, docs/temporal.md): a post's id;
    the structured statement (JSON-LD datePublished of the article, then the publication <meta> tags), with
    its local day taken from the URL or the visible byline when it is written in UTC; the date line under
    the headline; htmldate with extensive search. Conflict rules: a modification date never stands for the
    publication (dateModified, modified <meta> tags, "Updated ..." lines), a JSON-LD date of a listed item
    (related articles) is not the page's, and a date after the crawl (`crawled`, else today) is impossible
    and skipped. A page with no date gives None (never today's date). A reader that fails on a broken
    page is logged with the page's URL and skipped.
    """
    latest = (crawled or datetime.now(UTC).date()) + _CLOCK_SLACK
    posted = _guarded("post id", url, lambda: post_id_time(url))
    if posted and _possible(posted, latest):
        return posted
    stated = _guarded("structured date", url, lambda: structured_date(page, latest=latest))
    if stated:
        stated = _guarded("local day", url, lambda: _local_day(stated, url, page=page)) or stated
        return stated
    line = _guarded("headline date", url, lambda: headline_date_line(page))
    if line:
        resolved = _guarded("day and month order", url,
                            lambda: _resolve_day_month(*line, page=page, url=url, latest=latest))
        if resolved:
            return resolved
    found = _guarded("htmldate", url, lambda: htmldate_date(page, url))
    if not found or not _possible(found, latest):
        return None
    day = _day_of(found)
    # A first of the month the page never shows is htmldate's guess from a month or a year alone.
    guessed = day.day == 1 and not _guarded("day check", url, lambda: _day_shown(day, page, url))
    return None if guessed else found


def _day_shown(day: date, page: str, url: str | None) -> bool:
    """Whether the page states `day` as a whole date: the URL's day, a reading of datesignals (markup,
    <time>, bylines), or the day written out in the page. htmldate, finding no day, falls back to a month
    or a year and answers its first day (2020-04-01, 2020-01-01): a day the page never shows is such a
    guess, not a publication date."""
    if _url_day(url) == day:
        return True
    readings = [*datesignals.json_ld_signals(page), *datesignals.meta_signals(page),
                *datesignals.time_signals(page), *datesignals.byline_signals(page)]
    if any(reading.day == day for reading in readings):
        return True
    return any(pattern.search(page) for pattern in _written_day_patterns(day))


def _written_day_patterns(day: date) -> list[re.Pattern[str]]:
    y, m, d = day.year, day.month, day.day
    numeric = [
        rf"(?<!\d){y}[-/.]0?{m}[-/.]0?{d}(?!\d)",  # 2020-04-01, 2020/4/1
        rf"(?<!\d)0?{d}[-/.]0?{m}[-/.]{y}(?!\d)",  # 01.04.2020, 1/4/2020
        rf"(?<!\d)0?{m}[-/.]0?{d}[-/.]{y}(?!\d)",  # 04/01/2020 (US)
        rf"(?<!\d){y}\s*年\s*0?{m}\s*月\s*0?{d}\s*日",  # 2020年4月1日
    ]
    names = "|".join(re.escape(name) for name in _month_names(m))
    written = [
        rf"(?<!\d)0?{d}(?:st|nd|rd|th|er|\.)?\s+(?:de\s+|of\s+)?(?:{names})\.?,?\s+(?:de\s+)?{y}",
        rf"\b(?:{names})\.?\s+0?{d}(?:st|nd|rd|th)?,?\s+{y}",
    ] if names else []
    return [re.compile(pattern, re.IGNORECASE) for pattern in (*numeric, *written)]


def _month_names(month: int) -> list[str]:
    months = {int(number): names for number, names in load_data("dates.yaml")["months"].items()}
    return [str(name) for name in months.get(month, [])]


def _resolve_day_month(piece: str, found: str, *, page: str, url: str | None, latest: date) -> str | None:
    """A date line written 06/01/2020 reads as 6 January where days come first and as June 1 in the US. The
    data's default order stands unless the other reading is the URL's day or htmldate's, or the default
    reading is after the crawl and the other is not."""
    other = swapped_day_month(piece)
    if other is None:
        return found if _possible(found, latest) else None
    if not _possible(found, latest):
        return other + found[10:] if _possible(other, latest) else None
    witnesses = {_url_day(url)}
    if _day_of(found) not in witnesses:
        seen = htmldate_date(page, url)
        witnesses.add(_day_of(seen) if seen else None)
    if _day_of(other) in witnesses and _day_of(found) not in witnesses:
        return other + found[10:]
    return found


def _guarded(reader: str, url: str | None, read: Callable[[], _Read | None]) -> _Read | None:
    """One reader's result; a reader that breaks on a malformed page is logged, naming the page, and skipped
    (the publication date is then read from the other signals)."""
    try:
        return read()
    except Exception as failure:  # a page's broken markup must not cost the article
        _log.warning("publication date: the %s reader failed on %s: %s: %s", reader,
                     url or "a page without URL", type(failure).__name__, failure)
        return None


def _day_of(iso: str) -> date:
    return date.fromisoformat(iso[:10])


def _possible(iso: str, latest: date) -> bool:
    try:
        return _day_of(iso) <= latest
    except ValueError:
        return False


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
    found = datesignals.url_signal(url)
    return found.day if found else None


def _json_ld_dates(value: Any) -> Iterator[str]:
    """Every datePublished of a JSON-LD value (bench/pubdate_signals.py reads the signal alone)."""
    for node, _listed in datesignals.json_ld_nodes(value):
        found = node.get("datePublished")
        if isinstance(found, str):
            yield found


def _meta_dates(page: str) -> Iterator[str]:
    """The publication <meta> values, best name first (bench/pubdate_signals.py reads the signal alone)."""
    yield from (reading.value for reading in datesignals.meta_signals(page) if reading.role == "published")


def _local_day(stated: str, url: str | None, *, page: str | None = None) -> str:
    """The publisher's own calendar day for a timestamp stated in UTC.

    A UTC time can fall on another day than the newsroom's clock: 02:18Z is the previous evening in the
    Americas (UTC-3 to -10), 20:00Z is the next morning in East Asia and Oceania (up to UTC+14). When the
    URL carries a date (/2020/02/17/, 20200413) that is exactly such a shift away, the URL's day is the
    local day and is returned (a day, since the local time is unknown). A URL without a day leaves the
    page's visible readings to say it: the date line under the headline, a byline's "Published ..." line,
    and else htmldate's reading of the page (it reads the visible dates), each taken only when it is
    exactly that shift away. Anything else is kept as stated.
    """
    try:
        stated_time = datetime.fromisoformat(stated)
    except ValueError:
        return stated
    offset = stated_time.utcoffset()
    if offset is None or offset.total_seconds() != 0:
        return stated
    shifts = set()
    if stated_time.hour < _MAX_WEST_HOURS:
        shifts.add(-1)
    if stated_time.hour >= 24 - _MAX_EAST_HOURS:
        shifts.add(1)
    if not shifts:
        return stated
    url_day = _url_day(url)
    if url_day is not None:
        return url_day.isoformat() if (url_day - stated_time.date()).days in shifts else stated
    if page is None:
        return stated
    for local in _visible_days(page, url):
        if (local - stated_time.date()).days in shifts:
            return local.isoformat()
    return stated


def _visible_days(page: str, url: str | None) -> list[date]:
    """Days the page shows its readers near the article, best first (read lazily: htmldate is slower)."""
    found: list[date] = []
    line = headline_date(page)
    if line:
        found.append(_day_of(line))
    for reading in datesignals.byline_signals(page):
        if reading.role == "published":
            found.append(reading.day)
            break
    if found:
        return found
    seen = htmldate_date(page, url)
    return [_day_of(seen)] if seen else []


def structured_date(page: str, *, latest: date | None = None) -> str | None:
    """The page's own statement of its publication time: the article's JSON-LD datePublished (never a
    listed item's, never dateModified), else the publication <meta> tags in datesignals.META_PUBLISHED's
    order; a statement after `latest` is skipped."""
    readings = [
        reading
        for reading in (*datesignals.json_ld_signals(page), *datesignals.meta_signals(page))
        if reading.role == "published" and not reading.where.endswith("(listed)")
        and (reading.kind != "meta" or reading.name in _STATED_META_NAMES)
        and (latest is None or reading.day <= latest)
    ]
    if not readings:
        return None
    return readings[0].value


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
_MODIFIED_LINE = re.compile(r"\s*(?:last\s+)?(?:updated|modified)\b", re.IGNORECASE)


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
    line = headline_date_line(page)
    return line[1] if line else None


def headline_date_line(page: str) -> tuple[str, str] | None:
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
    updated: tuple[str, str] | None = None
    for piece in [piece for piece in pieces if piece][:_BYLINE_LINES]:
        found = parse_date_line(piece)
        if found and not _MODIFIED_LINE.match(piece):
            return piece, found
        if found and updated is None:
            updated = piece, found
    # "Updated 14 Oct" never wins over a publication line; alone, it is most often the same day's update
    # (right on 2 of 2 such pages, dev and locked: eval/pubdate/signal_table.py).
    return updated

"""Scraped page text (kind "text"): drop page furniture, keep every sentence of the article, and read the
title, date, byline and dateline at the top. The rules are data: data/extract/scraped_text.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.extract.rules import ScrapedTextRules, scraped_text_rules
from eventwire.extract.textdates import parse_date_line
from eventwire.records import ArticleMeta

_SPACES = re.compile(r"[ \t\u00a0]+")
# A body paragraph: long enough to be prose rather than a label or a menu entry.
_PROSE_MIN_WORDS = 8
_HEADLINE_MIN_WORDS = 3
_PARTS = re.compile(r"\s+[|•·]\s+")


@dataclass(frozen=True, slots=True)
class ScrapedArticle:
    text: str
    meta: ArticleMeta


# Scripts written without spaces between words (Han, kana, Thai, Lao, Myanmar, Khmer): a whole sentence is
# one whitespace "word", so their characters are counted instead, two to a word (a typical word length).
_UNSPACED_RUN = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
)


def word_count(line: str) -> int:
    return len(line.split()) + sum(len(run) // 2 - 1 for run in _UNSPACED_RUN.findall(line) if len(run) > 2)


def _is_prose(line: str) -> bool:
    return word_count(line) >= _PROSE_MIN_WORDS


def clean_scraped_text(page: str) -> ScrapedArticle:
    rules = scraped_text_rules()
    lines = [_SPACES.sub(" ", line).strip() for line in page.splitlines()]
    title = author = published = None
    kept: list[str] = []  # body lines, "" for paragraph breaks
    seen_body = False
    header_budget = rules.header_lines
    for line in lines:
        if not line:
            kept.append("")
            continue
        if seen_body and rules.is_tail_marker(line):
            break
        if rules.is_furniture(line):
            continue
        if not seen_body and header_budget > 0:
            header_budget -= 1
            found = _header_line(line, rules, title is None)
            if found is not None:
                field, value, extra = found
                if field == "title" and title is None:
                    title = value
                elif field == "author" and author is None:
                    author = value
                    published = published or extra
                elif field == "published" and published is None:
                    published = value
                continue
            if title is None and word_count(line) < _HEADLINE_MIN_WORDS:
                continue  # a section label or kicker above the headline, not a sentence
        if _is_prose(line):
            seen_body = True
        kept.append(line)
    source = None
    first_prose = next((i for i, line in enumerate(kept) if _is_prose(line)), None)
    if first_prose is not None:
        kept[first_prose], source = _take_dateline(kept[first_prose], rules)
    body = "\n".join(kept).strip("\n")
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    return ScrapedArticle(body, ArticleMeta(title=title, source=source, author=author, published=published))


def _header_line(line: str, rules: ScrapedTextRules, title_open: bool) -> tuple[str, str, str | None] | None:
    """(field, value, extra) when a top line is the date, a byline or the headline; None for body text."""
    parts = [part.strip() for part in _PARTS.split(line)]
    if len(parts) == 2:
        # "Posted: 2 Dec 2019 - 08:15 | By Layla Hassan": a date and a byline side by side
        found = [_header_line(part, rules, title_open=False) for part in parts]
        fields = {hit[0]: hit for hit in found if hit is not None}
        if set(fields) == {"published", "author"}:
            return ("author", fields["author"][1], fields["published"][1])
    date = parse_date_line(line)
    if date:
        return ("published", date, None)
    byline = rules.byline.match(line)
    if byline:
        rest = byline.group("rest")
        return ("author", byline.group("author").strip(), parse_date_line(rest) if rest else None)
    if title_open and rules.headline.match(line) and _HEADLINE_MIN_WORDS <= word_count(line) <= 30:
        return ("title", line, None)
    return None


def _take_dateline(body: str, rules: ScrapedTextRules) -> tuple[str, str | None]:
    """Remove an "Outlet / " or "CITY (Outlet) -" prefix from the first body paragraph; return the outlet."""
    for pattern in rules.datelines:
        match = pattern.match(body)
        if match:
            return body[match.end() :], match.group("outlet").strip()
    return body, None

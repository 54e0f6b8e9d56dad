"""Web pages (kind "html"): main text and metadata with trafilatura, publication date with htmldate.

Options were chosen on the article-extraction benchmark (bench/extraction.py, 92 pages, F1 over word
4-gram shingles): defaults 0.951, favor_precision 0.961, favor_precision without comments 0.964,
favor_recall 0.949, fast 0.932, without tables 0.951, deduplicate 0.958. On top of that, dropping a first
line that repeats the headline and a few kinds of left-over furniture lines (data file) gains ~0.002.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

import trafilatura
from lxml import html as lxml_html

from eventwire.extract.language import normalise_language
from eventwire.extract.pubdate import publication_date
from eventwire.extract.rules import scraped_text_rules
from eventwire.records import ArticleMeta

# trafilatura and htmldate log every page they find hard; a run over thousands of pages must stay readable.
for _noisy in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_noisy).setLevel(logging.CRITICAL)

TRAFILATURA_OPTIONS: dict[str, bool] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
}
_DOCUMENT_TAG = re.compile(r"<(?:html|body|head)\b", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.IGNORECASE)
_BLOCKS = "//p | //h1 | //h2 | //h3 | //h4 | //li | //blockquote | //pre | //td"
_WORD = re.compile(r"\w+")
_MIN_TITLE_CHARS = 16  # shorter first lines ("News", "Opinion") are section labels, not the headline


@dataclass(frozen=True, slots=True)
class PageArticle:
    text: str
    meta: ArticleMeta


def extract_page(page: str, url: str | None, find_date: bool = True,
                 crawled: date | None = None) -> PageArticle:
    """The main text and metadata of a web page; `crawled` (when the page was fetched) bounds its date."""
    document = trafilatura.bare_extraction(page, url=url, with_metadata=True, **TRAFILATURA_OPTIONS)
    text = (document.text or "").strip() if document is not None else ""
    title = getattr(document, "title", None)
    text = drop_page_text_furniture(drop_leading_title(text, title))
    if not text and not _DOCUMENT_TAG.search(page[:4096]):
        # A fragment (a feed item's content) is too small for boilerplate detection: it is all content.
        text = fragment_text(page)
    meta = ArticleMeta(
        title=title,
        source=getattr(document, "sitename", None),
        url=getattr(document, "url", None) or url,
        author=getattr(document, "author", None),
        published=publication_date(page, url, crawled=crawled) if find_date else None,
        language=_page_language(page),
    )
    return PageArticle(text, meta)


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def drop_leading_title(text: str, title: str | None) -> str:
    """The headline is metadata, not body text: drop a first line that repeats it.

    The title from <title>/og:title often carries a site suffix ("Headline | Site"), so a first line
    that is a long enough part of the title counts too.
    """
    first, _, rest = text.partition("\n")
    first_words, title_words = _words(first), _words(title or "")
    if (
        first_words
        and title_words
        and (
            first_words == title_words
            or (len(first_words) >= _MIN_TITLE_CHARS and first_words in title_words)
        )
    ):
        return rest.lstrip("\n")
    return text


def drop_page_text_furniture(text: str) -> str:
    rules = scraped_text_rules()
    return "\n".join(line for line in text.split("\n") if not rules.is_page_text_furniture(line.strip()))


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment, one paragraph per block element."""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return ""
    for bad in root.xpath("//script | //style"):
        bad.drop_tree()
    blocks = [" ".join(block.text_content().split()) for block in root.xpath(_BLOCKS)]
    blocks = [block for block in blocks if block]
    return "\n\n".join(blocks) if blocks else " ".join(root.text_content().split())


def _page_language(page: str) -> str | None:
    match = _HTML_LANG.search(page[:8192])
    return normalise_language(match.group(1)) if match else None

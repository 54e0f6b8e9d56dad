"""The bundled sample corpus (data/sample) that `make demo` ingests.

These tests read the corpus with the standard library, lxml and warcio only, never with eventwire's own
readers, so they check the data itself: a broken sample file fails here even if a stage would tolerate it.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import cache
from itertools import combinations
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import lxml.html
import pytest
from lxml import etree
from warcio.archiveiterator import ArchiveIterator

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
RECORD_FIELDS = ("id", "url", "title", "source", "published", "author", "text")
NEAR_DUPLICATE_PAIR = frozenset(
    {
        "html/harbourview-2025-01-16-gaza-ceasefire.html",
        "html/cedar-coast-times-2025-01-16-gaza-ceasefire.html",
    }
)
RSS_NAMESPACES = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
# Files in data/sample that are not corpus documents.
NOT_DOCUMENTS = {"README.md", "build_warc.py"}
MIN_WORDS, MAX_WORDS = 120, 350
SHINGLE_SIZE = 5


@dataclass(frozen=True, slots=True)
class SampleDocument:
    """One article of the corpus, whatever its container: `key` is how README.md names it."""

    key: str  # file path relative to data/sample, plus "#<record id or URL>" inside containers
    format: str
    text: str  # the article text (for scraped pages: the page as saved)
    url: str
    published: str  # as given by the document (ISO 8601 or RFC 822)


def _html_article_text(page: lxml.html.HtmlElement) -> str:
    # Paragraphs of the <article> outside its header (kicker, byline): the story the outlet published.
    paragraphs = page.xpath("//article//p[not(ancestor::header)]")
    return "\n\n".join(paragraph.text_content().strip() for paragraph in paragraphs)


def _meta(page: lxml.html.HtmlElement, attribute: str, name: str) -> str | None:
    found = page.xpath(f"//head/meta[@{attribute}=$name]/@content", name=name)
    return str(found[0]) if found else None


def _read_html_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


@cache
def html_pages() -> dict[str, lxml.html.HtmlElement]:
    """Relative path -> parsed page, for every .html and .html.gz file."""
    paths = sorted((SAMPLE / "html").glob("*.html")) + sorted((SAMPLE / "html").glob("*.html.gz"))
    return {str(path.relative_to(SAMPLE)): lxml.html.fromstring(_read_html_page(path)) for path in paths}


@cache
def warc_responses() -> list[tuple[str, str, str]]:
    """(WARC-Target-URI, Content-Type, payload) of every response record in the sample WARC."""
    responses = []
    for path in sorted((SAMPLE / "warc").glob("*.warc.gz")):
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response":
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                payload = record.content_stream().read().decode("utf-8")
                responses.append((record.rec_headers.get_header("WARC-Target-URI"), content_type, payload))
    return responses


def _records(relative: str) -> list[dict[str, str]]:
    path = SAMPLE / relative
    if path.suffix == ".jsonl":
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _rss_items() -> list[etree._Element]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.parse(str(SAMPLE / "feeds" / "meridian-wire-world.rss"), parser).getroot()
    return root.findall("channel/item")


@cache
def all_documents() -> tuple[SampleDocument, ...]:
    documents = []
    for relative, page in html_pages().items():
        documents.append(
            SampleDocument(
                relative,
                "html",
                _html_article_text(page),
                _meta(page, "property", "og:url") or "",
                _meta(page, "property", "article:published_time") or "",
            )
        )
    for path in sorted((SAMPLE / "text").glob("*.txt")):
        documents.append(
            SampleDocument(str(path.relative_to(SAMPLE)), "text", path.read_text(encoding="utf-8"), "", "")
        )
    for relative, fmt in (("records/wire-archive.jsonl", "jsonl"), ("records/regional-desk.csv", "csv")):
        for record in _records(relative):
            documents.append(
                SampleDocument(
                    f"{relative}#{record['id']}", fmt, record["text"], record["url"], record["published"]
                )
            )
    for number, item in enumerate(_rss_items(), start=1):
        body = lxml.html.fromstring(item.findtext("content:encoded", namespaces=RSS_NAMESPACES))
        text = "\n\n".join(p.text_content() for p in body.xpath("//p"))
        documents.append(
            SampleDocument(
                f"feeds/meridian-wire-world.rss#item {number}",
                "rss",
                text,
                item.findtext("link") or "",
                item.findtext("pubDate") or "",
            )
        )
    for uri, content_type, payload in warc_responses():
        if content_type.startswith("text/html"):
            page = lxml.html.fromstring(payload)
            documents.append(
                SampleDocument(
                    f"warc/sample-crawl.warc.gz#{uri}",
                    "warc",
                    _html_article_text(page),
                    uri,
                    _meta(page, "property", "article:published_time") or "",
                )
            )
    return tuple(documents)


# Where a scraped story starts: "BAGHDAD (Euphrates Evening Post) - ..." or "Meridian Wire / Washington - ..."
SCRAPED_DATELINE = re.compile(r"^[A-Z][\w .&]* (?:\([^)]+\)|/ [A-Z][\w ]+) - ")


def _article_body(document: SampleDocument) -> str:
    """The story text without page furniture: for scraped pages, from the dateline to the first short
    furniture line after it ("Related", "Share this:")."""
    if document.format != "text":
        return document.text
    lines = document.text.splitlines()
    start = next((i for i, line in enumerate(lines) if SCRAPED_DATELINE.match(line)), None)
    assert start is not None, f"{document.key}: no dateline such as 'CITY (Outlet) - '"
    body = []
    for line in lines[start:]:
        if line.strip() and len(line.split()) < 6:
            break
        body.append(line)
    return "\n".join(body).strip()


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", _normalised(text))
    return {tuple(words[i : i + SHINGLE_SIZE]) for i in range(len(words) - SHINGLE_SIZE + 1)}


def _jaccard(first: set[tuple[str, ...]], second: set[tuple[str, ...]]) -> float:
    return len(first & second) / len(first | second)


def _iso_with_offset(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.utcoffset() is not None, f"{value!r} has no UTC offset"
    return moment


# ----------------------------------------------------------------------------------------- counts


def test_corpus_has_at_least_24_documents_over_all_formats() -> None:
    assert len(all_documents()) >= 24


def test_every_format_is_present_in_the_promised_numbers() -> None:
    by_format: dict[str, int] = defaultdict(int)
    for document in all_documents():
        by_format[document.format] += 1
    assert by_format["html"] >= 8
    assert any(name.endswith(".html.gz") for name in html_pages())
    assert by_format["text"] >= 4
    assert by_format["jsonl"] >= 4
    assert by_format["csv"] >= 2
    assert by_format["rss"] == 3
    assert by_format["warc"] == 3


def test_no_stray_files_in_the_sample_directory() -> None:
    # Every file `make demo` ingests must be a corpus document the tests know about.
    allowed_suffixes = (".html", ".html.gz", ".txt", ".jsonl", ".csv", ".rss", ".warc.gz")
    for path in SAMPLE.rglob("*"):
        if path.is_file() and path.name not in NOT_DOCUMENTS and "__pycache__" not in path.parts:
            assert path.name.endswith(allowed_suffixes), f"unexpected file {path.relative_to(SAMPLE)}"


# ----------------------------------------------------------------------------------------- formats


@pytest.mark.parametrize("relative", ["records/wire-archive.jsonl", "records/regional-desk.csv"])
def test_records_have_every_field_and_iso_dates(relative: str) -> None:
    records = _records(relative)
    assert records, f"{relative} has no records"
    for record in records:
        assert tuple(record) == RECORD_FIELDS, f"{relative}: fields {tuple(record)}"
        for name in RECORD_FIELDS:
            assert record[name].strip(), f"{relative}#{record['id']}: empty {name}"
        _iso_with_offset(record["published"])
        assert "<" not in record["text"], f"{relative}#{record['id']}: text must be clean, not markup"


def test_record_ids_are_unique() -> None:
    ids = [
        record["id"]
        for name in ("records/wire-archive.jsonl", "records/regional-desk.csv")
        for record in _records(name)
    ]
    assert len(ids) == len(set(ids))


def test_csv_has_a_header_row_with_the_record_fields() -> None:
    header = (SAMPLE / "records" / "regional-desk.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == list(RECORD_FIELDS)


def test_html_pages_carry_metadata_and_page_furniture() -> None:
    for relative, page in html_pages().items():
        for attribute, name in (("property", "og:title"), ("property", "og:site_name"), ("name", "author")):
            assert _meta(page, attribute, name), f"{relative}: no <meta {attribute}={name}>"
        _iso_with_offset(_meta(page, "property", "article:published_time") or "")
        assert len(page.xpath("//article")) == 1, f"{relative}: needs exactly one <article>"
        assert page.xpath("//nav//a"), f"{relative}: no navigation"
        assert page.xpath("//footer"), f"{relative}: no footer"
        assert page.xpath("//*[contains(@class, 'share')]"), f"{relative}: no share buttons"
        assert page.xpath("//*[contains(@class, 'related')]//a"), f"{relative}: no related links"
        page_text = page.text_content().casefold()
        assert "cookie" in page_text, f"{relative}: no cookie banner"
        # Boilerplate must matter: the page holds clearly more text than the article.
        assert len(page_text) > 1.3 * len(_html_article_text(page)), f"{relative}: too little furniture"


def test_rss_feed_has_three_complete_items() -> None:
    items = _rss_items()
    assert len(items) == 3
    for item in items:
        assert item.findtext("title")
        assert urlsplit(item.findtext("link") or "").scheme == "https"
        published = parsedate_to_datetime(item.findtext("pubDate") or "")
        assert published.utcoffset() is not None
        assert item.findtext("dc:creator", namespaces=RSS_NAMESPACES)
        content = item.findtext("content:encoded", namespaces=RSS_NAMESPACES) or ""
        assert content.count("<p>") >= 3


def test_warc_holds_three_html_responses_with_target_uris() -> None:
    html_responses = [response for response in warc_responses() if response[1].startswith("text/html")]
    assert len(html_responses) == 3
    for uri, _, payload in html_responses:
        assert urlsplit(uri).hostname, f"response without WARC-Target-URI: {uri!r}"
        page = lxml.html.fromstring(payload)
        assert _meta(page, "property", "og:url") == uri
        assert len(page.xpath("//article")) == 1


def _load_build_warc() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sample_build_warc", SAMPLE / "build_warc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    # dataclasses resolve the module's string annotations through sys.modules while the class is built.
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_committed_warc_matches_its_generator(tmp_path: Path) -> None:
    rebuilt = tmp_path / "rebuilt.warc.gz"
    _load_build_warc().build(rebuilt)

    def records(path: Path) -> list[tuple[str, str | None, bytes]]:
        with path.open("rb") as handle:
            return [
                (
                    record.rec_type,
                    record.rec_headers.get_header("WARC-Target-URI"),
                    record.content_stream().read(),
                )
                for record in ArchiveIterator(handle)
                if record.rec_type == "response"
            ]

    assert records(rebuilt) == records(SAMPLE / "warc" / "sample-crawl.warc.gz")


def test_scraped_text_pages_keep_their_page_furniture() -> None:
    for document in all_documents():
        if document.format != "text":
            continue
        lines = document.text.splitlines()
        assert len(lines[0].split()) >= 5, f"{document.key}: line 1 should be the headline"
        assert re.search(r"\b(19|20)\d\d\b", lines[1]), f"{document.key}: line 2 should carry the date"
        assert any(re.fullmatch(r"(?:\w[\w ]*:?\s*)?A-\s+A\s+A\s*\+?", line) for line in lines), document.key
        assert "Leave a Reply" in document.text, f"{document.key}: no comment form"
        assert "Connecting to %s" in document.text, f"{document.key}: no comment form"
        body = _article_body(document)
        assert "Leave a Reply" not in body and body.count("\n\n") >= 3, f"{document.key}: story not found"


# ----------------------------------------------------------------------------------------- content


def test_every_document_has_a_fictional_url_or_is_a_scraped_page() -> None:
    for document in all_documents():
        if document.format == "text":
            continue
        host = urlsplit(document.url).hostname or ""
        assert host.endswith(".example"), f"{document.key}: URL {document.url!r} is not on a fictional domain"


def test_articles_are_short_news_articles() -> None:
    for document in all_documents():
        words = len(_article_body(document).split())
        assert MIN_WORDS <= words <= MAX_WORDS + 25, f"{document.key}: {words} words"


def test_no_two_documents_have_identical_text() -> None:
    seen: dict[str, str] = {}
    for document in all_documents():
        text = _normalised(_article_body(document))
        assert text not in seen, f"{document.key} repeats the text of {seen.get(text)}"
        seen[text] = document.key


def test_exactly_one_near_duplicate_pair() -> None:
    shingles = {document.key: _shingles(_article_body(document)) for document in all_documents()}
    near_duplicates = {
        frozenset((first, second))
        for first, second in combinations(shingles, 2)
        if _jaccard(shingles[first], shingles[second]) >= 0.5
    }
    assert near_duplicates == {NEAR_DUPLICATE_PAIR}


def test_near_duplicate_pair_shares_most_5_grams_but_differs() -> None:
    first, second = (_article_body(d) for d in all_documents() if d.key in NEAR_DUPLICATE_PAIR)
    first_shingles, second_shingles = _shingles(first), _shingles(second)
    shared = len(first_shingles & second_shingles) / min(len(first_shingles), len(second_shingles))
    assert shared >= 0.7
    assert _normalised(first) != _normalised(second)
    # Different page furniture around the same story, not a copied file.
    pages = [html_pages()[key] for key in sorted(NEAR_DUPLICATE_PAIR)]
    assert {_meta(page, "property", "og:site_name") for page in pages} == {
        "Cedar Coast Times",
        "Harbourview News",
    }


# ----------------------------------------------------------------------------------------- README


@dataclass(frozen=True, slots=True)
class ReadmeRow:
    file: str
    record: str
    published: str
    story: str
    countries: tuple[str, ...]


def _readme_rows() -> list[ReadmeRow]:
    rows = []
    for line in (SAMPLE / "README.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("| `"):
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        file, record, _, _, published, story, countries = cells
        rows.append(
            ReadmeRow(
                file.strip("`"),
                record.replace("id ", "").strip("`"),
                published,
                story,
                tuple(country.strip() for country in countries.split(";")),
            )
        )
    return rows


def _readme_key(row: ReadmeRow) -> str:
    return row.file if row.record == "-" else f"{row.file}#{row.record}"


def test_readme_lists_every_document_with_its_publication_date() -> None:
    listed = {_readme_key(row): row for row in _readme_rows()}
    documents = {document.key: document for document in all_documents()}
    assert set(listed) == set(documents)
    for key, document in documents.items():
        if document.published:
            published = document.published
            moment = (
                parsedate_to_datetime(published) if document.format == "rss" else _iso_with_offset(published)
            )
            assert moment == _iso_with_offset(listed[key].published), f"{key}: README date differs"


def test_readme_shows_follow_up_stories_and_enough_countries() -> None:
    days_by_story: dict[str, set[str]] = defaultdict(set)
    countries: set[str] = set()
    for row in _readme_rows():
        days_by_story[row.story].add(row.published[:10])
        countries.update(row.countries)
    follow_ups = [story for story, days in days_by_story.items() if len(days) >= 2]
    assert len(follow_ups) >= 4, follow_ups
    assert len(countries) >= 8

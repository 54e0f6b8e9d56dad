"""A WARC record's WARC-Date reaches the publication-date step as the crawl day: a date after the crawl is
impossible, so a page's later-looking structured date gives way to its date line."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.extract import extract
from eventwire.ingest import read_sources
from eventwire.ingest.warc import _crawl_day
from eventwire.records import Article, RawDocument

# A page whose JSON-LD says it was published after it was crawled (a template's placeholder, a clock set
# wrong), with the real date in the line under its headline.
_PAGE = """<html><head><title>Council approves the harbour road</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Council approves the harbour road", "datePublished": "2020-06-15T09:00:00Z"}</script>
</head><body><article><h1>Council approves the harbour road</h1>
<p class="byline">April 28, 2020</p>
""" + "<p>The city council approved the new harbour road after a long debate about its cost.</p>" * 30 + """
</article></body></html>"""


def _warc(warc_date: str | None) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record("https://news.example/harbour-road", "response",
                                       payload=io.BytesIO(_PAGE.encode()), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": warc_date} if warc_date else None)
    writer.write_record(record)
    return buffer.getvalue()


def _read(tmp_path: Path, warc_date: str | None) -> RawDocument:
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc(warc_date))
    [document] = read_sources([path])
    assert isinstance(document, RawDocument)
    return document


@pytest.mark.parametrize(("header", "day"), [
    ("2020-05-01T10:00:00Z", dt.date(2020, 5, 1)),
    ("2020-05-01T23:30:00.123456Z", dt.date(2020, 5, 1)),
    ("2020-05-02T01:30:00+03:00", dt.date(2020, 5, 1)),  # the UTC day
    ("not a date", None),
    (None, None),
])
def test_the_crawl_day_is_the_utc_day_of_the_warc_date(header: str | None, day: dt.date | None) -> None:
    assert _crawl_day(header) == day


def test_the_warc_reader_passes_the_record_date(tmp_path: Path) -> None:
    assert _read(tmp_path, "2020-05-01T10:00:00Z").crawled == dt.date(2020, 5, 1)


def test_a_date_after_the_crawl_gives_way_to_the_date_line(tmp_path: Path) -> None:
    crawled = extract(_read(tmp_path, "2020-05-01T10:00:00Z"))
    assert isinstance(crawled, Article) and crawled.meta.published is not None
    assert crawled.meta.published[:10] == "2020-04-28"
    # without the crawl day, the later structured date stands (it is not after today)
    uncrawled = extract(RawDocument(origin="page", body=_PAGE, kind="html"))
    assert isinstance(uncrawled, Article) and uncrawled.meta.published is not None
    assert uncrawled.meta.published[:10] == "2020-06-15"

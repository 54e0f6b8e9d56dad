"""Publication date: the signals read one by one and the conflict rules that combine them (issue #17)."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from eventwire.extract import datesignals, pubdate
from eventwire.extract.html import extract_page
from eventwire.extract.pubdate import headline_date, publication_date
from eventwire.extract.textdates import swapped_day_month


def _page(head: str = "", body: str = "", title: str = "Floods close the coast road") -> str:
    return (f"<html><head><title>{title}</title>{head}</head><body><h1>{title}</h1>{body}"
            "<p>The road was closed after the storm, officials said.</p></body></html>")


def _json_ld(payload: str) -> str:
    return f'<script type="application/ld+json">{payload}</script>'


def test_a_page_without_any_date_gives_none_not_today() -> None:
    page = _page(body="<p>No date anywhere on this page.</p>")
    assert publication_date(page, "https://paper.example/news/floods") is None


def test_a_modified_date_never_stands_for_the_publication() -> None:
    page = _page(head=_json_ld('{"@type": "NewsArticle", "dateModified": "2020-03-09T10:00:00+01:00"}')
                 + '<meta property="article:modified_time" content="2020-03-09T10:00:00+01:00">')
    assert pubdate.structured_date(page) is None
    published = _page(head=_json_ld('{"@type": "NewsArticle", "dateModified": "2020-03-09T10:00:00+01:00",'
                                    ' "datePublished": "2020-03-02T08:00:00+01:00"}'))
    assert publication_date(published, None) == "2020-03-02T08:00:00+01:00"


def test_an_updated_line_under_the_headline_gives_way_to_the_published_one() -> None:
    both = _page(body="<p>Updated 9 March 2020</p><p>Published 2 March 2020</p>")
    assert headline_date(both) == "2020-03-02"
    # Alone, the update line is still the best reading the byline has (most are the same day's updates).
    alone = _page(body="<p>Updated 9 March 2020</p>")
    assert headline_date(alone) == "2020-03-09"


def test_a_listed_item_s_date_is_not_the_page_s() -> None:
    listing = ('{"@type": "ItemList", "itemListElement": [{"@type": "NewsArticle",'
               ' "datePublished": "2019-05-01T09:00:00Z"}]}')
    page = _page(head=_json_ld(listing) + _json_ld('{"@type": "NewsArticle", "datePublished": "2020-06-02"}'))
    assert publication_date(page, None) == "2020-06-02"
    assert [reading.where for reading in datesignals.json_ld_signals(page)] == [
        "json-ld datePublished (article)", "json-ld datePublished (listed)"]


def test_a_date_after_the_crawl_is_impossible() -> None:
    page = _page(head='<meta property="article:published_time" content="2031-01-05T10:00:00+00:00">'
                      '<meta name="sailthru.date" content="2020-05-04T10:00:00+00:00">')
    assert publication_date(page, None, crawled=date(2020, 6, 1)) == "2020-05-04T10:00:00+00:00"
    # The same page crawled after 2031 states its own date.
    assert publication_date(page, None, crawled=date(2031, 2, 1)) == "2031-01-05T10:00:00+00:00"


def test_a_utc_time_takes_the_local_day_from_the_visible_byline_when_the_url_has_none() -> None:
    head = '<meta property="article:published_time" content="2019-11-19T01:19:34+00:00">'
    page = _page(head=head, body="<p>Nov 18, 2019, 8:19 PM</p>")
    assert publication_date(page, "https://paper.example/2019/11/story.html") == "2019-11-18"
    # The byline a day later than a UTC evening time is no shift any zone makes: the statement stands.
    late = _page(head=head.replace("01:19", "13:19"), body="<p>Nov 18, 2019, 8:19 PM</p>")
    assert publication_date(late, None) == "2019-11-19T13:19:34+00:00"


def test_an_ambiguous_numeric_date_line_takes_the_order_the_url_confirms() -> None:
    page = _page(body="<p>06/01/2020</p>")
    assert swapped_day_month("06/01/2020 10:30") == "2020-06-01"
    assert swapped_day_month("13/01/2020") is None
    assert publication_date(page, None) == "2020-01-06"  # the data's order (days first) by default
    assert publication_date(page, "https://paper.example/2020/06/01/story") == "2020-06-01"


def test_a_first_of_the_month_the_page_never_shows_is_a_guess(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pubdate, "htmldate_date", lambda page, url: "2020-01-01")
    guessed = _page(body="<footer>© 2020 Paper</footer>")
    assert publication_date(guessed, None) is None
    shown = _page(body="<p>Read on</p><footer>Posted 1 January 2020 · © 2020 Paper</footer>")
    assert publication_date(shown, None) == "2020-01-01"


def test_a_reader_that_fails_is_logged_naming_the_page(monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    def broken(page: str, url: str | None) -> str:
        raise RuntimeError("lxml gave up")

    monkeypatch.setattr(pubdate, "htmldate_date", broken)
    with caplog.at_level(logging.WARNING, logger="eventwire.extract.pubdate"):
        assert publication_date(_page(), "https://paper.example/broken") is None
    assert "https://paper.example/broken" in caplog.text and "lxml gave up" in caplog.text
    # The article is still extracted, without a date.
    assert extract_page(_page(), "https://paper.example/broken").meta.published is None


def test_meta_readings_name_their_family_and_role() -> None:
    page = _page(head='<meta name="parsely-pub-date" content="2020-04-02T10:00:00Z">'
                      '<meta property="og:updated_time" content="2020-04-05T10:00:00Z">')
    readings = datesignals.meta_signals(page)
    assert [(r.role, r.where, r.value[:10]) for r in readings] == [
        ("published", "meta parsely", "2020-04-02"), ("modified", "meta og", "2020-04-05")]

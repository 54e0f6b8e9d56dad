"""The publication date from the date line under a page's headline, and the dev/locked halves of the
pubdate gold pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.evaluation.pubdate import evaluate, split_of
from eventwire.evaluation.registry import SHOW_LOCKED_ERRORS
from eventwire.extract.pubdate import headline_date, post_id_time, publication_date
from eventwire.records import SourceError

_SIDEBAR_THEN_BYLINE = """<html><head><title>Floods close the coast road | Daily Example</title></head><body>
<div class="top"><span class="date">Tuesday, (08 Dec 2020)</span></div>
<h1>Floods close the coast road</h1>
<ul class="meta"><li><a href="/time/2020-10-13">13 Oct 2020 18:29</a></li><li>Politics</li></ul>
<p>The road was closed on 12 October 2020 after the storm.</p></body></html>"""


def test_the_date_line_under_the_headline_beats_a_date_widget_above_it() -> None:
    assert headline_date(_SIDEBAR_THEN_BYLINE) == "2020-10-13T18:29"
    # With no structured date on the page, the byline is what the extractor answers.
    assert publication_date(_SIDEBAR_THEN_BYLINE, None) == "2020-10-13T18:29"


def test_a_sentence_that_mentions_a_date_is_not_a_date_line() -> None:
    page = """<html><head><title>Talks resume in Geneva</title></head><body><h1>Talks resume in Geneva</h1>
    <p>The talks, first held on 3 March 2019, resumed this week.</p></body></html>"""
    assert headline_date(page) is None


def test_the_headline_is_the_heading_that_opens_the_title_not_the_first_heading() -> None:
    page = """<html><head><meta property="og:title" content="Australian &amp;#039;megablaze&amp;#039;
    brought under control"></head><body><h2>Latest news</h2><p>14 Jan 2020</p>
    <h2>Australian &#039;megablaze&#039; brought under control</h2><p>News24<br>13 Jan 2020, 22:11 GMT+10</p>
    </body></html>"""
    assert headline_date(page) == "2020-01-13T22:11+10:00"


def test_a_page_without_a_headline_has_no_headline_date() -> None:
    assert headline_date("<html><body><p>13 Oct 2020</p></body></html>") is None


def test_a_post_address_gives_its_posting_time_before_any_date_on_the_page() -> None:
    # The id's high bits count milliseconds from 2010-11-04T01:42:54.657Z; this one is 2020-07-11 06:25 UTC.
    url = "https://twitter.com/Reuters/status/1281836879789404160/photo/1"
    assert post_id_time(url) == "2020-07-11T06:25:02+00:00"
    assert post_id_time("https://x.com/someone/status/1281836879789404160") == "2020-07-11T06:25:02+00:00"
    page = "<html><body><h1>Reuters on X</h1><p>Reply posted 15 Jul 2020</p></body></html>"
    assert publication_date(page, url) == "2020-07-11T06:25:02+00:00"


def test_other_addresses_and_small_ids_give_no_posting_time() -> None:
    assert post_id_time("https://example.com/Reuters/status/1281836879789404160") is None
    assert post_id_time("https://twitter.com/Reuters") is None
    assert post_id_time("https://twitter.com/jack/status/20") is None  # before ids carried a time
    assert post_id_time(None) is None


def test_the_halves_are_fixed_by_the_file_name_and_both_are_used() -> None:
    names = [f"{number}.html" for number in range(40)]
    halves = {split_of(name) for name in names}
    assert halves == {"dev", "locked"}
    assert all(split_of(name) == split_of(name) for name in names)


def _two_page_gold(folder: Path) -> tuple[str, str]:
    names = [f"{number}.html" for number in range(40)]
    dev = next(name for name in names if split_of(name) == "dev")
    locked = next(name for name in names if split_of(name) == "locked")
    (folder / "html").mkdir()
    for name in (dev, locked):
        (folder / "html" / name).write_text("<html></html>", encoding="utf-8")
    gold = {f"https://example.com/{name}": {"file": name, "date": "2020-07-02"} for name in (dev, locked)}
    (folder / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return dev, locked


def test_the_scorer_lists_only_the_dev_half_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dev, locked = _two_page_gold(tmp_path)
    monkeypatch.delenv(SHOW_LOCKED_ERRORS, raising=False)
    result = evaluate(tmp_path, system=lambda page, url: SourceError(str(page), "no article text found"))
    assert [error.id for error in result.errors] == [dev]
    figures = {figure.name: figure for figure in result.figures}
    assert figures["locked_accuracy"].counts == {"n": 1, "correct": 0}  # still scored
    monkeypatch.setenv(SHOW_LOCKED_ERRORS, "1")
    result = evaluate(tmp_path, system=lambda page, url: SourceError(str(page), "no article text found"))
    assert sorted(error.id for error in result.errors) == sorted([dev, locked])

"""`eventwire timex`: the command logic on Article objects, and the command through click."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import timex as timex_module
from eventwire.cli._common import RunCounts
from eventwire.cli.timex import parse_document_time, timex, timex_records
from eventwire.records import Article, ArticleMeta, SourceError, content_hash

FIXTURES = Path(__file__).parent / "fixtures" / "temporal"


def _articles_from_fixture() -> list[Article]:
    articles = []
    for number, line in enumerate((FIXTURES / "articles.jsonl").read_text("utf-8").splitlines(), start=1):
        record = json.loads(line)
        articles.append(Article(
            id=content_hash(record["text"]), text=record["text"],
            meta=ArticleMeta(url=record.get("url"), published=record.get("published")),
            origin=f"articles.jsonl#{number}", record_id=record["id"],
        ))
    return articles


def test_records_use_each_articles_publication_time() -> None:
    records = list(timex_records(_articles_from_fixture()))
    first, missing, third = records
    assert isinstance(first, dict)
    assert first["id"] == "kadhimi-1" and first["dct"] == "2020-08-19T10:30:00"
    assert [(t["text"], t["value"]) for t in first["timexes"]] == [  # type: ignore[union-attr]
        ("Tuesday", "2020-08-18"), ("June next year", "2021-06")]
    assert isinstance(missing, SourceError) and missing.origin == "undated-2"
    assert "no document time" in missing.reason
    assert isinstance(third, dict)
    assert third["timexes"] == [{"start": 34, "end": 52, "text": "15:00 GMT Saturday", "type": "TIME",
                                 "value": "2013-03-23T15:00"}]


def test_dct_overrides_every_record() -> None:
    records = list(timex_records(_articles_from_fixture(), dt.date(2021, 1, 1)))
    assert all(isinstance(record, dict) and record["dct"] == "2021-01-01" for record in records)
    assert records[1]["timexes"][0]["value"] == "P2D"  # type: ignore[index]


def test_origin_names_a_document_without_record_id() -> None:
    article = Article(id="x", text="Talks end today.", meta=ArticleMeta(), origin="pages/talks.html")
    (record,) = timex_records([article])
    assert isinstance(record, SourceError) and str(record).startswith("pages/talks.html:")


@pytest.mark.parametrize(("text", "expected"), [
    ("2020-08-24", dt.date(2020, 8, 24)),
    ("2020-08-24T09:07:00Z", dt.datetime(2020, 8, 24, 9, 7)),
    ("2020-08-24T09:07:00+03:00", dt.datetime(2020, 8, 24, 9, 7)),
])
def test_parse_document_time(text: str, expected: dt.date) -> None:
    assert parse_document_time(text) == expected


def test_parse_document_time_rejects_other_text() -> None:
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_document_time("last Tuesday")


@pytest.fixture
def fixture_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand in for the shared reader (ingest/extract are built elsewhere) with the fixture articles."""

    def read(paths: Iterable[str], counts: RunCounts) -> Iterator[Article]:
        yield from _articles_from_fixture()

    monkeypatch.setattr(timex_module, "read_articles", read)


@pytest.mark.usefixtures("fixture_reader")
def test_command_prints_jsonl_reports_the_undated_one_and_exits_1() -> None:
    result = CliRunner().invoke(timex, [str(FIXTURES / "articles.jsonl")])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["kadhimi-1", "snow-3"]
    assert "undated-2" in result.stderr and "--dct" in result.stderr


@pytest.mark.usefixtures("fixture_reader")
def test_command_with_dct_and_table_format_succeeds() -> None:
    result = CliRunner().invoke(timex, ["x.jsonl", "--dct", "2020-08-24", "--format", "table"])
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    assert rows[0] == "id\tstart\tend\ttype\tvalue\ttext"
    assert "undated-2\t0\t8\tDURATION\tP2D\tTwo days" in rows


@pytest.mark.usefixtures("fixture_reader")
def test_command_refuses_a_bad_dct() -> None:
    result = CliRunner().invoke(timex, ["x.jsonl", "--dct", "yesterday"])
    assert result.exit_code == 2 and "--dct" in result.output

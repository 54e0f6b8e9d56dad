"""Record invariants (issue #20): broken records are repaired or dropped with a reason where they are made,
refused where they are stored, and left out of exports with the event id and field named; exports are
written whole or not at all and read back with each format's own client; languages the coder cannot
read are stored uncoded and counted."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.events.invariants import Enforced, InvalidRecord, enforce, record_problems
from eventwire.events.records import ActorRef, Event, EventDate, EventLocation, Evidence
from eventwire.export import EXPORTERS, ExportError, export_events
from eventwire.pipeline import IngestTally, ingest
from eventwire.records import Article, ArticleMeta, content_hash
from eventwire.store import Store
from eventwire.store.queries import EventQuery, iter_events
from eventwire.temporal import find_timexes, shift
from eventwire.temporal.types import TimeSpan

TEXT = "Police arrested John Smith, 19, of 1205 Lone Oak Road on Monday in Wheeling."
PUBLISHED = "2019-09-30T08:00:00"
ROOT = Path(__file__).resolve().parents[1]


def _article(text: str = TEXT, **meta: str) -> Article:
    return Article(id=content_hash(text), text=text, origin="test.txt",
                   meta=ArticleMeta(published=meta.pop("published", PUBLISHED), **meta))


def _event(**changes: object) -> Event:
    trigger = TEXT.index("arrested")
    target = "John Smith"
    base = Event(
        type="COERCE", mode="arrest", context=(), cameo="173", quad_class=4, intensity=-7.0,
        factuality="occurred",
        source=(ActorRef("Police", 0, 6, sector="COP", kind="agent"),),
        target=(ActorRef(target, TEXT.index(target), TEXT.index(target) + len(target), kind="person"),),
        evidence=Evidence(TEXT, 0, len(TEXT), "arrested", trigger, trigger + len("arrested")),
        confidence=0.8, date=EventDate("2019-09-30", "2019-09-30", "day", "Monday", True),
        article_id=_article().id,
    )
    return replace(base, **changes)


def _one(event: Event) -> Enforced:
    return enforce([event], TEXT, PUBLISHED)


def test_a_valid_record_passes_untouched() -> None:
    checked = _one(_event())
    assert checked.events == [_event()] and not checked.repaired and not checked.dropped


def test_a_clock_time_is_cut_from_a_day_precision_date() -> None:
    checked = _one(_event(date=EventDate("2019-09-30T00:10:00", "2019-09-30T00:10:00", "day", "today", True)))
    assert checked.events[0].date.start == "2019-09-30" and checked.events[0].date.end == "2019-09-30"
    assert checked.repaired == {"date: clock time cut from a date": 1}


def test_a_date_ending_before_it_starts_falls_back_to_the_publication_date() -> None:
    checked = _one(_event(date=EventDate("2019-09-30", "2019-09-01", "month", "September", True)))
    date = checked.events[0].date
    assert (date.start, date.from_text, date.text) == ("2019-09-30", False, None)
    assert checked.repaired == {"date: invalid, publication date used": 1}


def test_a_span_wider_than_its_precision_becomes_a_range() -> None:
    checked = _one(_event(date=EventDate("2019-09-01", "2019-09-30", "day", "this month", True)))
    assert checked.events[0].date.precision == "range"


def test_a_far_year_is_kept_only_when_the_expression_names_it_and_is_marked_historical() -> None:
    named = _one(_event(date=EventDate("1979-01-01", "1979-12-31", "year", "in 1979", True)))
    assert named.events[0].date.historical is True and named.events[0].date.start == "1979-01-01"
    unnamed = _one(_event(date=EventDate("1119-01-01", "1119-12-31", "year", "long ago", True)))
    assert unnamed.events[0].date.start == "2019-09-30" and unnamed.events[0].date.historical is False
    assert unnamed.repaired == {"date: implausible year, publication date used": 1}


def test_an_address_and_age_are_cut_from_an_actor_phrase_and_take_their_resolution_with_them() -> None:
    phrase = "John Smith, 19, of 1205 Lone Oak Road"
    start = TEXT.index(phrase)
    saint_kitts = ActorRef(phrase, start, start + len(phrase), "ew:KNA", "Saint Kitts and Nevis", "KNA",
                           kind="country")
    checked = _one(_event(target=(saint_kitts,)))
    target = checked.events[0].target[0]
    assert (target.text, target.start, target.end) == ("John Smith", start, start + len("John Smith"))
    assert target.country is None and target.actor_id is None
    assert checked.repaired == {"actor: address, age or byline cut from the phrase": 1}


def test_an_actor_that_is_only_an_address_is_removed() -> None:
    phrase = "1205 Lone Oak Road"
    start = TEXT.index(phrase)
    checked = _one(_event(target=(ActorRef(phrase, start, start + len(phrase)),)))
    assert checked.events[0].target == ()


@pytest.mark.parametrize(("broken", "reason"), [
    ({"evidence": Evidence("Police arrested", 5, 20, "arrested", 7, 15)}, "evidence: evidence offsets"),
    ({"evidence": Evidence(TEXT, 0, len(TEXT), "arrested", 200, 208)}, "evidence.trigger: trigger outside"),
    ({"source": (ActorRef("Police", 3, 9),)}, "source: actor offsets"),
])
def test_records_that_cannot_be_repaired_are_dropped_with_a_reason(broken: dict, reason: str) -> None:
    checked = _one(_event(**broken))
    assert checked.events == []
    [(dropped, count)] = checked.dropped.items()
    assert dropped.startswith(reason) and count == 1


def test_coordinates_out_of_range_are_removed() -> None:
    checked = _one(_event(location=EventLocation("Wheeling", "Wheeling", None, 140.0, -80.7, "USA", "city")))
    assert checked.events[0].location is None


def test_a_located_place_needs_a_level_or_loses_its_point() -> None:
    unknown = EventLocation("Wheeling", "Wheeling", 4817641, 40.06, -80.72, "USA", None)
    checked = _one(_event(location=unknown))
    location = checked.events[0].location
    assert (location.name, location.country, location.lat, location.lon) == ("Wheeling", "USA", None, None)
    assert checked.repaired == {"location: coordinates of a place without a level removed": 1}
    assert _one(_event(location=replace(unknown, level="city"))).events[0].location.lat == 40.06
    assert [p.kind for p in record_problems(_event(location=unknown).as_json())] == ["place without a level"]


def test_the_store_refuses_a_broken_record_naming_it_and_loses_nothing(tmp_path: Path) -> None:
    article = _article()
    with Store.open(tmp_path / "s.db") as store:
        with store.transaction():
            store.add_article(article)
            store.replace_events(article, [_event()], "v1")
        broken = _event(date=EventDate("2019-09-30T00:10:00", "2019-09-30", "day", "today", True))
        with pytest.raises(InvalidRecord) as refused, store.transaction():
            store.replace_events(article, [broken], "v2")
        assert broken.event_id in str(refused.value) and "date.start" in str(refused.value)
        [stored] = list(iter_events(store, EventQuery()))
        assert stored.event_id == _event().event_id  # the earlier coding is still there, once


def _store_with_a_record_broken_behind_the_stores_back(path: Path) -> tuple[str, str]:
    """An older store may hold records the invariants now refuse: write one past the check."""
    article = _article()
    good, bad = _event(), _event(type="ASSAULT", cameo="190")
    with Store.open(path) as store, store.transaction():
        store.add_article(article)
        store.replace_events(article, [good, bad], "v1")
    with sqlite3.connect(path) as raw:
        record = json.loads(raw.execute("SELECT record FROM events WHERE event_id = ?", (bad.event_id,)
                                        ).fetchone()[0])
        record["date"]["start"] = "2019-09-30T00:10:00"
        raw.execute("UPDATE events SET record = ?, date_start = ? WHERE event_id = ?",
                    (json.dumps(record), "2019-09-30T00:10:00", bad.event_id))
    return good.event_id, bad.event_id


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_exports_leave_out_a_broken_stored_record_and_export_the_rest(tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "s.db"
    _good, bad = _store_with_a_record_broken_behind_the_stores_back(db)
    output = tmp_path / f"events.{fmt}"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, "--output", str(output)])
    assert result.exit_code == 1
    assert f"event {bad}: date.start" in result.output and "1 left out" in result.output
    assert "1 events exported" in result.output and output.exists()
    assert bad not in output.read_text(encoding="utf-8", errors="replace") if fmt != "parquet" else True


def test_a_failing_export_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.db"
    _store_with_a_record_broken_behind_the_stores_back(db)

    def dies_half_way(events: object, output: Path) -> None:  # a writer that fails half-way
        with output.open("w") as out:
            out.write("half")
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(EXPORTERS, "csv", dies_half_way)
    output = tmp_path / "events.csv"
    with Store.open(db) as store, pytest.raises(ExportError, match="No space left"):
        export_events(iter_events(store, EventQuery()), "csv", output)
    assert [path.name for path in tmp_path.iterdir() if not path.name.startswith("s.db")] == []


def test_every_record_of_the_sample_corpus_reads_back_in_every_format(tmp_path: Path) -> None:
    """Ingest the sample corpus with the real coder; each export is read with the format's own client."""
    import duckdb
    import jsonschema
    import pandas
    import pyarrow.parquet as pq

    from eventwire.events import EventCoder
    from eventwire.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS

    sample = ROOT / "data" / "sample"
    with Store.open(tmp_path / "sample.db") as store:
        tally = ingest([str(sample / "text"), str(sample / "html"), str(sample / "records")], store,
                       on_error=lambda error: None, coder=EventCoder.load())
        records = list(iter_events(store, EventQuery()))
        assert tally.events == len(records) > 20
        for event in records:
            article = store.article(event.record["article"]["id"])
            assert record_problems(event.record, article.text, article.meta.published) == []
        paths = {fmt: export_events(iter_events(store, EventQuery()), fmt, tmp_path / f"out.{fmt}").paths
                 for fmt in EXPORTERS}
    schema = jsonschema.Draft202012Validator(json.loads((ROOT / "docs" / "event.schema.json").read_text()))
    lines = paths["plover-jsonl"][0].read_text(encoding="utf-8").splitlines()
    for line in lines:
        schema.validate(json.loads(line))
    with paths["csv"][0].open(encoding="utf-8", newline="") as handle:
        assert sum(1 for _ in csv.DictReader(handle)) == len(records)
    assert pq.read_table(paths["parquet"][0]).num_rows == len(records)
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{paths['parquet'][0]}')").fetchall() == [
        (len(records),)]
    events = pandas.read_csv(paths["gdelt"][0], sep="\t", header=None, names=list(EVENT_COLUMNS), dtype=str,
                             keep_default_na=False, quoting=csv.QUOTE_NONE)
    mentions = pandas.read_csv(paths["gdelt"][1], sep="\t", header=None, names=list(MENTION_COLUMNS),
                               dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE)
    assert len(lines) == len(mentions) == len(records)
    assert set(mentions["GlobalEventID"]) <= set(events["GlobalEventID"])
    assert events["Day"].str.fullmatch(r"\d{8}|").all()


GERMAN = ("Die Polizei hat am Montag in Berlin zwei Demonstranten festgenommen, nachdem es bei der "
          "Kundgebung gegen die Regierung zu Zusammenstößen mit den Beamten gekommen war. Die Regierung "
          "kündigte an, dass sie die Vorfälle untersuchen werde und dass die Polizei mehr Beamte "
          "schicken wird.")


def test_articles_in_a_language_the_coder_cannot_read_are_stored_uncoded_and_counted(tmp_path: Path) -> None:
    german = tmp_path / "de.jsonl"
    english = "Russian forces shelled Kharkiv on Tuesday, the Ukrainian army said."
    german.write_text(json.dumps({"id": "de-1", "text": GERMAN, "published": PUBLISHED}) + "\n"
                      + json.dumps({"id": "en-1", "text": english, "published": PUBLISHED}) + "\n",
                      encoding="utf-8")
    db = tmp_path / "s.db"
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(german), "--db", str(db)])
    assert ingested.exit_code == 0, ingested.output
    assert "2 new" in ingested.output and "not coded: language de 1" in ingested.output
    with Store.open(db) as store:
        languages = dict(store.summary().languages)
        assert languages == {"de": 1, "en": 1}
        assert {event.record["article"]["id"] for event in iter_events(store, EventQuery())} != set()
        assert all("Polizei" not in event.record["evidence"]["sentence"]
                   for event in iter_events(store, EventQuery()))
    again = runner.invoke(main, ["ingest", str(german), "--db", str(db)])
    assert "2 duplicate" in again.output and "not coded" not in again.output  # not re-tried every run
    summary = runner.invoke(main, ["summary", "--db", str(db)])
    assert "not coded: language de (1)" in summary.output


def test_the_closing_line_counts_repairs_and_drops() -> None:
    tally = IngestTally(new=1, events=2)
    tally.checks.repaired["date: clock time cut from a date"] += 2
    tally.checks.dropped["evidence: evidence offsets"] += 1
    assert tally.closing_line().endswith("records repaired 2, dropped 1")
    assert tally.check_lines() == ["repaired 2: date: clock time cut from a date",
                                   "dropped 1: evidence: evidence offsets"]


@pytest.mark.parametrize("text", [
    "Officers detained a suspect at his home of 1119 Eighth St. on Monday.",
    "The shooting happened in the 1200 block of North John Street.",
    "He lived at 1205 Lone Oak Road Lot 12 with his mother.",
])
def test_house_numbers_are_not_years(text: str) -> None:
    found = find_timexes(text, dt.date(2019, 9, 30))
    assert not [timex for timex in found if timex.value and timex.value[:2] in {"11", "12"}], found


def test_a_shift_by_minutes_leaves_the_day_and_gives_dates_not_times() -> None:
    day = TimeSpan(dt.date(2019, 9, 30), dt.date(2019, 9, 30))
    moved = shift(day, "PT10M", "before")
    assert moved == day and type(moved.start) is dt.date
    two_days_and_hours = shift(day, "P2DT5H", "after")
    assert two_days_and_hours.start == dt.date(2019, 10, 2) and type(two_days_and_hours.start) is dt.date

"""Exports round-trip: PLOVER JSONL, CSV (read back), Parquet (read back with pyarrow) and the GDELT 2.0
event and mentions tables (61 and 16 tab-separated columns with the right values in key columns)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.export import FLAT_COLUMNS, ExportError, export_events
from eventwire.export.gdelt import (
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    GdeltTables,
    event_row,
    global_event_id,
    mentions_path,
)
from eventwire.store import Store
from eventwire.store.queries import EventQuery, StoredEvent, find_events, iter_events


def export(
    sample: tuple[Store, dict[str, str], str], fmt: str, output: Path, query: EventQuery | None = None
) -> int:
    store = sample[0]
    return export_events(iter_events(store, query or EventQuery()), fmt, output).events


def test_plover_jsonl_is_the_stored_records_in_page_order(
    sample: tuple[Store, dict[str, str], str], tmp_path: Path
) -> None:
    store, ids, _ = sample
    output = tmp_path / "events.jsonl"
    assert export(sample, "plover-jsonl", output) == 7
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert records == [event.record for event in find_events(store, EventQuery())]
    assert sorted(r["event_id"] for r in records) == sorted(ids.values())
    assert records[0]["source"][0]["country"] == "RUS"


def test_csv_reads_back_with_flat_columns(sample: tuple[Store, dict[str, str], str], tmp_path: Path) -> None:
    _, ids, _ = sample
    output = tmp_path / "events.csv"
    assert export(sample, "csv", output, EventQuery(location_countries=("UKR",))) == 2
    with output.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        assert tuple(reader.fieldnames or ()) == FLAT_COLUMNS
    assert [row["event_id"] for row in rows] == [ids["a1"], ids["c1"]]
    kyiv, kharkiv = rows
    assert (kyiv["date"], kyiv["type"], kyiv["mode"], kyiv["cameo"]) == (
        "2022-02-24",
        "ASSAULT",
        "aerial",
        "195",
    )
    assert (kyiv["lat"], kyiv["lon"], kyiv["geonameid"]) == ("50.45", "30.52", "703448")
    assert kyiv["source_countries"] == "RUS" and kyiv["target_sectors"] == "GOV"
    # several participants: one entry per participant, aligned across the actor columns
    assert kharkiv["source_countries"] == "UKR | POL" and kharkiv["source_names"] == "Ukraine | Poland"
    assert kharkiv["article_source"] == "O'Brien's Wire" and kharkiv["article_url"] == ""
    assert kyiv["sentence"] == "KYIV - Russian forces struck Kyiv with missiles on Thursday."


def test_parquet_reads_back_with_types_and_the_full_record(
    sample: tuple[Store, dict[str, str], str], tmp_path: Path
) -> None:
    store, ids, _ = sample
    output = tmp_path / "events.parquet"
    assert export(sample, "parquet", output) == 7
    table = pq.read_table(output)
    assert table.num_rows == 7
    assert table.column_names == [*FLAT_COLUMNS, "record"]
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("lat").type == pa.float64()
    assert table.schema.field("quad_class").type == pa.int64()
    assert table.schema.field("reported").type == pa.bool_()
    rows = table.to_pylist()
    assert rows[0]["event_id"] == ids["a1"] and rows[0]["date"].isoformat() == "2022-02-24"
    assert rows[0]["intensity"] == -9.5
    statement = next(row for row in rows if row["event_id"] == ids["b2"])
    assert statement["type"] is None and statement["quad_class"] is None
    assert [json.loads(row["record"]) for row in rows] == [e.record for e in find_events(store, EventQuery())]


def test_an_empty_parquet_export_still_has_the_schema(
    sample: tuple[Store, dict[str, str], str], tmp_path: Path
) -> None:
    output = tmp_path / "none.parquet"
    assert export(sample, "parquet", output, EventQuery(types=("AID",))) == 0
    table = pq.read_table(output)
    assert table.num_rows == 0 and "event_id" in table.column_names


def gdelt_rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""  # newline-terminated, no header
    return [line.split("\t") for line in lines[:-1]]


def test_gdelt_event_table_has_61_columns_with_the_right_values(
    sample: tuple[Store, dict[str, str], str], tmp_path: Path
) -> None:
    _, ids, _ = sample
    output = tmp_path / "20250101.export.CSV"
    assert export(sample, "gdelt", output) == 7
    assert len(EVENT_COLUMNS) == 61 and len(set(EVENT_COLUMNS)) == 61
    rows = gdelt_rows(output)
    assert len(rows) == 7 and all(len(row) == 61 for row in rows)
    by_id = {row[0]: dict(zip(EVENT_COLUMNS, row, strict=True)) for row in rows}

    kyiv = by_id[str(global_event_id(ids["a1"]))]
    assert (kyiv["Day"], kyiv["MonthYear"], kyiv["Year"]) == ("20220224", "202202", "2022")
    assert kyiv["FractionDate"] == f"{2022 + (2 * 30 + 24) / 365:.4f}"
    assert (kyiv["Actor1Code"], kyiv["Actor1Name"], kyiv["Actor1CountryCode"], kyiv["Actor1Type1Code"]) == (
        "RUSMIL",
        "RUSSIA",
        "RUS",
        "MIL",
    )
    assert (kyiv["Actor2Code"], kyiv["Actor2CountryCode"], kyiv["Actor2Type1Code"]) == (
        "UKRGOV",
        "UKR",
        "GOV",
    )
    assert (kyiv["EventCode"], kyiv["EventBaseCode"], kyiv["EventRootCode"]) == ("195", "195", "19")
    assert (kyiv["QuadClass"], kyiv["GoldsteinScale"]) == ("4", "-9.5")
    assert (kyiv["NumMentions"], kyiv["NumSources"], kyiv["NumArticles"], kyiv["AvgTone"]) == (
        "1",
        "1",
        "1",
        "",
    )
    assert kyiv["IsRootEvent"] == "1"  # first line of the article
    assert (kyiv["ActionGeo_Type"], kyiv["ActionGeo_FullName"], kyiv["ActionGeo_CountryCode"]) == (
        "4",
        "Kyiv",
        "UP",
    )  # a city outside the US; FIPS code of Ukraine
    assert (kyiv["ActionGeo_Lat"], kyiv["ActionGeo_Long"], kyiv["ActionGeo_FeatureID"]) == (
        "50.45",
        "30.52",
        "703448",
    )
    assert kyiv["Actor1Geo_Type"] == "0" and kyiv["Actor1Geo_FullName"] == ""
    assert kyiv["SOURCEURL"] == "https://dnipro.example/a"
    assert len(kyiv["DATEADDED"]) == 14 and kyiv["DATEADDED"].isdigit()

    statement = by_id[str(global_event_id(ids["b2"]))]
    assert (statement["EventCode"], statement["EventRootCode"]) == ("010", "01")  # leading zero kept
    assert (statement["QuadClass"], statement["GoldsteinScale"]) == ("1", "0.0")  # from the CAMEO root
    assert (statement["ActionGeo_Type"], statement["ActionGeo_CountryCode"]) == ("3", "US")
    assert statement["Actor2Code"] == "" and statement["IsRootEvent"] == "0"

    deal = by_id[str(global_event_id(ids["b1"]))]
    assert (deal["Actor2Code"], deal["Actor2Name"], deal["Actor2CountryCode"]) == ("PSEREB", "HAMAS", "PSE")
    assert deal["ActionGeo_CountryCode"] == "QA"

    gunmen = by_id[str(global_event_id(ids["b3"]))]
    assert (gunmen["Actor1Code"], gunmen["Actor1Name"], gunmen["Actor1CountryCode"]) == ("", "GUNMEN", "")

    kharkiv = by_id[str(global_event_id(ids["c1"]))]
    assert kharkiv["SOURCEURL"] == "fixtures/kharkiv.txt"  # no URL: where it was read from


def test_gdelt_mentions_table_has_16_columns_one_mention_per_event(
    sample: tuple[Store, dict[str, str], str], tmp_path: Path
) -> None:
    store, ids, _ = sample
    output = tmp_path / "20250101.export.CSV"
    export(sample, "gdelt", output)
    mentions = mentions_path(output)
    assert mentions.name == "20250101.mentions.CSV"
    rows = gdelt_rows(mentions)
    assert len(rows) == 7 and all(len(row) == 16 for row in rows)
    by_id = {row[0]: dict(zip(MENTION_COLUMNS, row, strict=True)) for row in rows}
    events = {row[0]: row for row in gdelt_rows(output)}
    assert set(by_id) == set(events)  # every mention points at an exported event

    kyiv = by_id[str(global_event_id(ids["a1"]))]
    text = store.article(find_events(store, EventQuery(types=("ASSAULT",)))[0].article_id).text  # type: ignore[union-attr]
    assert kyiv["EventTimeDate"] == events[kyiv["GlobalEventID"]][59]  # = DATEADDED
    assert (kyiv["MentionType"], kyiv["MentionSourceName"], kyiv["MentionIdentifier"]) == (
        "1",
        "dnipro.example",
        "https://dnipro.example/a",
    )
    assert kyiv["SentenceID"] == "1"
    assert text[int(kyiv["Actor1CharOffset"]) :].startswith("Russian forces")
    assert text[int(kyiv["Actor2CharOffset"]) :].startswith("Kyiv with")
    assert text[int(kyiv["ActionCharOffset"]) :].startswith("struck")
    assert (kyiv["InRawText"], kyiv["Confidence"], kyiv["MentionDocLen"]) == ("1", "90", str(len(text)))

    demand = by_id[str(global_event_id(ids["a2"]))]
    assert demand["SentenceID"] == "2"
    statement = by_id[str(global_event_id(ids["b2"]))]
    assert statement["Actor2CharOffset"] == "-1"  # no target
    kharkiv = by_id[str(global_event_id(ids["c1"]))]
    assert kharkiv["MentionType"] == "2"  # no URL: a citation
    assert kharkiv["MentionSourceName"] == "O'Brien's Wire"


def test_gdelt_actor_and_place_codes_for_organisations_and_countries(
    sample: tuple[Store, dict[str, str], str],
) -> None:
    store = sample[0]
    event = find_events(store, EventQuery(types=("ASSAULT",)))[0]
    record = dict(event.record)
    record["source"] = [
        {"text": "the UN", "start": 0, "end": 6, "name": "United Nations", "country": "UNO", "sector": "IGO"}
    ]
    ukraine_point = GdeltTables.load().country_points["UKR"]
    record["location"] = {
        "text": "Ukraine",
        "name": "Ukraine",
        "geonameid": 690791,
        "lat": ukraine_point[0],
        "lon": ukraine_point[1],
        "country": "UKR",
    }
    row = dict(
        zip(EVENT_COLUMNS, event_row(StoredEvent(**{**_fields(event), "record": record})), strict=True)
    )
    assert (
        row["Actor1Code"],
        row["Actor1CountryCode"],
        row["Actor1KnownGroupCode"],
        row["Actor1Type1Code"],
    ) == ("IGOUNO", "", "UNO", "IGO")
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"], row["ActionGeo_FeatureID"]) == (
        "1",
        "UP",
        "UP",
    )


def _fields(event: StoredEvent) -> dict[str, object]:
    return {name: getattr(event, name) for name in StoredEvent.__slots__}  # type: ignore[attr-defined]


def test_gdelt_fields_never_hold_tabs_or_newlines(sample: tuple[Store, dict[str, str], str]) -> None:
    event = find_events(sample[0], EventQuery(types=("ASSAULT",)))[0]
    record = dict(event.record)
    record["source"] = [{"text": "x", "start": 0, "end": 1, "name": "Tab\there\nand there", "country": "RUS"}]
    row = event_row(StoredEvent(**{**_fields(event), "record": record}))
    assert len(row) == 61 and all("\t" not in field and "\n" not in field for field in row)
    assert row[EVENT_COLUMNS.index("Actor1Name")] == "TAB HERE AND THERE"


def test_gdelt_tables_cover_every_country_and_fips_codes_are_unique() -> None:
    tables = GdeltTables.load()
    fips = list(tables.iso3_fips.values())
    assert len(fips) == len(set(fips))
    assert all(len(code) == 2 and code.isupper() for code in fips)
    assert (
        tables.iso3_fips["DEU"] == "GM"
        and tables.iso3_fips["GBR"] == "UK"
        and tables.iso3_fips["USA"] == "US"
    )
    assert set(tables.iso3_fips) <= set(tables.country_points)
    assert sorted(tables.root_quad_class) == [f"{n:02d}" for n in range(1, 21)]


def test_export_to_a_missing_folder_is_an_error_naming_it(
    sample: tuple[Store, dict[str, str], str], tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export(sample, "csv", tmp_path / "missing" / "x.csv")
    with pytest.raises(ExportError, match="unknown export format"):
        export(sample, "xlsx", tmp_path / "x.xlsx")


@pytest.mark.parametrize(("fmt", "files"), [("plover-jsonl", 1), ("csv", 1), ("parquet", 1), ("gdelt", 2)])
def test_export_command_writes_each_format_with_the_event_filters(
    sample: tuple[Store, dict[str, str], str], tmp_path: Path, fmt: str, files: int
) -> None:
    output = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--db",
            str(sample[2]),
            "--format",
            fmt,
            "--output",
            str(output),
            "--place-country",
            "UKR",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "2 events exported" in result.stdout
    assert len(list(tmp_path.iterdir())) == files


def test_export_command_errors(sample: tuple[Store, dict[str, str], str], tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(
        main, ["export", "--db", str(sample[2]), "--format", "csv", "-o", str(tmp_path / "no" / "x.csv")]
    )
    assert missing.exit_code == 1 and "does not exist" in missing.stderr
    bad_date = runner.invoke(
        main,
        [
            "export",
            "--db",
            str(sample[2]),
            "--format",
            "csv",
            "-o",
            str(tmp_path / "x.csv"),
            "--since",
            "2024-02-30",
        ],
    )
    assert bad_date.exit_code == 2 and "--since" in bad_date.stderr
    no_format = runner.invoke(main, ["export", "--db", str(sample[2]), "-o", str(tmp_path / "x.csv")])
    assert no_format.exit_code == 2 and "--format" in no_format.stderr

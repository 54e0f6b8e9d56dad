"""`eventwire browse` (docs/store.md, "Ad-hoc SQL"): the SQLite store in Datasette with described tables
and canned queries, on the sample store whose contents tests/fixtures/queries/sample_store.py lists."""

from __future__ import annotations

import asyncio
import concurrent.futures
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.store import Store
from eventwire.store.datasette import HIDDEN, QUERIES, TABLES, metadata
from eventwire.store.queries import EventQuery, iter_events
from fixtures.queries import sample_store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("browse") / "sample.db"
    store, _ = sample_store.build(path)
    store.close()
    yield path


def _get(path: Path, address: str) -> Any:
    from datasette.app import Datasette

    async def fetch() -> Any:
        datasette = Datasette([str(path)], metadata=metadata(path.stem))
        response = await datasette.client.get(address)
        assert response.status_code == 200, (address, response.text[:500])
        return response.json() if ".json" in address else response.text

    # In a thread of its own: the page tests' Playwright keeps an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, fetch()).result()


def _event_ids(store_path: Path, source: str, target: str) -> set[str]:
    with Store.open(store_path) as store:
        return {event.event_id for event in iter_events(store, EventQuery())
                if any(actor.get("country") == source for actor in event.record["source"])
                and any(actor.get("country") == target for actor in event.record["target"])}


def test_the_analysts_tables_are_described_and_the_bookkeeping_hidden(store_path: Path) -> None:
    database = _get(store_path, f"/{store_path.stem}.json")
    shown = {table["name"] for table in database["tables"] if not table["hidden"]}
    assert shown == set(TABLES)
    assert {table["name"] for table in database["tables"] if table["hidden"]} >= {"schema_migrations",
                                                                                  "article_bands"}
    assert set(HIDDEN).isdisjoint(shown)
    page = _get(store_path, f"/{store_path.stem}/events")
    assert "The full PLOVER record" in page  # the table's description
    assert "Calibrated probability that the record is a real event" in page  # a column's description


def test_every_described_column_exists(store_path: Path) -> None:
    # A description of a column the schema does not have would describe nothing: fail on a rename.
    for table, (_, columns) in TABLES.items():
        found = _get(store_path, f"/{store_path.stem}/{table}.json?_size=1")["columns"]
        assert set(columns) <= set(found), (table, set(columns) - set(found))


@pytest.mark.parametrize(("source", "target"),
                         [("UKR", "RUS"), ("RUS", "UKR"), ("ISR", "PSE"), ("USA", "IRN")])
def test_events_by_dyad_gives_exactly_the_events_between_the_two(store_path: Path, source: str,
                                                                 target: str) -> None:
    rows = _get(store_path, f"/{store_path.stem}/events_by_dyad.json?source_country={source.lower()}"
                            f"&target_country={target}&_shape=array")
    assert {row["event_id"] for row in rows} == _event_ids(store_path, source, target)
    assert all(row["sentence"] for row in rows)
    dates = [row["date_start"] for row in rows]
    assert dates == sorted(dates, reverse=True)


def test_actor_timeline_finds_an_actor_by_name_or_phrase_in_date_order(store_path: Path) -> None:
    rows = _get(store_path, f"/{store_path.stem}/actor_timeline.json?actor=Russia&_shape=array")
    with Store.open(store_path) as store:
        expected = {event.event_id for event in iter_events(store, EventQuery())
                    if any("Russia" in (actor.get("name") or "") or "Russia" in actor["text"]
                           for actor in event.record["source"] + event.record["target"])}
    assert {row["event_id"] for row in rows} == expected and expected
    assert [row["date_start"] for row in rows] == sorted(row["date_start"] for row in rows)
    assert {row["role"] for row in rows} == {"source", "target"}


def test_clusters_lists_each_real_world_event_once(store_path: Path) -> None:
    rows = _get(store_path, f"/{store_path.stem}/clusters.json?_shape=array")
    with Store.open(store_path) as store:
        clustered = {event.record["event_id"] for event in iter_events(store, EventQuery())}
    assert rows and len({row["cluster_id"] for row in rows}) == len(rows)
    assert {row["cluster_id"] for row in rows} <= clustered
    assert set(QUERIES) == {"events_by_dyad", "clusters", "actor_timeline"}


def test_browse_refuses_what_datasette_cannot_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    postgres = runner.invoke(main, ["browse", "--db", "postgresql://user:secret@db.example/events"])
    assert postgres.exit_code == 1
    assert "not a SQLite store" in postgres.stderr and "secret" not in postgres.stderr
    missing = runner.invoke(main, ["browse", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no store at" in missing.stderr


def test_browse_without_datasette_says_how_to_install_it(store_path: Path, monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    monkeypatch.setitem(sys.modules, "datasette", None)  # as if the extra were not installed
    result = CliRunner().invoke(main, ["browse", "--db", str(store_path)])
    assert result.exit_code == 1
    assert "pip install 'eventwire[browse]'" in result.stderr


@pytest.fixture(scope="module")
def served(store_path: Path) -> Iterator[str]:
    """`eventwire browse` as a user starts it, on a free port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "browse", "--db", str(store_path),
                                "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{address}/-/versions.json", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"eventwire browse did not start: {output[-2000:]}")
                time.sleep(0.2)
        yield address
    finally:
        process.terminate()
        process.wait(10)


def test_the_command_serves_the_store_with_its_metadata(served: str, store_path: Path) -> None:
    home = httpx.get(served, timeout=10)
    assert home.status_code == 200 and "eventwire store" in home.text
    versions = httpx.get(f"{served}/-/metadata.json", timeout=10).json()
    assert versions["databases"][store_path.stem]["queries"].keys() == QUERIES.keys()
    refused = httpx.get(f"{served}/{store_path.stem}.json", timeout=10, params={"sql": "delete from events"})
    assert refused.status_code == 400 and "SELECT" in refused.text  # the store is read-only here
    with Store.open(store_path) as store:
        assert sum(1 for _ in iter_events(store, EventQuery())) == 7  # nothing was deleted


def test_a_canned_query_is_answered_from_its_form_in_a_browser(served: str, store_path: Path,
                                                              browser: Any) -> None:
    page = browser.new_page()  # the suite's one Chromium (tests/conftest.py)
    try:
        page.goto(f"{served}/{store_path.stem}/events_by_dyad")
        page.fill("input[name=source_country]", "UKR")
        page.fill("input[name=target_country]", "RUS")
        page.click("form.sql input[type=submit]")
        page.wait_for_selector("table.rows-and-columns tbody tr")
        ids = page.locator("table.rows-and-columns tbody td.col-event_id").all_inner_texts()
    finally:
        page.close()
    assert {text.strip() for text in ids} == _event_ids(store_path, "UKR", "RUS")

"""GET /api/export (the page's Download): for the same filters, the same bytes as `eventwire export`, in
every format, on the query tests' sample store; the file is streamed and nothing is left on disk.
Also how the page's bundle is served (gzip) and the fixed palette the page colours types with."""

from __future__ import annotations

import gzip
import http.client
import json
import logging
import tempfile
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventwire.api import create_app
from eventwire.cli import main
from eventwire.events.ontology import Ontology
from eventwire.web import DIST
from fixtures.queries import sample_store
from test_api_security import LiveServer

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note that httpx2 exists; httpx 0.28 works
    from fastapi.testclient import TestClient

LOCAL = "http://127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent

# API query string -> the same filters as `eventwire export` options.
FILTERS: list[tuple[str, list[str]]] = [
    ("", []),
    ("type=ASSAULT", ["--type", "ASSAULT"]),
    ("actor_country=UKR&since=2022-01-01", ["--actor-country", "UKR", "--since", "2022-01-01"]),
    ("text=ceasefire", ["--text", "ceasefire"]),
    ("quad_class=3&quad_class=4", ["--quad-class", "3", "--quad-class", "4"]),
    ("type=PROTEST", ["--type", "PROTEST"]),  # nothing matches: an empty file, still the same
]
FORMATS = ["csv", "plover-jsonl", "gdelt", "gdelt-mentions", "parquet"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("download") / "events.db"
    sample_store.build(path)[0].close()
    return path


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(store_path)), base_url=LOCAL) as test_client:
        yield test_client


def cli_export(store_path: Path, fmt: str, options: list[str], folder: Path) -> bytes:
    base = "gdelt" if fmt == "gdelt-mentions" else fmt
    output = folder / "out.export.tsv"
    result = CliRunner().invoke(main, ["export", "--db", str(store_path), "--format", base, "-o", str(output),
                                       *options])
    assert result.exit_code == 0, result.output
    return (folder / "out.mentions.tsv" if fmt == "gdelt-mentions" else output).read_bytes()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("query", "options"), FILTERS)
def test_the_download_is_what_eventwire_export_writes_for_the_same_filters(
        client: TestClient, store_path: Path, tmp_path: Path, fmt: str, query: str, options: list[str],
) -> None:
    response = client.get(f"/api/export?format={fmt}" + (f"&{query}" if query else ""))
    assert response.status_code == 200, response.text
    expected = cli_export(store_path, fmt, options, tmp_path)
    assert response.content == expected
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    if fmt == "parquet":  # written whole first, so its size and counts are known before it is sent
        assert int(response.headers["content-length"]) == len(expected)
        assert response.headers["x-eventwire-left-out"] == "0"
    else:  # streamed while it is written: no length known in advance
        assert "content-length" not in response.headers
        lines = [line for line in response.text.splitlines() if line]
        mentions = client.get("/api/events?limit=0" + (f"&{query}" if query else "")).json()["total"]
        rows = {"csv": mentions + 1, "plover-jsonl": mentions, "gdelt-mentions": mentions}
        if fmt in rows:  # each format's rows are the selection's events (the GDELT event table: clusters)
            assert len(lines) == rows[fmt]


def test_the_jsonl_download_holds_the_records_the_events_page_shows(client: TestClient) -> None:
    records = [json.loads(line) for line in
               client.get("/api/export?format=plover-jsonl&actor_country=UKR").text.splitlines()]
    page = client.get("/api/events?actor_country=UKR&limit=500").json()["items"]
    assert records == page and records


def test_download_formats_and_filters_are_checked(client: TestClient) -> None:
    assert client.get("/api/export").status_code == 400
    bad = client.get("/api/export?format=xlsx")
    assert bad.status_code == 400 and bad.json()["error"]["parameter"] == "format"
    assert client.get("/api/export?format=csv&since=2024-02-30").json()["error"]["parameter"] == "since"
    assert client.get("/api/export?format=csv&limit=5").json()["error"]["parameter"] == "limit"


def test_a_download_leaves_nothing_on_disk(client: TestClient, monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for fmt in FORMATS:
        assert client.get(f"/api/export?format={fmt}").status_code == 200
    assert list(tmp_path.iterdir()) == []


def _slow_events(real: Any, gate: threading.Event, before_gate: int) -> Any:
    """iter_events that yields `before_gate` copies of the store's first event, then waits for the gate."""
    def events(store: Any, query: Any, newest_first: bool = False) -> Iterator[Any]:
        first = next(iter(real(store, query)))
        for _ in range(before_gate):
            yield first
        assert gate.wait(20), "the test never opened the gate"
        yield first
    return events


def test_the_download_is_streamed_while_the_export_is_still_being_written(
        store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.store import queries

    gate = threading.Event()
    monkeypatch.setattr(queries, "iter_events", _slow_events(queries.iter_events, gate, 400))
    with LiveServer(create_app(str(store_path))) as live:
        connection = http.client.HTTPConnection("127.0.0.1", live.port, timeout=20)
        connection.request("GET", "/api/export?format=plover-jsonl")
        response = connection.getresponse()
        assert response.status == 200
        # 400 records (~400 kB) arrive while the exporter still waits for its last event.
        first = response.read1(64 * 1024)
        assert first.startswith(b'{"event_id": ') and not gate.is_set()
        gate.set()
        rest = response.read()
        connection.close()
    assert len((first + rest).splitlines()) == 401


def test_a_client_that_goes_away_stops_the_export_and_frees_its_slot(
        store_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    from eventwire.api import download
    from eventwire.store import queries

    caplog.set_level(logging.INFO, logger="eventwire.api")
    gate = threading.Event()
    monkeypatch.setattr(queries, "iter_events", _slow_events(queries.iter_events, gate, 2000))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with LiveServer(create_app(str(store_path))) as live:
        for _ in range(download.MAX_DOWNLOADS + 1):  # more than the slots: each must have been freed
            connection = http.client.HTTPConnection("127.0.0.1", live.port, timeout=20)
            connection.request("GET", "/api/export?format=csv")
            response = connection.getresponse()
            assert response.status == 200 and response.read1(1024)
            connection.close()  # gone half-way, the exporter blocked on a full pipe
            gate.set()
            deadline = time.monotonic() + 20
            while any(t.name == "eventwire-download" for t in threading.enumerate()):
                assert time.monotonic() < deadline, "the exporter thread did not end"
                time.sleep(0.05)
            gate.clear()
    assert list(tmp_path.iterdir()) == []
    # Stopped at its next event, not run to the end for nobody.
    assert caplog.text.count("the client went away") == download.MAX_DOWNLOADS + 1


def test_an_export_that_fails_half_way_aborts_the_answer(
        store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.store import queries

    real = queries.iter_events

    def failing(store: Any, query: Any, newest_first: bool = False) -> Iterator[Any]:
        first = next(iter(real(store, query)))
        for _ in range(300):
            yield first
        raise RuntimeError("the database went away")

    monkeypatch.setattr(queries, "iter_events", failing)
    with LiveServer(create_app(str(store_path))) as live:
        connection = http.client.HTTPConnection("127.0.0.1", live.port, timeout=20)
        connection.request("GET", "/api/export?format=plover-jsonl")
        response = connection.getresponse()
        assert response.status == 200  # sent before the failure
        # No final chunk: the client sees a cut answer, never a complete-looking file.
        with pytest.raises(http.client.IncompleteRead):
            response.read()
        connection.close()


# --- the bundle, compressed ------------------------------------------------------------------------------

def test_the_bundle_is_served_gzipped_to_clients_that_accept_it(client: TestClient) -> None:
    for name, media in (("app.js", "text/javascript"), ("style.css", "text/css")):
        plain = (DIST / name).read_bytes()
        with client.stream("GET", f"/ui/{name}", headers={"Accept-Encoding": "gzip, deflate"}) as response:
            raw = b"".join(response.iter_raw())
        assert response.headers["content-encoding"] == "gzip"
        assert response.headers["content-type"].startswith(media)
        assert "accept-encoding" in response.headers["vary"].lower()
        assert gzip.decompress(raw) == plain and len(raw) < len(plain) / 2
        identity = client.get(f"/ui/{name}", headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in identity.headers and identity.content == plain
        refused = client.get(f"/ui/{name}", headers={"Accept-Encoding": "gzip;q=0"})
        assert "content-encoding" not in refused.headers
    assert client.get("/ui/app.js.gz").status_code == 404


# --- unknown paths ----------------------------------------------------------------------------------------

def test_unknown_page_paths_get_the_page_with_404_and_api_paths_keep_json(client: TestClient) -> None:
    for path in ("/no/such/page", "/article", "/events.php"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        assert response.text == (DIST / "index.html").read_text(encoding="utf-8")
        assert "default-src 'none'" in response.headers["content-security-policy"]
    for path in ("/api/nothing", "/ui/nothing.js", "/api/events/no-such-event"):
        response = client.get(path)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert client.post("/no/such/page").headers["content-type"] == "application/json"


# --- the palette ------------------------------------------------------------------------------------------

def test_every_type_and_quad_class_has_one_fixed_colour_kept_apart_for_colour_blind_readers() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("palette_tool", ROOT / "frontend" / "tools" / "palette.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    palette = json.loads((ROOT / "frontend" / "src" / "palette.json").read_text(encoding="utf-8"))
    types = {name: colour for name, colour in palette["types"].items() if name != "-"}
    assert set(types) == set(Ontology.load().types)
    assert len(set(types.values())) == len(types)
    # The smallest difference between two type colours, in normal vision or any simulated dichromacy.
    assert tool.min_distance(list(types.values())) >= 15
    quads = [palette["quad_classes"][q] for q in ("1", "2", "3", "4")]
    assert tool.min_distance(quads) >= 15
    # Cooperation types look cooperative, conflict types conflictual (hue family), as the tool promises.
    for plover in Ontology.load().types.values():
        assert tool._fits(types[plover.name], plover.quad_class <= 2), plover.name
    # The file is what the tool writes (nobody edited a colour by hand).
    assert tool.choose(*tool.type_order()) == types

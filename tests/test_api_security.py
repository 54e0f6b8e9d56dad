"""The API's second round of security defaults (issue #18): only its own host names are answered (DNS
rebinding), request headers are capped (431), HEAD is answered on every GET route, the ingest token never
reaches the access log or an error message, ingest refuses an unreadable `published`, and the page's
bundle is served without source maps. Some run against a real uvicorn server, as `eventwire serve` runs."""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.routing import APIRoute

from eventwire.api import ApiSettings, create_app
from eventwire.api.middleware import MAX_HEADER_BYTES, host_name
from eventwire.cli import main
from eventwire.web import DIST
from fixtures.coders import StruckCoder
from fixtures.queries import sample_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note that httpx2 exists; httpx 0.28 works
    from fastapi.testclient import TestClient

TOKEN = "security-test-token-4f2a9c0d1e"
LOCAL = "http://127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("security") / "events.db"
    store, _ = sample_store.build(path)
    store.close()
    return path


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(store_path)), base_url=LOCAL) as test_client:
        yield test_client


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveServer:
    """The app under uvicorn on a loopback port, with uvicorn's own access log switched on."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="info",
                                                    access_log=True))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)

    def request(self, method: str, path: str, headers: dict[str, str] | None = None,
                body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            # skip_host: the test sets the Host header itself when it wants another one.
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            for name, value in {"Host": f"127.0.0.1:{self.port}", **(headers or {})}.items():
                connection.putheader(name, value)
            if body is not None:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()


# --- Host names (DNS rebinding) ---------------------------------------------------------------------------

@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example",
                                  "localhost.evil.example", "[::2]:8000", "0.0.0.0:8000", ""])
def test_a_request_naming_another_host_is_refused(client: TestClient, host: str) -> None:
    for path in ("/api/events", "/", "/ui/app.js", "/health"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 400, (host, path, response.text)
        error = response.json()["error"]
        assert error["parameter"] == "Host" and "--allow-host" in error["message"]
        assert response.headers["x-content-type-options"] == "nosniff"
        if host:
            assert host not in response.text  # the refused name is not echoed


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost", "LOCALHOST:8000", "[::1]",
                                  "[::1]:8000"])
def test_loopback_host_names_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/api/events?limit=1", headers={"Host": host}).status_code == 200


def test_allowed_hosts_come_from_serve_options(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    apps: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: apps.append(app))
    result = CliRunner().invoke(main, ["serve", "--db", str(store_path), "--host", "::1",
                                       "--allow-host", "events.example.org", "--allow-host", "10.0.0.7"])
    assert result.exit_code == 0, result.output
    with TestClient(apps[0], base_url=LOCAL) as served:
        for host in ("events.example.org", "events.example.org:8443", "10.0.0.7:8000", "[::1]:8000",
                     "localhost"):
            assert served.get("/health", headers={"Host": host}).status_code == 200, host
        assert served.get("/health", headers={"Host": "other.example.org"}).status_code == 400
    # A wildcard address is no name anyone uses: binding it adds nothing, and serve says how to add names.
    apps.clear()
    wildcard = CliRunner().invoke(main, ["serve", "--db", str(store_path), "--host", "0.0.0.0"])
    assert "--allow-host" in wildcard.output
    with TestClient(apps[0], base_url=LOCAL) as served:
        assert served.get("/health", headers={"Host": "0.0.0.0:8000"}).status_code == 400
        assert served.get("/health", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_host_names_are_compared_by_name_only() -> None:
    assert host_name("LocalHost:8000") == "localhost"
    assert host_name("[::1]:8000") == "[::1]" and host_name("::1") == "[::1]"
    assert host_name("127.0.0.1") == "127.0.0.1"


def test_a_real_server_refuses_a_rebound_name(store_path: Path) -> None:
    with LiveServer(create_app(str(store_path))) as live:
        status, _, body = live.request("GET", "/api/summary", {"Host": f"rebind.evil.example:{live.port}"})
        assert status == 400 and b"rebind" not in body
        status, _, body = live.request("GET", "/api/summary", {"Host": f"localhost:{live.port}"})
        assert status == 200 and json.loads(body)["events"] > 0


# --- header size ----------------------------------------------------------------------------------------

def test_oversized_request_headers_are_431(client: TestClient) -> None:
    assert client.get("/health", headers={"X-Filler": "a" * (MAX_HEADER_BYTES - 200)}).status_code == 200
    response = client.get("/health", headers={"X-Filler": "a" * (MAX_HEADER_BYTES + 1)})
    assert response.status_code == 431
    assert response.json()["error"]["code"] == "headers_too_large"
    # Many small headers count together.
    many = {f"X-Part-{i}": "b" * 100 for i in range(MAX_HEADER_BYTES // 100)}
    assert client.get("/health", headers=many).status_code == 431


def test_a_real_server_answers_oversized_headers_with_431(store_path: Path) -> None:
    with LiveServer(create_app(str(store_path), settings=ApiSettings(max_header_bytes=4096))) as live:
        status, _, body = live.request("GET", "/health", {"Cookie": "c=" + "x" * 6000})
        assert status == 431 and json.loads(body)["error"]["status"] == 431
        assert live.request("GET", "/health", {"Cookie": "c=" + "x" * 3000})[0] == 200


# --- HEAD -----------------------------------------------------------------------------------------------

def _get_paths(app: Any, ids: dict[str, str]) -> list[str]:
    # The API's routes as /openapi.json lists them (FastAPI keeps an included router's routes inside it,
    # not in app.routes), and the routes added to the app itself that the schema leaves out (the page's,
    # /docs).
    templates = [path for path, methods in app.openapi()["paths"].items() if "get" in methods]
    templates += [route.path for route in app.routes if isinstance(route, APIRoute) and "GET" in route.methods
                  and not route.include_in_schema]
    return [re.sub(r"{(\w+)(?::path)?}", lambda match: ids[match.group(1)], path) for path in templates]


def test_head_is_answered_on_every_get_route_with_the_get_headers_and_no_body(store_path: Path) -> None:
    app = create_app(str(store_path))
    with TestClient(app, base_url=LOCAL) as test_client:
        event = test_client.get("/api/events?limit=1").json()["items"][0]
        ids = {"event_id": event["event_id"], "article_id": event["article"]["id"], "actor_id": "ew:UKR",
               "cluster_id": event["event_id"]}
        paths = _get_paths(app, ids)
        assert len(paths) >= 15  # every API route and the page's routes
        for path in [*paths, "/api/export?format=csv", "/ui/app.js", "/no/such/page"]:
            get = test_client.get(path)
            head = test_client.head(path)
            assert head.status_code == get.status_code != 405, path
            assert head.content == b"", path
            assert head.headers["content-type"] == get.headers["content-type"], path
            if "content-length" in get.headers and not path.startswith("/api/export"):
                assert head.headers["content-length"] == get.headers["content-length"], path
        # The export answers HEAD with its headers without writing the file.
        head = test_client.head("/api/export?format=gdelt")
        assert head.headers["content-disposition"] == 'attachment; filename="eventwire.export.tsv"'
        assert "x-eventwire-events" not in head.headers
        # Not a GET route: still refused.
        assert test_client.head("/api/ingest").status_code in (404, 405)


def test_a_real_server_answers_head_without_a_body(store_path: Path) -> None:
    with LiveServer(create_app(str(store_path))) as live:
        status, headers, body = live.request("HEAD", "/api/events?limit=2")
        assert status == 200 and body == b"" and int(headers["content-length"]) > 100


# --- the ingest token -----------------------------------------------------------------------------------

def test_the_token_never_reaches_the_access_log_or_an_error_message(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "events.db"
    sample_store.build(path)[0].close()
    app = create_app(str(path), token=TOKEN, settings=ApiSettings(load_coder=StruckCoder))
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    bodies: list[bytes] = []
    with LiveServer(app) as live:
        good = json.dumps({"records": [{"id": "t1", "text": "Troops struck a depot.",
                                        "published": "2024-03-05"}]}).encode()
        status, _, body = live.request("POST", "/api/ingest", auth, good)
        assert status == 200, body
        for method, target, headers, payload in [
            ("POST", f"/api/ingest?token={TOKEN}", auth, good),  # a token put in the URL
            ("GET", f"/api/events?text={TOKEN}", {}, None),
            ("GET", f"/api/events?since={TOKEN}", {}, None),  # echoed by the error message
            ("GET", f"/api/events/{TOKEN}", {}, None),  # and by the 404
            ("GET", f"/no/such/{TOKEN}", {}, None),
            ("POST", "/api/ingest", auth, json.dumps({"records": [{"text": "x", "title": TOKEN,
                                                                   "published": TOKEN}]}).encode()),
            ("POST", "/api/ingest", {"Authorization": f"Bearer {TOKEN}x"}, good),  # a wrong token
        ]:
            status, _, body = live.request(method, target, headers, payload)
            assert status in ((200,) if "text=" in target else (400, 401, 404, 422)), (target, status, body)
            bodies.append(body)
    logged = "".join(capfd.readouterr())
    assert "/api/ingest?token=[token]" in logged  # the access log was written, with the token blanked
    assert "/api/events?since=[token]" in logged
    assert TOKEN not in logged
    for body in bodies:
        assert TOKEN.encode() not in body, body
    assert any(b"[token]" in body for body in bodies)


# --- ingest: publication times --------------------------------------------------------------------------

@pytest.mark.parametrize("published", ["yesterday", "2024-13-05", "05/03/2024", "2024-03-05T25:00:00Z",
                                       "last Tuesday"])
def test_ingest_refuses_an_unreadable_published_naming_the_record(tmp_path: Path, published: str) -> None:
    path = tmp_path / "events.db"
    sample_store.build(path)[0].close()
    records = [{"id": "ok-1", "text": "Troops struck a depot.", "published": "2024-03-05"},
               {"id": "bad-2", "text": "Talks resumed.", "published": published}]
    app = create_app(str(path), token=TOKEN, settings=ApiSettings(load_coder=StruckCoder))
    with TestClient(app, base_url=LOCAL) as test_client:
        before = test_client.get("/api/articles?limit=0").json()["total"]
        response = test_client.post("/api/ingest", json={"records": records},
                                    headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 422, response.text
        error = response.json()["error"]
        assert error["parameter"] == "body"
        assert "record 1 (id 'bad-2')" in error["message"] and repr(published) in error["message"]
        # Nothing was stored, not even the good record before it.
        assert test_client.get("/api/articles?limit=0").json()["total"] == before


@pytest.mark.parametrize("published", ["2024-03-05", "2024-03-05T10:20:00Z", "2024-03-05T10:20:00+02:00",
                                       "Tue, 05 Mar 2024 10:20:00 GMT", ""])
def test_ingest_accepts_readable_publication_times(tmp_path: Path, published: str) -> None:
    path = tmp_path / "events.db"
    sample_store.build(path)[0].close()
    app = create_app(str(path), token=TOKEN, settings=ApiSettings(load_coder=StruckCoder))
    with TestClient(app, base_url=LOCAL) as test_client:
        response = test_client.post("/api/ingest", json={"records": [
            {"id": "r", "text": "Troops struck a depot.", "published": published}]},
            headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200, response.text
        assert response.json()["new"] == 1


# --- source maps ----------------------------------------------------------------------------------------

def test_the_default_build_writes_no_source_map_and_none_is_served(client: TestClient) -> None:
    build = (ROOT / "frontend" / "build.mjs").read_text(encoding="utf-8")
    assert re.search(r"sourcemap\s*=\s*process\.env\.EVENTWIRE_SOURCEMAP === \"1\"", build)
    assert "sourcemapping" not in (DIST / "app.js").read_text(encoding="utf-8").lower()[-300:]
    assert not list(DIST.glob("*.map")), "the built bundle holds source maps: rebuild without them"
    # A debugging build's map, were it there, is not served either.
    stray = DIST / "app.js.map"
    stray.write_text("{}", encoding="utf-8")
    try:
        assert client.get("/ui/app.js.map").status_code == 404
    finally:
        stray.unlink()

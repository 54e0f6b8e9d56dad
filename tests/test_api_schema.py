"""The API against its own OpenAPI schema (schemathesis, in-process over ASGI: no network), and filter
values that try to be SQL.

Schemathesis generates requests for every operation in /openapi.json, schema-valid ones and ones that
break the schema, with a fixed seed (derandomize) and a bounded number of examples, and checks each
response: no 5xx, a documented status code, the documented content type, headers and body shape, schema-
breaking requests refused with 4xx, unsupported methods answered 405, and ingest refusing requests without
its token. `positive_data_acceptance` is left out on purpose: filter values are checked against the
store's vocabularies and across parameters (`since` after `until`, `radius` without `near`, a `text` with
no word), which OpenAPI cannot express, so a schema-valid request may rightly be a 400.
"""

from __future__ import annotations

import sqlite3
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks as st_checks
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.modes import GenerationMode

from eventwire.api import ApiSettings, create_app
from eventwire.api.middleware import LOOPBACK_HOSTS
from eventwire.store import Store
from fixtures.coders import StruckCoder
from fixtures.queries import sample_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note that httpx2 exists; httpx 0.28 works
    from fastapi.testclient import TestClient

TOKEN = "schema-test-token-0123456789"
# The API answers only its own host names (DNS rebinding defence), not TestClient's "testserver".
LOCAL = "http://127.0.0.1"
EXAMPLES_PER_OPERATION = 25
SAMPLE_EVENTS = 7


SAMPLE = sample_store


def _unlimited(**overrides: Any) -> ApiSettings:
    # Thousands of requests from one client in seconds: the rate limit would answer 429 to most of them
    # (it has its own test in test_api.py). schemathesis' in-process client names itself "testserver" in
    # its Host header: allowed here as `--allow-host testserver` would (test_api_security.py tests the rule).
    return ApiSettings(rate_per_second=1e9, rate_burst=10**9, load_coder=StruckCoder,
                       allowed_hosts=LOOPBACK_HOSTS | {"testserver"}, **overrides)


def _build_sample_store(folder: Path) -> Path:
    path = folder / "events.db"
    store, _ = SAMPLE.build(path)
    store.close()
    return path


# Built at import: schemathesis needs the schema when pytest collects the tests (its fixture-based loader,
# schemathesis.pytest.from_fixture, fails on pytest 9: "'Function' object has no attribute '_nodeid'").
_STORE_FOLDER = tempfile.TemporaryDirectory(prefix="eventwire-api-schema-")
SCHEMA_STORE = _build_sample_store(Path(_STORE_FOLDER.name))
schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(str(SCHEMA_STORE), token=TOKEN, settings=_unlimited()))
schema.config.generation.update(modes=list(GenerationMode), max_examples=EXAMPLES_PER_OPERATION)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The SQL tests get a store of their own: schemathesis' ingest requests add articles to SCHEMA_STORE.
    return _build_sample_store(tmp_path_factory.mktemp("api_schema"))


CHECKS = [
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_schema_conformance,
    st_checks.response_headers_conformance,
    st_checks.negative_data_rejection,
    st_checks.missing_required_header,
    st_checks.unsupported_method,
    st_checks.ignored_auth,
]


def _free_text_query_parameters(document: dict[str, Any]) -> dict[str, set[str]]:
    """Per path, the query parameters that accept any string (or list of strings)."""
    free: dict[str, set[str]] = {}
    for path, operations in document["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                options = parameter["schema"].get("anyOf", [parameter["schema"]])
                options = [option for option in options if option.get("type") != "null"]
                if parameter["in"] == "query" and len(options) == 1:
                    option = options[0]
                    text = option.get("items", {}) if option.get("type") == "array" else option
                    if text.keys() <= {"type", "title", "description"} and text.get("type") == "string":
                        free.setdefault(path, set()).add(parameter["name"])
    return free


FREE_TEXT_QUERY = _free_text_query_parameters(schema.raw_schema)


def _required_query_parameters(document: dict[str, Any]) -> dict[str, set[str]]:
    return {path: {parameter["name"] for operation in operations.values()
                   for parameter in operation.get("parameters", [])
                   if parameter["in"] == "query" and parameter.get("required")}
            for path, operations in document["paths"].items()}


# Every case sends these (e.g. /api/export's format). Left out of the comparison below: when one of them
# is the mutated parameter, it is checked (a pattern or enum) and the request refused anyway.
REQUIRED_QUERY = _required_query_parameters(schema.raw_schema)


def _negative_only_where_the_wire_cannot_show_it(case: Any) -> bool:
    """A "negative" query that mutated only free-text parameters (e.g. actor=[True, 25591]) is sent as
    actor=true&actor=25591: valid strings, rightly accepted. Schemathesis flags some of these (seen in
    4.32.5 for list parameters declared `anyOf: [array of string, null]`)."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_negative:
        return False
    negative = {location for location, component in meta.components.items() if component.mode.is_negative}
    sent = set(case.query or {}) - REQUIRED_QUERY.get(case.path, set())
    free_text = FREE_TEXT_QUERY.get(case.path, set())
    return negative == {ParameterLocation.QUERY} and bool(sent) and sent <= free_text


@schema.parametrize()
@settings(derandomize=True, database=None, deadline=None, max_examples=EXAMPLES_PER_OPERATION,
          suppress_health_check=list(HealthCheck))
def test_every_operation_conforms_to_the_openapi_schema(case: Any) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"} if case.path == "/api/ingest" else None
    checks = CHECKS
    if _negative_only_where_the_wire_cannot_show_it(case):
        checks = [check for check in CHECKS if check is not st_checks.negative_data_rejection]
    case.call_and_validate(headers=headers, checks=checks)


def test_the_schema_documents_the_error_shape_and_no_unreachable_422(store_path: Path) -> None:
    with TestClient(base_url=LOCAL,
                    app=create_app(str(store_path), token=TOKEN, settings=_unlimited())) as client:
        document = client.get("/openapi.json").json()
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            responses = operation["responses"]
            for status in ("400", "429", "500"):
                assert responses[status]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/ErrorOut"}, (method, path, status)
            # Only a request body can be a 422 (bad_body); a bad query parameter is a 400.
            assert ("422" in responses) == (path == "/api/ingest"), (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)


# --- filter values that try to be SQL --------------------------------------------------------------------

MARK = "zq9ewmark"
PAYLOADS = [
    f"{MARK}' OR '1'='1",
    f"{MARK}'; DROP TABLE events; --",
    f'{MARK}" OR ""="',
    f"{MARK}) UNION SELECT record FROM events --",
    f"{MARK}%' AND 1=1 --",
    f"{MARK}\\'; DELETE FROM articles; --",
    f"{MARK}* NEAR(x y) OR events_fts MATCH '*'",
]
# Every query parameter of /api/events, stats and the detail routes, with where it goes.
STRING_FILTERS = ["actor", "actor_country", "actor_sector", "role", "type", "mode", "factuality", "cameo",
                  "since", "until", "place_country", "near", "outlet", "text"]
NUMBER_FILTERS = ["quad_class", "radius", "min_confidence", "limit", "offset"]
EVENT_ENDPOINTS = ["/api/events", "/api/stats/counts", "/api/stats/intensity", "/api/stats/dyads"]
DETAIL_PATHS = ["/api/events/{}", "/api/articles/{}", "/api/actors/{}", "/api/clusters/{}"]
# Filters whose value reaches SQL as a bound parameter (the others are refused by validation first).
REACHES_SQL = {"actor", "actor_country", "actor_sector", "mode", "outlet", "text"}


class RecordingConnection:
    """A sqlite3 connection that remembers every statement and its parameters."""

    def __init__(self, connection: sqlite3.Connection, log: list[tuple[str, tuple[Any, ...]]]) -> None:
        self._connection = connection
        self._log = log

    def execute(self, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
        self._log.append((sql, tuple(parameters)))
        return self._connection.execute(sql, parameters)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


@pytest.fixture
def recorded(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, list[Any]]]:
    log: list[tuple[str, tuple[Any, ...]]] = []
    # Every statement of every Store the app opens (the query layer's and the Store methods' own).
    original_init = Store.__init__

    def recording_init(store: Store, connection: sqlite3.Connection, *args: Any) -> None:
        original_init(store, RecordingConnection(connection, log), *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "__init__", recording_init)
    with TestClient(base_url=LOCAL, app=create_app(str(store_path), settings=_unlimited()),
                    raise_server_exceptions=False) as client:
        yield client, log


def _assert_never_in_sql(log: list[tuple[str, tuple[Any, ...]]]) -> None:
    for sql, _ in log:
        assert MARK not in sql.lower(), f"a request value was formatted into SQL: {sql}"


@pytest.mark.parametrize("endpoint", EVENT_ENDPOINTS)
def test_sql_in_any_filter_is_a_value_or_a_400_never_sql(recorded: tuple[Any, list[Any]],
                                                         endpoint: str) -> None:
    client, log = recorded
    for parameter in STRING_FILTERS + NUMBER_FILTERS:
        if endpoint != "/api/events" and parameter in ("limit", "offset"):
            continue
        for payload in PAYLOADS:
            log.clear()
            response = client.get(endpoint, params={parameter: payload})
            assert response.status_code in (200, 400), (parameter, payload, response.text)
            body = response.json()
            if response.status_code == 400:
                assert body["error"]["code"] == "bad_parameter"
                assert body["error"]["parameter"] in (parameter, "actor_role"), (parameter, body)
                continue
            # Accepted: it was searched for as a value, which no stored event has.
            assert parameter in REACHES_SQL, (parameter, payload, body)
            assert all(not value for key, value in body.items() if isinstance(value, list)), body
            if "total" in body:
                assert body["total"] == 0
            _assert_never_in_sql(log)
            bound = [value for _, params in log for value in params if isinstance(value, str)]
            # lower(): country and sector codes are upper-cased before they are bound
            assert any(MARK in value.lower() for value in bound), (parameter, payload, log)
    log.clear()
    assert client.get("/api/events?limit=0").json()["total"] == SAMPLE_EVENTS


def test_sql_in_a_path_is_a_404_never_sql(recorded: tuple[Any, list[Any]]) -> None:
    client, log = recorded
    for template in DETAIL_PATHS:
        for payload in PAYLOADS:
            log.clear()
            response = client.get(template.format(payload.replace("/", " ")))
            assert response.status_code == 404, (template, payload, response.text)
            assert response.json()["error"]["code"] == "not_found"
            _assert_never_in_sql(log)
            assert any(MARK in str(value).lower() for _, params in log for value in params), (template, log)
    assert client.get("/api/summary").json()["events"] == SAMPLE_EVENTS


def test_sql_of_an_accepted_filter_does_not_change_what_other_filters_match(
    recorded: tuple[Any, list[Any]]
) -> None:
    client, log = recorded
    # An injection that worked would widen the match ('1'='1') or end the statement early.
    for payload in PAYLOADS:
        log.clear()
        widened = client.get("/api/events", params={"type": "ASSAULT", "outlet": ["Dnipro Ledger", payload]})
        assert widened.status_code == 200
        assert [item["type"] for item in widened.json()["items"]] == ["ASSAULT"]
        _assert_never_in_sql(log)


# --- event pages copied through as stored JSON (api/pages.py) --------------------------------------------

@pytest.mark.parametrize("query", [
    {}, {"limit": 3}, {"limit": 2, "offset": 3}, {"type": "ASSAULT"},
    {"actor_country": "RUS", "role": "source"}, {"since": "2022-02-25", "until": "2025-01-16"},
    {"near": "50.45,30.52", "radius": 1000}, {"text": "ceasefire"}, {"offset": 100}, {"limit": 0},
])
def test_an_event_page_holds_exactly_the_records_find_events_gives(store_path: Path,
                                                                    query: dict[str, Any]) -> None:
    from eventwire.api.params import _date, _near, _upper
    from eventwire.store.queries import EventQuery, count_events, find_events

    with TestClient(base_url=LOCAL, app=create_app(str(store_path), settings=_unlimited())) as client:
        response = client.get("/api/events", params=query)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    filters = EventQuery(
        types=_upper([query["type"]] if "type" in query else None),
        actor_countries=_upper([query["actor_country"]] if "actor_country" in query else None),
        actor_role=query.get("role", "any"), since=_date("since", query.get("since")),
        until=_date("until", query.get("until")),
        near=_near(query.get("near"), query.get("radius")), text=query.get("text"))
    limit, offset = query.get("limit", 50), query.get("offset", 0)
    with Store.open(store_path) as store:
        page = replace(filters, limit=limit, offset=offset)
        expected = [event.record for event in find_events(store, page)]
        total = count_events(store, filters)
    assert response.json() == {"total": total, "total_exact": True, "limit": limit, "offset": offset,
                               "items": expected if limit else []}

"""The HTTP API (eventwire.api, `eventwire serve`): every endpoint on a small known store, pagination and
filters, 4xx errors naming the parameter, the security defaults (headers, CORS, rate limit, body limit,
no traceback leaks), ingest with a token, and the query functions the API added to store/queries.py."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import StoreUrls
from eventwire.api import ApiSettings, create_app
from eventwire.api.ratelimit import TokenBucketLimiter
from eventwire.api.routes import events as events_routes
from eventwire.api.stores import ThreadStores
from eventwire.cli import main
from eventwire.events import ActorRef, Event, EventDate, EventLocation, Evidence
from eventwire.records import Article, ArticleMeta, content_hash
from eventwire.store import EventQuery, Reader, Store
from eventwire.store.migrations import available_migrations
from fixtures.coders import StruckCoder
from fixtures.queries import sample_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note that httpx2 exists; httpx 0.28 works
    from fastapi.testclient import TestClient

TOKEN = "test-token-0123456789abcdef"
# The API answers only its own host names (DNS rebinding defence), not TestClient's "testserver".
LOCAL = "http://127.0.0.1"


SAMPLE = sample_store

# A second outlet reporting the Kyiv strike (sample event a1), so one cluster has two mentions; and an
# actor that only a user actor file knew at ingest time (not in the shipped knowledge base).
ECHO_TEXT = "Russian forces struck Kyiv with missiles on Thursday, officials said."
ECHO_META = ArticleMeta(title="Missiles hit Kyiv", source="Second Wire", url="https://second.example/k",
                        published="2022-02-24T18:00:00Z")
LOCAL_ACTOR = "user:chief-okello"


def _echo_event(article_id: str) -> Event:
    sentence = ECHO_TEXT
    return Event(
        type="ASSAULT", mode="aerial", context=(), cameo="195", quad_class=4, intensity=-9.5,
        factuality="occurred",
        source=(ActorRef("Russian forces", 0, 14, "ew:RUS", "Russia", "RUS", "MIL"),),
        target=(ActorRef("Kyiv", 22, 26, "ew:UKR", "Ukraine", "UKR", "GOV"),
                ActorRef("officials", 54, 63, LOCAL_ACTOR, "Chief Okello", "UGA", "GOV", kind="person")),
        evidence=Evidence(sentence, 0, len(sentence), "struck", 15, 21), confidence=0.8,
        date=EventDate("2022-02-24", "2022-02-24", "day", "Thursday", True),
        location=EventLocation("Kyiv", "Kyiv", 703448, 50.45, 30.52, "UKR", "city"), article_id=article_id,
    )


def build_store(path: str | Path) -> dict[str, str]:
    store, ids = SAMPLE.build(path)
    with store:
        echo = Article(id=content_hash(ECHO_TEXT), text=ECHO_TEXT, meta=ECHO_META, origin="fixtures/echo.txt")
        event = _echo_event(echo.id)
        with store.transaction():
            store.add_article(echo)
            store.replace_events(echo, [event], "test")
        ids["echo"] = event.event_id
        ids["echo_article"] = echo.id
    return ids


@pytest.fixture(scope="module")
def sample(module_store_urls: StoreUrls) -> tuple[str, dict[str, str]]:
    """The sample store on each database system: its --db value and the ids of its events."""
    url = module_store_urls.new()
    return url, build_store(url)


@pytest.fixture(scope="module")
def ids(sample: tuple[str, dict[str, str]]) -> dict[str, str]:
    return sample[1]


@pytest.fixture(scope="module")
def client(sample: tuple[str, dict[str, str]]) -> Iterator[TestClient]:
    with TestClient(base_url=LOCAL, app=create_app(str(sample[0]))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def store(sample: tuple[str, dict[str, str]]) -> Iterator[Store]:
    with Store.open(sample[0]) as opened:
        yield opened


def error_of(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    return body["error"]


# --- service ---------------------------------------------------------------------------------------------

def test_health_says_ok_and_whether_ingest_is_enabled(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    latest = max(m.version for m in available_migrations())
    assert response.json() == {"status": "ok", "schema_version": latest, "ingest": False}


def test_summary_counts_articles_events_and_deduplicated_clusters(client: TestClient) -> None:
    body = client.get("/api/summary").json()
    assert body["articles"] == 4
    assert body["events"] == 8
    assert body["clusters"] == 7  # the echo of the Kyiv strike joined its cluster
    assert {"name": "Second Wire", "count": 1} in body["sources"]
    assert body["events_by_type"][0] == {"name": "ASSAULT", "count": 2}
    assert "url" not in body  # the server's file path is not the client's business


def test_openapi_and_docs_are_served(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/events", "/api/events/{event_id}", "/api/stats/counts", "/api/stats/intensity",
            "/api/stats/dyads", "/api/articles", "/api/articles/{article_id}", "/api/actors/{actor_id}",
            "/api/clusters/{cluster_id}", "/api/summary", "/health"} <= paths
    assert "/api/ingest" not in paths  # read-only app
    parameters = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"type", "actor_country", "quad_class", "since", "near", "radius", "text", "limit"} <= parameters
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    # offline: the Swagger UI files come from this server (package fastapi-offline), not from a CDN
    assert "cdn.jsdelivr" not in docs.text and "/docs-assets/swagger-ui-bundle.js" in docs.text
    script = client.get("/docs-assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000
    assert client.get("/redoc").status_code == 200
    assert client.get("/docs-assets/../app.py").status_code == 404


# --- events ----------------------------------------------------------------------------------------------

def test_events_page_holds_the_stored_records_in_query_order(client: TestClient, store: Store) -> None:
    body = client.get("/api/events").json()
    expected = [event.record for event in Reader(store).events(EventQuery())]
    assert body == {"total": 8, "total_exact": True, "limit": 50, "offset": 0, "items": expected}


def test_events_pagination_walks_every_event_once(client: TestClient) -> None:
    seen: list[str] = []
    for offset in range(0, 10, 3):
        body = client.get("/api/events", params={"limit": 3, "offset": offset}).json()
        assert body["total"] == 8 and body["limit"] == 3 and body["offset"] == offset
        seen += [item["event_id"] for item in body["items"]]
    everything = [item["event_id"] for item in client.get("/api/events?limit=500").json()["items"]]
    assert seen == everything and len(set(seen)) == 8


def test_limit_zero_gives_only_the_total(client: TestClient) -> None:
    assert client.get("/api/events?limit=0&type=ASSAULT").json() == {
        "total": 2, "total_exact": True, "limit": 0, "offset": 0, "items": []}


@pytest.mark.parametrize("query", ["", "actor_country=RUS", "actor_country=RUS&quad_class=4&quad_class=3"])
def test_counting_stops_past_the_cap_unless_an_exact_total_is_asked(
        client: TestClient, monkeypatch: pytest.MonkeyPatch, query: str) -> None:
    exact = client.get(f"/api/events?limit=0&{query}").json()["total"]
    assert exact >= 3
    monkeypatch.setattr(events_routes, "EXACT_TOTAL_UP_TO", 1)  # as if 10,000 were 1
    capped = client.get(f"/api/events?limit=1&{query}").json()
    # Counted up to one more than the cap: "more than 1", and the page tells a next page exists.
    assert (capped["total"], capped["total_exact"], len(capped["items"])) == (2, False, 1)
    deep = client.get(f"/api/events?limit=1&offset=1&{query}").json()
    assert (deep["total"], deep["total_exact"]) == (3, False)  # counted past the page
    asked = client.get(f"/api/events?limit=1&exact_total=true&{query}").json()
    assert (asked["total"], asked["total_exact"]) == (exact, True)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=ASSAULT", {"a1", "echo"}),
        ("type=agree&type=threaten", {"b1", "b3"}),  # repeated: alternatives; case does not matter
        ("type=-", {"b2"}),
        ("quad_class=3", {"a2", "b3", "c1"}),
        ("actor_country=RUS&role=source", {"a1", "a3", "echo"}),
        ("actor=ew:RUS&role=target", {"a2", "c1"}),
        ("actor_country=ISR&actor_sector=MIL", {"b3"}),
        ("factuality=threatened", {"b3"}),
        ("cameo=19", {"a1", "echo"}),
        ("since=2022-02-25&until=2022-03-01", {"a2", "a3", "c1"}),
        ("place_country=UKR", {"a1", "c1", "echo"}),
        ("near=50.45,30.52&radius=10", {"a1", "echo"}),
        ("outlet=Second Wire", {"echo"}),
        ("text=ceasefire", {"b1"}),
        ('text="struck Kyiv"&min_confidence=0.85', {"a1"}),
        ("mode=arrest", {"a3"}),
    ],
)
def test_every_filter_of_the_cli_is_a_query_parameter(client: TestClient, ids: dict[str, str], query: str,
                                                      expected: set[str]) -> None:
    keys = {event_id: key for key, event_id in ids.items()}
    body = client.get(f"/api/events?{query}").json()
    assert {keys[item["event_id"]] for item in body["items"]} == expected
    assert body["total"] == len(expected)


def test_a_filter_value_is_never_sql(client: TestClient) -> None:
    body = client.get("/api/events", params={"outlet": "x' OR '1'='1", "text": "'; DROP TABLE events; --"})
    assert body.status_code == 200 and body.json()["total"] == 0
    assert client.get("/api/events?limit=0").json()["total"] == 8


def test_one_event_with_its_cluster_counts(client: TestClient, ids: dict[str, str]) -> None:
    body = client.get(f"/api/events/{ids['echo']}").json()
    assert body["event"]["event_id"] == ids["echo"]
    assert body["cluster"] == {"cluster_id": ids["a1"], "mentions": 2, "articles": 2, "sources": 2}
    error = error_of(client.get("/api/events/nope"), 404)
    assert error["code"] == "not_found" and "nope" in error["message"]


# --- 4xx ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("path", "parameter", "words"),
    [
        ("/api/events?since=2024-02-30", "since", "not a date"),
        ("/api/events?until=yesterday", "until", "not a date"),
        ("/api/events?type=BOMBING", "type", "unknown PLOVER type"),
        ("/api/events?factuality=rumoured", "factuality", "unknown factuality"),
        ("/api/events?limit=501", "limit", "500"),
        ("/api/events?limit=-1", "limit", "0"),
        ("/api/events?offset=-5", "offset", "0"),
        ("/api/events?quad_class=5", "quad_class", "quad class"),
        ("/api/events?quad_class=four", "quad_class", "integer"),
        ("/api/events?place_country=Ukraine", "place_country", "alpha-3"),
        ("/api/events?role=victim", "role", "source, target, any"),
        ("/api/events?cameo=abc", "cameo", "CAMEO"),
        ("/api/events?near=north", "near", "LAT,LON"),
        ("/api/events?near=95,10", "near", "latitude"),
        ("/api/events?radius=5", "radius", "near"),
        ("/api/events?min_confidence=2", "min_confidence", "between 0 and 1"),
        ("/api/events?since=2024-03-02&until=2024-03-01", "since", "after"),
        ("/api/events?text=%22%22", "text", "word"),
        ("/api/events?tpye=ASSAULT", "tpye", "unknown parameter"),
        ("/api/stats/counts?by=year", "by", "day|week|month"),
        ("/api/stats/counts?group=mode", "group", "type|quad_class"),
        ("/api/stats/dyads?n=0", "n", "1"),
        ("/api/articles?limit=1000", "limit", "500"),
        ("/api/actors/ew:RUS?recent=500", "recent", "100"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(client: TestClient, path: str, parameter: str,
                                                     words: str) -> None:
    error = error_of(client.get(path), 400)
    assert error["code"] == "bad_parameter"
    assert error["parameter"] == parameter
    assert words in error["message"]


def test_unknown_paths_and_methods_answer_json_errors(client: TestClient) -> None:
    assert error_of(client.get("/api/nothing"), 404)["code"] == "not_found"
    assert error_of(client.delete("/api/events"), 405)["code"] == "method_not_allowed"


# --- statistics -----------------------------------------------------------------------------------------

def test_counts_per_period_and_group(client: TestClient) -> None:
    body = client.get("/api/stats/counts?by=month&group=quad_class&since=2022-01-01&until=2022-12-31").json()
    assert body["by"] == "month" and body["group"] == "quad_class"
    assert body["counts"] == [{"period": "2022-02", "group": "4", "events": 3},
                              {"period": "2022-02", "group": "3", "events": 1},
                              {"period": "2022-03", "group": "3", "events": 1}]
    weekly = client.get("/api/stats/counts?by=week&type=ASSAULT").json()["counts"]
    assert weekly == [{"period": "2022-02-21", "group": "ASSAULT", "events": 2}]


def test_intensity_per_period(client: TestClient) -> None:
    body = client.get("/api/stats/intensity?by=month&outlet=Harbourview News").json()
    assert body == {"by": "month", "intensity": [{"period": "2025-01", "mean_intensity": -0.5, "events": 2}]}


def test_top_dyads(client: TestClient) -> None:
    body = client.get("/api/stats/dyads?n=2").json()
    assert body == {"n": 2, "dyads": [{"source": "RUS", "target": "UKR", "events": 2},
                                      {"source": "UKR", "target": "RUS", "events": 2}]}


# --- articles -------------------------------------------------------------------------------------------

def test_articles_newest_first_and_paged(client: TestClient) -> None:
    body = client.get("/api/articles?limit=2").json()
    assert body["total"] == 4
    assert [item["title"] for item in body["items"]] == ["Gaza ceasefire agreed", "Shelling of Kharkiv"]
    rest = client.get("/api/articles?limit=2&offset=2").json()["items"]
    assert [item["title"] for item in rest] == ["Missiles hit Kyiv", "Russia attacks Ukraine"]
    assert rest[0]["events"] == 1 and body["items"][0]["events"] == 3


def test_article_text_with_events_whose_offsets_point_into_it(client: TestClient) -> None:
    first = client.get("/api/articles?limit=1").json()["items"][0]
    body = client.get(f"/api/articles/{first['id']}").json()
    assert body["title"] == "Gaza ceasefire agreed" and len(body["events"]) == 3
    for record in body["events"]:
        evidence = record["evidence"]
        assert body["text"][evidence["start"]:evidence["end"]] == evidence["sentence"]
        assert body["text"][evidence["trigger_start"]:evidence["trigger_end"]] == evidence["trigger"]
    assert [r["evidence"]["start"] for r in body["events"]] == sorted(r["evidence"]["start"]
                                                                      for r in body["events"])
    assert "origin" not in body
    error_of(client.get("/api/articles/0000"), 404)


# --- actors and clusters --------------------------------------------------------------------------------

def test_actor_page_from_the_knowledge_base_with_latest_events_and_counterparts(
    client: TestClient, ids: dict[str, str]
) -> None:
    body = client.get("/api/actors/ew:RUS?recent=2&counterparts=3").json()
    assert body["known"] is True and body["kind"] == "country" and body["name"] == "Russia"
    assert "Russian Federation" in body["aliases"] and body["roles"] == []
    assert body["events"] == 4  # a1, a2, c1, echo
    dates = [record["date"]["start"] for record in body["recent_events"]]
    assert len(dates) == 2 and dates == sorted(dates, reverse=True) and dates[0] == "2022-03-01"
    top = body["counterparts"]
    assert top[0] == {"actor_id": "ew:UKR", "name": "Ukraine", "country": "UKR", "events": 3}
    assert {c["actor_id"] for c in top} <= {"ew:UKR", "ew:ukr-zelensky", "ew:POL", LOCAL_ACTOR}


def test_person_page_lists_dated_roles(client: TestClient) -> None:
    from eventwire.actors import load_knowledge_base

    kb = load_knowledge_base(validate=False)
    person = next(p for p in kb.people.values() if p.roles)
    body = client.get(f"/api/actors/{person.id}").json()
    assert body["kind"] == "person" and body["name"] == person.name and body["events"] == 0
    assert body["roles"][0]["role"] == person.roles[0].role
    assert body["roles"][0]["start"] == person.roles[0].start.text


def test_actor_known_only_from_events_and_unknown_actor(client: TestClient) -> None:
    body = client.get(f"/api/actors/{LOCAL_ACTOR}").json()
    assert body["known"] is False and body["name"] == "Chief Okello" and body["events"] == 1
    assert body["counterparts"] == [{"actor_id": "ew:RUS", "name": "Russia", "country": "RUS", "events": 1}]
    error_of(client.get("/api/actors/ew:nobody-at-all"), 404)


def test_cluster_lists_every_mention_with_counts(client: TestClient, ids: dict[str, str]) -> None:
    body = client.get(f"/api/clusters/{ids['a1']}").json()
    assert (body["mentions"], body["articles"], body["sources"]) == (2, 2, 2)
    assert [record["event_id"] for record in body["events"]] == [ids["a1"], ids["echo"]]
    assert body["type"] == "ASSAULT" and body["source_keys"] == ["ew:RUS"]
    error_of(client.get("/api/clusters/none"), 404)


# --- security defaults ----------------------------------------------------------------------------------

def test_every_response_says_nosniff_and_cors_is_off(client: TestClient) -> None:
    for response in (client.get("/health"), client.get("/api/events?limit=x"), client.get("/nope")):
        assert response.headers["x-content-type-options"] == "nosniff"
    response = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options("/api/events", headers={"Origin": "https://evil.example",
                                                       "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_allows_only_the_configured_origin(sample: tuple[str, dict[str, str]]) -> None:
    app = create_app(str(sample[0]), settings=ApiSettings(cors_origin="http://localhost:5173"))
    with TestClient(app, base_url=LOCAL) as test_client:
        allowed = test_client.get("/health", headers={"Origin": "http://localhost:5173"})
        assert allowed.headers["access-control-allow-origin"] == "http://localhost:5173"
        other = test_client.get("/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_rate_limit_answers_429_with_retry_after(sample: tuple[str, dict[str, str]]) -> None:
    app = create_app(str(sample[0]), settings=ApiSettings(rate_per_second=0.5, rate_burst=3))
    with TestClient(app, base_url=LOCAL) as test_client:
        statuses = [test_client.get("/health").status_code for _ in range(5)]
        assert statuses == [200, 200, 200, 429, 429]
        limited = test_client.get("/health")
        assert error_of(limited, 429)["code"] == "rate_limited"
        assert limited.headers["retry-after"] == "2"
        assert limited.headers["x-content-type-options"] == "nosniff"


def test_token_bucket_refills_at_its_rate_and_keeps_clients_apart() -> None:
    now = [0.0]
    limiter = TokenBucketLimiter(rate=2, burst=2, clock=lambda: now[0])
    assert [limiter.acquire("a") for _ in range(3)] == [0.0, 0.0, 0.5]
    assert limiter.acquire("b") == 0.0
    now[0] = 0.5
    assert limiter.acquire("a") == 0.0 and limiter.acquire("a") == 0.5


def test_token_bucket_memory_stays_bounded() -> None:
    limiter = TokenBucketLimiter(rate=1, burst=1, max_clients=100, clock=lambda: 0.0)
    for number in range(1000):
        limiter.acquire(f"client-{number}")
    assert len(limiter._buckets) <= 100


def test_unexpected_errors_are_a_generic_500_and_the_details_go_to_the_log(
    sample: tuple[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("secret detail: no such table /srv/data/private.db")

    monkeypatch.setattr(Reader, "count_articles", broken)
    with TestClient(base_url=LOCAL, app=create_app(str(sample[0])),
                    raise_server_exceptions=False) as test_client, \
            caplog.at_level(logging.ERROR, logger="eventwire.api"):
        response = test_client.get("/api/articles")
    error = error_of(response, 500)
    assert error["code"] == "internal"
    assert "secret" not in response.text and "Traceback" not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "secret detail" in caplog.text and "Traceback" in caplog.text


def test_read_connections_are_query_only_and_one_per_thread(sample: tuple[str, dict[str, str]]) -> None:
    stores = ThreadStores(str(sample[0]))
    try:
        mine = stores.get()
        assert stores.get() is mine
        with pytest.raises(mine.backend.errors, match=r"readonly|read-only"):
            mine.execute("DELETE FROM events")
        other: list[Store] = []
        thread = threading.Thread(target=lambda: other.append(stores.get()))
        thread.start()
        thread.join()
        assert other[0] is not mine
    finally:
        stores.close()


# --- ingest ---------------------------------------------------------------------------------------------

FakeCoder = StruckCoder


@pytest.fixture
def writable(store_url: str) -> str:
    build_store(store_url)
    return store_url


def ingest_client(path: str, coder: FakeCoder, **settings: Any) -> TestClient:
    def load() -> Any:
        coder.loads += 1
        return coder

    app = create_app(str(path), token=TOKEN, settings=ApiSettings(load_coder=load, **settings))
    return TestClient(app, base_url=LOCAL)


RECORDS = {"records": [
    {"id": "r1", "text": "Troops struck a depot near Mosul on Monday.", "published": "2024-03-05",
     "url": "https://example.org/1", "source": "Example Wire", "title": "Depot hit"},
    {"id": "r2", "text": "Talks resumed in Geneva.", "published": "2024-03-06"},
]}


def test_ingest_does_not_exist_without_a_token(client: TestClient) -> None:
    response = client.post("/api/ingest", json=RECORDS, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code in (404, 405)
    assert client.get("/api/events?limit=0").json()["total"] == 8


def test_ingest_refuses_a_missing_or_wrong_token(writable: str) -> None:
    coder = FakeCoder()
    with ingest_client(writable, coder) as test_client:
        assert test_client.get("/health").json()["ingest"] is True
        for headers in ({}, {"Authorization": "Bearer wrong-token-0123456789abcdef"},
                        {"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN}):
            response = test_client.post("/api/ingest", json=RECORDS, headers=headers)
            error = error_of(response, 401)
            assert error["code"] == "unauthorized"
            assert response.headers["www-authenticate"] == "Bearer"
        assert test_client.get("/api/articles?limit=0").json()["total"] == 4


def test_ingest_stores_records_once_with_their_events(writable: str) -> None:
    coder = FakeCoder()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with ingest_client(writable, coder) as test_client:
        assert coder.loads == 1  # at startup, once
        first = test_client.post("/api/ingest", json=RECORDS, headers=auth)
        assert first.status_code == 200, first.text
        body = first.json()
        assert (body["documents"], body["new"], body["duplicate"], body["events"]) == (2, 2, 0, 1)
        article_id = body["article_ids"][0]
        again = test_client.post("/api/ingest", json=RECORDS, headers=auth).json()
        assert (again["new"], again["duplicate"], again["events"]) == (0, 2, 0)
        assert coder.loads == 1
        stored = test_client.get(f"/api/articles/{article_id}").json()
        assert stored["record_id"] == "r1" and stored["source"] == "Example Wire"
        assert stored["text"] == RECORDS["records"][0]["text"]  # verbatim: offsets refer to it
        assert [e["type"] for e in stored["events"]] == ["ASSAULT"]
        assert test_client.get("/api/articles?limit=0").json()["total"] == 6
    with Store.open(writable) as store:
        (sightings,) = store.execute(
            "SELECT count(*) FROM article_sightings WHERE article_id = ?", (article_id,)).fetchone()
        assert sightings == 1
        assert store.events_coded_by(article_id) == "fake-coder-1"


def test_ingest_validates_the_body(writable: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with ingest_client(writable, FakeCoder()) as test_client:
        for body in ({}, {"records": []}, {"records": [{"id": "x"}]}, {"records": [{"text": ""}]},
                     {"records": [{"text": "a", "secret": 1}]}):
            error = error_of(test_client.post("/api/ingest", json=body, headers=auth), 422)
            assert error["parameter"] == "body" and "records" in error["message"]
        not_json = test_client.post("/api/ingest", content=b"{nope", headers={
            **auth, "Content-Type": "application/json"})
        assert not_json.status_code == 422


def test_request_bodies_over_the_limit_are_413(writable: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"records": [{"id": "big", "text": "word " * 5000}]}
    with ingest_client(writable, FakeCoder(), max_body_bytes=10_000) as test_client:
        error = error_of(test_client.post("/api/ingest", json=big, headers=auth), 413)
        assert "10000 bytes" in error["message"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies while streaming
            yield b'{"records": [{"text": "'
            for _ in range(100):
                yield b"x" * 1000
            yield b'"}]}'

        streamed = test_client.post("/api/ingest", content=chunks(), headers={
            **auth, "Content-Type": "application/json"})
        assert streamed.status_code == 413
        small = test_client.post("/api/ingest", json=RECORDS, headers=auth)
        assert small.status_code == 200
        assert test_client.get("/api/articles?limit=0").json()["total"] == 6


def test_ingest_requests_beyond_the_in_flight_cap_get_503(writable: str) -> None:
    release = threading.Event()
    entered = threading.Semaphore(0)

    class SlowCoder(FakeCoder):
        def code_articles(self, articles: list[Article]) -> Iterator[tuple[Article, list[Event]]]:
            entered.release()
            release.wait(10)
            yield from super().code_articles(articles)

    auth = {"Authorization": f"Bearer {TOKEN}"}
    with ingest_client(writable, SlowCoder()) as test_client:
        def post(number: int) -> int:
            body = {"records": [{"id": f"slow-{number}", "text": f"Story number {number} struck a chord."}]}
            return test_client.post("/api/ingest", json=body, headers=auth).status_code

        with ThreadPoolExecutor(2) as pool:
            running = [pool.submit(post, 1), pool.submit(post, 2)]
            assert entered.acquire(timeout=10)  # one is coding
            ingestor = test_client.app.state.ingestor
            deadline = time.monotonic() + 10
            while ingestor.in_flight < 2 and time.monotonic() < deadline:  # the other waits for the lock
                time.sleep(0.01)
            assert ingestor.in_flight == 2
            busy = test_client.post("/api/ingest", json=RECORDS, headers=auth)
            release.set()
            assert [future.result() for future in running] == [200, 200]
        assert error_of(busy, 503)["code"] == "unavailable" and busy.headers["retry-after"] == "5"
        assert test_client.post("/api/ingest", json=RECORDS, headers=auth).status_code == 200


def test_concurrent_reads_from_many_threads(sample: tuple[str, dict[str, str]]) -> None:
    paths = ["/api/events?type=ASSAULT", "/api/stats/counts", "/api/articles", "/api/actors/ew:RUS",
             "/api/summary"] * 20
    # A client of its own: the module's shared one may have spent its rate-limit burst just before.
    with TestClient(base_url=LOCAL, app=create_app(sample[0])) as client:
        expected = {path: client.get(path).json() for path in set(paths)}
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda path: (path, client.get(path)), paths))
    for path, response in answers:
        assert response.status_code == 200 and response.json() == expected[path]


def test_a_short_token_is_refused(sample: tuple[str, dict[str, str]]) -> None:
    with pytest.raises(ValueError, match="at least 16"):
        create_app(str(sample[0]), token="short")


def test_ingest_with_the_real_coder(writable: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    app = create_app(str(writable), token=TOKEN)
    record = {"id": "real-1", "published": "2024-03-05T08:00:00Z", "source": "Test Wire",
              "text": "Russian forces shelled Kharkiv on Monday, Ukrainian officials said."}
    with TestClient(app, base_url=LOCAL) as test_client:
        body = test_client.post("/api/ingest", json={"records": [record]}, headers=auth).json()
        assert body["new"] == 1 and body["events"] >= 1
        events = test_client.get("/api/events", params={"outlet": "Test Wire"}).json()["items"]
        assert events and events[0]["type"] == "ASSAULT"
        assert events[0]["source"][0]["country"] == "RUS"


# --- the reader's questions the API added -----------------------------------------------------------------

def test_reader_answers_the_api_questions(store: Store, ids: dict[str, str]) -> None:
    reader = Reader(store)
    listed = reader.articles(limit=10)
    assert reader.count_articles() == 4 == len(listed)
    assert [a.published for a in listed] == sorted((a.published for a in listed), reverse=True)
    assert reader.event(ids["b1"]).cluster_id == ids["b1"]  # type: ignore[union-attr]
    assert reader.event("missing") is None
    latest = reader.latest_events(EventQuery(types=("ASSAULT",)), 1)
    # both ASSAULTs share a day; the page order breaks the tie by id, so the latest has the larger id
    assert [e.event_id for e in latest] == [max(ids["a1"], ids["echo"])]
    assert reader.latest_events(EventQuery(), 0) == []
    pairs = reader.counterparts("ew:UKR", 5)
    assert pairs[0].actor_id == "ew:RUS" and pairs[0].events == 3
    cluster = reader.cluster(ids["a1"])
    assert cluster is not None and cluster.mentions == 2
    assert [record["event_id"] for record in cluster.events] == [ids["a1"], ids["echo"]]
    assert reader.cluster("none") is None
    article = reader.article(ids["echo_article"])
    assert article is not None and article.title == "Missiles hit Kyiv"
    assert [record["event_id"] for record in article.events] == [ids["echo"]]
    assert reader.article("none") is None
    # A country's actor counts the participants known only by its code too; an unknown id counts none.
    counts = reader.event_counts_by_actor(["ew:RUS", "ew:UKR", "nobody"])
    assert counts["ew:RUS"] == reader.count_events(EventQuery(actor_ids=("ew:RUS", "country:RUS")))
    assert "nobody" not in counts and reader.event_counts_by_actor([]) == {}


# --- `eventwire serve` ----------------------------------------------------------------------------------

def test_serve_prints_the_url_and_binds_loopback_by_default(sample: tuple[str, dict[str, str]],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append(kwargs))
    result = CliRunner().invoke(main, ["serve", "--db", str(sample[0])])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8000/" in result.output and "read-only" in result.output
    assert "warning" not in result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8000


def test_serve_warns_when_listening_on_the_network_and_reads_the_token_from_the_environment(
    sample: tuple[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: None)
    monkeypatch.setenv("EW_TEST_TOKEN", TOKEN)
    result = CliRunner().invoke(main, ["serve", "--db", str(sample[0]), "--host", "0.0.0.0",
                                       "--port", "9000", "--token-env", "EW_TEST_TOKEN"])
    assert result.exit_code == 0, result.output
    assert "warning: listening on 0.0.0.0" in result.output
    assert "ingest enabled" in result.output and TOKEN not in result.output


def test_serve_refuses_an_empty_token_variable_and_a_missing_store(
    sample: tuple[str, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EW_UNSET_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--db", str(sample[0]), "--token-env", "EW_UNSET_TOKEN"])
    assert result.exit_code == 2 and "EW_UNSET_TOKEN" in result.output
    missing = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no store at" in missing.output
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("path", ["/api/articles", "/api/events"])
def test_an_offset_beyond_what_a_database_can_skip_is_a_400(client: TestClient, path: str) -> None:
    error = error_of(client.get(f"{path}?offset={2**63}"), 400)
    assert error["parameter"] == "offset"

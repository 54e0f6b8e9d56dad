"""The endpoints the web page added to the API (api/routes/stats.py: network, places, active actors,
sorted event pages) on the query tests' sample store, whose answers are worked out by hand from its table
(tests/fixtures/queries/sample_store.py); and how eventwire.web serves the page: the index on its routes,
the bundle, the Content-Security-Policy, and a clear 503 when the bundle was not built."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from eventwire.api import create_app
from eventwire.store import Store, totals
from eventwire.web import BUILD_COMMAND, CONTENT_SECURITY_POLICY, DIST, mount_web
from fixtures.queries import sample_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note that httpx2 exists; httpx 0.28 works
    from fastapi.testclient import TestClient

# The API answers only its own host names (DNS rebinding defence), not TestClient's "testserver".
LOCAL = "http://127.0.0.1"

SAMPLE = sample_store


@pytest.fixture(scope="module")
def sample(module_store_urls: Any) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """The sample store behind the API, on SQLite and on PostgreSQL (tests/conftest.py)."""
    url = module_store_urls.new("web-api")
    store, ids = SAMPLE.build(url)
    store.close()
    with TestClient(base_url=LOCAL, app=create_app(url)) as client:
        yield client, ids


def _get(client: TestClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()


# --- /api/stats/network ----------------------------------------------------------------------------------

def test_network_has_one_edge_per_source_target_pair_with_count_and_mean_intensity(sample: Any) -> None:
    client, _ = sample
    body = _get(client, "/api/stats/network")
    # a1 RUS->UKR -9.5, a2 Zelensky->RUS -1, b1 ISR->Hamas 2.5, c1 UKR->RUS and POL->RUS -3.5. Left out: a3
    # (police and protesters are both only "country:RUS": no self-loop), b2 (no target), b3 (gunmen: no id,
    # no country, so nothing a click could filter on).
    assert body["edges"] == [
        {"source": "ew:ISR", "target": "ew:hamas", "events": 1, "mean_intensity": 2.5},
        {"source": "ew:POL", "target": "ew:RUS", "events": 1, "mean_intensity": -3.5},
        {"source": "ew:RUS", "target": "ew:UKR", "events": 1, "mean_intensity": -9.5},
        {"source": "ew:UKR", "target": "ew:RUS", "events": 1, "mean_intensity": -3.5},
        {"source": "ew:ukr-zelensky", "target": "ew:RUS", "events": 1, "mean_intensity": -1.0},
    ]
    nodes = {node["key"]: node for node in body["nodes"]}
    assert set(nodes) == {"ew:ISR", "ew:hamas", "ew:POL", "ew:RUS", "ew:UKR", "ew:ukr-zelensky"}
    assert nodes["ew:RUS"] == {"key": "ew:RUS", "actor_id": "ew:RUS", "name": "Russia", "country": "RUS",
                               "events": 4, "filter": ["ew:RUS", "country:RUS"]}
    assert nodes["ew:hamas"]["filter"] == ["ew:hamas"]
    assert nodes["ew:ukr-zelensky"]["name"] == "Volodymyr Zelensky"


def test_network_follows_the_filters_and_the_edge_limit(sample: Any) -> None:
    client, _ = sample
    accused = _get(client, "/api/stats/network?type=ACCUSE")
    pairs = [(edge["source"], edge["target"]) for edge in accused["edges"]]
    assert pairs == [("ew:POL", "ew:RUS"), ("ew:UKR", "ew:RUS")]
    assert _get(client, "/api/stats/network?edges=1")["edges"][0]["source"] == "ew:ISR"
    assert _get(client, "/api/stats/network?since=2030-01-01") == {"nodes": [], "edges": []}


def test_network_names_participants_known_only_by_country(store_url: str) -> None:
    store, _ = SAMPLE.build(store_url)
    # The police (country RUS, no id) arresting Polish officials: an edge from Russia's node to ew:POL. A
    # participant known only by its country's code is drawn in that country's node (issue #18: Russia and
    # RUS were two nodes), and the node's filter selects both kinds of participant.
    with store.transaction():
        store.execute("UPDATE event_actors SET actor_id = 'ew:POL', name = 'Poland', country = 'POL'"
                      " WHERE text = 'protesters'")
    store.close()
    with TestClient(base_url=LOCAL, app=create_app(store_url)) as client:
        body = _get(client, "/api/stats/network?type=COERCE")
    assert body["edges"] == [
        {"source": "ew:RUS", "target": "ew:POL", "events": 1, "mean_intensity": -7.0}]
    assert {"key": "ew:RUS", "actor_id": "ew:RUS", "name": "Russia", "country": "RUS",
            "events": 1, "filter": ["ew:RUS", "country:RUS"]} in body["nodes"]
    with TestClient(base_url=LOCAL, app=create_app(store_url)) as client:
        # The node's filter selects exactly its events: the country-only police (a3, the COERCE) and the
        # events of ew:RUS itself.
        both = _get(client, "/api/events?actor=ew:RUS&actor=country:RUS&type=COERCE")
        only_code = _get(client, "/api/events?actor=country:RUS")
        by_id = _get(client, "/api/events?actor=ew:RUS")
        pair = _get(client, "/api/events?source=ew:RUS&source=country:RUS&target=ew:POL&type=COERCE")
    assert both["total"] == 1 and only_code["total"] == 1
    assert {e["event_id"] for e in only_code["items"]}.isdisjoint(e["event_id"] for e in by_id["items"])
    assert [e["event_id"] for e in pair["items"]] == [e["event_id"] for e in both["items"]]


def test_a_country_named_two_ways_is_one_node(store_url: str) -> None:
    # Before issue #18's fix, a participant "RUS" (country only) and one resolved to ew:RUS ("Russia") were
    # two nodes of one country. Here c1's target "Russia" is left known only by its code, while a1's
    # "Russian forces" and a2's "Moscow" stay resolved to ew:RUS.
    store, _ = SAMPLE.build(store_url)
    with store.transaction():
        store.execute("UPDATE event_actors SET actor_id = NULL, name = NULL WHERE text = 'Russia'")
    store.close()
    with TestClient(base_url=LOCAL, app=create_app(store_url)) as client:
        body = _get(client, "/api/stats/network")
        node_events = _get(client, "/api/events?actor=ew:RUS&actor=country:RUS&limit=0")["total"]
    russia = [node for node in body["nodes"] if node["country"] == "RUS"]
    assert [node["key"] for node in russia] == ["ew:RUS"] and russia[0]["name"] == "Russia"
    pairs = {(edge["source"], edge["target"]): edge["events"] for edge in body["edges"]}
    assert pairs[("ew:UKR", "ew:RUS")] == 1 and pairs[("ew:POL", "ew:RUS")] == 1  # c1, through the code
    assert node_events == 4  # a1, a2 (ew:RUS), c1 and a3 (the police): RUS by code
    assert not any(node["key"].startswith("country:") for node in body["nodes"])


# --- /api/stats/places and /api/stats/actors ---------------------------------------------------------------

def test_places_are_one_point_per_place_with_counts_and_mean_intensity(sample: Any) -> None:
    client, _ = sample
    places = _get(client, "/api/stats/places")["places"]
    names = sorted(place["name"] for place in places)
    assert names == ["Doha", "Gaza City", "Kharkiv", "Kyiv", "Moscow", "Washington"]
    washington = next(p for p in places if p["name"] == "Washington")
    assert washington == {"name": "Washington", "country": "USA", "lat": 38.9, "lon": -77.04, "events": 1,
                          "mean_intensity": None,  # b2 is a CAMEO-only statement, without intensity
                          "level": "city", "point": True}
    ukraine = _get(client, "/api/stats/places?place_country=UKR")["places"]
    assert [(p["name"], p["mean_intensity"]) for p in ukraine] == [("Kharkiv", -3.5), ("Kyiv", -9.5)]
    assert len(_get(client, "/api/stats/places?n=2")["places"]) == 2


def test_active_actors_count_events_on_either_side(sample: Any) -> None:
    client, _ = sample
    actors = _get(client, "/api/stats/actors?n=3")["actors"]
    # ew:RUS in a1, a2, c1; ew:ISR in b1, b3 and ew:UKR in a1, c1 (ties by id).
    assert actors == [
        {"actor_id": "ew:RUS", "name": "Russia", "country": "RUS", "events": 3},
        {"actor_id": "ew:ISR", "name": "Israel", "country": "ISR", "events": 2},
        {"actor_id": "ew:UKR", "name": "Ukraine", "country": "UKR", "events": 2},
    ]
    filtered = _get(client, "/api/stats/actors?outlet=Harbourview%20News")["actors"]
    assert [a["actor_id"] for a in filtered] == ["ew:ISR", "ew:USA", "ew:hamas"]


@pytest.mark.parametrize("query", ["", "type=ASSAULT&type=ACCUSE", "since=2022-02-25", "until=2024-12-31",
                                   "type=-&since=2020-01-01"])
def test_active_actors_from_the_participants_alone_match_those_counted_through_the_events(
        sample: Any, query: str) -> None:
    # Without other filters than type and dates they are counted from the participants' copies of both;
    # min_confidence=0 (every event) sends the same question through the events table.
    client, _ = sample
    alone = _get(client, f"/api/stats/actors?n=50&{query}")["actors"]
    through_events = _get(client, f"/api/stats/actors?n=50&min_confidence=0&{query}")["actors"]
    assert alone == through_events
    assert alone or query.startswith("type=-")  # the cases mean something


# --- issue #18: facets, clusters, dates, the actor search and the new filters -----------------------------

def test_places_say_their_level_and_at_selects_exactly_what_a_place_counts(sample: Any) -> None:
    client, _ = sample
    places = _get(client, "/api/stats/places")["places"]
    assert all(place["level"] == "city" and place["point"] for place in places)
    for place in places:
        chosen = _get(client, f"/api/events?at={place['lat']},{place['lon']}")
        assert chosen["total"] == place["events"]
        assert {item["location"]["name"] for item in chosen["items"]} == {place["name"]}
    response = client.get("/api/events?at=91,0")
    assert response.status_code == 400 and response.json()["error"]["parameter"] == "at"


def test_a_country_level_place_is_an_area_not_a_point(store_url: str) -> None:
    store, _ = SAMPLE.build(store_url)
    with store.transaction():  # c1's Kharkiv becomes "Ukraine" at the country's centroid
        store.execute("UPDATE events SET location_name = 'Ukraine', lat = 49.0, lon = 32.0,"
                      " record = replace(replace(record, '\"level\": \"city\"', '\"level\": \"country\"'),"
                      " 'Kharkiv', 'Ukraine') WHERE location_name = 'Kharkiv'")
        totals.rebuild(store)  # written behind the Store's back: its totals are counted again
    store.close()
    with TestClient(base_url=LOCAL, app=create_app(store_url)) as client:
        places = {place["name"]: place for place in _get(client, "/api/stats/places")["places"]}
    assert places["Ukraine"]["level"] == "country" and places["Ukraine"]["point"] is False
    assert places["Kyiv"]["point"] is True


def test_facets_count_each_value_without_the_facet_s_own_filter(sample: Any) -> None:
    client, _ = sample
    whole = _get(client, "/api/stats/facets")
    assert {f["value"]: f["events"] for f in whole["factuality"]} == {
        row["name"]: row["count"] for row in _get(client, "/api/summary")["events_by_factuality"]}
    assert sum(f["events"] for f in whole["type"]) == 7
    outlets = {f["value"]: f["events"] for f in whole["outlet"]}
    assert outlets == {"Dnipro Ledger": 3, "Harbourview News": 3, "O'Brien's Wire": 1}
    # With type=ASSAULT: the type facet still lists every type (its own filter left out), the others count
    # the assaults only.
    assault = _get(client, "/api/stats/facets?type=ASSAULT")
    assert {f["value"] for f in assault["type"]} == {f["value"] for f in whole["type"]}
    assert sum(f["events"] for f in assault["outlet"]) == _get(client, "/api/events?type=ASSAULT")["total"]


def test_clusters_are_one_row_per_real_world_event_with_their_counts(sample: Any) -> None:
    client, _ = sample
    page = _get(client, "/api/clusters")
    events = _get(client, "/api/events")["items"]
    assert page["total"] == len(page["items"]) == len({e.get("cluster_id") or e["event_id"] for e in events}
                                                      ) or page["total"] <= len(events)
    for row in page["items"]:
        detail = _get(client, f"/api/clusters/{row['cluster_id']}")
        assert row["mentions"] == detail["mentions"] and row["articles"] == detail["articles"]
        assert row["record"]["event_id"] in {e["event_id"] for e in detail["events"]}
    assert sum(row["matching"] for row in page["items"]) == len(events)
    assault = _get(client, "/api/clusters?type=ASSAULT")
    assert {row["record"]["type"] for row in assault["items"]} == {"ASSAULT"}


def test_dates_give_the_day_span_and_the_coarse_spans(store_url: str) -> None:
    store, _ = SAMPLE.build(store_url)
    with store.transaction():  # b2 dated only to its month
        store.execute("UPDATE events SET date_start = '2024-05-01', date_end = '2024-05-31',"
                      " date_precision = 'month' WHERE cameo = '010'")
        totals.rebuild(store)
    store.close()
    with TestClient(base_url=LOCAL, app=create_app(store_url)) as client:
        dates = _get(client, "/api/stats/dates")
        all_counts = _get(client, "/api/stats/counts?by=month")["counts"]
        day_counts = _get(client, "/api/stats/counts?by=month&precision=day")["counts"]
    assert dates["spans"] == [{"start": "2024-05-01", "end": "2024-05-31", "precision": "month", "events": 1}]
    # The month-dated event is no longer counted in May's bar; it is its own span.
    assert sum(c["events"] for c in all_counts) == sum(c["events"] for c in day_counts) + 1
    assert dates["first_day"] <= dates["last_day"]


def test_actor_search_finds_names_and_aliases_most_active_first(sample: Any) -> None:
    client, _ = sample
    russia = _get(client, "/api/actors?q=Russia")["actors"]
    assert russia[0]["actor_id"] == "ew:RUS" and russia[0]["name"] == "Russia"
    assert russia[0]["filter"] == ["ew:RUS", "country:RUS"] and russia[0]["events"] == 4  # a1-a3 (police), c1
    assert _get(client, "/api/actors?q=russia")["actors"][0]["actor_id"] == "ew:RUS"  # any case
    # A word inside the name: the knowledge base's Zelensky (the sample's events use an id of their own).
    zelensky = _get(client, "/api/actors?q=zelensk")["actors"]
    assert zelensky and zelensky[0]["actor_id"] == "ew:ukr-volodymyr-zelensky"
    assert zelensky[0]["kind"] == "person"
    assert _get(client, "/api/actors?q=zzzzqqq")["actors"] == []
    assert client.get("/api/actors").status_code == 400


def test_pair_range_and_role_filters(sample: Any) -> None:
    client, ids = sample
    pair = _get(client, "/api/events?source=ew:UKR&target=ew:RUS")
    assert _keys(ids, pair["items"]) == ["c1"]
    assert _get(client, "/api/events?source=ew:RUS&target=ew:UKR")["total"] == 1  # a1
    assert _get(client, "/api/events?source=ew:RUS&target=ew:POL")["total"] == 0
    ranged = _get(client, "/api/events?min_intensity=-4&max_intensity=0")
    assert sorted(_keys(ids, ranged["items"])) == sorted(["a2", "b3", "c1"])
    assert all(item["confidence"] <= 0.8 for item in _get(client, "/api/events?max_confidence=0.8")["items"])
    targets = _get(client, "/api/events?actor=ew:RUS&role=target")
    assert sorted(_keys(ids, targets["items"])) == ["a2", "c1"]
    for bad in ("min_intensity=11", "max_confidence=2", "min_intensity=3&max_intensity=-3"):
        response = client.get(f"/api/events?{bad}")
        assert response.status_code == 400, bad


def test_aggregates_are_kept_until_the_store_changes(store_url: str) -> None:
    store, _ = SAMPLE.build(store_url)
    store.close()
    app = create_app(store_url)
    with TestClient(base_url=LOCAL, app=app) as client:
        first = _get(client, "/api/stats/network")
        assert _get(client, "/api/stats/network") == first
        cached = store_url.startswith("sqlite")  # PostgreSQL's answers are never kept (api/cache.py)
        assert app.state.aggregates.hits == (1 if cached else 0)
        # A write by another connection (an ingest): the next answer is computed again and shows it.
        writer = Store.open(store_url)
        with writer.transaction():
            writer.execute("UPDATE event_actors SET actor_id = 'ew:POL', name = 'Poland', country = 'POL'"
                           " WHERE text = 'protesters'")
            totals.rebuild(writer)
        writer.close()
        after = _get(client, "/api/stats/network")
        dyads = _get(client, "/api/stats/dyads?n=20")
    pairs = {(edge["source"], edge["target"]) for edge in after["edges"]}
    assert ("ew:RUS", "ew:POL") in pairs and after != first  # a3: the police (RUS) arresting them
    assert {"source": "RUS", "target": "POL", "events": 1} in dyads["dyads"]


# --- /api/events?sort= ----------------------------------------------------------------------------------

def _keys(ids: dict[str, str], items: list[dict[str, Any]]) -> list[str]:
    by_id = {event_id: key for key, event_id in ids.items()}
    return [by_id[item["event_id"]] for item in items]


def test_events_sort_by_a_column_either_way_with_empty_values_last(sample: Any) -> None:
    client, ids = sample
    tie = sorted(["b3", "c1"], key=lambda key: ids[key])  # equal intensity -3.5: by event id
    ascending = _get(client, "/api/events?sort=intensity")["items"]
    assert _keys(ids, ascending) == ["a1", "a3", *tie, "a2", "b1", "b2"]
    descending = _get(client, "/api/events?sort=-intensity")["items"]
    assert _keys(ids, descending) == ["b1", "a2", *tie, "a3", "a1", "b2"]  # b2 has none: last both ways
    outlets = [item["article"]["source"] for item in _get(client, "/api/events?sort=-outlet")["items"]]
    assert outlets == ["O'Brien's Wire", *["Harbourview News"] * 3, *["Dnipro Ledger"] * 3]
    by_place = _get(client, "/api/events?sort=place&type=ASSAULT&type=AGREE")["items"]
    places = [item["location"]["name"] for item in by_place]
    assert places == ["Doha", "Kyiv"]


def test_sorted_pages_page_through_the_same_order_and_keep_the_total(sample: Any) -> None:
    client, _ = sample
    whole = _get(client, "/api/events?sort=-confidence")["items"]
    pages = [_get(client, f"/api/events?sort=-confidence&limit=3&offset={offset}") for offset in (0, 3, 6)]
    assert [item for page in pages for item in page["items"]] == whole
    assert {page["total"] for page in pages} == {7}
    assert _get(client, "/api/events?sort=date&limit=0") == {
        "total": 7, "total_exact": True, "limit": 0, "offset": 0, "items": []}
    assert _get(client, "/api/events?sort=date")["items"] == _get(client, "/api/events")["items"]


def test_bad_sort_and_unknown_parameters_are_400s_naming_them(sample: Any) -> None:
    client, _ = sample
    response = client.get("/api/events?sort=record")
    assert response.status_code == 400 and response.json()["error"]["parameter"] == "sort"
    response = client.get("/api/stats/network?edge=3")
    assert response.status_code == 400 and response.json()["error"]["parameter"] == "edge"
    response = client.get("/api/stats/places?n=0")
    assert response.status_code == 400 and response.json()["error"]["parameter"] == "n"


# --- the page -------------------------------------------------------------------------------------------

def test_every_page_route_answers_the_index_with_a_strict_policy(sample: Any) -> None:
    if not (DIST / "index.html").is_file():
        pytest.fail(f"the web page is not built: run `{BUILD_COMMAND}`")
    client, _ = sample
    index = (DIST / "index.html").read_text(encoding="utf-8")
    for path in ("/", "/articles", "/article/abc", "/actor/ew:RUS", "/actor/ew%3Aukr-zelensky"):
        response = client.get(path)
        assert response.status_code == 200 and response.text == index, path
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-frame-options"] == "DENY"
    assert "<script" not in index.replace('<script type="module" src="/ui/app.js"></script>', "")
    bundle = client.get("/ui/app.js")
    assert bundle.status_code == 200 and "javascript" in bundle.headers["content-type"]
    assert bundle.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert client.get("/ui/style.css").headers["content-type"].startswith("text/css")
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "'unsafe" not in CONTENT_SECURITY_POLICY


def test_the_api_keeps_its_own_answers_next_to_the_page(sample: Any) -> None:
    client, _ = sample
    missing = client.get("/api/nothing-here")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert client.get("/ui/not-a-file.js").status_code == 404
    docs = client.get("/docs")
    # Swagger UI needs its inline start-up script: the page's policy must not be put on it.
    assert docs.status_code == 200 and "content-security-policy" not in docs.headers
    assert "/" not in client.get("/openapi.json").json()["paths"]


def test_without_a_built_bundle_the_page_says_how_to_build_it(tmp_path: Path) -> None:
    app = FastAPI()
    mount_web(app, dist=tmp_path / "dist")
    with TestClient(app, base_url=LOCAL) as client:
        response = client.get("/")
        assert response.status_code == 503
        assert "npm ci &amp;&amp; npm run build" in response.text
        assert client.get("/actor/ew:RUS").status_code == 503

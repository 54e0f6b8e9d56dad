"""The grid the radius filter reads (store/geo.py, migration 0007): every point within the radius lies in
one of the cells the query names, and both stores file an event under the cell Python computes."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import StoreUrls, require_postgresql
from eventwire.geodesy import EARTH_RADIUS_KM, haversine_km
from eventwire.store.geo import GRID_COLUMNS, cells_within, grid_cell, longitude_reach
from eventwire.store.queries import EventQuery, Near, explain, find_events
from fixtures.queries import sample_store


def destination(lat: float, lon: float, bearing_deg: float, km: float) -> tuple[float, float]:
    """The point `km` from (lat, lon) along `bearing_deg` on the sphere."""
    d = km / EARTH_RADIUS_KM
    phi, lmb, theta = math.radians(lat), math.radians(lon), math.radians(bearing_deg)
    phi2 = math.asin(math.sin(phi) * math.cos(d) + math.cos(phi) * math.sin(d) * math.cos(theta))
    lmb2 = lmb + math.atan2(math.sin(theta) * math.sin(d) * math.cos(phi),
                            math.cos(d) - math.sin(phi) * math.sin(phi2))
    lon2 = (math.degrees(lmb2) + 540) % 360 - 180
    return max(-90.0, min(90.0, math.degrees(phi2))), lon2


latitudes = st.floats(-90, 90, allow_nan=False)
longitudes = st.floats(-180, 180, allow_nan=False)


@settings(max_examples=400, deadline=None)
@given(lat=latitudes, lon=longitudes, radius=st.floats(0.5, 1500), bearing=st.floats(0, 360),
       share=st.floats(0, 1))
def test_every_point_within_the_radius_is_in_a_named_cell(lat: float, lon: float, radius: float,
                                                          bearing: float, share: float) -> None:
    point = destination(lat, lon, bearing, radius * share)
    if haversine_km(lat, lon, *point) > radius:  # rounding at the very edge: not within
        return
    cells = cells_within(lat, lon, radius, limit=10**7)
    assert cells is not None and grid_cell(*point) in cells


@settings(max_examples=200, deadline=None)
@given(lat=st.floats(-89, 89), lon=longitudes, radius=st.floats(0.5, 800), bearing=st.floats(0, 360))
def test_the_longitude_reach_is_where_the_circle_is_widest(lat: float, lon: float, radius: float,
                                                           bearing: float) -> None:
    # No point on the circle is further east or west than the reach (the bounding box stays exact).
    _, point_lon = destination(lat, lon, bearing, radius)
    apart = abs((point_lon - lon + 540) % 360 - 180)
    assert apart <= longitude_reach(lat, radius) + 1e-7


def test_cells_of_small_and_large_circles() -> None:
    assert cells_within(50.25, 30.25, 10, limit=100) == [grid_cell(50.25, 30.25)]  # inside one cell
    assert len(cells_within(0.0, 0.0, 200, limit=1000) or []) <= 8 * 8
    assert cells_within(0.0, 0.0, 3000, limit=2000) is None  # too many: the filter skips the grid
    # Reaching the pole, every column of the rows touched (89-89.5 and 89.5-90 degrees) is named, once.
    polar = cells_within(89.9, 0.0, 50, limit=10_000)
    assert polar is not None and len(polar) == len(set(polar)) == 2 * GRID_COLUMNS
    # Across the antimeridian: the columns at both ends.
    across = cells_within(0.0, 179.9, 50, limit=100)
    assert across is not None and grid_cell(0.0, -179.9) in across and grid_cell(0.0, 179.9) in across


EDGES = [(-90.0, -180.0), (90.0, 180.0), (0.0, 0.0), (-0.25, -0.25), (49.5, 29.5), (49.4999999, 29.9999999),
         (-33.87, 151.21), (64.1, -21.9), (-89.99, 179.99)]


def test_both_stores_file_an_event_under_the_cell_python_computes(store_url: str) -> None:
    store, ids = sample_store.build(store_url)  # type: ignore[arg-type]
    rng = random.Random(4)
    points = EDGES + [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(40)]
    with store:
        event_id = next(iter(ids.values()))
        for lat, lon in points:
            store.execute("UPDATE events SET lat = ?, lon = ? WHERE event_id = ?", (lat, lon, event_id))
            (cell,) = store.execute("SELECT geo_cell FROM events WHERE event_id = ?", (event_id,)).fetchone()
            assert cell == grid_cell(lat, lon), (lat, lon)
        store.execute("UPDATE events SET lat = NULL, lon = NULL WHERE event_id = ?", (event_id,))
        (cell,) = store.execute("SELECT geo_cell FROM events WHERE event_id = ?", (event_id,)).fetchone()
        assert cell is None


@pytest.mark.parametrize("radius", [5.0, 60.0, 400.0, 2500.0])
def test_the_radius_filter_finds_what_measuring_every_event_finds(store_url: str, radius: float) -> None:
    # The sample's events moved around a few centres (one on the antimeridian, one near a pole): the
    # filter through the grid keeps exactly the events a brute-force distance check keeps.
    store, ids = sample_store.build(store_url)  # type: ignore[arg-type]
    rng = random.Random(int(radius))
    centres = [(50.45, 30.52), (0.0, 179.95), (88.0, -40.0)]
    with store:
        for centre in centres:
            placed = {}
            for event_id in ids.values():
                lat, lon = destination(*centre, rng.uniform(0, 360), rng.uniform(0, 2 * radius))
                store.execute("UPDATE events SET lat = ?, lon = ? WHERE event_id = ?", (lat, lon, event_id))
                placed[event_id] = (lat, lon)
            expected = {event_id for event_id, point in placed.items()
                        if haversine_km(*centre, *point) <= radius}
            hits = find_events(store, EventQuery(near=Near(*centre, radius)))
            assert {event.event_id for event in hits} == expected


@pytest.mark.postgresql
def test_postgresql_inlines_the_distance_into_the_query(tmp_path: Path) -> None:
    # A function call per candidate row cost ~5 us on PostgreSQL; inlined, the expression costs ~0.3 us.
    # (SQLite measures with a Python function: nothing to inline there.)
    require_postgresql()
    urls = StoreUrls("postgresql", tmp_path)
    try:
        store, _ = sample_store.build(urls.new())  # type: ignore[arg-type]
        with store:
            plan = " ".join(explain(store, EventQuery(near=Near(50.45, 30.52, 100), limit=5)))
    finally:
        urls.drop_all()
    assert "atan2" in plan and "ew_distance_km" not in plan, plan

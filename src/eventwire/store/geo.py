"""The radius filter's distance (a Python function in SQLite, SQL in PostgreSQL) and the grid it reads."""

from __future__ import annotations

import math

from eventwire.geodesy import EARTH_RADIUS_KM, haversine_km

# Added to computed reaches so that rounding never drops a point on the circle itself.
REACH_MARGIN_DEGREES = 1e-9


def distance_km(lat1: float | None, lon1: float | None, lat2: float, lon2: float) -> float | None:
    """Great-circle (haversine) distance in km; None when the event has no coordinates."""
    if lat1 is None or lon1 is None:
        return None
    return haversine_km(lat1, lon1, lat2, lon2)


# --- the grid the radius filter reads -----------------------------------------------------------------------
# Each located event is in one cell of a 0.5-degree latitude/longitude grid (a generated column, migration
# 0007); a radius query reads the cells its circle touches from an index instead of a band of latitude
# around the whole globe. Half a degree (~55 km north-south) keeps a 25 km query to at most four cells and a
# 200 km one to about a hundred.
GRID_DEGREES = 0.5
GRID_ROWS = 360
GRID_COLUMNS = 720


def grid_cell(lat: float, lon: float) -> int:
    """The cell of a point, as the stores compute it (same double arithmetic: keep these in step with the
    migrations' `geo_cell` expressions)."""
    row = min(GRID_ROWS - 1, math.floor((lat + 90) * 2))
    column = min(GRID_COLUMNS - 1, math.floor((lon + 180) * 2))
    return row * GRID_COLUMNS + column


def latitude_reach(radius_km: float) -> float:
    """Largest latitude difference (degrees) of a point within radius_km."""
    return math.degrees(radius_km / EARTH_RADIUS_KM) + REACH_MARGIN_DEGREES


def longitude_reach(lat: float, radius_km: float) -> float:
    """Largest longitude difference (degrees) of a point within radius_km of a point at latitude `lat`;
    180 when the circle reaches a pole. Exact on the sphere: asin(sin(d) / cos(lat)), d the angular radius."""
    angular = radius_km / EARTH_RADIUS_KM
    across = math.cos(math.radians(lat))
    if angular >= math.pi / 2 or math.sin(angular) >= across:
        return 180.0
    return math.degrees(math.asin(math.sin(angular) / across)) + REACH_MARGIN_DEGREES


def cells_within(lat: float, lon: float, radius_km: float, limit: int) -> list[int] | None:
    """Every grid cell holding a point within radius_km of (lat, lon), a few more near the circle's edge;
    None when that is more than `limit` cells (a radius of thousands of km: the filter then reads events
    in page order and measures each)."""
    reach_lat = latitude_reach(radius_km)
    first_row = max(0, math.floor((max(-90.0, lat - reach_lat) + 90) * 2))
    last_row = min(GRID_ROWS - 1, math.floor((min(90.0, lat + reach_lat) + 90) * 2))
    reach_lon = longitude_reach(lat, radius_km)
    if reach_lon >= 180:
        columns = range(GRID_COLUMNS)
    else:
        # Unwrapped columns: one past the antimeridian on either side is the first/last column again.
        first = math.floor((lon - reach_lon + 180) * 2)
        last = math.floor((lon + reach_lon + 180) * 2)
        columns = range(first, last + 1) if last - first < GRID_COLUMNS else range(GRID_COLUMNS)
    rows = last_row - first_row + 1
    if rows * len(columns) > limit:
        return None
    wrapped = sorted({column % GRID_COLUMNS for column in columns})
    return [row * GRID_COLUMNS + column for row in range(first_row, last_row + 1) for column in wrapped]

"""Great-circle distance, the radius filter's measure (a Python function in SQLite, SQL in PostgreSQL)."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
KM_PER_DEGREE_LATITUDE = math.pi * EARTH_RADIUS_KM / 180


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a spherical Earth (also the distance geoparsing evaluations use)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_km(lat1: float | None, lon1: float | None, lat2: float, lon2: float) -> float | None:
    """Great-circle (haversine) distance in km; None when the event has no coordinates."""
    if lat1 is None or lon1 is None:
        return None
    return haversine_km(lat1, lon1, lat2, lon2)

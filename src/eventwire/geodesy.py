"""Distances on the Earth, shared by the places stage (nearby places), the store (the radius filter) and
the evaluation (within 161 km): one formula, so a distance means the same everywhere."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a spherical Earth (also the distance geoparsing evaluations use)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    # atan2, not asin(min(1, sqrt(h))): the form PostgreSQL's ew_distance_km can inline (migration 0007).
    return 2 * EARTH_RADIUS_KM * math.atan2(math.sqrt(h), math.sqrt(abs(1 - h)))

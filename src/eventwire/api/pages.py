"""Event pages answered with the stored JSON records as they are, not decoded and encoded again.

An event record is stored as JSON text (the `record` column, on SQLite and PostgreSQL alike). A page of 50
decoded with json.loads, validated against the response model and encoded again cost the server ~2 ms of
CPU per request, most of an events page (bench/load.py, docs/api.md); copied through, it costs ~0.02 ms.
The records come from the store as text (`Reader.event_record_texts`: the same WHERE clause, order, page
and plan as `Reader.events`, or another order).
"""

from __future__ import annotations

import json

from fastapi.responses import Response


def event_page_response(total: int, total_exact: bool, limit: int, offset: int,
                        record_texts: list[str]) -> Response:
    """The EventPage JSON (models.EventPage) around records that are JSON text already."""
    head = json.dumps({"total": total, "total_exact": total_exact, "limit": limit, "offset": offset})[:-1]
    body = head + ', "items": [' + ", ".join(record_texts) + "]}"
    return Response(content=body.encode("utf-8"), media_type="application/json")

"""Event pages answered with the stored JSON records as they are, not decoded and encoded again.

An event record is stored as JSON text (the `record` column, on SQLite and PostgreSQL alike). A page of 50
decoded with json.loads, validated against the response model and encoded again cost the server ~2 ms of
CPU per request, most of an events page (bench/load.py, docs/api.md); copied through, it costs ~0.02 ms.
The records are the ones `find_events` returns, in the same order: the same WHERE clause, order and page.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from fastapi.responses import Response

from eventwire.store.queries import EventQuery, _order, _page, _where

if TYPE_CHECKING:
    from eventwire.store import Store


def page_record_texts(store: Store, query: EventQuery) -> list[str]:
    """The JSON text of each event record on the page of `query`, in page order."""
    backend = store.backend
    where = _where(query, backend)
    page, page_params = _page(query, backend)
    order = _order(backend)
    # The page's ids first (from the indexes when they cover the filter), then only those rows' records.
    sql = ("SELECT e.record FROM (SELECT e.event_id AS id FROM events e" + where.sql() + order + page
           + f") AS page {backend.forced_join} events e ON e.event_id = page.id" + order)
    return [row[0] for row in store.execute(sql, [*where.params, *page_params]).fetchall()]


def event_page_response(total: int, limit: int, offset: int, record_texts: list[str]) -> Response:
    """The EventPage JSON (models.EventPage) around records that are JSON text already."""
    head = json.dumps({"total": total, "limit": limit, "offset": offset})[:-1]
    body = head + ', "items": [' + ", ".join(record_texts) + "]}"
    return Response(content=body.encode("utf-8"), media_type="application/json")

"""Sums of the magnitudes (dead, injured, arrested, participants) of the events matching a query.

The counts are the generated columns of migration 0009 (read from each record's "size" object). A figure
counts once per real-world event, not once per record: the records of one sentence (an attack coded as
ASSAULT and as the killing it caused) give one figure, the largest; the mentions of one event across
articles (a dedup cluster, store/dedup.py) give one figure, the largest among them. Sums of approximate
figures ("thousands" = 2,000) are lower bounds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from eventwire.events.records import MAGNITUDE_COUNTS
from eventwire.store import totals as kept_totals
from eventwire.store.queries import EventQuery, _where
from eventwire.store.store import Store


@dataclass(frozen=True, slots=True)
class MagnitudeTotals:
    dead: int
    injured: int
    arrested: int
    participants: int
    events: int  # real-world events (clusters) with at least one figure
    records: int  # event records with at least one figure


def magnitude_totals(store: Store, query: EventQuery) -> MagnitudeTotals:
    """The summed counts of the events matching `query` (its page, limit and offset ignored)."""
    if kept_totals.unfiltered(query):  # every sentence's figures kept on write (store/totals.py)
        return MagnitudeTotals(*kept_totals.magnitudes(store))
    where = _where(replace(query, limit=None, offset=0), store.backend)
    where.add("(" + " OR ".join(f"e.{name} IS NOT NULL" for name in MAGNITUDE_COUNTS) + ")")
    per_sentence = ", ".join(f"max(e.{name}) AS {name}" for name in MAGNITUDE_COUNTS)
    per_event = ", ".join(f"max(s.{name}) AS {name}" for name in MAGNITUDE_COUNTS)
    totals = ", ".join(f"coalesce(sum(c.{name}), 0)" for name in MAGNITUDE_COUNTS)
    # SQLite (without ANALYZE's statistics) prefers any index of a filter, e.g. every ASSAULT event's, and
    # then reads each one's record; the partial index of the events with a figure (migration 0011) bounds the
    # work by their number instead. 1M events, 50,000 with figures: none 0.63 -> 0.35 s, a type 2.7 ->
    # 0.07 s, ew:USA 7.4 -> 0.56 s, a year 2.0 -> 0.79 s. PostgreSQL's planner has the statistics.
    events = "events e INDEXED BY events_magnitudes" if store.backend.name == "sqlite" else "events e"
    sql = (f"SELECT {totals}, count(*), coalesce(sum(c.records), 0) FROM ("
           f" SELECT {per_event}, sum(s.records) AS records FROM ("
           "  SELECT min(coalesce(e.cluster_id, e.event_id)) AS event_key,"
           f" {per_sentence}, count(*) AS records"
           f"  FROM {events}{where.sql()} GROUP BY e.article_id, e.sentence_start"
           " ) AS s GROUP BY s.event_key) AS c")
    row = store.execute(sql, where.params).fetchone()
    dead, injured, arrested, participants, events, records = (int(value or 0) for value in row)
    return MagnitudeTotals(dead, injured, arrested, participants, events, records)

"""What Datasette shows about a store (`eventwire browse`): descriptions of the tables and columns an
analyst queries, the internal tables hidden, and canned queries for the questions asked most.

Only the store knows its schema, so the descriptions live here, next to the migrations; the command in
cli/browse.py only starts Datasette with them. The queries are plain SQLite SQL over the stored tables
(the full record is JSON in `events.record`, read with json_extract).
"""

from __future__ import annotations

from typing import Any

from eventwire.store.totals import TABLES as TOTALS_TABLES

TITLE = "eventwire store"

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "events": (
        "One row per coded event (a mention: one sentence of one article). The full PLOVER record, with "
        "evidence offsets and attribution, is the JSON in `record`.",
        {
            "event_id": "Stable id of the record (the article, sentence and trigger it came from).",
            "article_id": "The article it was read from (articles.id).",
            "type": "PLOVER event type (e.g. ASSAULT, PROTEST, CONSULT); empty for CAMEO-only statements.",
            "mode": "PLOVER mode of the type (e.g. aerial, demo), when the text says how.",
            "cameo": "CAMEO code (digits; the first two are the root).",
            "quad_class": "1 verbal and 2 material cooperation, 3 verbal and 4 material conflict.",
            "intensity": "Goldstein-like intensity from -10 (most hostile) to +10 (most cooperative).",
            "factuality": "occurred, planned, promised, threatened, denied or hypothetical.",
            "date_start": "First day it can have happened (ISO date), resolved against the publication.",
            "date_end": "Last day it can have happened.",
            "date_precision": "How precisely the text dates it: time, day, week, month, quarter, season,"
                              " year or range.",
            "date_from_text": "1 when an expression of the text dated it, 0 when it is the publication date.",
            "location_name": "GeoNames name of where it happened.",
            "location_country": "ISO 3166-1 alpha-3 country of where it happened.",
            "lat": "Latitude of the place (an area's centre when only the area is known: see record).",
            "lon": "Longitude of the place.",
            "confidence": "Calibrated probability that the record is a real event of this type.",
            "sentence_start": "Character offset of the evidence sentence in the article's text.",
            "record": "The whole record as JSON (docs/event.schema.json).",
            "cluster_id": "The real-world event it is a mention of (event_clusters.cluster_id).",
            "dead": "People killed, as its clause says (the record's size; docs/magnitudes.md).",
            "injured": "People injured, as its clause says.",
            "arrested": "People arrested or detained, as its clause says.",
            "participants": "People taking part (protest or crowd size; 'thousands' counts as 2,000).",
        },
    ),
    "event_actors": (
        "Source and target actors of each event, one row per actor, resolved to the knowledge base at the "
        "event's date.",
        {
            "event_id": "The event (events.event_id).",
            "role": "source (who acts) or target (who is acted on).",
            "position": "Order among the event's actors of this role.",
            "text": "The phrase as written in the article.",
            "actor_id": "Knowledge-base id (ew:...) when the phrase was linked to a known actor.",
            "name": "The knowledge base's name of the actor.",
            "country": "ISO 3166-1 alpha-3 country of the actor.",
            "sector": "CAMEO/PLOVER sector (GOV, MIL, COP, REB, OPP, ...).",
            "type": "The event's PLOVER type, copied here so actor and type filters use one index.",
            "date_start": "The event's first possible day (copied here for the same reason).",
        },
    ),
    "event_clusters": (
        "Real-world events: mentions of the same act (type, actors, place, days) in several articles "
        "grouped, with how many mentions, articles and outlets report it.",
        {
            "cluster_id": "The event_id of its first mention.",
            "mentions": "Records in the cluster.",
            "articles": "Distinct articles reporting it.",
            "sources": "Distinct outlets reporting it.",
            "first_day": "The earliest date of its mentions (the explorer's order of real-world events).",
            "source_keys": "JSON list of the source actors' keys (knowledge-base id, else country:sector).",
            "target_keys": "JSON list of the target actors' keys.",
        },
    ),
    "articles": (
        "Every article stored once (by content hash), with its metadata and clean text.",
        {
            "id": "Content hash of the clean text.",
            "title": "Headline.",
            "source": "Outlet.",
            "url": "Address it was read from, when known.",
            "published": "Publication time as the page or record gave it.",
            "language": "ISO 639-1 language; only English is coded.",
            "text": "Main text, boilerplate removed; evidence offsets refer to it.",
            "origin": "File (and record) it was first read from.",
            "near_duplicate_of": "The article this one repeats with small changes, if any.",
            "events_coded_by": "Version of the coder that coded it (a new version re-codes on ingest).",
        },
    ),
    "article_sightings": (
        "Every time an article was read again (the same text from another file, feed or URL).",
        {},
    ),
}

# Bookkeeping and index tables an analyst never queries directly.
# The totals (store/totals.py) are bookkeeping too: stand-ins for NULL, rows counted down to 0.
HIDDEN = ("schema_migrations", "event_search", "article_bands", "events_fts", "events_fts_data",
          "events_fts_idx", "events_fts_content", "events_fts_docsize", "events_fts_config", *TOTALS_TABLES,
          "totals_magnitudes")

_SENTENCE = "json_extract(e.record, '$.evidence.sentence')"
_ACTORS = ("(select group_concat(coalesce(a.name, a.text), '; ') from event_actors a "
           "where a.event_id = e.event_id and a.role = '{role}')")

QUERIES: dict[str, dict[str, str]] = {
    "events_by_dyad": {
        "title": "Events between two countries",
        "description": "Every event with a source actor of one country and a target actor of another "
                       "(ISO alpha-3 codes, e.g. USA and IRN), newest first, with its evidence sentence.",
        "sql": f"""select e.date_start, e.type, e.mode, e.factuality,
  {_ACTORS.format(role="source")} as source,
  {_ACTORS.format(role="target")} as target,
  e.location_name, e.confidence, {_SENTENCE} as sentence, e.event_id
from events e
where exists (select 1 from event_actors s where s.event_id = e.event_id and s.role = 'source'
              and s.country = upper(:source_country))
  and exists (select 1 from event_actors t where t.event_id = e.event_id and t.role = 'target'
              and t.country = upper(:target_country))
order by e.date_start desc, e.event_id
limit 1000""",
    },
    "clusters": {
        "title": "Real-world events, most reported first",
        "description": "One row per real-world event (mentions of the same act grouped), with how many "
                       "outlets and articles report it and the evidence of its first mention.",
        "sql": f"""select c.date_start, c.type, c.factuality, c.location_country,
  c.sources as outlets, c.articles, c.mentions,
  {_SENTENCE} as first_mention, c.cluster_id
from event_clusters c join events e on e.event_id = c.cluster_id
order by c.sources desc, c.articles desc, c.date_start desc
limit 500""",
    },
    "actor_timeline": {
        "title": "An actor's timeline",
        "description": "Every event an actor took part in, by date: the actor by knowledge-base name or "
                       "phrase (any part of it, e.g. Erdogan), as source or target.",
        "sql": f"""select e.date_start, e.date_precision, a.role, e.type, e.factuality,
  {_ACTORS.format(role="source")} as source,
  {_ACTORS.format(role="target")} as target,
  e.location_name, {_SENTENCE} as sentence, e.event_id
from event_actors a join events e on e.event_id = a.event_id
where coalesce(a.name, '') like '%' || :actor || '%' or a.text like '%' || :actor || '%'
order by e.date_start, e.event_id
limit 2000""",
    },
}


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata (the metadata.json format) for a store opened under the name `database`."""
    tables: dict[str, Any] = {
        name: {"description": description, "columns": columns}
        for name, (description, columns) in TABLES.items()
    }
    for name in HIDDEN:
        tables[name] = {"hidden": True}
    return {
        "title": TITLE,
        "description": "Political events coded from news by eventwire: who did what to whom, when and "
                       "where, each record with the sentence it came from. Read-only.",
        "databases": {database: {"tables": tables, "queries": QUERIES}},
    }

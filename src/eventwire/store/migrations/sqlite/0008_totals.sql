-- Totals kept on write for the explorer's aggregates over the whole store (issue #18; store/totals.py says
-- what each table counts). Store.replace_events updates them in the transaction that writes an article's
-- events; this migration counts the events an older store already holds. Each INSERT below is
-- store/totals.contribution_sql over every event (tests/test_totals.py checks they build the same tables).
-- Keys hold '' (text) or 0 (quad class) for NULL; a count that falls to 0 keeps its row.
CREATE TABLE IF NOT EXISTS totals_by_day (
    day              TEXT NOT NULL,
    type             TEXT NOT NULL,
    quad_class       INTEGER NOT NULL,
    day_precision    INTEGER NOT NULL,
    events           INTEGER NOT NULL,
    intensity_sum    REAL NOT NULL,
    intensity_events INTEGER NOT NULL,
    PRIMARY KEY (day, type, quad_class, day_precision)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS totals_by_span (
    date_start     TEXT NOT NULL,
    date_end       TEXT NOT NULL,
    date_precision TEXT NOT NULL,
    events         INTEGER NOT NULL,
    PRIMARY KEY (date_start, date_end, date_precision)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS totals_by_edge (
    source           TEXT NOT NULL,
    target           TEXT NOT NULL,
    events           INTEGER NOT NULL,
    intensity_sum    REAL NOT NULL,
    intensity_events INTEGER NOT NULL,
    PRIMARY KEY (source, target)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS totals_by_dyad (
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (source, target)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS totals_by_place (
    lat              REAL NOT NULL,
    lon              REAL NOT NULL,
    name             TEXT NOT NULL,
    country          TEXT NOT NULL,
    level            TEXT NOT NULL,
    events           INTEGER NOT NULL,
    intensity_sum    REAL NOT NULL,
    intensity_events INTEGER NOT NULL,
    PRIMARY KEY (lat, lon, name, country, level)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS totals_by_facet (
    facet  TEXT NOT NULL,
    value  TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (facet, value)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS totals_by_actor_name (
    actor_id     TEXT NOT NULL,
    name         TEXT NOT NULL,
    country      TEXT NOT NULL,
    participants INTEGER NOT NULL,
    PRIMARY KEY (actor_id, name, country)
) WITHOUT ROWID;

INSERT INTO totals_by_day (day, type, quad_class, day_precision, events, intensity_sum, intensity_events)
    SELECT e.date_start, coalesce(e.type, '-'), coalesce(e.quad_class, 0),
           CASE WHEN e.date_precision IS NULL OR e.date_precision IN ('day', 'time') THEN 1 ELSE 0 END,
           count(*), coalesce(sum(e.intensity), 0), count(e.intensity)
    FROM events e WHERE e.date_start IS NOT NULL GROUP BY 1, 2, 3, 4;

INSERT INTO totals_by_span (date_start, date_end, date_precision, events)
    SELECT e.date_start, coalesce(e.date_end, e.date_start), e.date_precision, count(*)
    FROM events e WHERE e.date_start IS NOT NULL AND e.date_precision NOT IN ('day', 'time')
    GROUP BY 1, 2, 3;

INSERT INTO totals_by_edge (source, target, events, intensity_sum, intensity_events)
    SELECT src, tgt, count(*), coalesce(sum(intensity), 0), count(intensity) FROM (
        SELECT DISTINCT e.event_id, e.intensity, coalesce(s.actor_id, 'ew:' || s.country) AS src,
               coalesce(t.actor_id, 'ew:' || t.country) AS tgt
        FROM events e JOIN event_actors s ON s.event_id = e.event_id AND s.role = 'source'
        JOIN event_actors t ON t.event_id = e.event_id AND t.role = 'target') AS p
    WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt GROUP BY src, tgt;

INSERT INTO totals_by_dyad (source, target, events)
    SELECT src, tgt, count(*) FROM (
        SELECT DISTINCT e.event_id, coalesce(s.country, s.name, s.text) AS src,
               coalesce(t.country, t.name, t.text) AS tgt
        FROM events e JOIN event_actors s ON s.event_id = e.event_id AND s.role = 'source'
        JOIN event_actors t ON t.event_id = e.event_id AND t.role = 'target') AS p
    GROUP BY src, tgt;

INSERT INTO totals_by_place (lat, lon, name, country, level, events, intensity_sum, intensity_events)
    SELECT e.lat, e.lon, coalesce(e.location_name, ''), coalesce(e.location_country, ''),
           coalesce(json_extract(e.record, '$.location.level'), ''), count(*), coalesce(sum(e.intensity), 0),
           count(e.intensity)
    FROM events e WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL GROUP BY 1, 2, 3, 4, 5;

INSERT INTO totals_by_facet (facet, value, events)
    SELECT 'type', coalesce(e.type, '-'), count(*) FROM events e GROUP BY 2
    UNION ALL SELECT 'place_country', coalesce(e.location_country, ''), count(*) FROM events e GROUP BY 2
    UNION ALL SELECT 'factuality', e.factuality, count(*) FROM events e GROUP BY 2
    UNION ALL SELECT 'outlet', coalesce(ar.source, ''), sum(per.n)
        FROM (SELECT e.article_id, count(*) AS n FROM events e GROUP BY e.article_id) AS per
        JOIN articles ar ON ar.id = per.article_id GROUP BY 2;

INSERT INTO totals_by_actor_name (actor_id, name, country, participants)
    SELECT a.actor_id, coalesce(a.name, ''), coalesce(a.country, ''), count(*)
    FROM event_actors a JOIN events e ON e.event_id = a.event_id WHERE a.actor_id IS NOT NULL
    GROUP BY 1, 2, 3;

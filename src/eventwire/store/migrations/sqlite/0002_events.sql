-- Coded events, one row per event mention in an article, with the full public record as JSON and the
-- fields analysts filter on as columns.
CREATE TABLE events (
    event_id         TEXT PRIMARY KEY,
    article_id       TEXT NOT NULL REFERENCES articles(id),
    type             TEXT,
    mode             TEXT,
    cameo            TEXT NOT NULL,
    quad_class       INTEGER,
    intensity        REAL,
    factuality       TEXT NOT NULL,
    date_start       TEXT,
    date_end         TEXT,
    date_precision   TEXT,
    date_from_text   INTEGER NOT NULL DEFAULT 0,
    location_name    TEXT,
    location_country TEXT,
    lat              REAL,
    lon              REAL,
    confidence       REAL NOT NULL,
    sentence_start   INTEGER NOT NULL,
    record           TEXT NOT NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_date ON events(date_start);
CREATE INDEX events_type_date ON events(type, date_start);

CREATE TABLE event_actors (
    event_id  TEXT NOT NULL REFERENCES events(event_id),
    role      TEXT NOT NULL CHECK (role IN ('source', 'target')),
    position  INTEGER NOT NULL,
    text      TEXT NOT NULL,
    actor_id  TEXT,
    name      TEXT,
    country   TEXT,
    sector    TEXT,
    PRIMARY KEY (event_id, role, position)
);
CREATE INDEX event_actors_actor ON event_actors(actor_id);
CREATE INDEX event_actors_country ON event_actors(country, role);

-- Which coder version coded an article's events (NULL: not coded), so an article ingested without
-- coding is coded by a later run, and a run killed half-way resumes where it stopped.
ALTER TABLE articles ADD COLUMN events_coded_by TEXT;

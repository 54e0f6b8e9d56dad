-- What `eventwire events`, `stats` and `export` filter and sort on, made fast on millions of events.

-- Full-text search over the evidence sentence. The FTS row is keyed through event_search, whose INTEGER
-- PRIMARY KEY survives VACUUM (the implicit rowid of `events` may not), and whose UNIQUE event_id lets
-- a trigger find the FTS row of an event without scanning.
CREATE TABLE event_search (
    id       INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE events_fts USING fts5(sentence, tokenize = 'unicode61 remove_diacritics 2');

-- Each trigger first removes what an earlier row with the same event_id left behind: INSERT OR REPLACE
-- deletes the old row without firing DELETE triggers unless recursive_triggers is on.
CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN
    DELETE FROM events_fts WHERE rowid IN (SELECT id FROM event_search WHERE event_id = new.event_id);
    DELETE FROM event_search WHERE event_id = new.event_id;
    INSERT INTO event_search (event_id) VALUES (new.event_id);
    INSERT INTO events_fts (rowid, sentence)
        SELECT id, json_extract(new.record, '$.evidence.sentence') FROM event_search
        WHERE event_id = new.event_id;
END;

CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN
    DELETE FROM events_fts WHERE rowid IN (SELECT id FROM event_search WHERE event_id = old.event_id);
    DELETE FROM event_search WHERE event_id = old.event_id;
END;

CREATE TRIGGER events_search_update AFTER UPDATE OF record ON events BEGIN
    UPDATE events_fts SET sentence = json_extract(new.record, '$.evidence.sentence')
        WHERE rowid IN (SELECT id FROM event_search WHERE event_id = new.event_id);
END;

-- Events stored before this migration become searchable too.
INSERT INTO event_search (event_id) SELECT event_id FROM events;
INSERT INTO events_fts (rowid, sentence)
    SELECT s.id, json_extract(e.record, '$.evidence.sentence')
    FROM event_search s JOIN events e ON e.event_id = s.event_id;

-- Pages are sorted by (date_start, event_id): this index returns a page in order without sorting, and
-- makes events_date (its prefix) redundant.
DROP INDEX IF EXISTS events_date;
CREATE INDEX events_date_id ON events(date_start, event_id);
-- Equality filters, each followed by the sort key so a filtered page is read in order from the index.
CREATE INDEX events_quad_date ON events(quad_class, date_start);
CREATE INDEX events_factuality_date ON events(factuality, date_start);
CREATE INDEX events_location_country_date ON events(location_country, date_start);
-- CAMEO prefixes are ranges ('19' -> '19' <= cameo < '1:'), which this index answers.
CREATE INDEX events_cameo ON events(cameo);
-- The radius filter first narrows to a latitude band.
CREATE INDEX events_lat_lon ON events(lat, lon);
-- Actor filters read the matching event ids from these indexes alone (covering: no table look-up per
-- participant, which on a common country is ~40% of the page time); they replace 0002's narrower ones.
DROP INDEX IF EXISTS event_actors_actor;
DROP INDEX IF EXISTS event_actors_country;
CREATE INDEX event_actors_actor_role ON event_actors(actor_id, role, event_id);
CREATE INDEX event_actors_country_role ON event_actors(country, role, event_id);
CREATE INDEX event_actors_sector_role ON event_actors(sector, role, event_id);

-- Radius queries and yearly aggregates on millions of events (bench/queries.py, docs/store.md).

-- The cell of a located event in a 0.5-degree grid: row (latitude) * 720 + column (longitude), as
-- eventwire.store.geo.grid_cell computes it. A radius query names the cells its circle touches, and this
-- index answers them with the coordinates and page order of each event, so no row is read to measure the
-- distance. It replaces the latitude band of 0006, which read every event at that latitude around the globe.
ALTER TABLE events ADD COLUMN geo_cell INTEGER GENERATED ALWAYS AS (
    CASE WHEN lat IS NOT NULL AND lon IS NOT NULL
    THEN min(359, CAST((lat + 90) * 2 AS INTEGER)) * 720 + min(719, CAST((lon + 180) * 2 AS INTEGER))
    END) VIRTUAL;
DROP INDEX IF EXISTS events_lat_lon_date;
CREATE INDEX events_geo_cell ON events(geo_cell, lat, lon, date_start, event_id);

-- Daily, weekly and monthly counts by type or quad class, and mean intensity, over a date range, read from
-- this index alone (a year of 1M events: every event's row was read, ~4x slower).
CREATE INDEX events_date_type_quad_intensity ON events(date_start, type, quad_class, intensity);

-- Each participant carries its event's type and date, so an actor filter with a type and a period (USA,
-- CONSULT, 2024) reads only the matching participants from one index instead of every participant of the
-- country (event_actors is rewritten with its events, so the copies cannot drift: Store.replace_events).
ALTER TABLE event_actors ADD COLUMN type TEXT;
ALTER TABLE event_actors ADD COLUMN date_start TEXT;
UPDATE event_actors SET (type, date_start) =
    (SELECT e.type, e.date_start FROM events e WHERE e.event_id = event_actors.event_id);
CREATE INDEX event_actors_country_date ON event_actors(country, date_start, type, role, event_id);
CREATE INDEX event_actors_actor_date ON event_actors(actor_id, date_start, type, role, event_id);

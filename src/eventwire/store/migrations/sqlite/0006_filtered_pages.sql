-- Filtered pages and their totals on millions of events (bench/queries.py, docs/exports.md).

-- The actor filters with any role: the matching event ids come sorted from these indexes alone, so the
-- total (count of distinct events) needs no temporary b-tree (USA on 1M events: 158 -> 33 ms).
CREATE INDEX event_actors_actor_event ON event_actors(actor_id, event_id);
CREATE INDEX event_actors_country_event ON event_actors(country, event_id);
-- Quad class and place country together (a conflict map of one country): counted from the index alone
-- (USA, quad class 4 on 1M events: 330 -> 2 ms). Quad class first, so a place country alone keeps its own
-- index, events_location_country_date.
CREATE INDEX events_quad_location_country_date ON events(quad_class, location_country, date_start);
-- The radius filter reads the latitude band, the longitude, the distance and the page order from the index
-- alone (no row look-up per candidate); it makes events_lat_lon (its prefix) redundant.
DROP INDEX IF EXISTS events_lat_lon;
CREATE INDEX events_lat_lon_date ON events(lat, lon, date_start, event_id);

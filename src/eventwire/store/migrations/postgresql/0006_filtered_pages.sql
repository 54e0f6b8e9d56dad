-- PostgreSQL twin of sqlite/0006_filtered_pages.sql: the same indexes.
CREATE INDEX event_actors_actor_event ON event_actors(actor_id, event_id);
CREATE INDEX event_actors_country_event ON event_actors(country, event_id);
CREATE INDEX events_quad_location_country_date ON events(quad_class, location_country, date_start);
DROP INDEX IF EXISTS events_lat_lon;
CREATE INDEX events_lat_lon_date ON events(lat, lon, date_start NULLS FIRST, event_id);

-- PostgreSQL twin of sqlite/0003_event_queries.sql: search, the radius function and the query indexes.

-- Diacritics are folded before indexing and before searching (SQLite's `remove_diacritics 2`): é -> e.
-- translate() over Latin-1 and Latin Extended A/B needs no extension (unaccent is not always installable).
CREATE FUNCTION ew_fold(words TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT translate(words,
        'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ',
        'AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzsOoUuAaIiOoUuUuUuUuUuAaAaGgKkOoOojGgNnAaAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYy')
$$;

-- The evidence sentence as words: the 'simple' configuration lower-cases and neither stems nor drops
-- stop words, like SQLite's unicode61 tokenizer. Kept by the database on every insert and update.
ALTER TABLE events ADD COLUMN search TSVECTOR GENERATED ALWAYS AS
    (to_tsvector('simple'::regconfig, ew_fold((record::jsonb) #>> '{evidence,sentence}'))) STORED;
CREATE INDEX events_search ON events USING gin (search);

-- Great-circle (haversine) distance in km, as store/geo.py computes it for SQLite; NULL without coordinates.
CREATE FUNCTION ew_distance_km(lat1 DOUBLE PRECISION, lon1 DOUBLE PRECISION, lat2 DOUBLE PRECISION,
                               lon2 DOUBLE PRECISION)
RETURNS DOUBLE PRECISION LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT 2 * 6371.0088 * asin(least(1.0, sqrt(
        sin(radians(lat2 - lat1) / 2) ^ 2
        + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ^ 2)))
$$;

-- Pages are sorted by (date_start, event_id), undated events first.
CREATE INDEX events_date_id ON events(date_start NULLS FIRST, event_id);
CREATE INDEX events_quad_date ON events(quad_class, date_start);
CREATE INDEX events_factuality_date ON events(factuality, date_start);
CREATE INDEX events_location_country_date ON events(location_country, date_start);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_lat_lon ON events(lat, lon);
CREATE INDEX event_actors_actor_role ON event_actors(actor_id, role, event_id);
CREATE INDEX event_actors_country_role ON event_actors(country, role, event_id);
CREATE INDEX event_actors_sector_role ON event_actors(sector, role, event_id);

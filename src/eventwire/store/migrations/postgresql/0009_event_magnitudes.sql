-- PostgreSQL twin of sqlite/0009_event_magnitudes.sql: the record's "size" counts as generated columns
-- (stored: PostgreSQL 15 has no virtual ones; adding them computes them for the events already stored).
ALTER TABLE events ADD COLUMN dead INTEGER GENERATED ALWAYS AS (((record::json) -> 'size' ->> 'dead')::integer) STORED;
ALTER TABLE events ADD COLUMN injured INTEGER
    GENERATED ALWAYS AS (((record::json) -> 'size' ->> 'injured')::integer) STORED;
ALTER TABLE events ADD COLUMN arrested INTEGER
    GENERATED ALWAYS AS (((record::json) -> 'size' ->> 'arrested')::integer) STORED;
ALTER TABLE events ADD COLUMN participants INTEGER
    GENERATED ALWAYS AS (((record::json) -> 'size' ->> 'participants')::integer) STORED;

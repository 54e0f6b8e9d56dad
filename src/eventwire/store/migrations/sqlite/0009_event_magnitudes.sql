-- Magnitudes (docs/magnitudes.md): the counts of the record's "size" object as columns, so the API sums
-- them over any filter. Generated from the record, so the write path is unchanged and events stored before
-- this version get theirs (NULL: the record gives no figure) without being rewritten. 0008 is left to the
-- aggregate tables of the same session.
ALTER TABLE events ADD COLUMN dead INTEGER GENERATED ALWAYS AS (json_extract(record, '$.size.dead')) VIRTUAL;
ALTER TABLE events ADD COLUMN injured INTEGER GENERATED ALWAYS AS (json_extract(record, '$.size.injured')) VIRTUAL;
ALTER TABLE events ADD COLUMN arrested INTEGER GENERATED ALWAYS AS (json_extract(record, '$.size.arrested')) VIRTUAL;
ALTER TABLE events ADD COLUMN participants INTEGER
    GENERATED ALWAYS AS (json_extract(record, '$.size.participants')) VIRTUAL;

-- Cross-article deduplication: mentions of the same real-world event (same category and factuality,
-- compatible actors, overlapping dates, no conflicting place) are linked to one cluster, which counts
-- them as GDELT counts NumMentions / NumSources / NumArticles. Every mention keeps its own row and
-- evidence; nothing is dropped.
CREATE TABLE event_clusters (
    cluster_id       TEXT PRIMARY KEY,   -- the event_id of its first mention
    type             TEXT,
    factuality       TEXT NOT NULL,
    date_start       TEXT,
    date_end         TEXT,
    source_keys      TEXT NOT NULL,      -- JSON list of actor keys (knowledge-base id, else country:sector)
    target_keys      TEXT NOT NULL,
    location_country TEXT,
    mentions         INTEGER NOT NULL DEFAULT 0,
    articles         INTEGER NOT NULL DEFAULT 0,
    sources          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX event_clusters_type_date ON event_clusters(type, factuality, date_start);

ALTER TABLE events ADD COLUMN cluster_id TEXT REFERENCES event_clusters(cluster_id);
CREATE INDEX events_cluster ON events(cluster_id);

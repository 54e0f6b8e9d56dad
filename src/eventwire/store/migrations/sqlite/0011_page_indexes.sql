-- What the explorer's first view still read from every event on 1,000,000 (docs/store.md):
-- 1. The real-world-events table orders clusters by their first mention's date: first_day is that date,
--    the earliest date_start of the cluster's current mentions, set by Store._recount_cluster whenever a
--    mention joins or leaves (date_start keeps the earliest ever joined, for deduplication). With its
--    index the unfiltered page reads 50 clusters instead of grouping every event (21 s under load).
ALTER TABLE event_clusters ADD COLUMN first_day TEXT;
UPDATE event_clusters SET first_day = (SELECT min(e.date_start) FROM events e
                                       WHERE e.cluster_id = event_clusters.cluster_id);
CREATE INDEX event_clusters_first_day ON event_clusters(first_day, cluster_id);
-- 2. The magnitudes' sum reads only the events with a figure (a few in a hundred): a partial index holding
--    every column store/magnitudes.py reads, so neither the other events nor their JSON records are read
--    (1M events: a 3.4 s scan; store/magnitudes.py names it, as SQLite would rather take a filter's index).
--    Its WHERE is the one the sum's query adds, word for word: SQLite uses a partial index only when the
--    query's condition contains the index's.
CREATE INDEX events_magnitudes ON events(article_id, sentence_start, cluster_id, event_id, type, date_start,
                                         dead, injured, arrested, participants)
    WHERE (dead IS NOT NULL OR injured IS NOT NULL OR arrested IS NOT NULL OR participants IS NOT NULL);
-- 3. The summary's languages (every request of the page starts with it) from an index, not a scan of
--    every article's text (the other figures have theirs: published, source, near_duplicate_of).
CREATE INDEX articles_language ON articles(language);

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
-- 4. The magnitudes of each sentence with a figure, kept on write (store/totals.py): the unfiltered sum
--    groups these rows by real-world event along their index instead of grouping the events twice (1M
--    events with 50,000 figures: 0.54-0.67 s from the partial index above, under load). An event's cluster
--    is fixed when it is written, so a sentence's row changes only when its article is re-coded.
CREATE TABLE IF NOT EXISTS totals_magnitudes (
    article_id     TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    event_key      TEXT NOT NULL,      -- the first cluster (or event id) of the sentence's events with one
    dead           INTEGER,
    injured        INTEGER,
    arrested       INTEGER,
    participants   INTEGER,
    records        INTEGER NOT NULL,   -- the sentence's event records with a figure
    PRIMARY KEY (article_id, sentence_start)
) WITHOUT ROWID;
CREATE INDEX totals_magnitudes_event ON totals_magnitudes(event_key, dead, injured, arrested, participants,
                                                           records);
INSERT INTO totals_magnitudes (article_id, sentence_start, event_key, dead, injured, arrested, participants,
                               records)
    SELECT e.article_id, e.sentence_start, min(coalesce(e.cluster_id, e.event_id)), max(e.dead),
           max(e.injured), max(e.arrested), max(e.participants), count(*)
    FROM events e
    WHERE (e.dead IS NOT NULL OR e.injured IS NOT NULL OR e.arrested IS NOT NULL OR e.participants IS NOT NULL)
    GROUP BY e.article_id, e.sentence_start;

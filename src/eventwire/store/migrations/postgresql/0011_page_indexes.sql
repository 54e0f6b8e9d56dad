-- PostgreSQL twin of sqlite/0011_page_indexes.sql: the clusters' first mention date (kept by
-- Store._recount_cluster) with the index the real-world-events page reads in order, and the magnitudes'
-- partial index over the events with a figure.
ALTER TABLE event_clusters ADD COLUMN first_day TEXT COLLATE "C";
UPDATE event_clusters c SET first_day = f.first_day
    FROM (SELECT cluster_id, min(date_start) AS first_day FROM events GROUP BY cluster_id) AS f
    WHERE f.cluster_id = c.cluster_id;
CREATE INDEX event_clusters_first_day ON event_clusters(first_day NULLS FIRST, cluster_id);
CREATE INDEX events_magnitudes ON events(article_id, sentence_start, cluster_id, event_id, type, date_start,
                                         dead, injured, arrested, participants)
    WHERE (dead IS NOT NULL OR injured IS NOT NULL OR arrested IS NOT NULL OR participants IS NOT NULL);
-- 3. The summary's languages (every request of the page starts with it) from an index, not a scan of
--    every article's text (the other figures have theirs: published, source, near_duplicate_of).
CREATE INDEX articles_language ON articles(language);
-- 4. The magnitudes of each sentence with a figure, kept on write (store/totals.py; see the SQLite twin).
CREATE TABLE IF NOT EXISTS totals_magnitudes (
    article_id     TEXT COLLATE "C" NOT NULL,
    sentence_start INTEGER NOT NULL,
    event_key      TEXT COLLATE "C" NOT NULL,
    dead           BIGINT,
    injured        BIGINT,
    arrested       BIGINT,
    participants   BIGINT,
    records        BIGINT NOT NULL,
    PRIMARY KEY (article_id, sentence_start)
);
CREATE INDEX totals_magnitudes_event ON totals_magnitudes(event_key, dead, injured, arrested, participants,
                                                           records);
INSERT INTO totals_magnitudes (article_id, sentence_start, event_key, dead, injured, arrested, participants,
                               records)
    SELECT e.article_id, e.sentence_start, min(coalesce(e.cluster_id, e.event_id)), max(e.dead),
           max(e.injured), max(e.arrested), max(e.participants), count(*)
    FROM events e
    WHERE (e.dead IS NOT NULL OR e.injured IS NOT NULL OR e.arrested IS NOT NULL OR e.participants IS NOT NULL)
    GROUP BY e.article_id, e.sentence_start;

-- The near-duplicate index on disk: each article's MinHash cut into LSH bands, one signed 64-bit key per
-- band. Articles sharing a key are candidates, checked against their stored signatures; a new run then
-- asks the database for candidates instead of loading every signature into memory.
-- Articles are named by rowid, not by their 32-character id: 32 rows an article make this the store's
-- biggest table by row count, and the integer keeps it at about a third of the size.
CREATE TABLE article_bands (
    key            INTEGER NOT NULL,
    article_rowid  INTEGER NOT NULL,
    PRIMARY KEY (key, article_rowid)
) WITHOUT ROWID;
-- Finds articles stored before this table (or without bands), for the one-time backfill.
CREATE INDEX article_bands_article ON article_bands(article_rowid);

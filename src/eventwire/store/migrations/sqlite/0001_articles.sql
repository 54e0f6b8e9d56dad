-- Articles, identified by the content hash of their normalised text.
CREATE TABLE articles (
    id                TEXT PRIMARY KEY,
    title             TEXT,
    source            TEXT,
    url               TEXT,
    author            TEXT,
    published         TEXT,
    language          TEXT,
    text              TEXT NOT NULL,
    origin            TEXT NOT NULL,
    record_id         TEXT,
    near_duplicate_of TEXT REFERENCES articles(id),
    minhash           BLOB,
    ingested_at       TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_near_duplicate_of ON articles(near_duplicate_of);

-- Every place an article was read from: the same text at a second URL or file is a sighting, not a new
-- article. Re-reading the same input adds nothing (primary key).
CREATE TABLE article_sightings (
    article_id TEXT NOT NULL REFERENCES articles(id),
    origin     TEXT NOT NULL,
    url        TEXT,
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (article_id, origin)
);

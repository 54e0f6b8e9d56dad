-- PostgreSQL twin of sqlite/0005_article_bands.sql: LSH band keys of each article's MinHash, the article
-- named by its identity column `rowid` (a third of the size of its text id in 32 rows an article).
CREATE TABLE article_bands (
    key            BIGINT NOT NULL,
    article_rowid  BIGINT NOT NULL REFERENCES articles(rowid),
    PRIMARY KEY (key, article_rowid)
);
CREATE INDEX article_bands_article ON article_bands(article_rowid);

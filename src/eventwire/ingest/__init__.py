"""Reading news sources: files, directories, stdin; HTML, scraped text, feeds, WARC, JSONL, CSV, gzip.

`read_sources(paths)` yields one RawDocument per page / feed item / record, or a SourceError naming the
file (and record) and the reason. Bad input never stops the run.
"""

from eventwire.ingest.sources import DEFAULT_MAX_BYTES, read_sources

__all__ = ["DEFAULT_MAX_BYTES", "read_sources"]

"""Main text and metadata of a document (extract) and near-duplicate detection (NearDuplicateIndex)."""

from eventwire.extract.extractor import extract
from eventwire.extract.neardup import NearDuplicateIndex

__all__ = ["NearDuplicateIndex", "extract"]

"""Main text and metadata of a document (extract) and near-duplicate detection (NearDuplicateFinder over
the store's band index; NearDuplicateIndex in memory)."""

from eventwire.extract.extractor import extract
from eventwire.extract.neardup import NearDuplicateFinder, NearDuplicateIndex

__all__ = ["NearDuplicateFinder", "NearDuplicateIndex", "extract"]

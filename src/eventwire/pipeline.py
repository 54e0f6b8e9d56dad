"""The stages composed: sources -> RawDocument -> Article -> store.

Data flows one way. Each stage is a function of the previous record; only this module and store/ know
that a database exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from tqdm import tqdm

from eventwire.extract import NearDuplicateIndex, extract
from eventwire.ingest import read_sources
from eventwire.records import Article, SourceError
from eventwire.store import Store

ErrorHandler = Callable[[SourceError], None]


def iter_articles(paths: Iterable[str]) -> Iterator[Article | SourceError]:
    """Read and extract every document of the inputs; failures come out as SourceError, in order."""
    for raw in read_sources(list(paths)):
        yield raw if isinstance(raw, SourceError) else extract(raw)


@dataclass
class IngestTally:
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failed: int = 0

    @property
    def documents(self) -> int:
        return self.new + self.duplicate + self.near_duplicate + self.failed

    def closing_line(self) -> str:
        return (
            f"{self.documents} documents: {self.new} new, {self.duplicate} duplicate, "
            f"{self.near_duplicate} near-duplicate, {self.failed} failed"
        )


def _load_near_duplicate_index(store: Store) -> NearDuplicateIndex:
    index = NearDuplicateIndex()
    for article_id, signature in store.minhash_signatures():
        index.add_signature(article_id, signature)
    return index


def ingest(
    paths: Iterable[str], store: Store, *, on_error: ErrorHandler, progress: bool = False
) -> IngestTally:
    """Store every article of the inputs once. Safe to re-run, also after a run was killed half-way:
    each article is committed on its own, stored ones are recognised by content hash, and the
    near-duplicate index is rebuilt from the stored signatures in their original order."""
    tally = IngestTally()
    index = _load_near_duplicate_index(store)
    with tqdm(desc="ingest", unit="doc", disable=not progress, leave=False) as bar:
        for item in iter_articles(paths):
            bar.update()
            if isinstance(item, SourceError):
                tally.failed += 1
                on_error(item)
                continue
            with store.transaction():
                if store.has_article(item.id):
                    store.add_sighting(item)
                    tally.duplicate += 1
                    continue
                original = index.find(item.text)
                signature = index.signature(item.text)
                store.add_article(item, near_duplicate_of=original, minhash=signature)
            index.add_signature(item.id, signature)
            if original:
                tally.near_duplicate += 1
            else:
                tally.new += 1
            bar.set_postfix(new=tally.new, dup=tally.duplicate, near=tally.near_duplicate,
                            failed=tally.failed, refresh=False)
    return tally

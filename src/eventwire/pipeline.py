"""The stages composed: sources -> RawDocument -> Article -> (parse -> events) -> store.

Data flows one way. Each stage is a function of the previous record; only this module and store/ know
that a database exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from tqdm import tqdm

from eventwire.extract import NearDuplicateIndex, extract
from eventwire.ingest import read_sources
from eventwire.records import Article, SourceError
from eventwire.store import Store

if TYPE_CHECKING:
    from eventwire.events import EventCoder

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
    events: int = 0

    @property
    def documents(self) -> int:
        return self.new + self.duplicate + self.near_duplicate + self.failed

    def closing_line(self) -> str:
        return (
            f"{self.documents} documents: {self.new} new, {self.duplicate} duplicate, "
            f"{self.near_duplicate} near-duplicate, {self.failed} failed; {self.events} events coded"
        )


@dataclass(frozen=True, slots=True)
class _NewArticle:
    article: Article
    near_duplicate_of: str | None
    signature: bytes


def _load_near_duplicate_index(store: Store) -> NearDuplicateIndex:
    index = NearDuplicateIndex()
    for article_id, signature in store.minhash_signatures():
        index.add_signature(article_id, signature)
    return index


def _batches(items: Iterator[Article | SourceError], size: int) -> Iterator[list[Article | SourceError]]:
    while batch := list(islice(items, size)):
        yield batch


def ingest(
    paths: Iterable[str], store: Store, *, on_error: ErrorHandler, progress: bool = False,
    coder: EventCoder | None = None, batch_size: int = 16,
) -> IngestTally:
    """Store every article of the inputs once, with its coded events when a coder is given.

    Safe to re-run, also after a run was killed half-way: each article is committed together with its
    events, stored articles are recognised by content hash (and coded if an earlier run stored them
    uncoded), and the near-duplicate index is rebuilt from the stored signatures in their original order.
    Articles are parsed in batches (spaCy's nlp.pipe) but written one transaction each.
    """
    tally = IngestTally()
    index = _load_near_duplicate_index(store)
    with tqdm(desc="ingest", unit="doc", disable=not progress, leave=False) as bar:
        for batch in _batches(iter_articles(paths), batch_size):
            new: list[_NewArticle] = []
            uncoded: list[Article] = []
            seen_again: list[Article] = []
            pending: set[str] = set()
            for item in batch:
                bar.update()
                if isinstance(item, SourceError):
                    tally.failed += 1
                    on_error(item)
                    continue
                if item.id in pending or store.has_article(item.id):
                    seen_again.append(item)
                    tally.duplicate += 1
                    if coder and item.id not in pending and store.events_coded_by(item.id) != coder.version:
                        uncoded.append(item)
                        pending.add(item.id)
                    continue
                original = index.find(item.text)
                signature = index.signature(item.text)
                index.add_signature(item.id, signature)
                pending.add(item.id)
                new.append(_NewArticle(item, original, signature))
            events = _code(coder, [n.article for n in new] + uncoded)
            for entry in new:
                with store.transaction():
                    store.add_article(entry.article, near_duplicate_of=entry.near_duplicate_of,
                                      minhash=entry.signature)
                    if coder is not None:
                        store.replace_events(entry.article, events[entry.article.id], coder.version)
                tally.events += len(events.get(entry.article.id, ()))
                if entry.near_duplicate_of:
                    tally.near_duplicate += 1
                else:
                    tally.new += 1
            for article in uncoded:
                with store.transaction():
                    store.replace_events(article, events[article.id], coder.version)  # type: ignore[union-attr]
                tally.events += len(events[article.id])
            for article in seen_again:
                with store.transaction():
                    store.add_sighting(article)
            bar.set_postfix(new=tally.new, dup=tally.duplicate, near=tally.near_duplicate,
                            failed=tally.failed, events=tally.events, refresh=False)
    return tally


def _code(coder: EventCoder | None, articles: list[Article]) -> dict[str, list]:
    if coder is None or not articles:
        return {}
    return {article.id: events for article, events in coder.code_articles(articles)}

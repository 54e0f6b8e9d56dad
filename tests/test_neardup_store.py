"""The near-duplicate index kept in the store: band keys written with each article, candidates asked of
the database, old stores upgraded once, and nothing of the stored articles held in memory."""

from __future__ import annotations

import random

from eventwire.extract.neardup import CANDIDATE_LIMIT, NearDuplicateFinder, Signature
from eventwire.pipeline import Ingestion, IngestTally
from eventwire.records import Article, ArticleMeta, content_hash
from eventwire.store import Store
from fixtures.synthetic import pseudo_article

STORY = ("The finance ministers of the two neighbours met in the border town on Tuesday and agreed to reopen "
         "the crossing that was closed last spring, officials from both sides said afterwards. Trucks "
         "carrying grain and fuel will be allowed through from next week, and a joint commission will "
         "review the customs rules before the end of the year.")


def _article(text: str, source: str = "Wire") -> Article:
    return Article(id=content_hash(text), text=text, origin=f"{source}.txt", record_id=None,
                   meta=ArticleMeta(title=None, source=source, url=None, author=None,
                                    published="2024-05-01", language="en"))


def _ingest(store: Store, articles: list[Article]) -> IngestTally:
    ingestion = Ingestion(store, batch_size=len(articles))
    tally = ingestion.run(articles, on_error=lambda error: None)
    assert ingestion.remembered == 0  # stored articles are found in the store, not memory
    return tally


def test_a_later_run_finds_the_near_duplicate_in_the_store(store_url: str) -> None:
    original = _article(STORY)
    with Store.open(store_url) as store:
        _ingest(store, [original, _article("Another story about the weather, rain all week in the hills.")])
    reworded = _article(STORY.replace("Tuesday", "Wednesday").replace("Trucks", "Lorries"), source="Other")
    with Store.open(store_url) as store:
        tally = _ingest(store, [reworded])
        assert tally.near_duplicate == 1
        assert store.near_duplicate_of(reworded.id) == original.id


def test_candidates_are_bounded_and_those_sharing_most_bands_come_first(store_url: str) -> None:
    target = Signature.of_text(STORY)
    with Store.open(store_url) as store:
        texts = [f"Item {n}: the convoy crossed the bridge at dawn." for n in range(CANDIDATE_LIMIT + 20)]
        _ingest(store, [_article(text) for text in texts] + [_article(STORY)])
        found = store.near_duplicate_candidates(target.keys, 5)
        assert [article_id for article_id, _ in found] == [content_hash(STORY)]
        crowd = Signature.of_text("Item 999: the convoy crossed the bridge at dawn.")
        found = store.near_duplicate_candidates(crowd.keys, CANDIDATE_LIMIT)
        assert 0 < len(found) <= CANDIDATE_LIMIT
        stored_order = [content_hash(text) for text in texts]
        positions = [stored_order.index(article_id) for article_id, _ in found]
        assert positions == sorted(positions)  # given back in the order they were stored


def test_a_store_written_before_band_keys_is_indexed_once(store_url: str) -> None:
    original = _article(STORY)
    with Store.open(store_url) as store, store.transaction():
        # As schema 4 left it: the signature stored, no band keys.
        store.add_article(original, minhash=Signature.of_text(STORY).as_bytes())
    with Store.open(store_url) as store:
        assert [article_id for article_id, _ in store.articles_without_bands()] == [original.id]
        tally = _ingest(store, [_article(STORY.replace("Tuesday", "Monday"), source="Other")])
        assert list(store.articles_without_bands()) == []
        assert tally.near_duplicate == 1


def test_pending_articles_are_found_before_they_are_written(store_url: str) -> None:
    with Store.open(store_url) as store:
        finder = NearDuplicateFinder(store)
        first = finder.admit("first", STORY)
        second = finder.admit("second", STORY.replace("Tuesday", "Friday"))
        assert first.original is None and second.original == "first"
        finder.written(["first", "second"])
        assert finder.admit("third", STORY).original is None  # written elsewhere? no: not in this store


def test_synthetic_articles_are_not_near_duplicates_of_each_other(store_url: str) -> None:
    rng = random.Random(3)
    articles = [_article(pseudo_article(rng)) for _ in range(30)]
    with Store.open(store_url) as store:
        tally = _ingest(store, articles)
    assert (tally.new, tally.near_duplicate) == (30, 0)

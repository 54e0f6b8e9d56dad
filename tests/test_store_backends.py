"""Behaviour both databases must share beyond the sample: search semantics, re-coding, NULL ordering."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.events import Event, EventDate, Evidence
from eventwire.records import Article, ArticleMeta, content_hash
from eventwire.store import Store
from eventwire.store.queries import EventQuery, count_events, find_events, list_articles


def stored_sentence(store: Store, sentence: str, *, date: str | None = "2024-05-01",
                    published: str | None = None) -> str:
    """Store one article whose one event has `sentence` as evidence; returns the event id."""
    article = Article(id=content_hash(sentence), text=sentence, meta=ArticleMeta(published=published),
                      origin=f"{content_hash(sentence)[:8]}.txt")
    event = Event(
        type="PROTEST", mode=None, context=(), cameo="141", quad_class=3, intensity=-3.0,
        factuality="occurred", source=(), target=(),
        evidence=Evidence(sentence, 0, len(sentence), sentence.split()[0], 0, len(sentence.split()[0])),
        confidence=0.7, date=EventDate(date, date, "day", None, True) if date else None,
        article_id=article.id,
    )
    with store.transaction():
        store.add_article(article)
        store.replace_events(article, [event], "test")
    return store.event_records(article.id)[0]["event_id"]


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


@pytest.fixture
def sentences(store: Store) -> dict[str, str]:
    return {
        "elysee": stored_sentence(store, "Protesters gathered outside the Élysée Palace in Paris."),
        "kyiv": stored_sentence(store, "Crowds marched through central Kyiv on Sunday."),
        "sao": stored_sentence(store, "Strikers blocked roads around São Paulo overnight."),
    }


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("elysee", ["elysee"]),  # diacritics folded in the index ...
        ("Élysée", ["elysee"]),  # ... and in the search
        ("ELYSEE palace", ["elysee"]),  # case-insensitive; every word must occur
        ("sao paulo", ["sao"]),
        ("marched", ["kyiv"]),
        ("march", []),  # whole words: no stemming on either database
        ("march*", ["kyiv"]),  # a prefix
        ('"central Kyiv"', ["kyiv"]),  # a phrase
        ('"Kyiv central"', []),  # ... in its order
        ("paris kyiv", []),
        ("the", ["elysee"]),  # no stop words dropped
    ],
)
def test_search_semantics_are_the_same_on_both_databases(
    store: Store, sentences: dict[str, str], words: str, expected: list[str]
) -> None:
    by_id = {event_id: key for key, event_id in sentences.items()}
    assert sorted(by_id[e.event_id] for e in find_events(store, EventQuery(text=words))) == expected


def test_recoding_an_article_replaces_its_searchable_sentence(
    store: Store, sentences: dict[str, str]
) -> None:
    [record] = [r for r in store.event_records() if r["event_id"] == sentences["kyiv"]]
    article = store.article(record["article"]["id"])
    assert article is not None
    with store.transaction():
        store.replace_events(article, [], "test-2")
    assert find_events(store, EventQuery(text="marched")) == []
    assert count_events(store, EventQuery()) == 2


def test_undated_events_come_first_and_undated_articles_last(store: Store) -> None:
    dated = stored_sentence(store, "Dated protest.", date="2024-05-01", published="2024-05-01")
    undated = stored_sentence(store, "Undated protest.", date=None, published=None)
    assert [e.event_id for e in find_events(store, EventQuery())] == [undated, dated]
    assert [e.event_id for e in find_events(store, EventQuery(limit=1, offset=1))] == [dated]
    assert [a.published for a in list_articles(store, limit=10)] == ["2024-05-01", None]


def test_text_compares_bytewise_like_sqlite(store: Store) -> None:
    # Upper case before lower case, whatever the PostgreSQL database's locale says.
    for name in ("beta", "Alpha", "alpha", "Beta"):
        stored_sentence(store, f"{name} protest.", published=f"2024-01-01 {name}")
    published = [a.published for a in list_articles(store, limit=10)]
    assert published == sorted(published, reverse=True)
    assert published[-1] == "2024-01-01 Alpha"


# --- the near-duplicate index on disk ---------------------------------------------------------------------

def banded_article(store: Store, number: int, keys: list[int] | None) -> str:
    text = f"Wire story {number} about the summit."
    article = Article(id=content_hash(text), text=text, meta=ArticleMeta(), origin=f"w{number}.txt")
    with store.transaction():
        store.add_article(article, minhash=bytes([number]) * 8)
        if keys is not None:
            store.add_bands(article.id, keys)
    return article.id


def test_near_duplicate_candidates_share_a_band_key_and_come_in_insertion_order(store: Store) -> None:
    biggest, smallest = 2**63 - 1, -(2**63)
    third = banded_article(store, 3, [30, biggest])
    first = banded_article(store, 1, [10, 11, smallest])
    second = banded_article(store, 2, [11, 20, 20])  # a key repeated is stored once
    assert store.near_duplicate_candidates([11]) == [(first, bytes([1]) * 8), (second, bytes([2]) * 8)]
    # each article once, however many keys it shares; stored order, not key order
    assert [a for a, _ in store.near_duplicate_candidates([biggest, 20, 11, 10, smallest])] == [
        third, first, second]
    assert store.near_duplicate_candidates([99]) == []
    assert store.near_duplicate_candidates([]) == []


def test_adding_the_same_bands_again_changes_nothing(store: Store) -> None:
    article_id = banded_article(store, 1, [5, 6])
    with store.transaction():
        store.add_bands(article_id, [5, 6])
    assert store.execute("SELECT count(*) FROM article_bands").fetchone()[0] == 2


def test_bands_are_written_with_the_articles_transaction(store: Store) -> None:
    text = "A story whose transaction fails."
    article = Article(id=content_hash(text), text=text, meta=ArticleMeta(), origin="f.txt")
    with pytest.raises(RuntimeError), store.transaction():
        store.add_article(article, minhash=b"12345678")
        store.add_bands(article.id, [1, 2])
        raise RuntimeError("killed")
    assert store.near_duplicate_candidates([1, 2]) == []


def test_band_keys_must_be_signed_64_bit(store: Store) -> None:
    article_id = banded_article(store, 1, None)
    with pytest.raises(ValueError, match=f"band key {2**63} of article {article_id}"), store.transaction():
        store.add_bands(article_id, [1, 2**63])


def test_articles_without_bands_are_listed_for_the_backfill_in_insertion_order(store: Store) -> None:
    late = banded_article(store, 5, None)
    banded_article(store, 4, [1])
    early = banded_article(store, 3, None)
    text = "No signature at all."
    store.add_article(Article(id=content_hash(text), text=text, meta=ArticleMeta(), origin="n.txt"))
    assert list(store.articles_without_bands()) == [(late, bytes([5]) * 8), (early, bytes([3]) * 8)]
    with store.transaction():
        store.add_bands(late, [7])
    assert [a for a, _ in store.articles_without_bands()] == [early]


def test_with_a_limit_the_candidates_sharing_most_keys_are_kept_in_stored_order(store: Store) -> None:
    one_key = banded_article(store, 1, [1, 50])
    three_keys = banded_article(store, 2, [1, 2, 3])
    two_keys = banded_article(store, 3, [2, 3, 60])
    also_one = banded_article(store, 4, [3])
    query = [1, 2, 3]
    assert [a for a, _ in store.near_duplicate_candidates(query, 2)] == [three_keys, two_keys]
    # of the two sharing one key, the first stored
    assert [a for a, _ in store.near_duplicate_candidates(query, 3)] == [one_key, three_keys, two_keys]
    assert [a for a, _ in store.near_duplicate_candidates(query)] == [one_key, three_keys, two_keys, also_one]
    assert store.near_duplicate_candidates(query, 0) == []


def test_signatures_can_be_read_in_pages_while_the_store_is_written(store: Store) -> None:
    ids = [banded_article(store, number, None) for number in range(1, 8)]
    backfilled = []
    for article_id, _ in store._signatures_by_insertion(  # small pages: several page boundaries
            "NOT EXISTS (SELECT 1 FROM article_bands b WHERE b.article_rowid = a.rowid)", page=3):
        with store.transaction():
            store.add_bands(article_id, [len(backfilled)])
        backfilled.append(article_id)
    assert backfilled == ids
    assert list(store.articles_without_bands()) == []
    assert [a for a, _ in store._signatures_by_insertion("1 = 1")] == ids

"""The store on both databases: schema versions, idempotent writes, atomic transactions, URLs and messages."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from eventwire.records import Article, ArticleMeta, content_hash
from eventwire.store import Store, StoreError, database_url, mask_url
from eventwire.store.backend import backend_for
from eventwire.store.migrations import available_migrations


def make_article(text: str, origin: str = "test.txt", **meta: str) -> Article:
    return Article(id=content_hash(text), text=text, meta=ArticleMeta(**meta), origin=origin)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


def test_new_database_is_at_the_latest_schema_version(store: Store) -> None:
    assert store.schema_version == max(m.version for m in available_migrations(store.backend.name))


def test_both_databases_have_the_same_schema_versions() -> None:
    def versions(backend: str) -> list[tuple[int, str]]:
        return [(m.version, m.name) for m in available_migrations(backend)]

    assert versions("sqlite") == versions("postgresql")


def test_reopening_does_not_reapply_migrations(store_url: str) -> None:
    Store.open(store_url).close()
    with Store.open(store_url) as reopened:
        applied = reopened.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
    assert applied == len(available_migrations(reopened.backend.name))


def test_an_article_is_stored_once_however_often_it_is_added(store: Store) -> None:
    article = make_article("Troops withdrew from the base on Monday.", title="Withdrawal")
    assert store.add_article(article) is True
    assert store.add_article(article) is False
    assert store.summary().articles == 1
    assert store.article(article.id) == article


def test_the_same_text_read_from_two_places_is_one_article_seen_twice(store: Store) -> None:
    first = make_article("The parliament voted on a resolution.", origin="a.html", url="https://a.example/1")
    second = make_article("The parliament voted on a resolution.", origin="b.html", url="https://b.example/9")
    assert first.id == second.id
    store.add_article(first)
    store.add_article(second)
    facts = store.summary()
    assert (facts.articles, facts.sightings) == (1, 2)


def test_a_failed_transaction_leaves_nothing_behind(store: Store) -> None:
    article = make_article("A ceasefire was agreed.")
    with pytest.raises(RuntimeError), store.transaction():
        store.add_article(article)
        raise RuntimeError("killed half-way")
    assert not store.has_article(article.id)
    assert store.summary().sightings == 0


def test_near_duplicate_links_and_signatures_are_kept_in_insertion_order(store: Store) -> None:
    original = make_article("Original wire story text.")
    copy = make_article("Original wire story text, lightly edited.")
    store.add_article(original, minhash=b"sig-1")
    store.add_article(copy, near_duplicate_of=original.id, minhash=b"sig-2")
    assert store.near_duplicate_of(copy.id) == original.id
    # Without band keys yet, both are what a band-index backfill reads, in the order they were stored.
    assert list(store.articles_without_bands()) == [(original.id, b"sig-1"), (copy.id, b"sig-2")]
    assert store.summary().near_duplicates == 1


def test_summary_counts_sources_and_publication_range(store: Store) -> None:
    store.add_article(make_article("one", source="Meridian Wire", published="2020-01-05T10:00:00+03:00"))
    store.add_article(make_article("two", source="Meridian Wire", published="2020-01-07"))
    store.add_article(make_article("three", source="Tigris Daily", published="2019-12-31"))
    facts = store.summary()
    assert facts.first_published == "2019-12-31"
    assert facts.last_published == "2020-01-07"
    assert [(s.source, s.articles) for s in facts.sources] == [("Meridian Wire", 2), ("Tigris Daily", 1)]


def test_database_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert database_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("sqlite:////data/x.db") == "sqlite:////data/x.db"
    monkeypatch.setenv("EVENTWIRE_DB", str(tmp_path / "env.db"))
    assert database_url(None) == f"sqlite:///{tmp_path / 'env.db'}"


def test_database_url_schemes_choose_the_backend() -> None:
    assert backend_for("sqlite:////tmp/x.db").name == "sqlite"
    assert backend_for("postgresql://u@h/db").name == "postgresql"
    assert backend_for("postgres://u@h/db").name == "postgresql"
    with pytest.raises(StoreError, match=r"unknown database URL 'mysql://u:\*\*\*@h/db'.*postgresql://"):
        backend_for("mysql://u:secret@h/db")


def test_passwords_in_urls_are_masked() -> None:
    assert mask_url("postgresql://ew:s3cret@db.example:5432/events") == "postgresql://ew:***@db.example:5432/events"
    assert "s3cret" not in mask_url("postgresql://ew@db.example/events?password=s3cret&sslmode=require")
    assert mask_url("postgresql://ew@db.example/events") == "postgresql://ew@db.example/events"
    assert mask_url("sqlite:////data/x.db") == "sqlite:////data/x.db"


def test_an_unreachable_server_is_an_error_naming_it_without_the_password() -> None:
    # Port 9 (discard) has no PostgreSQL behind it on any test machine.
    with pytest.raises(StoreError) as failure:
        Store.open("postgresql://ew:s3cret@127.0.0.1:9/events")
    message = str(failure.value)
    assert "postgresql://ew:***@127.0.0.1:9/events" in message
    assert "s3cret" not in message
    assert "is the server running" in message


def test_unusable_databases_get_an_error_the_user_can_act_on(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "missing-folder" / "x.db")
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_bytes(b"this is not an sqlite file" * 100)
    with pytest.raises(StoreError, match=r"notes\.db"):
        Store.open(not_a_database)


def test_readers_see_committed_articles_while_a_writer_is_open(tmp_path: Path) -> None:
    with Store.open(tmp_path / "events.db") as store:
        store.add_article(make_article("Committed article."))
        reader = sqlite3.connect(tmp_path / "events.db")
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        reader.close()


def test_a_read_only_store_refuses_writes_naming_the_database(store_url: str) -> None:
    Store.open(store_url).close()
    with Store.open(store_url) as reader:
        reader.read_only()
        with pytest.raises(StoreError, match="cannot write to database"), reader.transaction():
            reader.add_article(make_article("Not to be written."))
        assert reader.summary().articles == 0



def test_participants_carry_their_events_type_and_date_through_a_recoding(store_url: str) -> None:
    from eventwire.events import ActorRef, Event, EventDate, Evidence
    from eventwire.store.queries import EventQuery, find_events
    from fixtures.queries import sample_store

    def mismatches(opened: Store) -> list[tuple[object, ...]]:
        rows = opened.execute("SELECT a.event_id, a.type, a.date_start, e.type, e.date_start"
                              " FROM event_actors a JOIN events e ON e.event_id = a.event_id").fetchall()
        assert rows
        return [tuple(row) for row in rows if (row[1], row[2]) != (row[3], row[4])]

    built, _ = sample_store.build(store_url)  # type: ignore[arg-type]
    with built as opened:
        assert mismatches(opened) == []
        # Re-code one article with another type and date: the participants' copies follow.
        article = opened.article(find_events(opened, EventQuery())[0].article_id)
        assert article is not None
        sentence = article.text.split("\n")[0]
        word = sentence.split()[2]
        start = sentence.index(word)
        recoded = Event(
            type="AID", mode=None, context=(), cameo="070", quad_class=2, intensity=3.0,
            factuality="occurred",
            source=(ActorRef(word, start, start + len(word), "ew:XYZ", "X", "XYZ", "GOV"),),
            target=(), evidence=Evidence(sentence, 0, len(sentence), word, start, start + len(word)),
            confidence=0.9, date=EventDate("2030-01-02", "2030-01-02", "day", None, True), location=None,
            article_id=article.id)
        with opened.transaction():
            opened.replace_events(article, [recoded], "test-2")
        assert mismatches(opened) == []
        query = EventQuery(actor_countries=("XYZ",), types=("AID",), since=date(2030, 1, 1))
        found = find_events(opened, query)
        assert [event.event_id for event in found] == [recoded.event_id]


def test_a_sqlite_store_writes_through_a_page_cache_larger_than_sqlites_default(tmp_path: Path) -> None:
    # With the default 2 MiB every commit of a grown store re-reads index pages (docs/ingest-profile.md).
    from eventwire.store.sqlite import PAGE_CACHE_KIB

    with Store.open(tmp_path / "cache.db") as opened:
        assert opened.connection.execute("PRAGMA cache_size").fetchone()[0] == -PAGE_CACHE_KIB
    assert PAGE_CACHE_KIB > 2000

"""Ingest end to end: counts, duplicates, near-duplicates, bad input, and a run killed half-way."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import StoreUrls
from eventwire.pipeline import Ingestion, ingest, iter_articles
from eventwire.records import Article, SourceError
from eventwire.store import Store, StoreError
from fixtures.synthetic import pseudo_article


def article_text(seed: int) -> str:
    """A distinct pseudo-article, the same for the same seed."""
    return pseudo_article(random.Random(seed))


def write_corpus(folder: Path, articles: int = 6) -> Path:
    records = [
        {
            "id": f"r{i}",
            "url": f"https://wire.example/{i}",
            "source": "Test Wire",
            "published": f"2021-03-{i % 28 + 1:02d}T10:00:00+00:00",
            "text": article_text(i),
        }
        for i in range(articles)
    ]
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def store_rows(db: str | Path) -> dict[str, list[tuple]]:
    """What a store holds, less the times of writing, in an order independent of how it was written."""
    with Store.open(db) as store:
        def rows(sql: str) -> list[tuple]:
            return [tuple(row) for row in store.execute(sql).fetchall()]

        return {
            "articles": rows("SELECT id, title, source, url, published, text, near_duplicate_of, minhash,"
                             " events_coded_by FROM articles ORDER BY id"),
            "order": rows("SELECT id FROM articles ORDER BY rowid"),  # the near-duplicate index's order
            "sightings": rows("SELECT article_id, origin, url FROM article_sightings ORDER BY 1, 2"),
            "events": rows("SELECT event_id, article_id, cluster_id, record FROM events ORDER BY 1"),
            "clusters": rows("SELECT cluster_id, type, factuality, date_start, date_end, source_keys,"
                             " target_keys, location_country, mentions, articles, sources"
                             " FROM event_clusters ORDER BY 1"),
        }


def count_articles(db: str) -> int:
    try:
        with Store.open(db) as store:
            return int(store.execute("SELECT count(*) FROM articles").fetchone()[0])
    except Exception:
        return 0


def test_counts_duplicates_and_near_duplicates(tmp_path: Path, store_url: str) -> None:
    corpus = write_corpus(tmp_path)
    lines = corpus.read_text().splitlines()
    copy = json.loads(lines[0])
    copy.update(id="exact-copy", url="https://other.example/a")
    edited = json.loads(lines[1])
    edited.update(
        id="edited-copy", url="https://other.example/b", text=edited["text"].replace(".", " today.", 1)
    )
    corpus.write_text("\n".join([*lines, json.dumps(copy), json.dumps(edited), "{not json"]) + "\n")
    errors: list[SourceError] = []
    with Store.open(store_url) as store:
        tally = ingest([str(corpus)], store, on_error=errors.append)
        again = ingest([str(corpus)], store, on_error=errors.append)
        facts = store.summary()
    assert (tally.new, tally.duplicate, tally.near_duplicate, tally.failed) == (6, 1, 1, 1)
    assert "line 9" in str(errors[0])
    assert (again.new, again.near_duplicate, again.duplicate) == (0, 0, 8)
    assert facts.articles == 7 and facts.near_duplicates == 1


def test_a_run_killed_half_way_and_resumed_equals_a_clean_run(tmp_path: Path, store_urls: StoreUrls) -> None:
    corpus = write_corpus(tmp_path, articles=360)  # written one transaction each
    clean_db, killed_db = store_urls.new("clean"), store_urls.new("killed")
    command = [sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--no-events", "--no-progress"]
    subprocess.run([*command, "--db", clean_db], check=True, capture_output=True)

    process = subprocess.Popen(
        [*command, "--db", killed_db],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        stored = count_articles(killed_db)
        if stored >= 40:
            break
        time.sleep(0.01)
    assert process.poll() is None, "ingest finished before it could be killed: make the corpus larger"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < len(store_rows(killed_db)["articles"]) < 360

    subprocess.run([*command, "--db", killed_db], check=True, capture_output=True)
    assert store_rows(killed_db) == store_rows(clean_db)


@pytest.mark.parametrize("flag", ["--events", "--no-events"])
def test_cli_ingest_exit_code_and_closing_line(tmp_path: Path, flag: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_corpus(corpus)
    (corpus / "broken.jsonl").write_text('{"id": 1, "text": ""}\n')
    result = subprocess.run(
        [sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--db", str(tmp_path / "x.db"), flag],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1  # one input failed, the rest were stored
    assert "broken.jsonl" in result.stderr
    assert "7 documents: 6 new, 0 duplicate, 0 near-duplicate, 1 failed" in result.stdout
    events = store_rows(tmp_path / "x.db")["events"]
    assert bool(events) == (flag == "--events")


def _failing_add_article(monkeypatch: pytest.MonkeyPatch, failing_id: str, times: int) -> list[str]:
    """Store.add_article refuses the article `failing_id` the first `times` times it is written (a
    database that says no); returns the ids of the attempts, in order."""
    attempts: list[str] = []
    add_article = Store.add_article

    def refusing(store: Store, article: Article, **kwargs: Any) -> bool:
        attempts.append(article.id)
        if article.id == failing_id and attempts.count(failing_id) <= times:
            raise StoreError(f"cannot write to database: refused {article.id}")
        return add_article(store, article, **kwargs)

    monkeypatch.setattr(Store, "add_article", refusing)
    return attempts


def test_a_write_refused_mid_batch_keeps_the_articles_before_it(tmp_path: Path, store_url: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # The batch is written in one transaction; when one of its articles is refused, the batch is rolled
    # back and written article by article, so the store ends as it did with a transaction per article.
    articles = [item for item in iter_articles([str(write_corpus(tmp_path))]) if isinstance(item, Article)]
    assert len(articles) == 6
    attempts = _failing_add_article(monkeypatch, articles[3].id, times=2)  # the batch's try and its own
    with Store.open(store_url) as store:
        with pytest.raises(StoreError, match="refused"):
            Ingestion(store, batch_size=16).run(iter(articles), on_error=lambda error: None)
        stored = [row[0] for row in store.execute("SELECT id FROM articles ORDER BY rowid").fetchall()]
        sighted = {row[0] for row in store.execute("SELECT article_id FROM article_sightings").fetchall()}
    assert stored == [article.id for article in articles[:3]]
    assert sighted == set(stored)
    ids = [article.id for article in articles]
    assert attempts == ids[:4] + ids[:4]  # the whole batch up to the refusal, then one by one


def test_a_refusal_that_does_not_recur_stores_the_whole_batch(tmp_path: Path, store_url: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    articles = [item for item in iter_articles([str(write_corpus(tmp_path))]) if isinstance(item, Article)]
    _failing_add_article(monkeypatch, articles[2].id, times=1)
    with Store.open(store_url) as store:
        tally = Ingestion(store, batch_size=16).run(iter([*articles, articles[0]]), on_error=lambda e: None)
        stored = [row[0] for row in store.execute("SELECT id FROM articles ORDER BY rowid").fetchall()]
    assert stored == [article.id for article in articles]
    # each article counted once (the rolled-back try counts nothing), the repeat as a duplicate
    assert (tally.new + tally.near_duplicate, tally.duplicate) == (6, 1)

"""Ingest end to end: counts, duplicates, near-duplicates, bad input, and a run killed half-way."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.pipeline import ingest
from eventwire.records import SourceError
from eventwire.store import Store
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


def store_rows(db: Path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(db)
    try:
        return {
            "articles": connection.execute(
                "SELECT id, title, source, url, published, text, near_duplicate_of FROM articles ORDER BY id"
            ).fetchall(),
            "sightings": connection.execute(
                "SELECT article_id, origin FROM article_sightings ORDER BY 1, 2"
            ).fetchall(),
            "events": connection.execute("SELECT event_id, article_id FROM events ORDER BY 1").fetchall(),
        }
    finally:
        connection.close()


def test_counts_duplicates_and_near_duplicates(tmp_path: Path) -> None:
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
    with Store.open(tmp_path / "e.db") as store:
        tally = ingest([str(corpus)], store, on_error=errors.append)
        again = ingest([str(corpus)], store, on_error=errors.append)
        facts = store.summary()
    assert (tally.new, tally.duplicate, tally.near_duplicate, tally.failed) == (6, 1, 1, 1)
    assert "line 9" in str(errors[0])
    assert (again.new, again.near_duplicate, again.duplicate) == (0, 0, 8)
    assert facts.articles == 7 and facts.near_duplicates == 1


def test_a_run_killed_half_way_and_resumed_equals_a_clean_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, articles=360)  # written one transaction each
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    command = [sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--no-events", "--no-progress"]
    subprocess.run([*command, "--db", str(clean_db)], check=True, capture_output=True)

    process = subprocess.Popen(
        [*command, "--db", str(killed_db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        if killed_db.exists():
            try:
                stored = sqlite3.connect(killed_db).execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 40:
                break
        time.sleep(0.01)
    assert process.poll() is None, "ingest finished before it could be killed: make the corpus larger"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < len(store_rows(killed_db)["articles"]) < 360

    subprocess.run([*command, "--db", str(killed_db)], check=True, capture_output=True)
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

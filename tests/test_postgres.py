"""PostgreSQL only: a lost connection or a server restart mid-ingest is survived, nothing lost or doubled;
a server that stays away is a clear error; the commands take a postgresql:// URL; passwords stay hidden.

The tests cut connections with pg_terminate_backend (what a restart does to every session) and, when
EVENTWIRE_TEST_PG_RESTART names a command (.ci/postgres.sh prints one), restart the real server during a
running ingest.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import PG_RESTART, PG_RESTART_NOT_RUN, StoreUrls, require_postgresql
from eventwire.cli import main
from eventwire.records import Article, ArticleMeta, content_hash
from eventwire.store import Store, StoreError
from test_pipeline import store_rows, write_corpus
from test_store_backends import stored_sentence

pytestmark = pytest.mark.postgresql

# Band keys by article id: rowids differ after a rolled-back transaction (identity values are not reused).
BANDS = "SELECT b.key, a.id FROM article_bands b JOIN articles a ON a.rowid = b.article_rowid ORDER BY 1, 2"


@pytest.fixture
def pg_urls(tmp_path: Path) -> Iterator[StoreUrls]:
    require_postgresql()
    urls = StoreUrls("postgresql", tmp_path)
    yield urls
    urls.drop_all()


def make_article(number: int) -> Article:
    text = f"Article number {number}: the council met and voted on the budget."
    return Article(id=content_hash(text), text=text, meta=ArticleMeta(source=f"Outlet {number % 3}"),
                   origin=f"a{number}.txt")


def cut_connection(store: Store) -> None:
    """Ends the store's server session from outside, as a server restart does."""
    pid = store.connection.info.backend_pid
    with Store.open(require_postgresql()) as admin:
        admin.execute("SELECT pg_terminate_backend(?)", (pid,))
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and admin_sees(pid):
        time.sleep(0.01)


def admin_sees(pid: int) -> bool:
    with Store.open(require_postgresql()) as admin:
        return admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = ?", (pid,)).fetchone() is not None


def write(store: Store, number: int, *, cut: str | None = None) -> None:
    """One article in one transaction; `cut` says where the connection is lost."""
    article = make_article(number)
    with store.transaction():
        if cut == "before first write":
            cut_connection(store)
        store.add_article(article, minhash=bytes([number % 256]) * 4)
        if cut == "between writes":
            cut_connection(store)
        store.add_sighting(Article(article.id, article.text, article.meta, f"copy-{number}.txt"))
        store.add_bands(article.id, [number, number + 1, -(2**63)])
        if cut == "before commit":
            cut_connection(store)


@pytest.mark.parametrize("cut", ["before first write", "between writes", "before commit"])
def test_a_transaction_whose_connection_is_lost_is_redone_on_a_new_one(pg_urls: StoreUrls, cut: str) -> None:
    clean_url, cut_url = pg_urls.new(), pg_urls.new()
    with Store.open(clean_url) as store:
        for number in range(4):
            write(store, number)
    with Store.open(cut_url) as store:
        old_pid = store.connection.info.backend_pid
        for number in range(4):
            write(store, number, cut=cut if number == 2 else None)
        assert store.connection.info.backend_pid != old_pid  # it did reconnect
        bands = [tuple(row) for row in store.execute(BANDS).fetchall()]
    assert store_rows(cut_url) == store_rows(clean_url)
    with Store.open(clean_url) as clean:
        assert bands == [tuple(row) for row in clean.execute(BANDS)]


def test_a_read_outside_a_transaction_reconnects(pg_urls: StoreUrls) -> None:
    with Store.open(pg_urls.new()) as store:
        write(store, 1)
        cut_connection(store)
        assert store.has_article(make_article(1).id)
        cut_connection(store)
        assert [article_id for article_id, _ in store.near_duplicate_candidates([1])] == [make_article(1).id]


def test_statements_are_planned_for_their_values_never_prepared(pg_urls: StoreUrls) -> None:
    # A prepared statement may get one generic plan for every value, blind to how skewed the data is: a
    # long-running server would then count a frequent word through a bitmap of all its matches.
    from eventwire.store.queries import EventQuery, count_events
    from fixtures.queries import sample_store

    store, _ = sample_store.build(pg_urls.new())  # type: ignore[arg-type]
    with store:
        counts = [count_events(store, EventQuery(text=word), at_most=100) for word in ["on", "Kyiv"] * 5]
        assert counts == [4, 1] * 5
        cut_connection(store)  # and on the connection a reconnect opens
        for word in ["on", "Kyiv"] * 5:
            count_events(store, EventQuery(text=word))
        assert store.execute("SELECT count(*) FROM pg_prepared_statements").fetchone()[0] == 0


def test_a_read_only_store_stays_read_only_after_reconnecting(pg_urls: StoreUrls) -> None:
    url = pg_urls.new()
    with Store.open(url) as store:
        store.read_only()
        cut_connection(store)
        assert store.summary().articles == 0
        with pytest.raises(StoreError, match="read-only"), store.transaction():
            store.add_article(make_article(1))


def test_a_server_that_stays_away_is_a_clear_error_and_nothing_half_written(
    pg_urls: StoreUrls, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_urls.new()
    with Store.open(url) as store:
        write(store, 1)
        store.reconnect_seconds = 0.3

        def refused(target: str) -> object:
            raise StoreError("cannot open database: connection refused")  # what connect() raises then

        with pytest.raises(StoreError) as failure, store.transaction():
            store.add_article(make_article(2))
            cut_connection(store)
            monkeypatch.setattr(store.backend, "connect", refused)
            store.add_sighting(Article(make_article(2).id, "x", ArticleMeta(), "copy.txt"))
    message = str(failure.value)
    assert "lost the connection to database postgresql://" in message
    assert "did not come back within 0.3 s" in message and "resumes" in message
    monkeypatch.undo()
    with Store.open(url) as store:
        assert store.has_article(make_article(1).id) and not store.has_article(make_article(2).id)


def test_the_password_never_appears_in_messages_or_listings(pg_urls: StoreUrls) -> None:
    url = pg_urls.new()
    password = url.split("://", 1)[1].split("@", 1)[0].partition(":")[2]
    with Store.open(url) as store:
        assert "***" in store.url or not password
        assert not password or password not in store.url + store.summary().url
    wrong = url.replace(f":{password}@", ":not-the-password@") if password else url
    if password:
        with pytest.raises(StoreError) as failure:
            Store.open(wrong)
        assert "not-the-password" not in str(failure.value)
        assert "password" in str(failure.value)  # the hint: give the right one


def test_commands_take_a_postgresql_url(pg_urls: StoreUrls, tmp_path: Path) -> None:
    url = pg_urls.new()
    corpus = write_corpus(tmp_path, articles=6)
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(corpus), "--db", url, "--no-events", "--no-progress"])
    assert ingested.exit_code == 0, ingested.output
    assert "6 documents: 6 new" in ingested.stdout
    summary = runner.invoke(main, ["summary", "--db", url, "--format", "json"])
    assert summary.exit_code == 0, summary.output
    assert json.loads(summary.stdout)["articles"] == 6
    info = runner.invoke(main, ["info", "--db", url, "--format", "json"])
    assert info.exit_code == 0, info.output
    facts = json.loads(info.stdout)
    assert facts["database_server"].startswith("PostgreSQL ")
    password = url.split("://", 1)[1].split("@", 1)[0].partition(":")[2]
    assert not password or password not in info.stdout + ingested.stdout + summary.stdout


def test_info_on_an_unreachable_server_says_so_instead_of_failing() -> None:
    result = CliRunner().invoke(main, ["info", "--db", "postgresql://ew:s3cret@127.0.0.1:9/x",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    assert facts["database_server"].startswith("unreachable: ") and "s3cret" not in result.stdout


def test_writers_of_one_database_take_turns(pg_urls: StoreUrls) -> None:
    # Two stores writing the same articles at once end as one clean run: the advisory write lock makes
    # clustering read what the other transaction wrote, as SQLite's file lock does.
    url, clean_url = pg_urls.new(), pg_urls.new()
    with Store.open(clean_url) as clean:
        keys = [stored_sentence(clean, f"Crowd {n} protested in the capital.") for n in range(20)]

    def fill() -> None:
        with Store.open(url) as store:
            for n in range(20):
                stored_sentence(store, f"Crowd {n} protested in the capital.")

    threads = [threading.Thread(target=fill) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 20
    rows = store_rows(url)
    clean_rows = store_rows(clean_url)
    assert rows["events"] == clean_rows["events"] and rows["clusters"] == clean_rows["clusters"]


def test_an_ingest_survives_a_server_restart(pg_urls: StoreUrls, tmp_path: Path) -> None:
    if not PG_RESTART:
        pytest.skip(PG_RESTART_NOT_RUN)
    corpus = write_corpus(tmp_path, articles=250)
    clean_url, restarted_url = pg_urls.new("clean"), pg_urls.new("restarted")
    command = [sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--no-events", "--no-progress"]
    subprocess.run([*command, "--db", clean_url], check=True, capture_output=True)

    process = subprocess.Popen([*command, "--db", restarted_url], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and process.poll() is None and stored < 40:
        with Store.open(restarted_url) as store:
            stored = int(store.execute("SELECT count(*) FROM articles").fetchone()[0])
        time.sleep(0.02)
    assert process.poll() is None, "ingest finished before the restart: make the corpus larger"
    subprocess.run(shlex.split(PG_RESTART), check=True, capture_output=True)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "reconnected to database postgresql://" in err  # it did lose the connection
    assert "250 documents: 250 new" in out
    rows = store_rows(restarted_url)
    assert 40 <= stored < len(rows["articles"]) == 250
    assert rows == store_rows(clean_url)

"""Store fixtures for both databases.

Tests that take `store_url`, `store_urls` or `module_store_urls` run once on SQLite and once on
PostgreSQL. The PostgreSQL runs need EVENTWIRE_TEST_PG, the URL of a database in which tests may create
and drop schemas (.ci/postgres.sh sets one up and prints it). Each PostgreSQL store is a schema of its
own, reached through the URL's `options=-csearch_path=...`, so tests never see each other's rows and
every command (CLI in a subprocess, API) opens the same store from the URL alone.

Without EVENTWIRE_TEST_PG those runs are skipped, and the end of the run says so in one plain line:
they are not reported as passed.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from eventwire.store import Store
from fixtures.queries import sample_store

PG_URL = os.environ.get("EVENTWIRE_TEST_PG")
PG_RESTART = os.environ.get("EVENTWIRE_TEST_PG_RESTART")
PG_NOT_RUN = "PostgreSQL store test not run: EVENTWIRE_TEST_PG is not set"
PG_RESTART_NOT_RUN = "PostgreSQL restart test not run: EVENTWIRE_TEST_PG_RESTART is not set"
BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgresql: runs against the PostgreSQL named by EVENTWIRE_TEST_PG")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    not_run = sum(1 for report in terminalreporter.stats.get("skipped", [])
                  if PG_NOT_RUN in str(report.longrepr) or PG_RESTART_NOT_RUN in str(report.longrepr))
    if not_run:
        terminalreporter.write_line(
            f"PostgreSQL store tests NOT run ({not_run} tests): set EVENTWIRE_TEST_PG=postgresql://..."
            " (and EVENTWIRE_TEST_PG_RESTART for the restart test); .ci/run does this via .ci/postgres.sh",
            yellow=True, bold=True,
        )
    elif PG_URL:
        terminalreporter.write_line(f"PostgreSQL store tests ran against {_masked(PG_URL)}")


def _masked(url: str) -> str:
    from eventwire.store import mask_url

    return mask_url(url)


def require_postgresql() -> str:
    if not PG_URL:
        pytest.skip(PG_NOT_RUN)
    return PG_URL


def with_search_path(url: str, schema: str) -> str:
    """The URL of the store living in `schema` of the database at `url`."""
    return f"{url}{'&' if '?' in url else '?'}options={quote(f'-csearch_path={schema}')}"


class SchemaPool:
    """Migrated PostgreSQL schemas, emptied and handed out again: creating and migrating one costs about
    0.1 s, emptying one (TRUNCATE of its tables) about a quarter of that. Dropped when the session ends."""

    def __init__(self) -> None:
        self.free: list[str] = []
        self.made: list[str] = []

    def take(self) -> tuple[str, bool]:
        """A schema, and whether it is new (else emptied and already migrated)."""
        if self.free:
            return self.free.pop(), False
        schema = f"ew_test_{secrets.token_hex(6)}"
        _admin(f"CREATE SCHEMA {schema}")
        self.made.append(schema)
        return schema, True

    def give_back(self, schemas: list[str]) -> None:
        import psycopg

        with psycopg.connect(require_postgresql(), autocommit=True) as connection:
            # A session a test left in a transaction would make TRUNCATE wait: such a schema is dropped.
            connection.execute("SET lock_timeout = '5s'")
            for schema in schemas:
                tables = [f"{schema}.{row[0]}" for row in connection.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = %s"
                    " AND tablename <> 'schema_migrations'", (schema,))]
                try:
                    if tables:
                        connection.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY")
                except psycopg.errors.LockNotAvailable:
                    connection.execute("SET lock_timeout = 0")
                    connection.execute(f"DROP SCHEMA {schema} CASCADE")
                    self.made.remove(schema)
                    connection.execute("SET lock_timeout = '5s'")
                    continue
                self.free.append(schema)

    def drop_all(self) -> None:
        if self.made:
            _admin(f"DROP SCHEMA IF EXISTS {', '.join(self.made)} CASCADE")
        self.free, self.made = [], []


SCHEMAS = SchemaPool()


def pytest_sessionfinish(session: pytest.Session) -> None:
    if PG_URL:
        SCHEMAS.drop_all()


def _admin(statement: str) -> None:
    import psycopg

    with psycopg.connect(require_postgresql(), autocommit=True) as connection:
        connection.execute(statement)


class StoreUrls:
    """Fresh, empty stores on one database system: a file per store in SQLite, a schema in PostgreSQL."""

    def __init__(self, backend: str, folder: Path) -> None:
        self.backend = backend
        self.folder = folder
        self._schemas: list[str] = []
        self._made = 0

    def new(self, name: str = "events") -> str:
        self._made += 1
        if self.backend == "sqlite":
            return str(self.folder / f"{name}-{self._made}.db")
        base = require_postgresql()
        schema, _ = SCHEMAS.take()
        self._schemas.append(schema)
        return with_search_path(base, schema)

    def drop_all(self) -> None:
        """Empty this test's stores (they go back to the pool)."""
        if self._schemas:
            SCHEMAS.give_back(self._schemas)
            self._schemas = []


def _backend_param(backend: str) -> object:
    marks = [pytest.mark.postgresql] if backend == "postgresql" else []
    return pytest.param(backend, marks=marks, id=backend)


@pytest.fixture(params=[_backend_param(b) for b in BACKENDS])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        require_postgresql()
    return str(request.param)


@pytest.fixture
def store_urls(backend: str, tmp_path: Path) -> Iterator[StoreUrls]:
    urls = StoreUrls(backend, tmp_path)
    yield urls
    urls.drop_all()


@pytest.fixture
def store_url(store_urls: StoreUrls) -> str:
    """A fresh, empty store's --db value, on each database system."""
    return store_urls.new()


@pytest.fixture(scope="module", params=[_backend_param(b) for b in BACKENDS])
def module_store_urls(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                      ) -> Iterator[StoreUrls]:
    """Like store_urls, for a sample built once per module and database system."""
    if request.param == "postgresql":
        require_postgresql()
    urls = StoreUrls(str(request.param), tmp_path_factory.mktemp("stores"))
    yield urls
    urls.drop_all()


# The sample store of tests/fixtures/queries/sample_store.py, shared by the query, export and plugin tests
# (a module may define its own `sample` fixture, which then wins).
@pytest.fixture(scope="module")
def sample(module_store_urls: StoreUrls) -> Iterator[tuple[Store, dict[str, str], str]]:
    """The sample store on each database system, and the --db value that opens it."""
    url = module_store_urls.new()
    store, ids = sample_store.build(url)  # type: ignore[arg-type]
    with store:
        yield store, ids, url


# --- the page tests' browser (tests/test_web*.py) -----------------------------------------------------
CHROMIUM = Path(os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for the whole run, shared by every module of page tests (Playwright's sync API runs
    one instance per thread: a second, module-level browser would fail to start)."""
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's package (`apt-get install chromium`)"
                    " or point $EVENTWIRE_CHROMIUM at a Chromium binary. Never `playwright install`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()

"""Regenerate the screenshots of the analysts' page that docs/web.md shows.

    python scripts/web_screenshots.py                       # ingests the sample corpus into a temporary store
    python scripts/web_screenshots.py --db eventwire.db     # an existing store (e.g. `make demo`'s)

Serves the store with `eventwire serve`'s app on a free loopback port and drives Debian's Chromium
(/usr/bin/chromium, or $EVENTWIRE_CHROMIUM) through Playwright, as tests/test_web.py does: the browser may
reach nothing but that server. Needs the built page (`cd frontend && npm ci && npm run build`). Writes one
PNG per view into docs/images/web/ (or --out).
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEMO_CORPUS = [ROOT / "data" / "sample" / name for name in ("html", "text", "records", "feeds", "warc")]
CHROMIUM = Path(os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1440, "height": 1000}
LOOPBACK = {"127.0.0.1", "localhost"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The page and API over `db` on a loopback port, for as long as the block runs."""
    import uvicorn

    from eventwire.api import ApiSettings, create_app

    # The page makes a burst of requests per view; the default rate limit is for the outside world.
    app = create_app(str(db), settings=ApiSettings(rate_per_second=1000, rate_burst=1000))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def _settled(tab: Any) -> None:
    tab.wait_for_selector("body[data-rendered=true]", timeout=20_000)


def _first_event_of_article(base: str) -> str:
    import json
    import urllib.request

    with urllib.request.urlopen(f"{base}/api/events?text=%22struck%22&limit=1", timeout=10) as answer:
        event = json.load(answer)["items"][0]
    return f"/article/{event['article']['id']}?event={event['event_id']}"


# name -> (path, what to do once it is drawn); every shot is the top of the window.
def _views(base: str) -> dict[str, tuple[str, Callable[[Any], None] | None]]:
    def expand_first_cluster(tab: Any) -> None:
        button = tab.locator("table.clusters button.expand").first
        if button.count():
            button.click()
            tab.wait_for_selector("table.clusters tr.mention", timeout=10_000)

    def suggest_russia(tab: Any) -> None:
        tab.fill("#actor-name", "Russia")
        tab.wait_for_selector("#actor-suggestions li", timeout=10_000)

    def scroll_to(selector: str) -> Callable[[Any], None]:
        return lambda tab: tab.locator(selector).scroll_into_view_if_needed()

    def focus_skip_link(tab: Any) -> None:
        tab.focus("a.skip-link")

    return {
        "explorer": ("/", None),
        "explorer-actor-suggestions": ("/", suggest_russia),
        "explorer-network-edge": ("/?source=ew:USA&source=country:USA", None),
        "explorer-map-areas": ("/", scroll_to("#map .areas")),
        "explorer-timeline-spans": ("/?group=type", None),
        "explorer-figures-download": ("/", scroll_to(".downloads")),
        "explorer-skip-link": ("/", focus_skip_link),
        "explorer-clusters": ("/?rows=clusters", lambda tab: (scroll_to("#events-panel")(tab),
                                                             expand_first_cluster(tab))),
        "article": (_first_event_of_article(base), None),
        "actor": ("/actor/ew:USA", None),
        "articles": ("/articles", None),
        "not-found": ("/no/such/page", None),
    }


def take(base: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.is_file():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: `apt-get install chromium`"
                         " or set $EVENTWIRE_CHROMIUM")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT, service_workers="block")
        # Offline like the tests: anything but the local server is refused.
        context.route("**/*", lambda route: route.continue_()
                      if (urlsplit(route.request.url).hostname or "") in LOOPBACK else route.abort())
        tab = context.new_page()
        for name, (path, then) in _views(base).items():
            tab.goto(base + path)
            _settled(tab)
            if then is not None:
                then(tab)
            tab.wait_for_timeout(150)
            target = out / f"{name}.png"
            tab.screenshot(path=str(target), full_page=False)
            written.append(target)
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: ingest the sample corpus)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images" / "web")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db
        if db is None:
            from click.testing import CliRunner

            from eventwire.cli import main as eventwire

            db = Path(scratch) / "demo.db"
            result = CliRunner().invoke(eventwire, ["ingest", *map(str, DEMO_CORPUS), "--db", str(db)])
            if result.exit_code != 0:
                print(result.output, file=sys.stderr)
                return 1
        with serving(db) as base:
            for path in take(base, args.out):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

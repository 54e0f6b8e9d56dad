"""Time the requests the explorer page makes for one view, on a large store (issue #18).

    python bench/web_views.py --db STORE.db [--repeat 3] [--query "type=ASSAULT"] [--json OUT]
    python bench/web_views.py --db STORE.db --browser [--write-before] [--repeat 3]

The store is any SQLite or PostgreSQL store, e.g. one filled by `python bench/queries.py --events 1000000
--db STORE.db`. Each of the explorer's API requests (as frontend/src sends them for the given filters) is
answered `--repeat` times by the app in process (no network), and its slowest time is printed: the page
draws each panel when its own answer arrives, so the slowest panel is how long the page takes to fill.

`--browser` times whole page loads instead: the page served by `eventwire serve`'s app on a loopback port,
opened in Debian's Chromium (as scripts/web_screenshots.py drives it, offline), from navigation until every
panel is drawn (main.js sets body[data-rendered]); the explorer as it opens and with real-world-event rows.
With `--write-before` a few generated events are written into the store (it is changed!) before each
load, so the server's answer cache is empty: the first load after a write.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import warnings
from pathlib import Path
from typing import Any

# The requests of the explorer for filters F (frontend/src: main.js summary, timeline.js, network.js,
# map.js, table.js, explorer.js facets, magnitudes.js; the clusters page when the table shows real-world
# events, rows=clusters); the timeline leaves out the date filters, as the page does.
EXPLORER_REQUESTS = (
    ("summary", "/api/summary"),
    ("timeline dates", "/api/stats/dates?{undated}"),
    ("timeline counts", "/api/stats/counts?{undated}&by=month&group=quad_class&precision=day"),
    ("network", "/api/stats/network?{filters}&edges=60"),
    ("map places", "/api/stats/places?{filters}&n=1000"),
    ("table page", "/api/events?{filters}&limit=50&offset=0"),
    ("facets", "/api/stats/facets?{filters}&n=12"),
    ("magnitudes", "/api/stats/magnitudes?{filters}"),
    ("clusters page", "/api/clusters?{filters}&limit=50&offset=0"),
)


def timed_get(client: Any, path: str) -> float:
    """Milliseconds one GET of `path` takes; an answer other than 200 ends the bench naming the path."""
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path}: {response.status_code} {response.text[:300]}")
    return elapsed


def measure(db: str, query: str, repeat: int) -> list[dict[str, Any]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from eventwire.api import ApiSettings, create_app

    undated = "&".join(part for part in query.split("&")
                       if part and not part.startswith(("since=", "until=")))
    app = create_app(db, settings=ApiSettings(rate_per_second=10_000, rate_burst=10_000))
    rows = []
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for name, template in EXPLORER_REQUESTS:
            path = template.format(filters=query, undated=undated).replace("?&", "?").rstrip("?")
            times = [timed_get(client, path) for _ in range(repeat)]
            rows.append({"request": name, "path": path, "max_ms": round(max(times), 1),
                         "median_ms": round(statistics.median(times), 1)})
            print(f"  {name:16} median {rows[-1]['median_ms']:>9} ms, max {rows[-1]['max_ms']:>9} ms  {path}")
    return rows


# The page loads timed by --browser: the explorer's first view, and its table as real-world events.
PAGE_LOADS = (("explorer", "/"), ("explorer, real-world events", "/?rows=clusters"))


def browser_loads(db: str, query: str, repeat: int, write_before: bool) -> list[dict[str, Any]]:
    """Seconds from navigation to the page drawn, `repeat` times per page (each in a new browser tab)."""
    import sys

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "scripts"))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from playwright.sync_api import sync_playwright
    from web_screenshots import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, serving

    import aggregates

    rows = []
    written = 0
    with serving(Path(db)) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, path in PAGE_LOADS:
            if query:
                path += ("&" if "?" in path else "?") + query
            times = []
            for _ in range(repeat):
                if write_before:
                    written += 1
                    aggregates.write(db, aggregates._articles(aggregates.WRITE_SEED + 5000 + written, 5))
                context = browser.new_context(viewport=VIEWPORT, service_workers="block")
                tab = context.new_page()
                started = time.perf_counter()
                tab.goto(base + path)
                tab.wait_for_selector("body[data-rendered=true]", timeout=300_000)
                times.append((time.perf_counter() - started) * 1000)
                context.close()
            rows.append({"page": name, "path": path, "max_ms": round(max(times), 1),
                         "median_ms": round(statistics.median(times), 1)})
            print(f"  {name:28} median {rows[-1]['median_ms']:>9} ms, max {rows[-1]['max_ms']:>9} ms  {path}",
                  flush=True)
        browser.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--query", default="",
                        help="the page's filters, e.g. 'type=ASSAULT&since=2021-01-01'")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--browser", action="store_true", help="time whole page loads in Chromium")
    parser.add_argument("--write-before", action="store_true",
                        help="with --browser: write a few events into the store before each load")
    args = parser.parse_args(argv)
    print(f"{args.db}, filters {args.query or '(none)'}:")
    if args.browser:
        rows = browser_loads(args.db, args.query, args.repeat, args.write_before)
    else:
        rows = measure(args.db, args.query, args.repeat)
    if args.json:
        report = {"db": args.db, "query": args.query, "browser": args.browser,
                  "write_before": args.write_before,
                  "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "requests": rows}
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

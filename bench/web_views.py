"""Time the requests the explorer page makes for one view, on a large store (issue #18).

    python bench/web_views.py --db STORE.db [--repeat 3] [--query "type=ASSAULT"] [--json OUT]

The store is any SQLite or PostgreSQL store, e.g. one filled by `python bench/queries.py --events 1000000
--db STORE.db`. Each of the explorer's API requests (as frontend/src sends them for the given filters) is
answered `--repeat` times by the app in process (no network), and its slowest time is printed: the page
draws each panel when its own answer arrives, so the slowest panel is how long the page takes to fill.
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--query", default="",
                        help="the page's filters, e.g. 'type=ASSAULT&since=2021-01-01'")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    print(f"{args.db}, filters {args.query or '(none)'}:")
    rows = measure(args.db, args.query, args.repeat)
    if args.json:
        report = {"db": args.db, "query": args.query, "requests": rows}
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

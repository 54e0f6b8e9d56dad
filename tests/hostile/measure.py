"""Read and extract each file of a folder in its own forked process; report outcome, time and peak memory.

    python tests/hostile/measure.py CORPUS_FOLDER RESULT.json [TIMEOUT_SECONDS]

The parent imports and warms up eventwire once, then forks one child per file, so every child starts from
the same warm state and its peak RSS growth is that file's alone. A child that crashes (a signal, an
uncaught exception) or overruns the timeout is reported as such instead of ending the measurement.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import time
import traceback
from pathlib import Path

from eventwire.pipeline import iter_articles
from eventwire.records import Article, SourceError

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
# Article texts up to this length are reported whole, so expectations can look for a phrase anywhere.
_FULL_TEXT_CHARS = 200_000


def _current_rss_kb() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE_SIZE // 1024


def _outcome(path: Path) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    for item in iter_articles([str(path)]):
        if isinstance(item, Article):
            items.append(
                {
                    "type": "article",
                    "origin": item.origin,
                    "chars": len(item.text),
                    "text": item.text[:_FULL_TEXT_CHARS],
                }
            )
        elif isinstance(item, SourceError):
            items.append({"type": "error", "origin": item.origin, "reason": item.reason})
        else:
            items.append({"type": f"unexpected {type(item).__name__}"})
    return items


def _child(path: Path, result_file: Path) -> None:
    start_rss = _current_rss_kb()
    started = time.perf_counter()
    try:
        items: list[dict[str, object]] = _outcome(path)
        crash = None
    except BaseException:  # the point of the measurement is to see these, not to die of them
        items, crash = [], traceback.format_exc()
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    record = {
        "seconds": seconds,
        "rss_growth_mb": max(0, peak_kb - start_rss) / 1024,
        "items": items,
        "exception": crash,
    }
    result_file.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def measure(path: Path, timeout: float) -> dict[str, object]:
    result_file = Path(f"/tmp/eventwire-measure-{os.getpid()}.json")
    result_file.unlink(missing_ok=True)
    pid = os.fork()
    if pid == 0:
        try:
            _child(path, result_file)
        finally:
            os._exit(0)
    deadline = time.monotonic() + timeout
    status = None
    while status is None:
        done, raw_status = os.waitpid(pid, os.WNOHANG)
        if done:
            status = raw_status
        elif time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return {"timeout": timeout}
        else:
            time.sleep(0.01)
    if os.WIFSIGNALED(status):
        return {"signal": os.WTERMSIG(status)}
    record = json.loads(result_file.read_text(encoding="utf-8"))
    result_file.unlink()
    return record


def main() -> None:
    folder, output = Path(sys.argv[1]), Path(sys.argv[2])
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 60.0
    warm_up = folder.parent / "warm-up.html"
    warm_up.write_text(
        "<html><body><article><p>"
        + "The council met on Monday and voted. " * 20
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    _outcome(warm_up)  # loads trafilatura, the rule files and the language data before any fork
    results = {path.name: measure(path, timeout) for path in sorted(folder.iterdir())}
    output.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()

"""Loopback load test of `eventwire serve`: mixed queries at a fixed rate while an ingest writes.

    python bench/load.py [--db PATH] [--rate 200] [--seconds 30] [--ingest-articles 3000] [--json OUT]

1. The store: `--db`, else the demo store (`eventwire ingest` of data/sample, as `make demo` builds it)
   in a temporary folder.
2. `eventwire serve` on a free loopback port, in its own process, with the rate limit lifted (one client
   address sends everything here; the limiter has its own tests).
3. A concurrent ingest into the same SQLite store, in another process: `eventwire ingest` of a corpus
   from bench/make_corpus.py, with events coded (`--ingest-events`, the default) or articles only. The
   load starts once the ingest has stored its first article, so reads meet WAL writes from the start.
4. An open-loop client (asyncio, keep-alive connections) sends a fixed, seeded mix of requests at
   `--rate` per second for `--seconds`: filtered event pages, statistics, article pages, actor pages,
   event and article details, the summary. Request i is due at start + i/rate whether or not earlier ones
   have finished, and its latency is counted from that due time, so a server that falls behind shows it
   (no coordinated omission). `--warmup` seconds of the same load come first and are not measured (the
   server opens a connection per pool thread on its first requests).

Every response is checked: status 200, JSON, and the top-level fields of its endpoint. Reported: the
achieved request rate, latency percentiles (overall and per kind), errors, whether the ingest ran the
whole time and what it stored meanwhile, and the CPU used by the server, the ingest and this client
(on a 2-core machine the three share the cores).
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import math
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))
DEMO_CORPUS = ["data/sample/html", "data/sample/text", "data/sample/records", "data/sample/feeds",
               "data/sample/warc"]
# What each kind of request must answer: the top-level fields of its JSON object.
EXPECTED_FIELDS: dict[str, set[str]] = {
    "events": {"total", "limit", "offset", "items"},
    "event": {"event", "cluster"},
    "counts": {"by", "group", "counts"},
    "intensity": {"by", "intensity"},
    "dyads": {"n", "dyads"},
    "articles": {"total", "limit", "offset", "items"},
    "article": {"id", "text", "events"},
    "actor": {"actor_id", "known", "events", "recent_events", "counterparts"},
    "summary": {"articles", "events", "clusters"},
}


@dataclass(frozen=True, slots=True)
class Request:
    kind: str  # a key of EXPECTED_FIELDS
    path: str  # with its query string


@dataclass(slots=True)
class Sample:
    kind: str
    latency: float  # seconds from the due time to the whole body read
    service: float  # seconds from the send to the whole body read
    status: int  # 0: no HTTP answer
    problem: str | None  # None: a well-formed answer


@dataclass(slots=True)
class IngestWatch:
    process: subprocess.Popen[bytes] | None
    articles_at_start: int = 0
    articles_at_end: int = 0
    events_at_start: int = 0
    events_at_end: int = 0
    ended_during_window: bool = False
    returncode: int | None = None


# --- the store and what to ask it ------------------------------------------------------------------------

def build_demo_store(path: Path) -> float:
    started = time.perf_counter()
    subprocess.run([EVENTWIRE, "ingest", *DEMO_CORPUS, "--db", str(path), "--no-progress"], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def store_counts(path: Path) -> tuple[int, int]:
    """Articles and events stored (read straight from SQLite: one short read transaction)."""
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10) as connection:
        (articles,) = connection.execute("SELECT count(*) FROM articles").fetchone()
        (events,) = connection.execute("SELECT count(*) FROM events").fetchone()
    return int(articles), int(events)


def request_mix(path: Path, count: int, seed: int = 11) -> list[Request]:
    """`count` requests in a seeded random order, with ids, actors, outlets, places and words that occur in
    the store, so most requests find something."""
    from eventwire.store import EventQuery, Reader, Store

    with Store.open(path) as store:
        reader = Reader(store)
        records = [event.record for event in reader.events(EventQuery(limit=2000))]
        articles = [article.id for article in reader.articles(limit=500)]
    if not records or not articles:
        raise SystemExit(f"{path} holds no events or no articles: nothing to query")
    rng = random.Random(seed)
    event_ids = [record["event_id"] for record in records]
    actors = sorted({ref["actor_id"] for record in records for ref in (*record["source"], *record["target"])
                     if ref.get("actor_id")})
    countries = sorted({ref["country"] for record in records for ref in (*record["source"], *record["target"])
                        if ref.get("country")})
    types = sorted({record["type"] for record in records if record.get("type")})
    outlets = sorted({record["article"]["source"] for record in records if record["article"].get("source")})
    places = [record["location"] for record in records if record.get("location")]
    dates = sorted(record["date"]["start"][:10] for record in records if record.get("date"))
    words = sorted({word.strip(".,;:\"'()").lower() for record in records
                    for word in record["evidence"]["sentence"].split() if len(word) > 6 and word.isalpha()})

    def pick(values: list[str]) -> str:
        return rng.choice(values) if values else ""

    def events_page() -> str:
        filters: dict[str, str | int] = {"limit": rng.choice([20, 50, 100])}
        mix = rng.randrange(8)
        if mix == 0 and types:
            filters["type"] = pick(types)
        elif mix == 1 and countries:
            filters["actor_country"] = pick(countries)
            filters["role"] = rng.choice(["source", "target", "any"])
        elif mix == 2 and len(dates) > 1:
            first, last = sorted(rng.sample(dates, 2))
            filters.update(since=first, until=last)
        elif mix == 3 and places:
            place = rng.choice(places)
            filters.update(near=f"{place['lat']},{place['lon']}", radius=rng.choice([25, 100, 500]))
        elif mix == 4 and words:
            filters["text"] = pick(words)
        elif mix == 5 and outlets:
            filters["outlet"] = pick(outlets)
        elif mix == 6 and actors:
            filters["actor"] = pick(actors)
            filters["quad_class"] = rng.choice([1, 2, 3, 4])
        filters["offset"] = rng.choice([0, 0, 0, 20])
        return "/api/events?" + urlencode(filters)

    def stats() -> tuple[str, str]:
        kind = rng.choice(["counts", "counts", "intensity", "dyads"])
        filters: dict[str, str] = {}
        if rng.random() < 0.5 and countries:
            filters["actor_country"] = pick(countries)
        if kind == "counts":
            filters.update(by=rng.choice(["day", "week", "month"]), group=rng.choice(["type", "quad_class"]))
        elif kind == "intensity":
            filters["by"] = rng.choice(["week", "month"])
        return kind, f"/api/stats/{kind}?" + urlencode(filters)

    makers = [  # (weight, maker)
        (40, lambda: Request("events", events_page())),
        (15, lambda: Request(*stats())),
        (8, lambda: Request("articles", f"/api/articles?limit=20&offset={rng.choice([0, 20, 40])}")),
        (8, lambda: Request("article", f"/api/articles/{pick(articles)}")),
        (10, lambda: Request("actor", f"/api/actors/{pick(actors)}")),
        (15, lambda: Request("event", f"/api/events/{pick(event_ids)}")),
        (4, lambda: Request("summary", "/api/summary")),
    ]
    weights = [weight for weight, _ in makers]
    return [rng.choices(makers, weights)[0][1]() for _ in range(count)]


# --- processes -----------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def server(db: Path, port: int, extra: tuple[str, ...] = ()) -> Iterator[subprocess.Popen[bytes]]:
    command = [EVENTWIRE, "serve", "--db", str(db), "--port", str(port), "--rate-limit", "1000000",
               "--burst", "1000000", "--log-level", "warning", *extra]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"eventwire serve exited with {process.returncode}: "
                                   f"{process.stderr.read().decode() if process.stderr else ''}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("eventwire serve did not answer /health within 60 s")
            time.sleep(0.2)
        yield process
    finally:
        _stop(process)


def make_corpus(path: Path, articles: int, seed: int = 7) -> None:
    shared = ROOT.parent / "shared"
    command = [sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(path), "--articles", str(articles),
               "--seed", str(seed)] + (["--shared", str(shared)] if shared.is_dir() else [])
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


@contextmanager
def ingesting(db: Path, corpus: Path | None, events: bool, wait_seconds: float = 120
              ) -> Iterator[IngestWatch]:
    """`eventwire ingest corpus` into db, running once its first article is stored; stopped on exit."""
    if corpus is None:
        yield IngestWatch(None)
        return
    articles = store_counts(db)[0]
    command = [EVENTWIRE, "ingest", str(corpus), "--db", str(db), "--no-progress",
               "--events" if events else "--no-events"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    watch = IngestWatch(process)
    try:
        deadline = time.monotonic() + wait_seconds
        while store_counts(db)[0] == articles:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the ingest stored nothing (exit code "
                                   f"{process.returncode}) within {wait_seconds:.0f} s")
            time.sleep(0.1)
        watch.articles_at_start, watch.events_at_start = store_counts(db)
        yield watch
    finally:
        watch.returncode = process.poll()
        _stop(process)


# --- the client ----------------------------------------------------------------------------------------
# A minimal HTTP/1.1 client over asyncio streams, one keep-alive connection per worker: httpx's pool spent
# ~17 ms of CPU per request here once requests queued (the client, not the server, set the pace).

@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    content_type: str
    body: bytes


class HttpConnection:
    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> Answer:
        if self._writer is None or self._writer.is_closing():
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._reader is not None
        self._writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        head = await self._reader.readuntil(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in lines:
            name, _, value = line.partition(":")
            if name:
                headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await self._reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._chunked()
        else:
            raise ValueError("answer with neither Content-Length nor chunked encoding")
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Answer(int(status_line.split()[1]), headers.get("content-type", ""), body)

    async def _chunked(self) -> bytes:
        assert self._reader is not None
        parts = []
        while True:
            size = int((await self._reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self._reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append(await self._reader.readexactly(size))
            await self._reader.readexactly(2)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None


def check_answer(kind: str, answer: Answer) -> str | None:
    """None for a well-formed answer, else what is wrong with it."""
    if answer.status != 200:
        return f"status {answer.status}"
    if not answer.content_type.startswith("application/json"):
        return f"content type {answer.content_type!r}"
    try:
        body = json.loads(answer.body)
    except ValueError:
        return "body is not JSON"
    if not isinstance(body, dict):
        return "body is not a JSON object"
    missing = EXPECTED_FIELDS[kind] - body.keys()
    if missing:
        return f"fields missing: {sorted(missing)}"
    if kind in ("events", "articles") and not isinstance(body["items"], list):
        return "items is not a list"
    return None


async def _worker(connection: HttpConnection, queue: asyncio.Queue[tuple[Request, float] | None],
                  samples: list[Sample]) -> None:
    loop = asyncio.get_running_loop()
    while (item := await queue.get()) is not None:
        request, due = item
        sent = loop.time()
        try:
            answer = await connection.get(request.path)
            problem, status = check_answer(request.kind, answer), answer.status
        except (OSError, ValueError, asyncio.IncompleteReadError) as error:
            problem, status = f"{type(error).__name__}: {error}", 0
            await connection.close()
        done = loop.time()
        samples.append(Sample(request.kind, done - due, done - sent, status, problem))
    await connection.close()


async def drive(host: str, port: int, requests: list[Request], rate: float, seconds: float, connections: int,
                on_tick: Callable[[], None] | None = None) -> tuple[list[Sample], float]:
    """Request i (requests[i % len]) is due at start + i/rate, for `seconds`; `connections` workers with a
    keep-alive connection each take due requests in order. Returns the samples and the wall time until
    the last answer. on_tick() is called about every 0.5 s (the ingest watch)."""
    samples: list[Sample] = []
    queue: asyncio.Queue[tuple[Request, float] | None] = asyncio.Queue()
    workers = [asyncio.create_task(_worker(HttpConnection(host, port), queue, samples))
               for _ in range(connections)]
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.05
    next_tick = start
    for number in range(int(rate * seconds)):
        due = start + number / rate
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        if on_tick is not None and loop.time() >= next_tick:
            on_tick()
            next_tick += 0.5
        queue.put_nowait((requests[number % len(requests)], due))
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    return samples, loop.time() - start


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of values."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(slots=True)
class CpuMeter:
    """CPU seconds of processes (and their children) between start() and stop()."""

    processes: dict[str, psutil.Process] = field(default_factory=dict)
    before: dict[str, float] = field(default_factory=dict)

    with_children: set[str] = field(default_factory=set)

    def _seconds(self, name: str) -> float:
        process = self.processes[name]
        try:
            times = process.cpu_times()
            used = times.user + times.system
            for child in process.children(recursive=True) if name in self.with_children else ():
                child_times = child.cpu_times()
                used += child_times.user + child_times.system
            return used
        except psutil.Error:
            return float("nan")

    def start(self, processes: dict[str, int], with_children: set[str]) -> None:
        """with_children: the names whose child processes count too (an ingest's workers; not the
        client, whose children are the server and the ingest)."""
        self.processes = {name: psutil.Process(pid) for name, pid in processes.items()}
        self.with_children = with_children
        self.before = {name: self._seconds(name) for name in self.processes}

    def stop(self) -> dict[str, float]:
        return {name: self._seconds(name) - self.before[name] for name in self.processes}


# --- the run -------------------------------------------------------------------------------------------

def _run_coroutine(coroutine: Any) -> Any:
    """asyncio.run, in a thread of its own when this thread already runs an event loop (a caller such as
    the test suite, where Playwright's sync API keeps one running)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def run_load(db: Path, *, rate: float, seconds: float, corpus: Path | None, ingest_events: bool = True,
             connections: int = 32, mix_size: int = 2000, serve_args: tuple[str, ...] = (),
             warmup: float = 2.0) -> dict:
    """The load test on an existing store; returns the report (see module docstring)."""
    requests = request_mix(db, mix_size)
    port = free_port()
    with server(db, port, serve_args) as served, ingesting(db, corpus, ingest_events) as watch:
        if warmup:  # the server's first requests open its thread pool's connections: not measured
            _run_coroutine(drive("127.0.0.1", port, requests, rate, warmup, connections))
        load_before = _load_average()
        meter = CpuMeter()
        processes = {"server": served.pid, "client": os.getpid()}
        if watch.process is not None:
            processes["ingest"] = watch.process.pid
        meter.start(processes, with_children={"server", "ingest"})

        def ingest_still_running() -> None:
            if watch.process is not None and watch.process.poll() is not None:
                watch.ended_during_window = True

        samples, wall = _run_coroutine(drive("127.0.0.1", port, requests, rate, seconds, connections,
                                          ingest_still_running))
        cpu = meter.stop()
        ingest_still_running()
        if watch.process is not None:
            watch.articles_at_end, watch.events_at_end = store_counts(db)
    return {"load_average_before": load_before, "load_average_after": _load_average(),
            **report(samples, wall, rate, seconds, cpu, watch, connections)}


def _load_average() -> str:
    # Other work on the machine moves every figure: shown next to them.
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def report(samples: list[Sample], wall: float, rate: float, seconds: float, cpu: dict[str, float],
           watch: IngestWatch, connections: int) -> dict:
    latencies = [sample.latency * 1000 for sample in samples]
    problems = Counter(sample.problem for sample in samples if sample.problem)
    statuses = Counter(str(sample.status) for sample in samples)
    result: dict = {
        "target_rps": rate, "seconds": seconds, "connections": connections, "requests": len(samples),
        "achieved_rps": round(len(samples) / wall, 1),
        "p50_ms": round(percentile(latencies, 0.50), 1), "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1), "max_ms": round(max(latencies), 1),
        "service_p99_ms": round(percentile([s.service * 1000 for s in samples], 0.99), 1),
        "errors": sum(problems.values()),
        "ingest": "none" if watch.process is None else (
            "stopped during the window" if watch.ended_during_window else "running the whole window"),
    }
    if watch.process is not None:
        result["ingest_articles_stored_in_window"] = watch.articles_at_end - watch.articles_at_start
        result["ingest_events_stored_in_window"] = watch.events_at_end - watch.events_at_start
    for name, used in cpu.items():
        result[f"{name}_cpu_share_of_one_core"] = round(used / wall, 2)
    result["client_cpu_ms_per_request"] = round(cpu.get("client", 0.0) * 1000 / max(1, len(samples)), 2)
    for kind in EXPECTED_FIELDS:
        own = [sample.latency * 1000 for sample in samples if sample.kind == kind]
        if own:
            result[f"p99_ms_{kind}"] = round(percentile(own, 0.99), 1)
    result["statuses"] = dict(statuses)
    result["problems"] = dict(problems.most_common(10))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="store to serve; the concurrent ingest writes into it"
                                                " (default: a fresh demo store in a temporary folder)")
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second to send")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--connections", type=int, default=32, help="keep-alive connections of the client")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of load before measuring")
    parser.add_argument("--ingest-articles", type=int, default=3000,
                        help="size of the corpus ingested meanwhile (0: no concurrent ingest)")
    parser.add_argument("--ingest-events", action=argparse.BooleanOptionalAction, default=True,
                        help="code events while ingesting (the realistic, CPU-heavy case)")
    parser.add_argument("--serve-arg", action="append", default=[],
                        help="extra option for eventwire serve (repeatable)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="eventwire-load-") as folder:
        db = args.db
        built = None
        if db is None:
            db = Path(folder) / "demo.db"
            built = build_demo_store(db)
        corpus = None
        if args.ingest_articles:
            corpus = Path(folder) / "ingest.jsonl"
            make_corpus(corpus, args.ingest_articles)
        articles, events = store_counts(db)
        result = run_load(db, rate=args.rate, seconds=args.seconds, corpus=corpus,
                          ingest_events=args.ingest_events, connections=args.connections,
                          serve_args=tuple(args.serve_arg), warmup=args.warmup)
    result = {"store_articles_at_start": articles, "store_events_at_start": events,
              **({"demo_store_build_s": round(built, 1)} if built is not None else {}), **result}
    for key, value in result.items():
        print(f"{key}: {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

"""End-to-end ingest throughput, against the bare spaCy parse of the same text, with 1 and 2 workers.

    python bench/throughput.py [--articles 1000] [--big 10000] [--shared ../shared] [--json OUT]

On a corpus from bench/make_corpus.py (seeded) this measures, each in its own process so no run
inherits another's caches or memory:

- the floor: bare `nlp.pipe` of the extracted article texts (same model, batch size 16);
- `ingest` end to end (read, extract, near-duplicate check, parse, time, places, actors, events, write
  to a fresh SQLite store) in-process (1 worker), with a local pool of 2 workers, and on a Dask
  LocalCluster of 2 workers; the time excludes starting workers and loading models (reported apart);
- peak resident memory of each worker process and of the coordinator;
- the wall time of `eventwire ingest --workers 2` on `--big` articles (startup included).

Ratios (end-to-end / floor, 2 workers / 1 worker) are the figures to compare across machines. The
floor and the 1-worker run are measured in alternation `--repeat` times: each pair gives a ratio, and the
median of those is reported with the spread, since other load on the machine moves single runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BATCH = 16


def _words(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)


def measure_floor(corpus: Path) -> dict:
    """Bare nlp.pipe over the texts ingest would parse (extracted first, outside the timing)."""
    from eventwire.nlp import load_pipeline
    from eventwire.pipeline import iter_articles
    from eventwire.records import Article

    texts = [a.text for a in iter_articles([str(corpus)], max_input_bytes=1 << 40) if isinstance(a, Article)]
    nlp = load_pipeline()
    cpu_before = _cpu_seconds()[0]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH):
        pass
    seconds = time.perf_counter() - started
    return {"articles": len(texts), "words": _words(texts), "seconds": seconds,
            "cpu_seconds": _cpu_seconds()[0] - cpu_before}


def measure_ingest(corpus: Path, engine_name: str, workers: int) -> dict:
    from eventwire.engines import CoderSpec, open_engine
    from eventwire.engines.base import peak_rss_bytes
    from eventwire.pipeline import ingest
    from eventwire.store import Store

    started = time.perf_counter()
    engine = open_engine(engine_name, spec=CoderSpec(), workers=workers)
    cpu_before = _cpu_seconds()
    startup = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "bench.db") as store, engine:
        started = time.perf_counter()
        tally = ingest([str(corpus)], store, on_error=lambda error: None, engine=engine, batch_size=BATCH,
                       max_input_bytes=1 << 40)
        seconds = time.perf_counter() - started
        coordinator_cpu = _cpu_seconds()[0] - cpu_before[0]
        coding_cpu = engine.worker_cpu_seconds
        workers_rss = dict(engine.peak_rss_by_worker)
    # Worker processes are reaped once the engine is closed, so their CPU time shows up in RUSAGE_CHILDREN
    # (it includes model loading, which happens before the timed part: subtracted via the 1-worker case).
    children_cpu = _cpu_seconds()[1] - cpu_before[1]
    return {
        "coordinator_cpu_seconds": coordinator_cpu, "coding_cpu_seconds": coding_cpu,
        "worker_process_cpu_seconds": children_cpu,
        "engine": engine.describe(), "startup_seconds": startup, "seconds": seconds,
        "articles": tally.documents, "stored": tally.new + tally.near_duplicate, "events": tally.events,
        "coordinator_peak_rss": peak_rss_bytes(), "worker_peak_rss": workers_rss,
    }


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process, and of its reaped child processes."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _in_subprocess(*args: str, sources: Path | None = None) -> dict:
    """One measurement in a fresh process; `sources`: another checkout's src/ to import eventwire from."""
    environment = None
    if sources is not None:
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(sources), *filter(None, [os.environ.get("PYTHONPATH")])])}
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True,
                         cwd=ROOT, env=environment).stdout
    return json.loads(out.strip().splitlines()[-1])


def _make_corpus(path: Path, articles: int, shared: Path | None, seed: int) -> None:
    command = [sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(path), "--articles", str(articles),
               "--seed", str(seed)]
    if shared is not None:
        command += ["--shared", str(shared)]
    subprocess.run(command, check=True, cwd=ROOT)


def _mb(value: float) -> float:
    return round(value / 2**20, 1)


def _load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--big", type=int, default=10_000, help="articles of the timed big run (0: skip)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="floor / 1-worker pairs measured in turn")
    parser.add_argument("--one-worker-only", action="store_true",
                        help="skip the 2-worker and Dask runs (the floor / 1-worker ratio alone)")
    parser.add_argument("--baseline", type=Path,
                        help="the src/ folder of another checkout (e.g. `git archive` of an earlier"
                             " commit): its 1-worker ingest is measured in each pair too, between the floor"
                             " and this one's, so before and after meet the same load")
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)  # child mode: measure the floor
    parser.add_argument("--ingest", nargs=3, metavar=("CORPUS", "ENGINE", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.floor:
        print(json.dumps(measure_floor(args.floor)))
        return
    if args.ingest:
        corpus, engine_name, workers = args.ingest
        print(json.dumps(measure_ingest(Path(corpus), engine_name, int(workers))))
        return

    shared = args.shared if args.shared and args.shared.is_dir() else None
    load_before = _load_average()
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        _make_corpus(corpus, args.articles, shared, args.seed)
        pairs, baseline_ratios, baseline_runs = [], [], []
        for repeat in range(max(1, args.repeat)):
            floor_run = _in_subprocess("--floor", str(corpus))
            # With a baseline, the two ingests take turns going first (a load that rises or falls through
            # the run then favours neither).
            current_first = bool(repeat % 2)
            if current_first:
                pairs.append((floor_run, _in_subprocess("--ingest", str(corpus), "local", "1")))
            if args.baseline:
                baseline_runs.append(_in_subprocess("--ingest", str(corpus), "local", "1",
                                                    sources=args.baseline))
                baseline_ratios.append(floor_run["seconds"] / baseline_runs[-1]["seconds"])
            if not current_first:
                pairs.append((floor_run, _in_subprocess("--ingest", str(corpus), "local", "1")))
        pair_ratios = sorted(floor["seconds"] / one["seconds"] for floor, one in pairs)
        # The same ratio in CPU time (in-process, the 1-worker run's CPU is all of ingest): other load on
        # the machine stretches wall time far more than CPU time.
        cpu_ratios = sorted(floor["cpu_seconds"] / one["coordinator_cpu_seconds"] for floor, one in pairs)
        floor, one_worker = sorted(pairs, key=lambda pair: pair[0]["seconds"] / pair[1]["seconds"])[
            (len(pairs) - 1) // 2]  # the pair with the median ratio
        runs = {"1 worker": one_worker}
        for name, engine_name in (("2 workers", "local"), ("dask 2 workers", "dask")):
            if not args.one_worker_only:
                runs[name] = _in_subprocess("--ingest", str(corpus), engine_name, "2")
        big_seconds = None
        if args.big:
            big = Path(folder) / "big.jsonl"
            _make_corpus(big, args.big, shared, args.seed + 1)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "eventwire.cli", "ingest", str(big), "--db",
                            str(Path(folder) / "big.db"), "--workers", "2", "--no-progress",
                            "--max-input-mb", "100000"], check=True, cwd=ROOT, capture_output=True)
            big_seconds = time.perf_counter() - started

    floor_rate = floor["articles"] / floor["seconds"]
    result: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average_before": load_before, "load_average_after": _load_average(),
        "corpus_articles": floor["articles"], "corpus_words": floor["words"],
        "bare_nlp_pipe_articles_per_s": round(floor_rate, 2),
        "bare_nlp_pipe_words_per_s": round(floor["words"] / floor["seconds"]),
        "1_worker_ratio_each_pair": ", ".join(f"{ratio:.3f}" for ratio in pair_ratios),
        "1_worker_cpu_ratio_each_pair": ", ".join(f"{ratio:.3f}" for ratio in cpu_ratios),
        "1_worker_cpu_ratio_median": round(cpu_ratios[(len(cpu_ratios) - 1) // 2], 3),
    }
    if baseline_runs:
        # The same pairs' floors against the baseline checkout's ingest, measured between them.
        result["baseline_sources"] = str(args.baseline)
        result["baseline_1_worker_ratio_each_pair"] = ", ".join(f"{ratio:.3f}" for ratio in baseline_ratios)
        result["baseline_1_worker_ratio_median"] = round(
            sorted(baseline_ratios)[(len(baseline_ratios) - 1) // 2], 3)
        result["1_worker_ratio_each_pair_in_run_order"] = ", ".join(
            f"{floor_run['seconds'] / one['seconds']:.3f}" for floor_run, one in pairs)
        # CPU time: a load that changes between the two ingests of a pair moves their clock times apart.
        baseline_cpu = [floor_run["cpu_seconds"] / run["coordinator_cpu_seconds"]
                        for (floor_run, _), run in zip(pairs, baseline_runs, strict=True)]
        result["baseline_1_worker_cpu_ratio_each_pair"] = ", ".join(f"{ratio:.3f}" for ratio in baseline_cpu)
        result["baseline_1_worker_cpu_ratio_median"] = round(
            sorted(baseline_cpu)[(len(baseline_cpu) - 1) // 2], 3)
        result["1_worker_cpu_ratio_each_pair_in_run_order"] = ", ".join(
            f"{floor_run['cpu_seconds'] / one['coordinator_cpu_seconds']:.3f}" for floor_run, one in pairs)
        result["baseline_1_worker_peak_mb"] = max(_mb(peak) for run in baseline_runs
                                                  for peak in run["worker_peak_rss"].values())
        result["baseline_runs"] = baseline_runs
        result["baseline_1_worker_events"] = baseline_runs[0]["events"]
    for name, run in runs.items():
        rate = run["articles"] / run["seconds"]
        key = name.replace(" ", "_")
        result[f"{key}_articles_per_s"] = round(rate, 2)
        result[f"{key}_words_per_s"] = round(floor["words"] / run["seconds"])  # the same input words
        result[f"{key}_ratio_to_bare_nlp_pipe"] = round(rate / floor_rate, 3)
        result[f"{key}_startup_s"] = round(run["startup_seconds"], 1)
        peaks = [_mb(value) for value in run["worker_peak_rss"].values()]
        result[f"{key}_peak_mb_per_worker"] = max(peaks, default=0)
        result[f"{key}_coordinator_peak_mb"] = _mb(run["coordinator_peak_rss"])
        result[f"{key}_events"] = run["events"]
    # CPU time moves far less than wall time when other work shares the machine. From the CPU the workers
    # spent coding and the coordinator's own, the speed-up 2 workers would reach on 2 otherwise idle
    # cores: 1 worker takes its CPU time; 2 workers take the larger of half the total CPU and the
    # coordinator's share (each process runs on one core at a time).
    articles = floor["articles"]
    for name, run in runs.items():
        key = name.replace(" ", "_")
        coordinator_ms = 1000 * run["coordinator_cpu_seconds"] / articles  # in-process: includes coding
        result[f"{key}_coordinator_cpu_ms_per_article"] = round(coordinator_ms, 1)
        result[f"{key}_coding_cpu_ms_per_article"] = round(1000 * run["coding_cpu_seconds"] / articles, 1)
    one_core = runs["1 worker"]["coordinator_cpu_seconds"]
    for name in [name for name in ("2 workers", "dask 2 workers") if name in runs]:
        coordinator, coding = runs[name]["coordinator_cpu_seconds"], runs[name]["coding_cpu_seconds"]
        two_cores = max((coordinator + coding) / 2, coordinator)
        result[f"speed_up_{name.replace(' ', '_')}_on_2_idle_cores_estimate"] = round(one_core / two_cores, 3)
    one = runs["1 worker"]["seconds"]
    if not args.one_worker_only:
        result["speed_up_2_workers_vs_1"] = round(one / runs["2 workers"]["seconds"], 3)
        result["speed_up_dask_2_workers_vs_1"] = round(one / runs["dask 2 workers"]["seconds"], 3)
    result["same_events_every_engine"] = len({run["events"] for run in runs.values()}) == 1
    if big_seconds is not None:
        result[f"ingest_{args.big}_articles_2_workers_wall_s"] = round(big_seconds, 1)
    result["runs"] = runs
    for key, value in result.items():
        if not isinstance(value, dict):
            print(f"{key:>44}: {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

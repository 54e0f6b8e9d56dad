"""Actor resolution speed: phrases per second, with no spaCy involved.

    python bench/actors.py [--cases eval/actors/cases.jsonl] [--rounds 50] [--json OUT]

Resolves every phrase of the actor test set (each at its date) `rounds` times in one process and reports
phrases per second of wall time and of process CPU time (the two differ when other work shares the
machine), the time to load the knowledge base, and the one-off time the sector generaliser takes to read
the word vectors and train (on first use, not at load). The aim of issue 5 is at least 20,000 phrases/s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

from eventwire.actors import ActorResolver


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=Path, default=Path("eval/actors/cases.jsonl"))
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    cases = [json.loads(line) for line in args.cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    phrases = [(case["text"], dt.date.fromisoformat(case["date"]) if case.get("date") else None)
               for case in cases]

    started_wall, started_cpu = time.perf_counter(), time.process_time()
    resolver = ActorResolver.load()
    load_wall, load_cpu = time.perf_counter() - started_wall, time.process_time() - started_cpu
    # The sector generaliser reads the word vectors and trains on the first unknown head noun (not at
    # load): timed apart here so that neither the load nor the phrases/s figure hides it.
    started_wall = time.perf_counter()
    if resolver.guesser is not None:
        resolver.guesser.prepare()
    generaliser_wall = time.perf_counter() - started_wall

    started_wall, started_cpu = time.perf_counter(), time.process_time()
    for _ in range(args.rounds):
        for text, when in phrases:
            resolver.resolve(text, when)
    wall, cpu = time.perf_counter() - started_wall, time.process_time() - started_cpu
    resolved = len(phrases) * args.rounds

    result = {
        "people": len(resolver.kb.people),
        "phrases": resolved,
        "phrases_per_s_wall": round(resolved / wall),
        "phrases_per_s_cpu": round(resolved / cpu),
        "load_seconds_wall": round(load_wall, 3),
        "load_seconds_cpu": round(load_cpu, 3),
        "generaliser_prepare_seconds_wall": round(generaliser_wall, 3),
    }
    for key, value in result.items():
        print(f"{key:>20}: {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

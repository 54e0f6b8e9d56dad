"""Event coding speed as a ratio to the bare spaCy parse of the same text (one run, one machine).

    python bench/coding.py [--corpus data/sample] [--min-sentences 1500] [--json OUT]

Measures, on the same documents in one process: bare `nlp.pipe` (the floor cost of any parse-based
coder), parse + code (what `eventwire code` does: parse, time expressions, places, actors, events), and
coding alone on documents already parsed. Reports sentences/s and the ratios; the aim of issue 4 is a
coding overhead of at most 25% of the parse.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import time
from pathlib import Path

from spacy.language import Language

from eventwire.events import EventCoder
from eventwire.pipeline import iter_articles
from eventwire.records import Article


def load_texts(corpus: Path, min_sentences: int, nlp: Language) -> list[Article]:
    articles = [a for a in iter_articles([str(corpus)]) if isinstance(a, Article)]
    if not articles:
        raise SystemExit(f"no articles in {corpus}")
    sentences_per_round = sum(len(list(doc.sents)) for doc in nlp.pipe(a.text for a in articles))
    rounds = max(1, -(-min_sentences // sentences_per_round))
    return articles * rounds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=Path("data/sample"))
    parser.add_argument("--min-sentences", type=int, default=1500)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    coder = EventCoder.load()
    nlp = coder.nlp
    articles = load_texts(args.corpus, args.min_sentences, nlp)
    texts = [a.text for a in articles]

    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse_seconds = time.perf_counter() - started
    sentences = sum(len(list(doc.sents)) for doc in docs)
    words = sum(len(doc) for doc in docs)

    # Time and place alone (issue 6: together at most 15% of the parse).
    from eventwire.temporal import find_timexes

    started = time.perf_counter()
    for doc, article in zip(docs, articles, strict=True):
        find_timexes(doc.text, dt.date.fromisoformat((article.meta.published or "2020-01-01")[:10]))
    timex_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for doc in docs:
        coder.geoparser.geoparse_doc(doc)
    places_seconds = time.perf_counter() - started

    started = time.perf_counter()
    events = sum(len(coder.code_doc(doc, published=a.meta.published, article_id=a.id))
                 for doc, a in zip(docs, articles, strict=True))
    code_seconds = time.perf_counter() - started

    started = time.perf_counter()
    for _ in coder.code_articles(articles):
        pass
    end_to_end_seconds = time.perf_counter() - started

    result = {
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "documents": len(articles), "sentences": sentences, "tokens": words, "events": events,
        "parse_sentences_per_s": round(sentences / parse_seconds, 1),
        "code_only_sentences_per_s": round(sentences / code_seconds, 1),
        "parse_and_code_sentences_per_s": round(sentences / end_to_end_seconds, 1),
        "coding_overhead_vs_parse": round(code_seconds / parse_seconds, 3),
        "time_and_place_overhead_vs_parse": round((timex_seconds + places_seconds) / parse_seconds, 3),
        "timex_overhead_vs_parse": round(timex_seconds / parse_seconds, 3),
        "places_overhead_vs_parse": round(places_seconds / parse_seconds, 3),
        "parse_and_code_throughput_ratio": round(parse_seconds / end_to_end_seconds, 3),
    }
    for key, value in result.items():
        print(f"{key:>34}: {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
